"""The whole animator's guide as one PDF (A4 portrait), in the guide's
language: a title page, then each part and its sessions with their
objectives, target groups, duration, materials, activities (with their
steps and durations), facilitator tips and the list of handouts.

Drawn with fpdf2; Arabic is shaped by HarfBuzz (uharfbuzz) with the Amiri
font (fontpkg-amiri), and fpdf2 applies the Unicode bidi algorithm, so
Arabic reads right to left with French words and numbers inside it.

``guide_pdf_build(*, guide)`` stores the file (GuidePdf) unless the guide's
published content has not changed since the last build (its fingerprint);
``cms.tasks.guide_pdf_build_task`` runs it in the background when a page of
the guide is published.
"""

import hashlib
import html
import logging
import re
from pathlib import Path

import fontpkg
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from fpdf import FPDF

from .models import GuidePage, GuidePartPage, GuidePdf, GuideSessionPage

logging.getLogger("fontTools").setLevel(logging.WARNING)

# Bump when the layout changes, so every stored PDF is rebuilt once.
LAYOUT_VERSION = 1

BRAND = (15, 92, 77)
INK = (29, 38, 35)
MUTED = (90, 103, 99)
MARGIN = 18


def _html_paragraphs(value: str) -> list[str]:
    """Rich text → paragraphs of plain text; list items get a bullet."""
    text = str(value or "")
    text = re.sub(r"<li[^>]*>", "\n• ", text)
    text = re.sub(r"</(p|li|h\d|ul|ol|div)>|<br\s*/?>|<hr\s*/?>", "\n", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return [line.strip() for line in text.split("\n") if line.strip()]


class _GuideDocument(FPDF):
    def __init__(self, *, rtl: bool, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.rtl = rtl
        self.footer_text = footer_text
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.set_creator("Jisr Academy")
        folder = Path(fontpkg.path("Amiri")).parent
        self.add_font("Amiri", "", str(folder / "Amiri-Regular.ttf"))
        self.add_font("Amiri", "B", str(folder / "Amiri-Bold.ttf"))
        self.set_text_shaping(True)

    @property
    def align(self) -> str:
        return "R" if self.rtl else "L"

    def footer(self):
        self.set_y(-12)
        self.set_font("Amiri", "", 9)
        self.set_text_color(*MUTED)
        self.cell(0, 6, f"{self.footer_text} · {self.page_no()}", align="C")

    def paragraph(self, text: str, *, size=11.5, bold=False, color=INK, space_after=1.5, line=6.2):
        if not text:
            return
        self.set_font("Amiri", "B" if bold else "", size)
        self.set_text_color(*color)
        self.multi_cell(0, line, text, align=self.align, new_x="LMARGIN", new_y="NEXT")
        self.ln(space_after)

    def heading(self, text: str, *, size=15, color=BRAND):
        if self.get_y() > self.h - 60:
            self.add_page()
        self.ln(2)
        self.paragraph(text, size=size, bold=True, color=color, line=size * 0.55)

    def rich_text(self, value):
        for line in _html_paragraphs(value):
            self.paragraph(line)


def _minutes(count: int) -> str:
    return ngettext("%(minutes)s minute", "%(minutes)s minutes", count) % {"minutes": count}


def _session(pdf: _GuideDocument, session: GuideSessionPage) -> None:
    pdf.heading(session.title, size=15)
    facts = [_("Duration: %(duration)s") % {"duration": _minutes(session.duration_minutes)}]
    groups = session.target_group_labels()
    if groups:
        facts.append(_("For: %(groups)s") % {"groups": "، ".join(groups) if pdf.rtl else ", ".join(groups)})
    pdf.paragraph(" · ".join(facts), size=10.5, color=MUTED)
    pdf.rich_text(session.intro)
    for label, value in ((_("Objectives"), session.objectives), (_("Materials"), session.materials)):
        if value:
            pdf.heading(label, size=12.5, color=INK)
            pdf.rich_text(value)
    if session.activities:
        pdf.heading(_("Activities"), size=12.5, color=INK)
        for number, block in enumerate(session.activities, 1):
            activity = block.value
            pdf.paragraph(
                f"{number}. {activity['title']} ({_minutes(activity['duration_minutes'])})", bold=True, space_after=0.5
            )
            for step_number, step in enumerate(activity["steps"], 1):
                pdf.paragraph(f"{number}.{step_number}. {step}", size=11, space_after=0.5)
            pdf.ln(1.5)
    if session.facilitator_tips:
        pdf.heading(_("Facilitator tips"), size=12.5, color=INK)
        pdf.rich_text(session.facilitator_tips)
    if session.handouts:
        pdf.heading(_("Handouts"), size=12.5, color=INK)
        for block in session.handouts:
            document = block.value["document"]
            title = block.value["title"] or (document.title if document else "")
            pdf.paragraph(f"• {title}")
    pdf.ln(4)


def guide_pdf_render(guide: GuidePage) -> tuple[bytes, int]:
    """The PDF of the guide's live parts and sessions: (bytes, page count)."""
    language = guide.locale.language_code
    with translation.override(language):
        pdf = _GuideDocument(rtl=translation.get_language_bidi(), footer_text=guide.title)
        pdf.add_page()
        pdf.ln(40)
        pdf.paragraph(_("Jisr Academy"), size=13, color=MUTED)
        pdf.paragraph(guide.title, size=28, bold=True, color=BRAND, line=14, space_after=6)
        pdf.rich_text(guide.intro)
        parts = GuidePartPage.objects.child_of(guide).live().public().order_by("path")
        sessions = GuideSessionPage.objects.descendant_of(guide).live().public().order_by("path")
        sessions_by_part: dict[str, list[GuideSessionPage]] = {}
        for session in sessions:
            sessions_by_part.setdefault(session.path[: -GuideSessionPage.steplen], []).append(session)
        for part in parts:
            pdf.add_page()
            pdf.heading(part.title, size=20)
            pdf.rich_text(part.intro)
            for session in sessions_by_part.get(part.path, []):
                _session(pdf, session)
        return bytes(pdf.output()), pdf.page_no()


def guide_fingerprint(guide: GuidePage) -> str:
    """Changes whenever a page of the guide is published, unpublished, moved
    or removed, or the layout changes."""
    from wagtail.models import Page

    rows = Page.objects.descendant_of(guide, inclusive=True).order_by("path").values_list(
        "pk", "path", "live", "last_published_at", "latest_revision_id"
    )
    return hashlib.sha256(repr((LAYOUT_VERSION, list(rows))).encode()).hexdigest()


def guide_pdf_build(*, guide: GuidePage, force: bool = False) -> GuidePdf:
    """Build and store the guide's PDF unless it is up to date."""
    fingerprint = guide_fingerprint(guide)
    current = GuidePdf.objects.filter(guide=guide).first()
    if current and current.fingerprint == fingerprint and not force and current.file.storage.exists(current.file.name):
        return current
    content, pages = guide_pdf_render(guide)
    with transaction.atomic():
        record = GuidePdf.objects.select_for_update().filter(guide=guide).first() or GuidePdf(guide=guide)
        old_name = record.file.name if record.pk else None
        record.file.save(f"{guide.slug}-{guide.locale.language_code}.pdf", ContentFile(content), save=False)
        record.fingerprint = fingerprint
        record.size = len(content)
        record.page_count = pages
        record.generated_at = timezone.now()
        record.save()
    if old_name and old_name != record.file.name:
        record.file.storage.delete(old_name)
    return record
