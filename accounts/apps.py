from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")
    default = True


class WagtailUsersConfig(WagtailUsersAppConfig):
    # Wagtail's user admin, with forms that know our extra profile fields.
    user_viewset = "accounts.viewsets.UserViewSet"
