"""python manage.py certificates_issue --cohort ID

Issue the certificates of a cohort's trainees who meet the course's current
rules, now, and say what happened to each trainee."""

from django.core.management.base import BaseCommand, CommandError

from certificates.errors import CertificateError
from certificates.models import BatchOutcome
from certificates.services.batch import cohort_issuance_create, cohort_issuance_run, entry_details
from learning.selectors import cohort_get


class Command(BaseCommand):
    help = "Issue certificates to the trainees of a cohort who meet the course's certification rules."

    def add_arguments(self, parser):
        parser.add_argument("--cohort", type=int, required=True, help="The cohort's id.")

    def handle(self, *args, cohort: int, **options):
        found = cohort_get(cohort_id=cohort)
        if found is None:
            raise CommandError(f"No cohort with id {cohort}.")
        try:
            batch, _created = cohort_issuance_create(cohort=found, requested_by=None)
        except CertificateError as error:
            raise CommandError(" ".join(error.messages)) from error
        batch = cohort_issuance_run(batch_id=batch.pk)
        labels = dict(BatchOutcome.choices)
        for entry in batch.results:
            line = f"{entry['name']}: {labels.get(entry['outcome'], entry['outcome'])}"
            details = entry_details(entry)
            if details:
                line += " — " + "; ".join(details)
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Cohort {found.pk}: {batch.issued} issued, {batch.already} already certified, "
                f"{batch.not_eligible} not yet eligible, {batch.failed} failed."
            )
        )
