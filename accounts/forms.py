from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .regions import Region


class SignupForm(AllauthSignupForm):
    full_name_ar = forms.CharField(
        label=_("Full name in Arabic script"),
        max_length=255,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar", "autocomplete": "name"}),
    )
    first_name = forms.CharField(
        label=_("Given name in Latin script"),
        max_length=150,
        widget=forms.TextInput(attrs={"dir": "ltr", "lang": "fr", "autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Family name in Latin script"),
        max_length=150,
        widget=forms.TextInput(attrs={"dir": "ltr", "lang": "fr", "autocomplete": "family-name"}),
    )
    region = forms.ChoiceField(label=_("Region"), choices=[("", "—")] + list(Region.choices))
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)

    field_order = [
        "email",
        "full_name_ar",
        "first_name",
        "last_name",
        "region",
        "preferred_language",
        "password1",
        "password2",
    ]

    def clean_full_name_ar(self):
        value = " ".join(self.cleaned_data["full_name_ar"].split())
        if not any("\u0600" <= ch <= "\u06ff" for ch in value):
            raise forms.ValidationError(_("Write your name in Arabic letters."))
        return value
