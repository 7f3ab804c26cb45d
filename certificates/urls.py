"""Pages people read, under the language prefix (/certificates/…, /fr/certificates/…)."""

from django.urls import path

from . import converters  # noqa: F401  (registers <public_id:…>)
from .views import holder, officer, registry

app_name = "certificates"

urlpatterns = [
    path("registry/", registry.registry, name="registry"),
    path("registry/export.csv", registry.registry_export, name="registry_export"),
    path("mine/", holder.my_certificates, name="mine"),
    path("<public_id:public_id>/certificate.pdf", holder.certificate_pdf, name="pdf"),
    path("<public_id:public_id>/registry/", holder.registry_choice, name="registry_choice"),
    path("manage/", officer.certificate_list, name="officer_list"),
    path("manage/audit/", officer.audit_log, name="audit_log"),
    path("manage/audit/export.csv", officer.audit_log_export, name="audit_log_export"),
    path("manage/<public_id:public_id>/", officer.certificate_detail, name="officer_detail"),
    *[
        path(f"manage/<public_id:public_id>/{action}/", officer.certificate_action, {"action": action}, name=f"officer_{action}")
        for action in officer.ACTIONS
    ],
]
