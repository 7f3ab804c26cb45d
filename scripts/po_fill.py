"""Fill message catalogues from a Python mapping (a developer tool).

    python scripts/po_fill.py TRANSLATIONS.py

TRANSLATIONS.py defines ``AR`` and ``FR``: dicts from msgid to msgstr, or to
a list of plural forms (Arabic has 6, French 2). Every .po file of the
project is updated: matching entries are filled and un-fuzzied, headers are
completed. Entries already translated are left alone unless --force.
"""

import argparse
import runpy
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
HEADERS = {
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5;",
    "fr": "nplurals=2; plural=(n > 1);",
}


def catalogues():
    for path in sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django.po")):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        yield path.parent.parent.name, path


def fill(path: Path, language: str, mapping: dict, force: bool = False) -> int:
    po = polib.pofile(str(path))
    po.metadata.update(
        {
            "Language": language,
            "Content-Type": "text/plain; charset=UTF-8",
            "Plural-Forms": HEADERS[language],
            "Project-Id-Version": "jisr-academy",
        }
    )
    po.header = "Jisr Academy message catalogue."
    po.metadata_is_fuzzy = False
    changed = 0
    for entry in po:
        if entry.obsolete or entry.msgid not in mapping:
            continue
        if entry.translated() and not force:
            continue
        value = mapping[entry.msgid]
        if entry.msgid_plural:
            forms = value if isinstance(value, list) else [value]
            entry.msgstr_plural = {i: form for i, form in enumerate(forms)}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        changed += 1
    po.save(str(path))
    return changed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("translations")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    data = runpy.run_path(args.translations)
    for language, path in catalogues():
        mapping = data.get(language.upper(), {})
        count = fill(path, language, mapping, force=args.force)
        po = polib.pofile(str(path))
        missing = [e.msgid for e in po.untranslated_entries()] + [e.msgid for e in po.fuzzy_entries()]
        print(f"{path.relative_to(ROOT)}: {count} filled, {len(missing)} missing")
        for msgid in missing:
            print(f"    missing: {msgid!r}")


if __name__ == "__main__":
    main()
