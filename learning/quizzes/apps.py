from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "learning.quizzes"
    label = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from learning.requirements import register_requirement_provider

        from .requirements import quiz_requirements

        register_requirement_provider(quiz_requirements)
