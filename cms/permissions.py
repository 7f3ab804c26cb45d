"""Who may author which content — decided here and nowhere else in cms.

Each programme (and the animator's guide) is an *authoring section* with its
own group, "Programme authors: <code>" ("Guide authors" for the guide). The
group may add, edit, lock and unlock pages in that section, in every
language (the section page's translations get the same permissions), but
never publish: a change goes live only once a ministry officer approves it
in the "Ministry review" workflow (migration 0004). Ministry officers may
edit and publish everything.

``section_authors_sync(*, section)`` makes the group and its permissions
(idempotent; called when a section page or a translation of it is created).
``section_author_add(*, section, user)`` / ``section_author_remove`` put a
trainer in or out of it. ``may_edit_page`` / ``may_publish_page`` are the
yes/no questions, answered by Wagtail's page permissions.
"""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Page

from accounts.roles import Role, user_has_role

from .models import GuidePage, ProgrammePage

AUTHOR_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page", "unlock_page")
SECTION_TYPES = (ProgrammePage, GuidePage)


class NotATrainer(PermissionDenied):
    pass


def section_group_name(section) -> str:
    section = section.specific
    if isinstance(section, ProgrammePage):
        return f"Programme authors: {section.code}"
    if isinstance(section, GuidePage):
        return "Guide authors"
    raise TypeError(f"{type(section).__name__} is not an authoring section")


def section_for_page(page) -> Page | None:
    """The programme or guide a page belongs to (itself included)."""
    return next(
        (
            ancestor.specific
            for ancestor in Page.objects.ancestor_of(page, inclusive=True).filter(depth__gte=3).order_by("depth")
            if issubclass(ancestor.specific_class, SECTION_TYPES)
        ),
        None,
    )


@transaction.atomic
def section_authors_sync(*, section) -> Group:
    """The section's authors group, with its page permissions on the section
    page and every translation of it."""
    group, _created = Group.objects.get_or_create(name=section_group_name(section))
    permissions = list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=AUTHOR_PAGE_PERMISSIONS))
    for page in Page.objects.filter(translation_key=section.translation_key):
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    return group


def section_author_add(*, section, user) -> Group:
    if not user_has_role(user, Role.TRAINER):
        raise NotATrainer(_("Only trainers can author a programme's pages."))
    group = section_authors_sync(section=section)
    user.groups.add(group)
    return group


def section_author_remove(*, section, user) -> None:
    group = Group.objects.filter(name=section_group_name(section)).first()
    if group is not None:
        user.groups.remove(group)


def may_edit_page(user, page) -> bool:
    return page.permissions_for_user(user).can_edit()


def may_publish_page(user, page) -> bool:
    return page.permissions_for_user(user).can_publish()
