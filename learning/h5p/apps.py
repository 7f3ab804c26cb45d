from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class H5PConfig(AppConfig):
    name = "learning.h5p"
    label = "h5p"
    verbose_name = _("H5P activities")

    def ready(self):
        from learning.requirements import register_requirement_provider

        from .selectors import h5p_requirements

        register_requirement_provider(h5p_requirements)
