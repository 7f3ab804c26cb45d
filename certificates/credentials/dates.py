"""XML Schema dateTime values as credentials carry them."""

from datetime import UTC, datetime


def xsd_datetime(moment: datetime) -> str:
    """UTC with a trailing Z, to the second (OB 3.0's DateTimeZ)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_xsd_datetime(value) -> datetime | None:
    """A timezone-aware datetime, or None when ``value`` is not a dateTime
    with a time-zone designator."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
