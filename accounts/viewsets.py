from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import Association
from .regions import Region

PROFILE_FIELDS = ["full_name_ar", "preferred_language", "region", "association"]


class _ProfileFields(forms.Form):
    full_name_ar = forms.CharField(label=_("Full name in Arabic script"), max_length=255, required=False)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    region = forms.ChoiceField(label=_("Region"), choices=[("", "—")] + list(Region.choices), required=False)
    association = forms.ModelChoiceField(
        label=_("Association"), queryset=Association.objects.filter(is_active=True), required=False
    )


class JisrUserCreationForm(UserCreationForm):
    full_name_ar = _ProfileFields.base_fields["full_name_ar"]
    preferred_language = _ProfileFields.base_fields["preferred_language"]
    region = _ProfileFields.base_fields["region"]
    association = _ProfileFields.base_fields["association"]

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PROFILE_FIELDS)


class JisrUserEditForm(UserEditForm):
    full_name_ar = _ProfileFields.base_fields["full_name_ar"]
    preferred_language = _ProfileFields.base_fields["preferred_language"]
    region = _ProfileFields.base_fields["region"]
    association = _ProfileFields.base_fields["association"]

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PROFILE_FIELDS)


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return JisrUserEditForm if for_update else JisrUserCreationForm
