"""The quiz block placed in lessons (cms.blocks.LessonStreamBlock's `quiz`)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class QuizBlock(blocks.StructBlock):
    quiz = SnippetChooserBlock("quizzes.Quiz", label=_("Quiz"))
    required = blocks.BooleanBlock(
        label=_("Required to complete the lesson"), required=False, default=True,
        help_text=_("The lesson is complete only once the trainee passes this quiz."),
    )

    class Meta:
        icon = "tasks"
        label = _("Quiz")
        template = "quizzes/blocks/quiz_block.html"

    def get_context(self, value, parent_context=None):
        from .presenters import quiz_block_context

        context = super().get_context(value, parent_context=parent_context)
        context.update(quiz_block_context(value, parent_context or {}))
        return context
