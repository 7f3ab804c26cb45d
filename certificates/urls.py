"""Pages people read, under the language prefix (/certificates/…, /fr/certificates/…)."""

from django.urls import path

from . import converters  # noqa: F401  (registers <public_id:…>)
from .views import cohorts, holder, officer, registry, rules

app_name = "certificates"

urlpatterns = [
    path("registry/", registry.registry, name="registry"),
    path("registry/export.csv", registry.registry_export, name="registry_export"),
    path("mine/", holder.my_certificates, name="mine"),
    path("<public_id:public_id>/certificate.pdf", holder.certificate_pdf, name="pdf"),
    path("<public_id:public_id>/registry/", holder.registry_choice, name="registry_choice"),
    path("<public_id:public_id>/renew/", holder.renew, name="renew"),
    path("manage/", officer.certificate_list, name="officer_list"),
    path("manage/audit/", officer.audit_log, name="audit_log"),
    path("manage/rules/", rules.rules_list, name="rules_list"),
    path("manage/rules/<int:course_id>/", rules.rules_edit, name="rules_edit"),
    path("cohorts/", cohorts.cohort_list, name="cohort_list"),
    path("cohorts/<int:cohort_id>/", cohorts.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:cohort_id>/issue/", cohorts.cohort_issue, name="cohort_issue"),
    path("cohorts/<int:cohort_id>/sign-off/<int:trainee_id>/", cohorts.cohort_sign_off, name="cohort_sign_off"),
    path("manage/audit/export.csv", officer.audit_log_export, name="audit_log_export"),
    path("manage/<public_id:public_id>/", officer.certificate_detail, name="officer_detail"),
    *[
        path(f"manage/<public_id:public_id>/{action}/", officer.certificate_action, {"action": action}, name=f"officer_{action}")
        for action in officer.ACTIONS
    ],
]
