"""Every string a person reads exists in Arabic and French."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(p for p in ROOT.glob("**/locale/*/LC_MESSAGES/django.po") if ".venv" not in p.parts and "node_modules" not in p.parts)
IGNORE = shutil.ignore_patterns(".venv", "node_modules", "test-artifacts", "media", "private-media", "staticfiles", ".git", "*.mo", "__pycache__", "*.sqlite3")


def test_there_are_catalogues_for_both_languages():
    languages = {path.parent.parent.name for path in CATALOGUES}
    assert languages == {"ar", "fr"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete(path):
    po = polib.pofile(str(path))

    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]

    assert not untranslated, f"untranslated in {path}: {untranslated}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy}"
    assert po.metadata.get("Language") == path.parent.parent.name
    assert "nplurals" in po.metadata.get("Plural-Forms", "")


def test_catalogues_hold_every_string_in_the_code(tmp_path):
    """Extract the strings again (as `make messages` does) and compare."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=IGNORE)
    subprocess.run(
        ["make", "--no-print-directory", "messages", f"BIN={Path(sys.executable).parent}", f"DEPS_STAMP={sys.executable}"],
        cwd=copy, check=True, capture_output=True, text=True, timeout=300,
    )
    missing = {}
    for fresh_path in sorted(copy.glob("**/locale/*/LC_MESSAGES/django.po")):
        committed_path = ROOT / fresh_path.relative_to(copy)
        fresh = {e.msgid for e in polib.pofile(str(fresh_path)) if not e.obsolete}
        committed = {e.msgid for e in polib.pofile(str(committed_path)) if not e.obsolete} if committed_path.exists() else set()
        if fresh - committed:
            missing[str(committed_path.relative_to(ROOT))] = sorted(fresh - committed)
    assert not missing, f"run `make messages` and translate: {missing}"
