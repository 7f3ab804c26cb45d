"""Forms of the learning pages. They validate input; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from cms.models import CoursePage

from .models import Cohort, invitation_code_normalize


class JoinCohortForm(forms.Form):
    code = forms.CharField(
        label=_("Invitation code"),
        max_length=32,
        help_text=_("The code your trainer gave you, e.g. ABCD-2345."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_code(self):
        code = invitation_code_normalize(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("Type the invitation code."))
        return code
