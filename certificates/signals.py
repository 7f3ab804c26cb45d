"""Signals the certificates app sends, for apps it must not import (the
verifiable-credentials app signs and updates status lists from them).

Both are sent after the transaction that made the change has committed, so
a receiver always reads the change from the database, and never fires for a
change that was rolled back. ``sender`` is the Certificate model class.
"""

from django.db import models, transaction
from django.dispatch import Signal

# A certificate was issued (first issue, automatic or for a cohort, or a
# re-issue; a re-issue also sends ``certificate_status_changed`` with
# "superseded" for the certificate it replaces).
# Arguments: certificate=<Certificate>.
certificate_issued = Signal()

# A certificate's status changed. Arguments: certificate=<Certificate>,
# status=<StatusChange value>.
certificate_status_changed = Signal()


class StatusChange(models.TextChoices):
    SUSPENDED = "suspended"  # temporarily not valid (e.g. during an ethics inquiry)
    LIFTED = "lifted"  # a suspension ended: valid again (unless expired)
    REVOKED = "revoked"  # never valid again
    SUPERSEDED = "superseded"  # replaced by a re-issue (certificate.superseded_by)
    EXPIRED = "expired"  # passed its expiry date (announced once, by a daily task)


def send_issued_on_commit(certificate) -> None:
    from .models import Certificate

    transaction.on_commit(lambda: certificate_issued.send(sender=Certificate, certificate=certificate))


def send_status_changed_on_commit(certificate, status: StatusChange) -> None:
    from .models import Certificate

    transaction.on_commit(
        lambda: certificate_status_changed.send(sender=Certificate, certificate=certificate, status=StatusChange(status))
    )
