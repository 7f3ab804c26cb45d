"""The platform's roles. Each role is a Django group created by a data
migration; this module is the one place that names them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # The value is the group's name in the database: never translate it.
    TRAINEE = "Trainee", _("Trainee")
    TRAINER = "Trainer", _("Trainer")
    ASSOCIATION_COORDINATOR = "Association coordinator", _("Association coordinator")
    MINISTRY_OFFICER = "Ministry officer", _("Ministry officer")


# Roles that author content or act for the ministry: they reach the Wagtail
# admin and must use a second factor where STAFF_MFA_REQUIRED is on.
STAFF_ROLES = frozenset({Role.TRAINER, Role.MINISTRY_OFFICER})


def user_roles(user) -> frozenset[str]:
    """The user's roles, cached on the instance for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_jisr_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._jisr_roles = cached
    return cached


def user_has_role(user, role: Role) -> bool:
    return role.value in user_roles(user)


def user_is_staff_member(user) -> bool:
    """Trainers, ministry officers and administrators."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return bool(user_roles(user) & {r.value for r in STAFF_ROLES})
