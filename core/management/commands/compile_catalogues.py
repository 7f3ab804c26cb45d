import os
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile every .po message catalogue of the project into .mo files. "
        "Pure Python (polib), so it works without GNU gettext installed."
    )

    def handle(self, *args, **options):
        base = Path(settings.BASE_DIR)
        count = 0
        for po_path in sorted(base.glob("**/locale/*/LC_MESSAGES/*.po")):
            if any(part in {".venv", "node_modules"} for part in po_path.parts):
                continue
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            # Write then rename: test processes compile at the same time, and
            # one must never read a half-written catalogue.
            partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}")
            polib.pofile(str(po_path)).save_as_mofile(str(partial))
            os.replace(partial, mo_path)
            count += 1
        if options["verbosity"]:
            self.stdout.write(f"Compiled {count} catalogue(s).")
