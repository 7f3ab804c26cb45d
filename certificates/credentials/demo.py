"""Demo set-up for credentials (seed_demo calls ``load``): a signing key for
`make run`, written into the git-ignored credential-keys/ folder.

Only the development default location is ever created here; anywhere else
the key is the operator's business (`manage.py credential_keys`).
"""

from django.conf import settings

from .keys import SigningKeyUnavailable, configured_key_path, configured_private_key, public_multikey
from .models import SigningKey
from .services.keys import signing_key_generate, signing_key_register

DEV_KEYS_DIR = settings.BASE_DIR / "credential-keys"


def load(result) -> None:
    path = configured_key_path()
    if path is None:
        if not (getattr(settings, "CREDENTIAL_SIGNING_KEY", "") or "").strip():
            result.notes.append("Credentials: no CREDENTIAL_SIGNING_KEY configured; credentials will not be signed.")
        return
    if not path.exists():
        if path.resolve().parent != DEV_KEYS_DIR.resolve() or SigningKey.objects.filter(state=SigningKey.State.ACTIVE).exists():
            result.notes.append(f"Credentials: the key file {path} does not exist; see `manage.py credential_keys`.")
            return
        key = signing_key_generate(path=path)
        result.track(created=True)
        result.notes.append(f"Credentials: demo signing key {key.key_id} written to {path}.")
        return
    try:
        private_key = configured_private_key()
    except SigningKeyUnavailable as error:
        result.notes.append(f"Credentials: {error}")
        return
    # A key file kept from an earlier database (e.g. db.sqlite3 was deleted).
    if not SigningKey.objects.filter(public_key_multibase=public_multikey(private_key)).exists():
        if SigningKey.objects.filter(state=SigningKey.State.ACTIVE).exists():
            result.notes.append("Credentials: the key in CREDENTIAL_SIGNING_KEY is not the active key.")
            return
        signing_key_register(private_key=private_key)
        result.track(created=True)
