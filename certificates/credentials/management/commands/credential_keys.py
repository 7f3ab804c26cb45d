"""Manage the keys that sign credentials.

    manage.py credential_keys list
    manage.py credential_keys generate [--out PATH]
    manage.py credential_keys register
    manage.py credential_keys rotate [--out PATH]
    manage.py credential_keys compromise KEY_ID

Private keys are written to files (mode 0600) and never printed, logged or
stored in the database; point CREDENTIAL_SIGNING_KEY at the file.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone

from ...issuer import issuer_did, verification_method_id
from ...keys import SigningKeyUnavailable, configured_key_path, configured_private_key, public_multikey
from ...models import IssuedCredential, SigningKey
from ...selectors import signing_keys_all
from ...services.keys import (
    SigningKeyError,
    signing_key_compromise,
    signing_key_generate,
    signing_key_register,
    signing_key_rotate,
)


class Command(BaseCommand):
    help = "List, generate, register, rotate or mark compromised the keys that sign credentials."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("list", help="Show every key, its state and which one CREDENTIAL_SIGNING_KEY holds.")
        generate = actions.add_parser("generate", help="Create the first key (there must be no active key).")
        generate.add_argument("--out", help="Where to write the private key (default: the CREDENTIAL_SIGNING_KEY file).")
        actions.add_parser("register", help="Register the public half of the key in CREDENTIAL_SIGNING_KEY as the active key.")
        rotate = actions.add_parser("rotate", help="Create a new active key; the previous one is retired but keeps verifying.")
        rotate.add_argument("--out", help="Where to write the new private key (default: replace the CREDENTIAL_SIGNING_KEY file).")
        compromise = actions.add_parser("compromise", help="Mark a key compromised: what it signed is no longer trusted.")
        compromise.add_argument("key_id")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"do_{action}")(**options)
        except (SigningKeyError, SigningKeyUnavailable) as error:
            raise CommandError(str(error)) from None

    def _target(self, out: str | None) -> Path:
        if out:
            return Path(out).expanduser()
        path = configured_key_path()
        if path is None:
            raise CommandError(
                "CREDENTIAL_SIGNING_KEY is not a file path: give --out PATH, then point CREDENTIAL_SIGNING_KEY at it."
            )
        return path

    def do_list(self, **options):
        try:
            configured = public_multikey(configured_private_key())
        except SigningKeyUnavailable as error:
            configured = None
            self.stdout.write(self.style.WARNING(f"CREDENTIAL_SIGNING_KEY: {error}"))
        keys = signing_keys_all()
        if not keys:
            self.stdout.write("No signing key yet: run `credential_keys generate`.")
        signed_by = dict(
            IssuedCredential.objects.values("signing_key").order_by().annotate(n=Count("id")).values_list("signing_key", "n")
        )
        self.stdout.write(f"Issuer: {issuer_did()}")
        for key in keys:
            marker = "  <- CREDENTIAL_SIGNING_KEY" if key.public_key_multibase == configured else ""
            signed = signed_by.get(key.pk, 0)
            self.stdout.write(
                f"{key.key_id:<24} {key.state:<12} created {timezone.localtime(key.created_at):%Y-%m-%d}"
                f"  signed {signed:>6}  {key.public_key_multibase}{marker}"
            )
        if configured and configured not in {key.public_key_multibase for key in keys}:
            self.stdout.write(self.style.WARNING("The key in CREDENTIAL_SIGNING_KEY is not registered: run `credential_keys register`."))

    def do_generate(self, out=None, **options):
        path = self._target(out)
        key = signing_key_generate(path=path)
        self.stdout.write(self.style.SUCCESS(f"Key {key.key_id} created and active ({verification_method_id(key.key_id)})."))
        self.stdout.write(f"Private key written to {path} (mode 0600). Keep it out of backups you do not control.")

    def do_register(self, **options):
        key = signing_key_register(private_key=configured_private_key())
        self.stdout.write(self.style.SUCCESS(f"Key {key.key_id} registered and active ({verification_method_id(key.key_id)})."))

    def do_rotate(self, out=None, **options):
        path = self._target(out)
        key, previous = signing_key_rotate(path=path)
        self.stdout.write(self.style.SUCCESS(f"Key {key.key_id} is now active; private key written to {path}."))
        if previous is not None:
            self.stdout.write(f"Key {previous.key_id} is retired: credentials it signed keep verifying.")
        if out:
            self.stdout.write(f"Point CREDENTIAL_SIGNING_KEY at {path} and restart the web and worker processes.")

    def do_compromise(self, key_id, **options):
        key = signing_key_compromise(key_id=key_id)
        affected = IssuedCredential.objects.filter(signing_key=key).count()
        self.stdout.write(self.style.WARNING(f"Key {key.key_id} marked compromised: {affected} credential(s) it signed are no longer trusted."))
        if not SigningKey.objects.filter(state=SigningKey.State.ACTIVE).exists():
            self.stdout.write("There is no active key now: run `credential_keys rotate` to sign again.")
