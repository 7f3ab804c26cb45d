from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from .regions import Region


class Association(models.Model):
    """A partner association (جمعية) that runs a mediation centre or parenting
    programme and nominates trainees."""

    name_ar = models.CharField(_("name (Arabic)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255)
    region = models.CharField(_("region"), max_length=3, choices=Region.choices, db_index=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name_fr"]
        constraints = [
            models.UniqueConstraint(fields=["name_fr", "region"], name="association_unique_name_region"),
        ]

    def __str__(self):
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        language = language or get_language() or settings.LANGUAGE_CODE
        return self.name_ar if language.startswith("ar") else self.name_fr


class UserManager(DjangoUserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user_object(self, email, password, **extra_fields):
        email = self.normalize_email(email)
        user = self.model(email=email, **extra_fields)
        user.password = ""
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        return user

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self._create_user_object(email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person using the platform. Names are kept in both scripts because
    certificates and the public registry print both."""

    username = None
    first_name = models.CharField(_("given name (Latin script)"), max_length=150, blank=True)
    last_name = models.CharField(_("family name (Latin script)"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name_ar = models.CharField(_("full name (Arabic script)"), max_length=255, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    region = models.CharField(_("region"), max_length=3, choices=Region.choices, blank=True, db_index=True)
    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    welcome_email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.display_name or self.email

    @property
    def full_name_latin(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def display_name(self) -> str:
        """The name in the script of the active language, falling back to
        the other script."""
        from django.utils.translation import get_language

        arabic_first = (get_language() or "ar").startswith("ar")
        names = [self.full_name_ar, self.full_name_latin]
        if not arabic_first:
            names.reverse()
        return next((name for name in names if name), "")

    def get_full_name(self):
        return self.display_name or self.email

    def get_short_name(self):
        return self.first_name or self.full_name_ar or self.email
