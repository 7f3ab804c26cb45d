from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail import hooks

from .models import Association


class AssociationViewSet(ModelViewSet):
    model = Association
    icon = "group"
    menu_label = _("Associations")
    menu_order = 610
    add_to_settings_menu = True
    list_display = ["name_ar", "name_fr", "region", "city", "is_active"]
    list_filter = ["region", "is_active"]
    search_fields = ["name_ar", "name_fr", "city"]
    panels = [
        FieldPanel("name_ar"),
        FieldPanel("name_fr"),
        FieldPanel("region"),
        FieldPanel("city"),
        FieldPanel("is_active"),
    ]


@hooks.register("register_admin_viewset")
def register_association_viewset():
    return AssociationViewSet("associations")
