"""The ministry's Ed25519 private key: read from CREDENTIAL_SIGNING_KEY (a
file path, or the PEM itself), never stored in the database, never logged.

Error messages name the setting, never its value: the value may be the key.
"""

import os
import secrets
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .multibase import public_key_to_multikey

PEM_MARKER = "-----BEGIN"


class SigningKeyUnavailable(Exception):
    """No usable private key is configured. The message is safe to show."""


def private_key_from_setting(value: str | None) -> Ed25519PrivateKey:
    value = (value or "").strip()
    if not value:
        raise SigningKeyUnavailable(_("No signing key is configured (set CREDENTIAL_SIGNING_KEY)."))
    if value.startswith(PEM_MARKER):
        pem = value.encode("utf-8")
    else:
        path = Path(value).expanduser()
        try:
            pem = path.read_bytes()
        except OSError:
            raise SigningKeyUnavailable(
                _("The file named by CREDENTIAL_SIGNING_KEY cannot be read.")
            ) from None
    try:
        key = load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        # `from None`: the parser's message could quote key material.
        raise SigningKeyUnavailable(_("CREDENTIAL_SIGNING_KEY does not hold a PEM private key.")) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyUnavailable(_("CREDENTIAL_SIGNING_KEY must be an Ed25519 key."))
    return key


def configured_private_key() -> Ed25519PrivateKey:
    return private_key_from_setting(getattr(settings, "CREDENTIAL_SIGNING_KEY", ""))


def configured_key_path() -> Path | None:
    """The key file's path when the setting names a file (not an inline PEM)."""
    value = (getattr(settings, "CREDENTIAL_SIGNING_KEY", "") or "").strip()
    if not value or value.startswith(PEM_MARKER):
        return None
    return Path(value).expanduser()


def private_key_generate() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())


def private_key_stage(key: Ed25519PrivateKey, target: Path) -> Path:
    """Write the key (PEM, mode 0600) to a temporary file next to ``target``,
    to be moved into place with os.replace (atomic: readers see the old file
    or the new one, never half of it)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle, staged = tempfile.mkstemp(dir=target.parent, prefix=".staged-key-")
    try:
        os.fchmod(handle, 0o600)
        os.write(handle, private_key_pem(key))
        os.fsync(handle)
    finally:
        os.close(handle)
    return Path(staged)


def public_multikey(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public_key_to_multikey(public)


def public_raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id_new() -> str:
    """A readable, unique fragment for the verification method: key-YYYYMMDD-xxxxxx."""
    return f"key-{timezone.now():%Y%m%d}-{secrets.token_hex(3)}"
