import re
import shutil
import statistics
import subprocess
import time

import pytest
from django.core.files.images import ImageFile
from PIL import Image

from certificates.models import Certificate, CertificatePrintSettings, RevocationReason, private_storage
from certificates.pdf import render_certificate_pdf
from certificates.services import certificate_suspend
from certificates.services.pdf import certificate_pdf_build, pdf_facts

pytestmark = pytest.mark.django_db

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed; `make test` installs it")


def pdf_bytes(certificate) -> bytes:
    certificate_pdf_build(certificate=certificate)
    certificate.refresh_from_db()
    with private_storage().open(certificate.pdf.name, "rb") as handle:
        return handle.read()


def pdftotext(path, *args) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], check=True, capture_output=True, text=True).stdout


@needs_poppler
def test_the_pdf_is_one_a4_landscape_page_with_the_arabic_name_in_logical_order(certificate, tmp_path):
    # given
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf_bytes(certificate))

    # when its text is extracted
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    text = pdftotext(path)

    # then: one page, A4 landscape
    assert re.search(r"Pages:\s+1\b", info)
    assert re.search(r"Page size:\s+841\.89 x 595\.28 pts \(A4\)", info)
    # the Arabic name reads in logical order (shaped glyphs map back to the letters), the Latin one too
    assert "سلمى بنعلي" in text
    assert "Salma Benali" in text
    # bilingual facts (pdftotext may split Arabic words where Amiri kerns, so
    # those are compared without spaces)
    assert certificate.licence_number in text
    assert certificate.short_code_display in text
    assert "Royaume du Maroc" in text and "Médiation familiale : les bases" in text
    compact = re.sub(r"\s+", "", text)
    for arabic in ("المملكة المغربية", "وزارة التضامن", "الوساطة الأسرية", "الأسس"):
        assert arabic.replace(" ", "") in compact


@needs_poppler
def test_the_qr_code_decodes_to_exactly_the_verification_url(certificate, tmp_path):
    import zxingcpp

    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf_bytes(certificate))
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(path), str(tmp_path / "page")], check=True)

    results = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))

    assert [r.text for r in results if r.format == zxingcpp.BarcodeFormat.QRCode] == [
        f"http://127.0.0.1:8000/verify/{certificate.public_id}/"
    ]
    assert certificate.get_verification_url() == results[0].text


def test_the_pdf_is_rebuilt_only_when_something_printed_on_it_changes(certificate, officer):
    # given a built PDF
    assert certificate_pdf_build(certificate=certificate) is True
    certificate.refresh_from_db()
    first_name, first_fingerprint = certificate.pdf.name, certificate.pdf_fingerprint

    # when nothing printed changes (a status change is not printed), nothing is rebuilt
    certificate_suspend(certificate=certificate, actor=officer, reason="Enquête")
    assert certificate_pdf_build(certificate=Certificate.objects.get(pk=certificate.pk)) is False

    # when the signatory changes, it is rebuilt once, and the old file is removed
    settings = CertificatePrintSettings.load()
    settings.signatory_name_fr = "Mme la Directrice"
    settings.save()
    certificate.refresh_from_db()
    assert certificate_pdf_build(certificate=certificate) is True
    certificate.refresh_from_db()
    assert certificate.pdf_fingerprint != first_fingerprint
    assert certificate_pdf_build(certificate=certificate) is False


def test_changing_the_print_settings_rebuilds_live_pdfs_in_the_background(certificate, django_capture_on_commit_callbacks):
    certificate_pdf_build(certificate=certificate)
    certificate.refresh_from_db()
    before = certificate.pdf_fingerprint

    with django_capture_on_commit_callbacks(execute=True):
        settings = CertificatePrintSettings.load()
        settings.issuer_name_fr = "Ministère de la Famille"
        settings.save()

    certificate.refresh_from_db()
    assert certificate.pdf_fingerprint and certificate.pdf_fingerprint != before


@needs_poppler
def test_the_logo_and_signatory_set_by_officers_are_printed(certificate, tmp_path):
    from wagtail.images import get_image_model

    image_path = tmp_path / "logo.png"
    Image.new("RGB", (120, 120), (15, 92, 77)).save(image_path)
    with open(image_path, "rb") as handle:
        logo = get_image_model().objects.create(title="Logo", file=ImageFile(handle, name="logo.png"))
    settings = CertificatePrintSettings.load()
    settings.logo = logo
    settings.signatory_name_ar = "نادية العلوي"
    settings.signatory_title_fr = "Directrice de la Famille"
    settings.save()

    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf_bytes(Certificate.objects.get(pk=certificate.pk)))
    text = pdftotext(path)
    images = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True).stdout

    assert "نادية العلوي" in text and "Directrice de la Famille" in text
    assert len(images.strip().splitlines()) >= 3  # header lines + the logo


def test_a_page_renders_within_twice_its_150_ms_budget(certificate):
    """The budget is 150 ms on one core: bench/certificates_pdf.py enforces
    it (median CPU time of 50 renders of long-titled certificates, pinned to
    one core: about 100 ms, 70 ms at best, on a two-core machine busy with
    other tests). This test allows twice the budget, so it still
    catches a real regression on a loaded two-core CI machine running the
    tests in two processes, where the CPU time of a render grows too."""
    facts = pdf_facts(certificate)
    render_certificate_pdf(facts)  # fonts prepared (or read from the disk cache) once per process
    timings = []
    for _ in range(7):
        started = time.process_time()
        render_certificate_pdf(facts)
        timings.append(time.process_time() - started)
    assert statistics.median(timings) < 0.300


def test_only_live_certificates_are_rebuilt_after_settings_change(certificate, officer):
    from certificates.services import certificate_revoke
    from certificates.tasks import certificates_pdf_refresh_task

    certificate_revoke(certificate=certificate, actor=officer, reason="Faute", public_reason=RevocationReason.MISCONDUCT)

    assert certificates_pdf_refresh_task() == 0
