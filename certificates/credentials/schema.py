"""Conformance to the Open Badges 3.0 JSON Schema (AchievementCredential).

Two places where the formal schema is stricter than the JSON-LD data model
it describes, and how we read them (both are JSON-LD sets, where one value
and a one-element array mean the same):

- ``proof``: the schema accepts only an array; a single proof object (as in
  the W3C and 1EdTech examples, and our credentials) is wrapped in one.
- ``credentialStatus``: the schema accepts only one object; VC 2.0 allows a
  set, and our credentials carry two entries (revocation and suspension).
  Each entry is validated against the schema's CredentialStatus in turn.
"""

import copy
import json
from functools import cache

from jsonschema import Draft201909Validator, FormatChecker

from .dates import parse_xsd_datetime
from .linkeddata import STANDARDS_DIR

SCHEMA_PATH = STANDARDS_DIR / "schema" / "ob_v3p0_achievementcredential_schema.json"
OB_TYPES = {"OpenBadgeCredential", "AchievementCredential"}

_format_checker = FormatChecker(formats=Draft201909Validator.FORMAT_CHECKER.checkers)


@_format_checker.checks("date-time")
def _is_date_time(value) -> bool:
    # jsonschema checks "date-time" only with an optional package; RFC 3339
    # requires the time-zone designator.
    return not isinstance(value, str) or parse_xsd_datetime(value) is not None


@cache
def _validator() -> Draft201909Validator:
    schema = json.loads(SCHEMA_PATH.read_bytes())
    Draft201909Validator.check_schema(schema)
    return Draft201909Validator(schema, format_checker=_format_checker)


def is_open_badge(credential: dict) -> bool:
    types = credential.get("type")
    return bool(OB_TYPES & set(types if isinstance(types, list) else [types]))


def _projections(credential: dict) -> list[dict]:
    document = copy.deepcopy(credential)
    if isinstance(document.get("proof"), dict):
        document["proof"] = [document["proof"]]
    statuses = document.get("credentialStatus")
    if isinstance(statuses, list) and statuses:
        return [{**document, "credentialStatus": status} for status in statuses]
    return [document]


def schema_errors(credential: dict) -> list[str]:
    """Human-readable schema violations ("path: message"); empty when it conforms."""
    found: dict[str, None] = {}
    for document in _projections(credential):
        for error in sorted(_validator().iter_errors(document), key=lambda e: list(e.absolute_path)):
            path = "/".join(str(part) for part in error.absolute_path) or "(credential)"
            message = error.message if len(error.message) <= 240 else error.message[:239] + "…"
            found[f"{path}: {message}"] = None
    return list(found)
