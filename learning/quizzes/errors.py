"""Errors a trainee or trainer can meet; each carries a translated message
that views show as is."""

from django.utils.translation import gettext_lazy as _


class QuizError(Exception):
    default_message = _("This action is not possible.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class QuizNotAvailable(QuizError):
    default_message = _("This quiz is not open.")


class NoAttemptsLeft(QuizError):
    default_message = _("You have used all the attempts allowed for this quiz.")


class QuizMisconfigured(QuizError):
    default_message = _("This quiz cannot start: its questions are not set up correctly. Please tell your trainer.")


class AttemptClosed(QuizError):
    default_message = _("This attempt is closed: answers can no longer change.")


class AttemptTimeUp(AttemptClosed):
    default_message = _("The time is up: your attempt was submitted with the answers saved before the time limit.")


class AnswerRejected(QuizError):
    default_message = _("This answer is not valid.")


class GradingRejected(QuizError):
    default_message = _("These scores are not valid.")
