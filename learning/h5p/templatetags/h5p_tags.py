from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from learning.permissions import lesson_access

from ..models import ActivityStatus
from ..permissions import may_play, ticket_make
from ..player import content_origin, player_installed

register = template.Library()


@dataclass
class Player:
    notice: str = ""
    frame_url: str = ""
    state_url: str = ""
    xapi_url: str = ""
    lesson_id: int | None = None
    recorded: bool = False


@register.simple_tag(takes_context=True)
def h5p_player(context, value) -> Player:
    """What the block shows: the player frame, or a notice saying why not."""
    request = context.get("request")
    page = context.get("page")
    activity = value.get("activity") if value else None
    if activity is None:
        return Player(notice=_("This activity is no longer available."))
    if request is None or page is None or not hasattr(page, "canonical_page"):
        return Player(notice=_("Open the lesson to do this activity."))
    user = request.user
    if not user.is_authenticated:
        return Player(notice=_("Log in to do this activity."))
    if activity.status == ActivityStatus.PROCESSING:
        return Player(notice=_("This activity is being prepared. Reload the page in a moment."))
    if activity.status == ActivityStatus.FAILED:
        return Player(notice=_("This activity could not be prepared. Please tell your trainer."))
    if not player_installed():
        return Player(notice=_("The H5P player is not installed on this server, so this activity cannot be shown."))
    if not may_play(user, page, activity.pk, request=request):
        return Player(notice=_("Enrol in the course to do this activity."))
    access = lesson_access(user, page, request=request)
    lesson_id = access.lesson_id
    ticket = ticket_make(activity_id=activity.pk, lesson_id=lesson_id, user_id=user.pk)
    frame_path = reverse("h5p:frame", args=[ticket])
    return Player(
        frame_url=f"{content_origin()}{frame_path}?lang={get_language()}",
        state_url=reverse("h5p:state", args=[activity.pk]),
        xapi_url=reverse("h5p:xapi", args=[activity.pk]),
        lesson_id=lesson_id,
        recorded=access.enrollment is not None and access.locked_by is None,
    )
