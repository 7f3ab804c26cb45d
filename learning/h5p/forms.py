"""Admin forms: the package is validated while the form is cleaned, so a
rejected package is an ordinary form error and nothing is stored."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import H5PActivity
from .validation import PackageRejected, package_inspect


class H5PActivityCreateForm(WagtailAdminModelForm):
    package = forms.FileField(
        label=_("H5P package"),
        help_text=_("An .h5p file exported from h5p.com, Lumi or Moodle, with its libraries."),
        widget=forms.FileInput(attrs={"accept": ".h5p"}),
    )
    package_info = None

    class Meta:
        model = H5PActivity
        fields = ["title"]

    def clean_package(self):
        package = self.cleaned_data.get("package")
        if package:
            try:
                self.package_info = package_inspect(package, size=package.size)
            except PackageRejected as error:
                raise forms.ValidationError(error.message, code="rejected") from None
        return package


class H5PActivityEditForm(WagtailAdminModelForm):
    class Meta:
        model = H5PActivity
        fields = ["title"]
