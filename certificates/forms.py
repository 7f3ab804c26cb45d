from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.regions import Region

from .models import CertificationRule, RevocationReason
from .services.issuance import ReissueKind
from .services.rules import RULE_FIELDS


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("The code printed under the QR code, e.g. 7K3QD-M9XWA-4. Dashes and case do not matter."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "dir": "ltr"}),
    )


class RegistrySearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices])
    programme = forms.TypedChoiceField(label=_("Programme"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All programmes")), *programmes]


class _ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept in the audit log with your name and the date."),
    )


class SuspendForm(_ReasonForm):
    pass


class LiftForm(_ReasonForm):
    pass


class RevokeForm(_ReasonForm):
    public_reason = forms.ChoiceField(
        label=_("Reason shown to the public"), choices=RevocationReason.choices, initial=RevocationReason.MISCONDUCT
    )
    confirm = forms.BooleanField(label=_("I understand that a revoked certificate can never be valid again."))


class ReissueForm(_ReasonForm):
    kind = forms.ChoiceField(
        label=_("Kind of re-issue"),
        choices=[
            (ReissueKind.CORRECTION, _("Correction (same validity; names and titles read again)")),
            (ReissueKind.RENEWAL, _("Renewal (a new period of validity under the current rules)")),
        ],
        initial=ReissueKind.CORRECTION,
    )


class RegistryChoiceForm(forms.Form):
    public = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1")


class RuleForm(forms.ModelForm):
    """The next version of a course's rules: the fields of the rule, and for
    each of the course's quizzes whether it is required and the lowest score."""

    class Meta:
        model = CertificationRule
        fields = list(RULE_FIELDS)
        widgets = {"criteria_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl"}), "criteria_fr": forms.Textarea(attrs={"rows": 3, "dir": "ltr"})}

    def __init__(self, *args, quizzes=(), required=None, **kwargs):
        super().__init__(*args, **kwargs)
        required = required or {}
        self.quizzes = list(quizzes)
        for quiz in self.quizzes:
            self.fields[f"quiz_{quiz.pk}"] = forms.BooleanField(
                label=_("Require “%(quiz)s”") % {"quiz": quiz.title}, required=False, initial=quiz.pk in required
            )
            self.fields[f"quiz_{quiz.pk}_min"] = forms.DecimalField(
                label=_("Minimum score for “%(quiz)s” (%%)") % {"quiz": quiz.title},
                min_value=0,
                max_value=100,
                decimal_places=2,
                initial=required.get(quiz.pk, quiz.pass_mark_percent),
            )

    def quiz_fields(self):
        return [(self[f"quiz_{quiz.pk}"], self[f"quiz_{quiz.pk}_min"]) for quiz in self.quizzes]

    def rule_fields(self):
        return [self[name] for name in RULE_FIELDS]

    def required_quizzes(self):
        return [(quiz, self.cleaned_data[f"quiz_{quiz.pk}_min"]) for quiz in self.quizzes if self.cleaned_data.get(f"quiz_{quiz.pk}")]

    def rule_values(self):
        return {name: self.cleaned_data[name] for name in RULE_FIELDS}


class SignOffForm(forms.Form):
    trainee = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=2000, widget=forms.TextInput)
