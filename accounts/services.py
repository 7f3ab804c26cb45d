"""Changes to accounts. Views, forms and adapters call these."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from .models import User
from .roles import Role


def user_language_set(*, user: User, language: str) -> None:
    supported = {code for code, _name in settings.LANGUAGES}
    if language not in supported or user.preferred_language == language:
        return
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def user_role_add(*, user: User, role: Role) -> None:
    group = Group.objects.get(name=role.value)
    user.groups.add(group)
    if hasattr(user, "_jisr_roles"):
        del user._jisr_roles


@transaction.atomic
def user_signup_complete(*, user: User) -> None:
    """Everyone who signs up on the site starts as a trainee."""
    user_role_add(user=user, role=Role.TRAINEE)


def user_email_confirmed(*, user: User) -> None:
    from .tasks import welcome_email_send_task

    transaction.on_commit(lambda: welcome_email_send_task.delay(user.pk))
