"""The "My digital credentials" panel on the trainee's "My learning" page
(registered in AppConfig.ready through learning.panels)."""

from django.conf import settings
from django.template.loader import render_to_string

from .selectors import credentials_of_holder


def my_credentials_panel(request) -> str:
    """The holder's signed credentials, to download (one query; nothing when
    the holder has none)."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return ""
    credentials = credentials_of_holder(user)
    if not credentials:
        return ""
    return render_to_string("credentials/includes/my_credentials.html", {"credentials": credentials, "site_url": settings.SITE_URL}, request=request)
