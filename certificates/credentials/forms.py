from django import forms
from django.utils.translation import gettext_lazy as _

from .verification import MAX_INPUT_BYTES


class CredentialCheckForm(forms.Form):
    """A credential to check: pasted, or uploaded as a file."""

    credential = forms.CharField(
        label=_("Paste the credential (JSON or JWT)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "ltr", "spellcheck": "false", "autocomplete": "off"}),
    )
    file = forms.FileField(label=_("…or choose the file (credential.json)"), required=False)

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("credential") or "").strip()
        upload = cleaned.get("file")
        if bool(text) == bool(upload):
            raise forms.ValidationError(_("Paste a credential or choose a file (one of the two)."), code="one_input")
        if upload is not None:
            if upload.size > MAX_INPUT_BYTES:
                raise forms.ValidationError(_("The file is too large: a credential is at most 256 KB."), code="too_large")
            cleaned["raw"] = upload.read()
        else:
            cleaned["raw"] = text
        return cleaned
