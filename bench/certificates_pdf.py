"""A certificate PDF renders in under 150 ms on one core.

    python bench/certificates_pdf.py [--renders 50]

Leaves nothing behind: it works in a temporary folder (an SQLite database it
migrates, the media and private storages) that it removes at the end. It
issues a few realistic certificates (Arabic and Latin names, long course and
programme titles, the platform's default logo, a signatory with a signature
image in the print settings), pins itself to one core, renders once to warm
up (font preparation, imports), then times ``--renders`` times

  (a) ``render_certificate_pdf(facts)`` alone, and
  (b) the whole ``certificate_pdf_build`` (facts, render, storage write),

and prints min / median / p95 / max in milliseconds, wall-clock and CPU time
of this process (on a busy machine other processes share the core and only
the wall-clock figures grow). Exits non-zero when the median CPU time of (a)
is over the budget (``--budget``, 150 ms).
"""

import argparse
import gc
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_WORKSPACE = Path(tempfile.mkdtemp(prefix="jisr-pdf-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{_WORKSPACE / 'bench.sqlite3'}"
os.environ["TEST_MEDIA_ROOT"] = str(_WORKSPACE / "media")
os.environ.pop("REDIS_URL", None)  # locmem cache, eager tasks: nothing outside the folder

import django  # noqa: E402

django.setup()

logging.getLogger("certificates.credentials.tasks").setLevel(logging.ERROR)  # no signing key here: not the point

from django.core.management import call_command  # noqa: E402

HOLDERS = [
    # (Arabic name, first name, last name)
    ("سلمى بنعلي", "Salma", "Benali"),
    ("عبد الرحمن بن عبد الله الإدريسي الحسني", "Abderrahmane", "Ben Abdellah El Idrissi El Hassani"),
    ("فاطمة الزهراء الشرقاوي", "Fatima-Zahra", "Cherkaoui"),
    ("محمد أمين أوعلي", "Mohamed Amine", "Ouali"),
    ("خديجة المرابط", "Khadija", "El Mrabet"),
]
COURSE_AR = "الوساطة الأسرية وتسوية النزاعات الزوجية: الإطار القانوني ومهارات الإصغاء والتفاوض وحماية مصلحة الطفل الفضلى"
COURSE_FR = "Médiation familiale et règlement des conflits conjugaux : cadre juridique, écoute active, négociation et intérêt supérieur de l'enfant"


def certificates_make() -> list:
    from django.core.files.images import ImageFile
    from PIL import Image, ImageDraw
    from wagtail.images import get_image_model

    from accounts.factories import UserFactory
    from accounts.roles import Role
    from certificates.factories import certificate_make, course_with_programme, rule_for
    from certificates.models import CertificatePrintSettings

    # A signature as officers upload it: a dark stroke on white.
    path = _WORKSPACE / "signature.png"
    picture = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(picture).line([(40, 150), (160, 40), (260, 160), (380, 50), (560, 120)], fill=(20, 30, 80), width=8)
    picture.save(path)
    with open(path, "rb") as handle:
        signature = get_image_model().objects.create(title="Signature", file=ImageFile(handle, name="signature.png"))
    settings = CertificatePrintSettings.load()
    settings.logo = None  # the platform's default logo (SVG)
    settings.signature = signature
    settings.signatory_name_ar = "نادية العلوي المنصوري"
    settings.signatory_name_fr = "Nadia Alaoui Mansouri"
    settings.signatory_title_ar = "مديرة الأسرة والطفولة والأشخاص المسنين"
    settings.signatory_title_fr = "Directrice de la Famille, de l'Enfance et des Personnes âgées"
    settings.save()

    _programme, course = course_with_programme(code="MFC", title_ar=COURSE_AR, title_fr=COURSE_FR, hours=120)
    rule = rule_for(course, validity_months=36)
    return [
        certificate_make(holder=UserFactory(roles=[Role.TRAINEE], full_name_ar=ar, first_name=first, last_name=last), course=course, rule=rule)
        for ar, first, last in HOLDERS
    ]


class Timings:
    def __init__(self):
        self.wall, self.cpu = [], []

    def __enter__(self):
        self._started = (time.perf_counter(), time.process_time())

    def __exit__(self, *exc):
        self.wall.append((time.perf_counter() - self._started[0]) * 1000)
        self.cpu.append((time.process_time() - self._started[1]) * 1000)


class FullCollections:
    """Full garbage collections (generation 2) and the time they take: in a
    process with Django and Wagtail loaded, one every few renders explains
    the p95."""

    def __init__(self):
        self.count, self.ms = 0, 0.0

    def __call__(self, phase, info):
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.count += 1
            self.ms += (time.perf_counter() - self._started) * 1000

    def __enter__(self):
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc):
        gc.callbacks.remove(self)


def summary(label: str, timings: list[float]) -> float:
    ordered = sorted(timings)
    median = statistics.median(ordered)
    p95 = ordered[max(0, int(round(len(ordered) * 0.95)) - 1)]
    print(f"  {label:<40} min {ordered[0]:6.1f}  median {median:6.1f}  p95 {p95:6.1f}  max {ordered[-1]:6.1f}  ms")
    return median


def measure(renders: int, budget: float) -> bool:
    from certificates.models import Certificate
    from certificates.pdf import render_certificate_pdf
    from certificates.services.pdf import certificate_pdf_build, pdf_facts

    certificates = certificates_make()
    facts = [pdf_facts(certificate) for certificate in certificates]

    started = time.perf_counter()
    size = len(render_certificate_pdf(facts[0]))
    print(f"  warm-up (fonts prepared or read from the cache): {(time.perf_counter() - started) * 1000:.0f} ms, {size / 1024:.0f} KiB")

    render = Timings()
    with FullCollections() as collections:
        for n in range(renders):
            with render:
                render_certificate_pdf(facts[n % len(facts)])

    build = Timings()
    for n in range(renders):
        certificate = certificates[n % len(certificates)]
        # Forget the stored PDF so the build renders and writes it again.
        Certificate.objects.filter(pk=certificate.pk).update(pdf_fingerprint="")
        certificate.pdf_fingerprint = ""
        with build:
            assert certificate_pdf_build(certificate=certificate) is True

    print(f"{renders} renders, {len(certificates)} certificates, one core (load average {os.getloadavg()[0]:.2f}):")
    summary("(a) render_certificate_pdf(facts), wall", render.wall)
    median = summary("(a) render_certificate_pdf(facts), CPU", render.cpu)
    print(f"      of which {collections.count} full garbage collections, {collections.ms:.0f} ms in all ({collections.ms / renders:.1f} ms a render)")
    summary("(b) certificate_pdf_build, wall", build.wall)
    summary("(b) certificate_pdf_build, CPU", build.cpu)
    verdict = "within" if median <= budget else "OVER"
    print(f"render median {median:.1f} ms CPU: {verdict} the {budget:.0f} ms budget")
    return median <= budget


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--budget", type=float, default=150.0, help="milliseconds, median of (a)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    try:
        call_command("migrate", verbosity=0)
        return 0 if measure(args.renders, args.budget) else 1
    finally:
        shutil.rmtree(_WORKSPACE, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
