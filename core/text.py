"""Text normalisation shared by search and short-answer grading.

Arabic is written with optional short vowels (tashkeel), an elongation
character (tatweel) and several interchangeable letter forms; people type
them inconsistently, so comparison and search must fold them.
"""

import re
import unicodedata

# Harakat, tanween, shadda, sukun, superscript alef and Quranic marks.
_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
_TATWEEL = "\u0640"
_ALEF_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"})
_LETTER_VARIANTS = str.maketrans({"ى": "ي", "ئ": "ي", "ة": "ه", "ؤ": "و"})
_SPACES = re.compile(r"\s+")


def normalize_arabic(text: str, *, letter_variants: bool = False) -> str:
    """Remove tashkeel and tatweel and fold the alef variants.

    With ``letter_variants`` also fold alef maqsura/yaa, taa marbuta/haa and
    the hamza seats: people type these inconsistently too, so search and
    short-answer matching both use it.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_DIACRITICS.sub("", text).replace(_TATWEEL, "")
    text = text.translate(_ALEF_VARIANTS)
    if letter_variants:
        text = text.translate(_LETTER_VARIANTS)
    return text


def strip_latin_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not ("\u0300" <= ch <= "\u036f"))


def normalize_for_matching(text: str, *, ignore_accents: bool = True) -> str:
    """The canonical form two answers are compared in."""
    text = normalize_arabic(text, letter_variants=True)
    if ignore_accents:
        text = strip_latin_accents(text)
    text = text.casefold()
    return _SPACES.sub(" ", text).strip()


def normalize_for_search(text: str) -> str:
    """The form both the search index and the query are reduced to."""
    text = normalize_arabic(text, letter_variants=True)
    return _SPACES.sub(" ", text).strip()


# Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹) digits, and the Arabic
# decimal and thousands separators, as typed on Arabic phone keyboards.
_DIGITS = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}, "٫": ".", "٬": ""}
)


def fold_digits(text: str) -> str:
    """Western digits for Arabic-Indic ones, so « ٣٫٥ » reads as « 3.5 »."""
    return text.translate(_DIGITS)
