"""The "Import questions" form of the admin: a course the user may author,
a Moodle XML or GIFT file (checked for type, size and encoding before it is
parsed), its format, the category to import into and the file's language."""

from pathlib import PurePath

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .permissions import bank_import_courses
from .services.bank import BANK_FILE_MAX_BYTES, FORMATS

AUTOMATIC = ""


class BankImportForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=None, empty_label=_("Choose a course"),
        error_messages={"required": _("Choose the course whose bank receives the questions.")},
    )
    file = forms.FileField(
        label=_("File"),
        error_messages={"required": _("Choose the file to import."), "empty": _("The file is empty.")},
    )
    file_format = forms.ChoiceField(
        label=_("Format"), required=False,
        choices=[(AUTOMATIC, _("Automatic (from the file's extension)")), ("xml", _("Moodle XML")), ("gift", _("GIFT"))],
    )
    category = forms.CharField(
        label=_("Category"), required=False, max_length=200,
        help_text=_("The category the questions go into (the file's own categories become its sub-categories). By default, the file's name."),
    )
    language = forms.ChoiceField(
        label=_("Language of the file"), choices=[("ar", _("Arabic")), ("fr", _("French"))],
        help_text=_("French texts are also copied into the Arabic fields until they are translated."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = bank_import_courses(user)
        self.fields["file"].help_text = _("A Moodle XML file (.xml) or a GIFT file (.gift or .txt, UTF-8), up to %(size)s.") % {
            "size": filesizeformat(BANK_FILE_MAX_BYTES)
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = PurePath(upload.name).suffix.lower().lstrip(".")
        if suffix not in FORMATS:
            raise forms.ValidationError(_("Only .xml, .gift and .txt files can be imported."))
        if upload.size > BANK_FILE_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(BANK_FILE_MAX_BYTES)}
            )
        content = upload.read()
        if not content.strip():
            raise forms.ValidationError(_("The file is empty."))
        if suffix != "xml" and self.data.get("file_format") != "xml":
            try:
                content.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("The file is not UTF-8 text: save it as UTF-8 (Unicode) and try again.")) from None
        self.content = content
        return upload

    def category_name(self) -> str:
        return self.cleaned_data["category"].strip() or PurePath(self.cleaned_data["file"].name).stem[:200]
