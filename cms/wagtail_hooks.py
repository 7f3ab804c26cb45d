"""The cms app's admin screens: "Lesson translations" under Reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def cms_admin_urls():
    return [path("cms/translations/", admin_views.translation_status, name="cms_translation_status")]


@hooks.register("register_reports_menu_item")
def translation_status_menu_item():
    return MenuItem(_("Lesson translations"), reverse("cms_translation_status"), icon_name="site", order=900)
