from ..models import Certificate, CertificateEvent, EventAction


def event_record(
    *,
    certificate: Certificate,
    action: EventAction,
    actor=None,
    reason: str = "",
    details: dict | None = None,
) -> CertificateEvent:
    """Add a row to the audit log. ``actor`` None means the platform itself."""
    label = ""
    if actor is not None:
        label = f"{actor.full_name_latin or actor.full_name_ar} <{actor.email}>".strip()
    return CertificateEvent.objects.create(
        certificate=certificate,
        action=action,
        actor=actor,
        actor_label=label,
        reason=reason,
        details=details or {},
    )
