from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "certificates.credentials"
    label = "credentials"
    verbose_name = _("Verifiable credentials")

    def ready(self):
        from learning.panels import register_my_learning_panel

        from . import receivers  # noqa: F401  (connects the signal receivers)
        from .panels import my_credentials_panel

        register_my_learning_panel(my_credentials_panel)
