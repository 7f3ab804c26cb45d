"""Changes to certificates. Views, tasks, commands and signal receivers call
these; each runs in one transaction and records an audit event."""

from .audit import event_record
from .issuance import certificate_issue, certificate_reissue, licence_number_draw
from .registry import certificate_registry_set
from .renewal import certificate_renew, renewal_offer, renewal_offers
from .status import (
    certificate_expiry_announce,
    certificate_revoke,
    certificate_suspend,
    certificate_suspension_lift,
)

__all__ = [
    "certificate_expiry_announce",
    "certificate_issue",
    "certificate_registry_set",
    "certificate_renew",
    "certificate_reissue",
    "certificate_revoke",
    "certificate_suspend",
    "certificate_suspension_lift",
    "event_record",
    "licence_number_draw",
    "renewal_offer",
    "renewal_offers",
]
