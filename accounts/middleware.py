from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language_from_path

from .roles import user_is_staff_member


class StaffMFARequiredMiddleware:
    """Where STAFF_MFA_REQUIRED is on, a trainer, ministry officer or
    administrator without a second factor can do nothing but enrol one
    (or log out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_enrol(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_enrol(self, request) -> bool:
        if not getattr(settings, "STAFF_MFA_REQUIRED", False):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user_is_staff_member(user):
            return False
        if self._is_exempt(request.path_info):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    @staticmethod
    def _is_exempt(path: str) -> bool:
        language = get_language_from_path(path)
        bare = path[len(language) + 1 :] if language else path
        exempt = (
            reverse("mfa_index"),
            reverse("account_logout"),
            reverse("account_reauthenticate"),
            "/accounts/2fa/",
            "/i18n/",
            "/healthz",
            settings.STATIC_URL,
            settings.MEDIA_URL,
        )
        return any(bare.startswith(prefix) or path.startswith(prefix) for prefix in exempt)
