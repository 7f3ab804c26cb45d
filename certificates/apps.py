from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from learning.panels import register_my_learning_panel

        from . import receivers  # noqa: F401  (connects the signal receivers)
        from .panels import my_certificates_panel

        register_my_learning_panel(my_certificates_panel)
