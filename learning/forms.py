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


def trainer_queryset():
    return User.objects.filter(groups__name=Role.TRAINER.value, is_active=True).order_by("email").distinct()


class TrainerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} <{obj.email}>" if obj.display_name else obj.email


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class CohortForm(forms.Form):
    """Create or edit a cohort. The course cannot change once trainees may
    have joined (an existing cohort's form has no course field)."""

    course = CourseChoiceField(label=_("Course"), queryset=CoursePage.objects.none())
    name_ar = forms.CharField(label=_("Name (Arabic)"), max_length=200)
    name_fr = forms.CharField(label=_("Name (French)"), max_length=200, required=False)
    region = forms.ChoiceField(label=_("Region"), choices=Cohort._meta.get_field("region").choices)
    trainers = TrainerChoiceField(
        label=_("Trainers"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=10000)
    invitation_expires_on = forms.DateField(
        label=_("Invitation valid until"),
        required=False,
        help_text=_("Last day the invitation code works. Empty: until the cohort ends."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, cohort: Cohort | None = None, **kwargs):
        if cohort is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{name: getattr(cohort, name) for name in (
                        "name_ar", "name_fr", "region", "starts_on", "ends_on", "capacity", "invitation_expires_on"
                    )},
                    "trainers": list(cohort.trainers.all()),
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = trainer_queryset()
        if cohort is not None:
            del self.fields["course"]
        else:
            from django.conf import settings

            self.fields["course"].queryset = CoursePage.objects.live().filter(
                locale__language_code=settings.LANGUAGE_CODE
            ).order_by("path")

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The cohort cannot end before it starts."))
        return cleaned

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("course", None)
        data.pop("trainers", None)
        return data


class GridFilterForm(forms.Form):
    """Filters of the trainer's grid (GET: reading only)."""

    STATUS_CHOICES = [
        ("", _("Everyone")),
        ("not_started", _("Not started")),
        ("in_progress", _("In progress")),
        ("completed", _("Completed")),
        ("inactive", _("Inactive")),
    ]
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    days = forms.IntegerField(
        label=_("Inactive for at least (days)"), min_value=1, max_value=365, required=False
    )


class NominationForm(forms.Form):
    trainee = forms.ModelChoiceField(label=_("Member of your association"), queryset=User.objects.none())
    note = forms.CharField(label=_("Note for the trainer"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, association_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = User.objects.filter(association_id=association_id, is_active=True).order_by(
            "full_name_ar", "email"
        )
        self.fields["trainee"].label_from_instance = lambda user: f"{user.display_name or user.email} <{user.email}>"
