"""H5P activities in the Wagtail admin (a snippet: upload, list, edit the title)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from .forms import H5PActivityCreateForm, H5PActivityEditForm
from .models import H5PActivity
from .services import activity_create


class H5PActivityCreateView(CreateView):
    def save_instance(self):
        # The form already validated the package; the service stores it and
        # schedules its extraction.
        instance = activity_create(
            title=self.form.cleaned_data["title"],
            package=self.form.cleaned_data["package"],
            uploaded_by=self.request.user,
            info=self.form.package_info,
        )
        log(instance=instance, action="wagtail.create", user=self.request.user)
        return instance


class H5PActivityViewSet(SnippetViewSet):
    model = H5PActivity
    icon = "media"
    menu_label = _("H5P activities")
    menu_order = 310
    add_to_admin_menu = True
    add_view_class = H5PActivityCreateView
    list_display = ["title", "main_library", "size", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "main_library"]
    # "package" is a form field of the create form only (see forms.py).
    panels = [FieldPanel("title"), FieldPanel("package")]

    def get_form_class(self, for_update=False):
        return H5PActivityEditForm if for_update else H5PActivityCreateForm


register_snippet(H5PActivityViewSet)
