"""Verification stays flat from 1,000 to 1,000,000 certificates.

    DATABASE_URL=... python bench/certificates_verify.py --rows 1000000

Run it against a throw-away database (it adds rows): it migrates, fills the
certificates table up to ``--rows`` with bulk inserts (one demo holder,
course and rule, distinct identifiers), then times verification through the
real views (test client) by public id, by typed short code and for an
unknown code, printing queries and milliseconds per request at each size.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("CERTIFICATES_VERIFY_RATE", "1000000/m")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def fill(target: int, batch: int = 20000) -> None:
    from accounts.factories import UserFactory
    from certificates.factories import certificate_make
    from certificates.identifiers import public_id_generate, short_code_generate
    from certificates.models import Certificate, CertificateStatus

    first = Certificate.objects.order_by("pk").first() or certificate_make(holder=UserFactory(full_name_ar="حاملة الشهادة"))
    count = Certificate.objects.count()
    template = {field.attname: getattr(first, field.attname) for field in Certificate._meta.concrete_fields if field.attname not in ("id", "public_id", "short_code", "licence_number", "pdf")}
    template["status"] = CertificateStatus.REVOKED  # not live: the one-per-holder constraint does not apply
    template["revocation_reason"] = "other"
    while count < target:
        rows = [
            Certificate(**template, public_id=public_id_generate(), short_code=short_code_generate(), licence_number=f"BN-2026-{count + n:07d}")
            for n in range(min(batch, target - count))
        ]
        Certificate.objects.bulk_create(rows)
        count += len(rows)
        print(f"  {count} rows", end="\r", flush=True)
    print()


def measure(repeat: int) -> None:
    from certificates.models import Certificate

    client = Client()
    sample = list(Certificate.objects.order_by("?").values_list("public_id", "short_code")[:repeat])
    for label, url in (
        ("public id", lambda p, c: f"/verify/{p}/"),
        ("short code", lambda p, c: f"/verify/?code={c[:5].lower()}-{c[5:]}"),
    ):
        timings, queries = [], 0
        for public_id, code in sample:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url(public_id, code), HTTP_ACCEPT="application/json")
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content
            queries = max(queries, len(captured))
        print(f"  by {label:<10}: {queries} queries, median {statistics.median(timings):.1f} ms, p95 {sorted(timings)[int(len(timings) * 0.95) - 1]:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 100000, 1000000])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    for rows in sorted(args.rows):
        print(f"{rows} certificates:")
        fill(rows)
        reset_queries()
        measure(args.repeat)


if __name__ == "__main__":
    main()
