"""The animator's guide: a session as a facilitator reads and prints it, and
the whole guide as one PDF with correctly shaped Arabic, rebuilt in the
background when a page of the guide is published."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.factories import (
    GuidePageFactory,
    GuidePartPageFactory,
    GuideSessionPageFactory,
    guide_session_fields,
    translate_page,
)
from cms.guide_pdf import guide_pdf_build
from cms.models import GuidePdf, GuideSessionPage

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")


@pytest.fixture
def guide(home_page, media):
    guide = GuidePageFactory(parent=home_page, title="دليل المنشط", intro="<p>دليل لتنشيط جلسات التربية الوالدية الإيجابية.</p>")
    parts = []
    for p in range(2):
        part = GuidePartPageFactory(parent=guide, title=f"الجزء {p + 1}: التواصل داخل الأسرة")
        parts.append(part)
        for s in range(3):
            fields = guide_session_fields(p * 3 + s + 1)
            fields["handouts"] = [("handout", {"document": media["document"], "title": "بطاقة الوضعيات", "description": ""})]
            GuideSessionPageFactory(parent=part, **fields)
    return guide


def _text(html):
    from html import unescape

    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.django_db
def test_a_facilitator_reads_a_session_in_arabic(client, guide, media):
    session = GuideSessionPage.objects.descendant_of(guide).first()
    response = client.get(session.url)
    html = response.content.decode()
    text = _text(html)
    assert response.status_code == 200
    assert "الجلسة 1: الإصغاء إلى الطفل" in text
    assert "90 دقيقة" in text
    assert "الآباء · المقبلون على الوالدية" in text
    assert "التمييز بين السماع والإصغاء" in text and "أوراق كبيرة وأقلام" in text
    assert "دائرة التعارف 15 دقيقة" in text and "لعب الأدوار 40 دقيقة" in text
    assert "<li>يجلس المشاركون في دائرة.</li>" in html
    assert "نصائح للمنشط" in text and "لا أحد يُحاسَب" in text
    assert f'href="{media["document"].url}" download>بطاقة الوضعيات</a>' in html
    assert '<link rel="stylesheet" href="/static/cms/print.css" media="print">' in html


@pytest.mark.django_db
def test_a_facilitator_reads_a_session_in_french(client, guide):
    session = GuideSessionPage.objects.descendant_of(guide).first()
    french = translate_page(session, "fr", title="Séance 1 : écouter l'enfant")
    html = client.get(french.url).content.decode()
    text = _text(html)
    assert "Séance 1 : écouter l'enfant" in text and "90 minutes" in text
    assert "Pères · Futurs parents" in text and "Activités" in text and "Conseils à l'animateur" in text


@needs_poppler
@pytest.mark.django_db
def test_the_guide_pdf_has_every_session_with_shaped_arabic_in_logical_order(guide, tmp_path):
    record = guide_pdf_build(guide=guide)
    path = tmp_path / "guide.pdf"
    path.write_bytes(record.file.read())
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    # title page + 2 parts, at least a page each
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == record.page_count >= 3
    # pdftotext marks embedded directions (RLE/LRE/PDF); the letters are in logical order
    compact = re.sub(r"[\s\u202a-\u202e\u2066-\u2069]+", "", text)
    for n in range(1, 7):
        # (where a neutral colon stands between a digit and Arabic, pdftotext
        # may put it on either side of the digit)
        assert re.search(f"الجلسة:?{n}:?الإصغاءإلىالطفل", compact), n
    for arabic in ("دليل المنشط", "دائرة التعارف", "يجلس المشاركون في دائرة", "الآباء", "نصائح للمنشط", "بطاقة الوضعيات"):
        assert arabic.replace(" ", "") in compact, arabic
    # shaped: the PDF holds glyphs, not the presentation-form code points
    assert not re.search("[\ufe70-\ufeff]", text)
    assert record.size == len(path.read_bytes())


@needs_poppler
@pytest.mark.django_db
def test_the_french_guide_pdf_is_in_french(guide, tmp_path):
    french_session = translate_page(GuideSessionPage.objects.descendant_of(guide).first(), "fr", title="Séance 1 : écouter l'enfant")
    french_guide = french_session.get_parent().get_parent().specific
    french_guide.title = "Guide de l'animateur"
    french_guide.save()
    record = guide_pdf_build(guide=french_guide)
    path = tmp_path / "guide-fr.pdf"
    path.write_bytes(record.file.read())
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "Guide de l'animateur" in text and "Séance 1 : écouter l'enfant" in text and "Activités" in text


@pytest.mark.django_db
def test_the_pdf_is_rebuilt_only_when_the_guide_changes(guide):
    first = guide_pdf_build(guide=guide)
    again = guide_pdf_build(guide=guide)
    assert again.generated_at == first.generated_at and again.file.name == first.file.name
    session = GuideSessionPage.objects.descendant_of(guide).first()
    session.title = "الجلسة 1: عنوان جديد"
    session.save_revision().publish()
    rebuilt = guide_pdf_build(guide=guide)
    assert rebuilt.generated_at > first.generated_at
    assert GuidePdf.objects.count() == 1


@pytest.mark.django_db
def test_publishing_a_guide_page_rebuilds_the_pdf_in_the_background(guide, django_capture_on_commit_callbacks):
    assert not GuidePdf.objects.exists()
    session = GuideSessionPage.objects.descendant_of(guide).last()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        session.save_revision().publish()
    assert len(callbacks) >= 1
    record = GuidePdf.objects.get(guide=guide)
    assert record.size > 1000 and record.file.storage.exists(record.file.name)


@pytest.mark.django_db
def test_the_guide_page_offers_the_pdf_with_its_size_and_date(client, guide):
    record = guide_pdf_build(guide=guide)
    html = client.get(guide.url).content.decode()
    url = reverse("cms:guide_pdf", args=[guide.pk])
    assert f'href="{url}"' in html
    assert "تحميل الدليل كاملا (PDF)" in html
    assert timezone.localtime(record.generated_at).strftime("%d/%m/%Y") in html
    assert re.search(r"\d+[,.]\d\xa0(م\.ب|ك\.ب)", html)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "Last-Modified" in response and "attachment" in response["Content-Disposition"]


@pytest.mark.django_db
def test_there_is_no_pdf_for_an_unpublished_guide(client, guide):
    guide_pdf_build(guide=guide)
    guide.unpublish()
    assert client.get(reverse("cms:guide_pdf", args=[guide.pk])).status_code == 404
