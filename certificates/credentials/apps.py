from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "certificates.credentials"
    label = "credentials"
    verbose_name = _("Verifiable credentials")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the signal receivers)
