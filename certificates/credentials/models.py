"""Signing keys (public half only), Bitstring Status Lists and the signed
credentials issued for certificates."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The W3C Bitstring Status List minimum (16 KiB), for group privacy: a
# verifier fetching the list learns nothing about which credential it checks.
STATUS_LIST_SIZE = 131_072


class SigningKey(models.Model):
    """An Ed25519 key the ministry signs credentials with.

    Only the public key is stored: the private key is read from the
    CREDENTIAL_SIGNING_KEY setting when signing and never written here.
    """

    class State(models.TextChoices):
        ACTIVE = "active", _("active")
        RETIRED = "retired", _("retired")
        COMPROMISED = "compromised", _("compromised")

    key_id = models.SlugField(_("key id"), max_length=64, unique=True)
    public_key_multibase = models.CharField(_("public key (multibase)"), max_length=64, unique=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.ACTIVE, db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    compromised_at = models.DateTimeField(_("marked compromised"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["state"], condition=Q(state="active"), name="credentials_one_active_signing_key"
            ),
        ]

    def __str__(self):
        return f"{self.key_id} ({self.get_state_display()})"

    @property
    def is_trusted(self) -> bool:
        return self.state != self.State.COMPROMISED


class StatusList(models.Model):
    """One Bitstring Status List: list ``number`` for one purpose.

    Bit i is the status of the credential holding index i; index 0 is the
    most significant bit of the first byte. ``published`` is the signed
    BitstringStatusListCredential served at /status/<number>/<purpose>; it is
    regenerated whenever ``version`` moves past ``published_version``.
    """

    class Purpose(models.TextChoices):
        REVOCATION = "revocation", _("revocation")
        SUSPENSION = "suspension", _("suspension")

    number = models.PositiveIntegerField(_("list number"))
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    size = models.PositiveIntegerField(_("entries"), default=STATUS_LIST_SIZE)
    bits = models.BinaryField(_("bitstring"))
    version = models.PositiveIntegerField(default=1)
    published = models.JSONField(null=True, blank=True, editable=False)
    published_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("status list")
        verbose_name_plural = _("status lists")
        ordering = ["number", "purpose"]
        constraints = [
            models.UniqueConstraint(fields=["number", "purpose"], name="credentials_status_list_unique"),
            models.CheckConstraint(condition=Q(size__gte=STATUS_LIST_SIZE), name="credentials_status_list_min_size"),
        ]

    def __str__(self):
        return f"{self.number}/{self.purpose}"

    @property
    def is_published_current(self) -> bool:
        return self.published is not None and self.published_version == self.version


class IssuedCredential(models.Model):
    """The signed OpenBadgeCredential of one certificate.

    Its status-list slot (list number and random index) is used in both the
    revocation and the suspension list of that number, and never reused.
    """

    # The certificate it states (empty only for credentials signed from bare
    # facts, as the cryptography tests do).
    certificate = models.OneToOneField(
        "certificates.Certificate",
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credential",
    )
    credential_uuid = models.UUIDField(_("credential id"), unique=True, editable=False)
    # Pseudonymous subject id: not derived from anything about the person.
    subject_uuid = models.UUIDField(_("subject id"), unique=True, editable=False)
    status_list_number = models.PositiveIntegerField(_("status list"))
    status_index = models.PositiveIntegerField(_("status list index"))
    signing_key = models.ForeignKey(
        SigningKey, verbose_name=_("signing key"), on_delete=models.PROTECT, related_name="credentials"
    )
    document = models.JSONField(_("signed credential"))
    jwt = models.TextField(_("signed credential (VC-JOSE)"))
    facts_digest = models.CharField(max_length=64, editable=False)
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)

    class Meta:
        verbose_name = _("issued credential")
        verbose_name_plural = _("issued credentials")
        ordering = ["-signed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["status_list_number", "status_index"], name="credentials_status_slot_unique"
            ),
            models.CheckConstraint(condition=Q(status_index__lt=STATUS_LIST_SIZE), name="credentials_status_index_in_list"),
        ]

    def __str__(self):
        return f"urn:uuid:{self.credential_uuid}"
