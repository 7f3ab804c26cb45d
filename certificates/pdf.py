"""The printed certificate: one A4 landscape page, Arabic and French side by
side, drawn with fpdf2 (Arabic shaped by HarfBuzz, Amiri font) and a QR code
drawn from segno's matrix as vector squares.

Speed: fpdf2 parses and subsets the embedded font on every document, and
fontTools decompiles the whole layout (GSUB/GPOS) tables of a big font such
as Amiri before dropping them from the subset. So, once per process (and
cached on disk between processes), we cut Amiri down to the characters a
certificate can carry (Arabic, Latin with accents, punctuation) and keep two
files with the same glyph order: one with layout tables for HarfBuzz to
shape with, one without them for fpdf2 to embed. That brings a page from
~250 ms to about 100 ms of one core (bench/certificates_pdf.py measures it
and holds it to 150 ms).
"""

import datetime
import hashlib
import io
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import fontpkg
import segno
from fpdf import FPDF
from fpdf.fonts import HarfBuzzFont

# fontTools reports every subsetting step at INFO, with whole glyph lists:
# at the platform's INFO level that floods the log and triples render time.
logging.getLogger("fontTools").setLevel(logging.WARNING)

# Bump when the layout changes, so every stored PDF is rebuilt once.
LAYOUT_VERSION = 1

_PRINT_RANGES = (
    (0x20, 0x7E),  # Basic Latin
    (0xA0, 0x17F),  # Latin-1 and Latin Extended-A (French and transliterated names)
    (0x60C, 0x60C),  # Arabic comma
    (0x61B, 0x61F),  # Arabic semicolon and question mark
    (0x621, 0x66D),  # Arabic letters, short vowels, Arabic-Indic digits
    (0x670, 0x6D3),  # extended letters (پ چ ڤ ڭ گ ی …) used in names
    (0x2010, 0x2027),  # dashes, quotes, ellipsis
    (0x200C, 0x200F),  # joiners and direction marks
    (0x2066, 0x2069),  # bidi isolates
)

# Bump when the font preparation changes, so cached files are made again.
_PREPARATION = 3

BRAND = (15, 92, 77)
ACCENT = (190, 140, 40)
INK = (29, 38, 35)
MUTED = (90, 103, 99)


@dataclass(frozen=True)
class FontFiles:
    shape: str  # with layout tables: HarfBuzz shapes with it
    embed: str  # same glyphs, no layout tables: fpdf2 embeds it


def _font_cache_dir() -> Path:
    folder = Path(os.environ.get("JISR_FONT_CACHE", Path(tempfile.gettempdir()) / "jisr-print-fonts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _prepare_font(source: Path) -> FontFiles:
    from fontTools import subset, ttLib

    stat = source.stat()
    key = hashlib.sha256(f"{source}:{stat.st_size}:{stat.st_mtime_ns}:{_PRINT_RANGES}:{_PREPARATION}".encode()).hexdigest()[:16]
    folder = _font_cache_dir()
    files = FontFiles(shape=str(folder / f"{source.stem}-{key}-shape.ttf"), embed=str(folder / f"{source.stem}-{key}-embed.ttf"))
    if Path(files.shape).exists() and Path(files.embed).exists():
        return files
    font = ttLib.TTFont(str(source))
    options = subset.Options()
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.name_IDs = ["*"]
    options.drop_tables += ["FFTM", "MATH"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[code for start, end in _PRINT_RANGES for code in range(start, end + 1)])
    subsetter.subset(font)
    # Store glyph names (post format 2): fpdf2 then reads them instead of
    # deriving them from the character map on every document.
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    _atomic_save(font, files.shape)
    for table in ("GSUB", "GPOS", "GDEF"):
        if table in font:
            del font[table]
    _atomic_save(font, files.embed)
    return files


def _atomic_save(font, path: str) -> None:
    # Several worker processes may prepare the same file at once.
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
    os.close(handle)
    font.save(temporary)
    os.replace(temporary, path)


@lru_cache(maxsize=1)
def print_fonts() -> dict[str, tuple[FontFiles, HarfBuzzFont]]:
    """Style ("" or "B") → prepared files and a HarfBuzz font to shape with."""
    import uharfbuzz

    folder = Path(fontpkg.path("Amiri")).parent
    fonts = {}
    for style, filename in (("", "Amiri-Regular.ttf"), ("B", "Amiri-Bold.ttf")):
        files = _prepare_font(folder / filename)
        shaper = HarfBuzzFont(uharfbuzz.Face(blob=uharfbuzz.Blob.from_file_path(files.shape)))
        fonts[style] = (files, shaper)
    return fonts


@dataclass(frozen=True)
class PrintedText:
    """Fixed wording in both languages (translated through the catalogues)."""

    kingdom: tuple[str, str]
    title: tuple[str, str]
    awarded_to: tuple[str, str]
    for_completing: tuple[str, str]
    programme: tuple[str, str]
    hours: tuple[str, str]
    licence: tuple[str, str]
    issued_on: tuple[str, str]
    valid_until: tuple[str, str]
    no_expiry: tuple[str, str]
    verify: tuple[str, str]
    code: tuple[str, str]


@dataclass(frozen=True)
class PdfFacts:
    """Everything printed on the page; its hash is the PDF's fingerprint."""

    holder_name_ar: str
    holder_name_latin: str
    course_title_ar: str
    course_title_fr: str
    programme_title_ar: str
    programme_title_fr: str
    hours: int
    licence_number: str
    issued_on: datetime.date
    expires_on: datetime.date | None
    short_code: str
    verification_url: str
    verify_hint_url: str
    issuer_name_ar: str
    issuer_name_fr: str
    signatory_name_ar: str
    signatory_name_fr: str
    signatory_title_ar: str
    signatory_title_fr: str
    logo: bytes | str  # image bytes, or a path to a local file (PNG/JPEG/SVG), or ""
    logo_hash: str
    signature: bytes | str
    signature_hash: str
    text: PrintedText

    def fingerprint(self) -> str:
        data = asdict(self)
        # The images count through their hashes.
        data.pop("logo")
        data.pop("signature")
        data["layout"] = LAYOUT_VERSION
        return hashlib.sha256(repr(sorted(data.items())).encode()).hexdigest()


def _date(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


class _Page:
    """Small drawing helpers over FPDF, in millimetres."""

    WIDTH, HEIGHT = 297, 210

    def __init__(self):
        pdf = FPDF(orientation="L", unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_margins(0, 0, 0)
        pdf.set_creator("Jisr Academy")
        pdf.add_page()
        for style, (files, shaper) in print_fonts().items():
            pdf.add_font("Amiri", style, files.embed)
            font = pdf.fonts["amiri" + style]
            font._hbfont = shaper  # shape with the full-layout twin
            # The subset keeps each glyph as it is: copying its bytes is enough,
            # recomputing every outline's bounding box is not needed.
            font.ttfont.recalcBBoxes = False
        pdf.set_text_shaping(True)
        self.pdf = pdf

    def text(self, x, y, w, h, value, *, size, bold=False, align="C", color=INK):
        if not value:
            return
        self.pdf.set_font("Amiri", "B" if bold else "", size)
        self.pdf.set_text_color(*color)
        self.pdf.set_xy(x, y)
        self.pdf.cell(w, h, value, align=align)

    def fitting_text(self, x, y, w, h, value, *, size, bold=False, align="C", color=INK, minimum=9):
        """The largest whole size, from ``size`` down to ``minimum``, at which
        a long name or title fits on one line (else ``minimum``).

        Measuring shapes the whole text, so instead of trying each size in
        turn: the width grows in proportion to the size, so one measurement
        gives the answer, and one or two more confirm it exactly."""
        self.pdf.set_font("Amiri", "B" if bold else "", size)
        width = self.pdf.get_string_width(value)
        if size > minimum and width > w:

            def fits(candidate):
                self.pdf.set_font_size(candidate)
                return self.pdf.get_string_width(value) <= w

            fitted = min(size - 1, max(minimum, int(size * w / width)))
            while fitted > minimum and not fits(fitted):
                fitted -= 1
            while fitted + 1 < size and fits(fitted + 1):
                fitted += 1
            size = fitted
        self.text(x, y, w, h, value, size=size, bold=bold, align=align, color=color)

    def frame(self):
        pdf = self.pdf
        pdf.set_draw_color(*BRAND)
        pdf.set_line_width(1.4)
        pdf.rect(8, 8, self.WIDTH - 16, self.HEIGHT - 16)
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(0.4)
        pdf.rect(11, 11, self.WIDTH - 22, self.HEIGHT - 22)

    def rule(self, x1, x2, y):
        self.pdf.set_draw_color(*ACCENT)
        self.pdf.set_line_width(0.3)
        self.pdf.line(x1, y, x2, y)

    def qr(self, data: str, x: float, y: float, size: float):
        """Vector QR code (error correction M) with its quiet zone left white."""
        matrix = segno.make(data, error="m", micro=False).matrix
        module = size / len(matrix)
        self.pdf.set_fill_color(0, 0, 0)
        for row_index, row in enumerate(matrix):
            start = None
            for col_index, dark in enumerate((*row, 0)):
                if dark and start is None:
                    start = col_index
                elif not dark and start is not None:
                    self.pdf.rect(x + start * module, y + row_index * module, (col_index - start) * module, module, style="F")
                    start = None

    def image(self, source: bytes | str, x, y, w, h):
        if source:
            source = io.BytesIO(source) if isinstance(source, bytes) else source
            self.pdf.image(source, x=x, y=y, w=w, h=h, keep_aspect_ratio=True)


def render_certificate_pdf(facts: PdfFacts) -> bytes:
    page = _Page()
    text = facts.text
    width = page.WIDTH
    right_x, left_x, half = width / 2 + 4, 22, width / 2 - 26  # Arabic column right, French left

    page.frame()
    page.pdf.set_title(f"{text.title[1]} — {facts.licence_number}")

    # Header: the kingdom and the issuing ministry, Arabic on the right, French on the left.
    page.text(right_x, 16, half, 6, text.kingdom[0], size=11, bold=True, align="R")
    page.text(right_x, 22, half, 6, facts.issuer_name_ar, size=10, align="R", color=MUTED)
    page.text(left_x, 16, half, 6, text.kingdom[1], size=10, bold=True, align="L")
    page.text(left_x, 22, half, 6, facts.issuer_name_fr, size=9, align="L", color=MUTED)
    page.image(facts.logo, width / 2 - 11, 15, 22, 22)

    # Title and holder.
    page.text(0, 40, width, 14, text.title[0], size=30, bold=True, color=BRAND)
    page.text(0, 53, width, 9, text.title[1], size=18, bold=True, color=BRAND)
    page.rule(width / 2 - 40, width / 2 + 40, 64)
    page.text(0, 67, width, 7, f"{text.awarded_to[0]}  ·  {text.awarded_to[1]}", size=12, color=MUTED)
    page.fitting_text(30, 75, width - 60, 14, facts.holder_name_ar, size=28, bold=True)
    page.fitting_text(30, 89, width - 60, 10, facts.holder_name_latin, size=20, bold=True)

    # What it certifies, each language in its own column.
    page.text(right_x, 103, half, 6, text.for_completing[0], size=11, align="R", color=MUTED)
    page.fitting_text(right_x, 109, half, 9, facts.course_title_ar, size=16, bold=True, align="R")
    page.fitting_text(right_x, 118, half, 7, f"{text.programme[0]}: {facts.programme_title_ar}", size=12, align="R")
    page.text(right_x, 125, half, 7, text.hours[0], size=11, align="R", color=MUTED)
    page.text(left_x, 103, half, 6, text.for_completing[1], size=10, align="L", color=MUTED)
    page.fitting_text(left_x, 109, half, 9, facts.course_title_fr, size=15, bold=True, align="L")
    page.fitting_text(left_x, 118, half, 7, f"{text.programme[1]} : {facts.programme_title_fr}", size=11, align="L")
    page.text(left_x, 125, half, 7, text.hours[1], size=10, align="L", color=MUTED)

    # Licence number and dates.
    page.rule(22, width - 22, 135)
    expires_ar = _date(facts.expires_on) if facts.expires_on else text.no_expiry[0]
    expires_fr = _date(facts.expires_on) if facts.expires_on else text.no_expiry[1]
    rows = [
        (text.licence, facts.licence_number, facts.licence_number),
        (text.issued_on, _date(facts.issued_on), _date(facts.issued_on)),
        (text.valid_until, expires_ar, expires_fr),
    ]
    for index, (label, value_ar, value_fr) in enumerate(rows):
        y = 138 + index * 7
        page.text(right_x, y, half, 7, f"{label[0]}: {value_ar}", size=12, align="R")
        page.text(left_x, y, half, 7, f"{label[1]} : {value_fr}", size=11, align="L")

    # Signatory in the middle, QR code and short code in the lower French corner.
    page.text(width / 2 - 50, 162, 100, 6, facts.signatory_title_ar, size=11, align="C")
    page.text(width / 2 - 50, 168, 100, 6, facts.signatory_title_fr, size=10, align="C", color=MUTED)
    page.image(facts.signature, width / 2 - 20, 174, 40, 14)
    page.text(width / 2 - 50, 187, 100, 6, facts.signatory_name_ar, size=11, bold=True, align="C")
    page.text(width / 2 - 50, 193, 100, 6, facts.signatory_name_fr, size=10, bold=True, align="C")

    # The QR code in the French corner; code and address on both sides, each
    # on its own line so an address never gets reordered inside Arabic text.
    page.qr(facts.verification_url, 22, 164, 30)
    for x, align, language, size in ((58, "L", 1, 10), (width - 22 - 44, "R", 0, 11)):
        page.text(x, 166, 44, 5, text.code[language], size=size - 1, align=align, color=MUTED)
        page.text(x, 171, 44, 7, facts.short_code, size=size + 2, bold=True, align=align)
        page.text(x, 179, 44, 5, text.verify[language], size=size - 1, align=align, color=MUTED)
        page.fitting_text(x, 184, 44, 5, facts.verify_hint_url, size=size - 1, align=align, color=MUTED, minimum=6)

    output = io.BytesIO()
    page.pdf.output(output)
    return output.getvalue()
