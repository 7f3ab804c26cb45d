"""Signing-key lifecycle: generate, register, rotate, mark compromised.

The database keeps public keys and their state; private keys live only in
files (or the CREDENTIAL_SIGNING_KEY environment variable).
"""

import logging
import os
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..keys import (
    SigningKeyUnavailable,
    configured_private_key,
    key_id_new,
    private_key_generate,
    private_key_stage,
    public_multikey,
)
from ..models import SigningKey

logger = logging.getLogger(__name__)


class SigningKeyError(Exception):
    """A key operation that cannot be done as asked. The message is safe to show."""


def signing_key_register(*, private_key, state: str = SigningKey.State.ACTIVE) -> SigningKey:
    """Record the public half of ``private_key``."""
    multikey = public_multikey(private_key)
    try:
        with transaction.atomic():
            if SigningKey.objects.filter(public_key_multibase=multikey).exists():
                raise SigningKeyError(_("This key is already registered."))
            if state == SigningKey.State.ACTIVE and SigningKey.objects.filter(state=SigningKey.State.ACTIVE).exists():
                raise SigningKeyError(_("An active key already exists: rotate it instead."))
            key = SigningKey.objects.create(key_id=key_id_new(), public_key_multibase=multikey, state=state)
    except IntegrityError:
        raise SigningKeyError(_("An active key already exists: rotate it instead.")) from None
    logger.info("Signing key %s registered (%s).", key.key_id, key.state)
    return key


def signing_key_generate(*, path: Path, replace: bool = False) -> SigningKey:
    """A first key: written to ``path`` and registered as the active key."""
    path = Path(path)
    if path.exists() and not replace:
        raise SigningKeyError(_("The key file already exists; it was left untouched."))
    private_key = private_key_generate()
    staged = private_key_stage(private_key, path)
    try:
        key = signing_key_register(private_key=private_key)
    except Exception:
        staged.unlink(missing_ok=True)
        raise
    os.replace(staged, path)
    return key


def signing_key_rotate(*, path: Path) -> tuple[SigningKey, SigningKey | None]:
    """A new active key written to ``path`` (replacing the file there, which
    is usually the one CREDENTIAL_SIGNING_KEY names). The previous active key
    is retired: it signs nothing more but stays in the DID document, so
    credentials it signed keep verifying."""
    from .status import status_lists_republish_all

    path = Path(path)
    private_key = private_key_generate()
    staged = private_key_stage(private_key, path)
    try:
        with transaction.atomic():
            previous = SigningKey.objects.select_for_update().filter(state=SigningKey.State.ACTIVE).first()
            if previous is not None:
                previous.state = SigningKey.State.RETIRED
                previous.retired_at = timezone.now()
                previous.save(update_fields=["state", "retired_at"])
            key = SigningKey.objects.create(
                key_id=key_id_new(), public_key_multibase=public_multikey(private_key), state=SigningKey.State.ACTIVE
            )
            # Move the file into place only if the transaction commits.
            transaction.on_commit(lambda: os.replace(staged, path))
            # Lists signed by a compromised key must be signed again, and so
            # must the credentials it signed (same ids, by the new key).
            transaction.on_commit(status_lists_republish_all)
            transaction.on_commit(_credentials_resign)
    except Exception:
        staged.unlink(missing_ok=True)
        raise
    logger.info("Signing key rotated: %s is active, %s retired.", key.key_id, previous.key_id if previous else "none")
    return key, previous


def _credentials_resign() -> None:
    from ..tasks import credentials_sign_missing_task

    credentials_sign_missing_task.delay()


def signing_key_compromise(*, key_id: str) -> SigningKey:
    """Mark a key compromised: it leaves the DID document and JWKS, and every
    credential it signed reports as untrusted. If it was the active key,
    nothing can be signed until the next rotation."""
    with transaction.atomic():
        key = SigningKey.objects.select_for_update().filter(key_id=key_id).first()
        if key is None:
            raise SigningKeyError(_("No signing key has this id."))
        if key.state == SigningKey.State.COMPROMISED:
            return key
        key.state = SigningKey.State.COMPROMISED
        key.compromised_at = timezone.now()
        key.save(update_fields=["state", "compromised_at"])
    logger.warning("Signing key %s marked compromised.", key.key_id)
    return key


def signing_key_current() -> tuple[SigningKey, object]:
    """The configured private key and its registered, active public key."""
    private_key = configured_private_key()
    key = SigningKey.objects.filter(public_key_multibase=public_multikey(private_key)).first()
    if key is None:
        raise SigningKeyUnavailable(
            _("The key in CREDENTIAL_SIGNING_KEY is not registered: run `manage.py credential_keys register`.")
        )
    if key.state != SigningKey.State.ACTIVE:
        raise SigningKeyUnavailable(
            _("The key in CREDENTIAL_SIGNING_KEY is %(state)s: rotate the key and update the setting.")
            % {"state": key.get_state_display()}
        )
    return key, private_key
