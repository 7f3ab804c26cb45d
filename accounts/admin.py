from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Association, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name_ar", "first_name", "last_name", "region", "is_active"]
    list_filter = ["region", "is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "full_name_ar", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("full_name_ar", "first_name", "last_name", "preferred_language", "region", "association")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Association)
class AssociationAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "name_ar", "region", "is_active"]
    list_filter = ["region", "is_active"]
    search_fields = ["name_fr", "name_ar"]
