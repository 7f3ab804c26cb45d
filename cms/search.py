"""Search over the content, with the same normalisation on both sides.

Wagtail indexes each page's ``search_text`` (see ``JisrPage``): its title
and searchable fields, normalised by ``normalize`` below; the query goes
through the same function before it reaches the search backend (Wagtail's
database backend: SQLite FTS5 by default, PostgreSQL full text on
PostgreSQL). So a search ignores:

- Arabic short vowels and other marks (tashkeel: fatha, damma, kasra,
  tanwin, shadda, sukun, superscript alef, Quranic marks) and tatweel (ـ);
- the seat of the hamza: أ إ آ ٱ → ا, ؤ → و, ئ → ي (the hamza is written
  inconsistently, and people often type the bare letter);
- alif maqsura and ta marbuta at the end of a word: ى → ي, ة → ه;
- Arabic-Indic digits (٠–٩ → 0–9), letter case and Latin accents
  (« réfléchir » finds « reflechir »).
"""

import unicodedata

from django.utils.html import strip_tags
from wagtail.models import Locale, Page

_TABLE = str.maketrans(
    {
        "\u0640": None,  # tatweel
        "\u0671": "\u0627",  # alef wasla → alef
        "\u0649": "\u064a",  # alif maqsura → ya
        "\u0629": "\u0647",  # ta marbuta → ha
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
    }
)


def normalize(text: str) -> str:
    """Text as it is indexed and searched (see the module docstring)."""
    # NFD splits أ into ا + hamza above, é into e + acute: dropping the
    # combining marks (category Mn) removes tashkeel, hamza seats and accents.
    decomposed = unicodedata.normalize("NFD", text or "")
    bare = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return unicodedata.normalize("NFC", bare.translate(_TABLE)).casefold()


def searchable_text(page, field_names) -> str:
    """The normalised text of ``page``'s title and ``field_names`` (model
    fields, rich text and StreamFields included) for the search index."""
    parts = [page.title]
    for name in field_names:
        field = page._meta.get_field(name)
        value = field.value_from_object(page)
        if hasattr(field, "get_searchable_content"):
            parts.extend(str(part) for part in field.get_searchable_content(value))
        elif value:
            parts.append(str(value))
    return normalize(strip_tags(" ".join(parts)))


def search_pages(query: str, *, language_code: str):
    """Live, public pages in the language that match ``query`` (best first).
    The home page is left out; everything else people read is in."""
    from .models import HomePage

    query = normalize(query).strip()
    locale = Locale.objects.filter(language_code=language_code).first()
    if not query or locale is None:
        return Page.objects.none()
    pages = Page.objects.live().public().filter(locale=locale).not_type(HomePage)
    return pages.search(query, fields=None, operator="and")
