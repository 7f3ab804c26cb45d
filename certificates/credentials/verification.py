"""Checking a credential: the report behind /verify/check/ and
POST /api/v1/credentials/verify.

Everything runs offline. The issuer's keys come from its DID document (ours
is built from the database exactly as /.well-known/did.json serves it;
``did:key`` is derived from the identifier itself); status lists are the
documents our /status/… URLs serve, and are verified like any credential.
Only the ministry's did:web is a trusted issuer.
"""

import json
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy, pgettext_lazy

from .bitstring import BitstringError, bit_get, decode_list
from .dataintegrity import ProofError, proof_check_shape, proof_verify, single_proof
from .dates import parse_xsd_datetime
from .issuer import issuer_did
from .jose import ACCEPTED_ALGORITHMS, JoseFormatError, credential_jwt_verify, jwt_parts_unverified, looks_like_jwt
from .linkeddata import VC_V2, UnknownContextError, undefined_terms, unknown_contexts
from .models import STATUS_LIST_SIZE, SigningKey, StatusList
from .multibase import MultibaseError, public_key_from_multikey
from .schema import is_open_badge, schema_errors
from .selectors import issuer_did_document, signing_key_for_method, status_list_by_url

MAX_INPUT_BYTES = 256 * 1024
MAX_DEPTH = 32
MAX_NODES = 5000


class Status(models.TextChoices):
    # Context "credential": the same words about a certificate (masculine in
    # French) live in other catalogues that take precedence.
    VALID = "valid", pgettext_lazy("credential", "Valid")
    REVOKED = "revoked", pgettext_lazy("credential", "Revoked")
    SUSPENDED = "suspended", pgettext_lazy("credential", "Suspended")
    EXPIRED = "expired", pgettext_lazy("credential", "Expired")
    NOT_YET_VALID = "not_yet_valid", pgettext_lazy("credential", "Not yet valid")
    UNTRUSTED = "untrusted", pgettext_lazy("credential", "Untrusted")
    INVALID = "invalid", pgettext_lazy("credential", "Invalid")
    ERROR = "error", pgettext_lazy("credential", "Status unknown")


# The worst finding decides the overall status.
PRECEDENCE = [
    Status.INVALID,
    Status.UNTRUSTED,
    Status.REVOKED,
    Status.SUSPENDED,
    Status.EXPIRED,
    Status.NOT_YET_VALID,
    Status.ERROR,  # last: definite findings are more useful than "unknown"
]


class Outcome(models.TextChoices):
    PASSED = "passed", pgettext_lazy("credential check", "passed")
    FAILED = "failed", pgettext_lazy("credential check", "failed")
    SKIPPED = "skipped", pgettext_lazy("credential check", "not checked")


CHECK_LABELS = {
    "format": gettext_lazy("Format"),
    "contexts": gettext_lazy("JSON-LD contexts"),
    "terms": gettext_lazy("Defined terms"),
    "issuer": gettext_lazy("Issuer"),
    "key": gettext_lazy("Signing key"),
    "signature": gettext_lazy("Signature"),
    "validity": gettext_lazy("Validity period"),
    "revocation": gettext_lazy("Revocation"),
    "suspension": gettext_lazy("Suspension"),
    "schema": gettext_lazy("Open Badges 3.0 schema"),
}


@dataclass
class Check:
    name: str
    outcome: str
    message: str

    @property
    def label(self) -> str:
        return str(CHECK_LABELS.get(self.name, self.name))

    @property
    def outcome_label(self) -> str:
        return str(Outcome(self.outcome).label)

    def as_dict(self) -> dict:
        return {"check": self.name, "label": self.label, "outcome": self.outcome, "message": self.message}


@dataclass
class Report:
    format: str = ""
    checks: list[Check] = field(default_factory=list)
    findings: set = field(default_factory=set)
    credential_id: str = ""
    name: str = ""
    achievement: str = ""
    holder: list[str] = field(default_factory=list)
    licence_number: str = ""
    issuer_id: str = ""
    issuer_name: str = ""
    verification_method: str = ""
    key_state: str = ""
    valid_from: str = ""
    valid_until: str = ""
    undefined_terms: list[str] = field(default_factory=list)
    schema_errors: list[str] = field(default_factory=list)

    def add(self, name: str, outcome: str, message: str, finding: str | None = None) -> None:
        self.checks.append(Check(str(name), str(outcome), message))
        if finding:
            self.findings.add(finding)

    @property
    def status(self) -> str:
        for status in PRECEDENCE:
            if status in self.findings:
                return status.value
        return Status.VALID.value

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def valid(self) -> bool:
        return self.status == Status.VALID

    def as_dict(self) -> dict:
        return {
            "valid": self.valid,
            "status": self.status,
            "status_label": self.status_label,
            "format": self.format,
            "credential": {
                "id": self.credential_id,
                "name": self.name,
                "achievement": self.achievement,
                "holder": self.holder,
                "licence_number": self.licence_number,
                "valid_from": self.valid_from,
                "valid_until": self.valid_until,
            },
            "issuer": {"id": self.issuer_id, "name": self.issuer_name},
            "verification_method": self.verification_method,
            "key_state": self.key_state,
            "checks": [check.as_dict() for check in self.checks],
            "undefined_terms": self.undefined_terms,
            "schema_errors": self.schema_errors,
        }


class InputError(ValueError):
    pass


# --- parsing --------------------------------------------------------------


def _check_shape(value, depth: int = 0, budget: list | None = None) -> None:
    """Bound the work a hostile document can cause (canonicalisation is
    expensive on large or deeply nested graphs)."""
    budget = budget if budget is not None else [MAX_NODES]
    if depth > MAX_DEPTH:
        raise InputError(_("The credential is nested too deeply."))
    if isinstance(value, dict | list):
        budget[0] -= 1
        if budget[0] < 0:
            raise InputError(_("The credential is too large to check."))
        for item in value.values() if isinstance(value, dict) else value:
            _check_shape(item, depth + 1, budget)


def parse_input(raw) -> tuple[str, dict, str | None]:
    """(format, credential, token): a JSON credential with an embedded proof,
    or a VC-JOSE compact JWS."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_INPUT_BYTES:
            raise InputError(_("The credential is too large to check."))
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(_("The file is not UTF-8 text.")) from None
    if isinstance(raw, str):
        text = raw.strip()
        if not text:
            raise InputError(_("Paste a credential or choose a file."))
        if len(text.encode("utf-8")) > MAX_INPUT_BYTES:
            raise InputError(_("The credential is too large to check."))
        if looks_like_jwt(text):
            try:
                _header, payload = jwt_parts_unverified(text)
            except JoseFormatError:
                raise InputError(_("This is not a readable JWT.")) from None
            _check_shape(payload)
            return "vc-jwt", payload, text
        try:
            raw = json.loads(text)
        except ValueError:
            raise InputError(_("This is neither JSON nor a JWT.")) from None
    if not isinstance(raw, dict):
        raise InputError(_("A credential is a JSON object."))
    _check_shape(raw)
    return "data-integrity", raw, None


# --- DIDs and keys ----------------------------------------------------------


def _did_key_document(did: str) -> dict | None:
    fingerprint = did.removeprefix("did:key:")
    try:
        public_key_from_multikey(fingerprint)
    except (MultibaseError, ValueError):
        return None
    method = {"id": f"{did}#{fingerprint}", "type": "Multikey", "controller": did, "publicKeyMultibase": fingerprint}
    return {"id": did, "verificationMethod": [method], "assertionMethod": [method["id"]]}


def did_resolve(did: str) -> dict | None:
    if did == issuer_did():
        return issuer_did_document()
    if did.startswith("did:key:z"):
        return _did_key_document(did)
    return None


def _assertion_key(document: dict, method_id: str):
    """The public key of ``method_id`` if the DID document lists it under
    assertionMethod; None otherwise."""
    did = document.get("id", "")

    def absolute(value: str) -> str:
        return did + value if value.startswith("#") else value

    for entry in document.get("assertionMethod", []):
        if isinstance(entry, str) and absolute(entry) == method_id:
            for method in document.get("verificationMethod", []):
                if absolute(method.get("id", "")) == method_id:
                    return public_key_from_multikey(method["publicKeyMultibase"])
        elif isinstance(entry, dict) and absolute(entry.get("id", "")) == method_id:
            return public_key_from_multikey(entry["publicKeyMultibase"])
    return None


@dataclass
class KeyResolution:
    public_key: object = None
    untrusted_reason: str = ""
    key_state: str = ""


# Keys resolved during one credential_verify call (the credential and its two
# status lists are usually signed by the same key): one lookup, not three.
_resolved_keys: ContextVar[dict | None] = ContextVar("credentials_resolved_keys", default=None)


def _key_resolve(method_id: str, issuer_id: str) -> KeyResolution:
    resolved = _resolved_keys.get()
    if resolved is None:
        return _key_lookup(method_id, issuer_id)
    if (method_id, issuer_id) not in resolved:
        resolved[(method_id, issuer_id)] = _key_lookup(method_id, issuer_id)
    return resolved[(method_id, issuer_id)]


def _key_lookup(method_id: str, issuer_id: str) -> KeyResolution:
    did = method_id.partition("#")[0]
    if not method_id or did != issuer_id:
        return KeyResolution(untrusted_reason=_("The signing key does not belong to the issuer."))
    document = did_resolve(did)
    if document is None:
        return KeyResolution(untrusted_reason=_("The issuer's DID cannot be resolved by this verifier."))
    ours = signing_key_for_method(method_id) if did == issuer_did() else None
    key_state = ours.get_state_display() if ours else ""
    try:
        public_key = _assertion_key(document, method_id)
    except (KeyError, MultibaseError, ValueError):
        public_key = None
    if public_key is None:
        if ours is not None and ours.state == SigningKey.State.COMPROMISED:
            reason = _("The signing key was marked compromised on %(date)s; its credentials are not trusted.") % {
                "date": timezone.localtime(ours.compromised_at).date().isoformat()
            }
        else:
            reason = _("The signing key is not listed in the issuer's assertionMethod.")
        return KeyResolution(untrusted_reason=reason, key_state=key_state)
    return KeyResolution(public_key=public_key, key_state=key_state)


def _issuer_id(credential: dict) -> str:
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else ""


# --- the checks -------------------------------------------------------------


def _describe(report: Report, credential: dict) -> None:
    report.credential_id = str(credential.get("id", ""))
    report.name = credential.get("name") if isinstance(credential.get("name"), str) else ""
    report.issuer_id = _issuer_id(credential)
    issuer = credential.get("issuer")
    if isinstance(issuer, dict) and isinstance(issuer.get("name"), str):
        report.issuer_name = issuer["name"]
    report.valid_from = str(credential.get("validFrom", ""))
    report.valid_until = str(credential.get("validUntil", ""))
    subject = credential.get("credentialSubject")
    if isinstance(subject, dict):
        achievement = subject.get("achievement")
        if isinstance(achievement, dict) and isinstance(achievement.get("name"), str):
            report.achievement = achievement["name"]
        if isinstance(subject.get("licenseNumber"), str):
            report.licence_number = subject["licenseNumber"]
        for identifier in subject.get("identifier") or []:
            if isinstance(identifier, dict) and identifier.get("identityType") == "name" and not identifier.get("hashed"):
                report.holder.append(str(identifier.get("identityHash", "")))


def _check_contexts(report: Report, credential: dict) -> bool:
    contexts = credential.get("@context")
    first = contexts[0] if isinstance(contexts, list) and contexts else contexts
    if first != VC_V2:
        report.add("contexts", Outcome.FAILED, _("The first context must be %(url)s.") % {"url": VC_V2}, Status.INVALID)
        return False
    unknown = unknown_contexts(credential)
    if unknown:
        report.add(
            "contexts",
            Outcome.FAILED,
            _("Unknown context refused (it was not fetched): %(urls)s") % {"urls": ", ".join(unknown)},
            Status.INVALID,
        )
        return False
    report.add("contexts", Outcome.PASSED, _("Every context is a known, locally held standard context."))
    return True


def _check_terms(report: Report, credential: dict) -> None:
    try:
        report.undefined_terms = undefined_terms(credential)
    except UnknownContextError:  # already reported by _check_contexts
        return
    except Exception:  # pyld raises a variety of errors on malformed JSON-LD
        report.add("terms", Outcome.FAILED, _("The credential is not valid JSON-LD."), Status.INVALID)
        return
    if report.undefined_terms:
        report.add(
            "terms",
            Outcome.FAILED,
            _("Terms not defined by the credential's contexts (their meaning is not agreed, or they are not signed): %(terms)s")
            % {"terms": ", ".join(report.undefined_terms)},
            Status.INVALID,
        )
    else:
        report.add("terms", Outcome.PASSED, _("Every term is defined by the contexts."))


def _check_issuer(report: Report) -> None:
    if report.issuer_id == issuer_did():
        report.add("issuer", Outcome.PASSED, _("Issued by the ministry (%(did)s).") % {"did": report.issuer_id})
    elif report.issuer_id:
        report.add(
            "issuer",
            Outcome.FAILED,
            _("Not issued by the ministry: the issuer is %(did)s.") % {"did": report.issuer_id},
            Status.UNTRUSTED,
        )
    else:
        report.add("issuer", Outcome.FAILED, _("The credential names no issuer."), Status.INVALID)


def _check_key(report: Report, method_id: str) -> KeyResolution:
    report.verification_method = method_id
    resolution = _key_resolve(method_id, report.issuer_id)
    report.key_state = resolution.key_state
    if resolution.public_key is None:
        report.add("key", Outcome.FAILED, resolution.untrusted_reason, Status.UNTRUSTED)
    else:
        report.add("key", Outcome.PASSED, _("Signed with %(key)s, listed in the issuer's assertionMethod.") % {"key": method_id})
    return resolution


def _check_data_integrity(report: Report, credential: dict) -> bool:
    try:
        proof = single_proof(credential)
        proof_check_shape(proof)
    except ProofError:
        report.add(
            "signature",
            Outcome.FAILED,
            _("The proof is missing, malformed, or not an eddsa-rdfc-2022 Data Integrity proof."),
            Status.INVALID,
        )
        return False
    if proof.get("proofPurpose") != "assertionMethod":
        report.add("signature", Outcome.FAILED, _("The proof's purpose must be assertionMethod."), Status.INVALID)
        return False
    resolution = _check_key(report, proof["verificationMethod"])
    if resolution.public_key is None:
        report.add("signature", Outcome.SKIPPED, _("Not checked: the signing key is not trusted."))
        return False
    try:
        verified = proof_verify(credential, resolution.public_key)
    except (ProofError, UnknownContextError):
        verified = False
    except Exception:
        report.add("signature", Outcome.FAILED, _("The credential is not valid JSON-LD."), Status.INVALID)
        return False
    if not verified:
        report.add(
            "signature",
            Outcome.FAILED,
            _("The signature does not match: the credential was changed after signing, or signed with another key."),
            Status.INVALID,
        )
        return False
    report.add("signature", Outcome.PASSED, _("The signature (eddsa-rdfc-2022) is valid."))
    return True


def _check_jwt(report: Report, token: str) -> bool:
    header, _payload = jwt_parts_unverified(token)
    if header.get("alg") not in ACCEPTED_ALGORITHMS:
        report.add("signature", Outcome.FAILED, _("Unsupported JWT algorithm: %(alg)s.") % {"alg": header.get("alg")}, Status.INVALID)
        return False
    resolution = _check_key(report, str(header.get("kid", "")))
    if resolution.public_key is None:
        report.add("signature", Outcome.SKIPPED, _("Not checked: the signing key is not trusted."))
        return False
    if not credential_jwt_verify(token, resolution.public_key):
        report.add(
            "signature",
            Outcome.FAILED,
            _("The signature does not match: the credential was changed after signing, or signed with another key."),
            Status.INVALID,
        )
        return False
    report.add("signature", Outcome.PASSED, _("The JWT signature (EdDSA) is valid."))
    return True


def _check_validity(report: Report, credential: dict, now: datetime) -> None:
    valid_from = parse_xsd_datetime(credential.get("validFrom"))
    valid_until = parse_xsd_datetime(credential.get("validUntil")) if "validUntil" in credential else None
    if valid_from is None or ("validUntil" in credential and valid_until is None):
        report.add("validity", Outcome.FAILED, _("validFrom and validUntil must be dates with a time zone."), Status.INVALID)
    elif now < valid_from:
        report.add("validity", Outcome.FAILED, _("Not valid before %(date)s.") % {"date": report.valid_from}, Status.NOT_YET_VALID)
    elif valid_until is not None and now > valid_until:
        report.add("validity", Outcome.FAILED, _("Expired on %(date)s.") % {"date": report.valid_until}, Status.EXPIRED)
    elif valid_until is not None:
        report.add("validity", Outcome.PASSED, _("Valid until %(date)s.") % {"date": report.valid_until})
    else:
        report.add("validity", Outcome.PASSED, _("Valid with no expiry date."))


STATUS_MESSAGES = {
    StatusList.Purpose.REVOCATION: (
        gettext_lazy("Revoked by the issuer."),
        gettext_lazy("Not revoked (checked against the signed status list)."),
        Status.REVOKED,
    ),
    StatusList.Purpose.SUSPENSION: (
        gettext_lazy("Suspended by the issuer."),
        gettext_lazy("Not suspended (checked against the signed status list)."),
        Status.SUSPENDED,
    ),
}


class StatusListError(Exception):
    pass


def status_list_bits(url: str, *, purpose: str, issuer_id: str, now: datetime) -> bytes:
    """The verified bitstring of the status list credential at ``url``."""
    document = status_list_by_url(url)
    if not isinstance(document, dict):
        raise StatusListError(_("The status list %(url)s is not available.") % {"url": url})
    if document.get("id") != url or _issuer_id(document) != issuer_id:
        raise StatusListError(_("The status list does not come from the credential's issuer."))
    types = document.get("type") or []
    subject = document.get("credentialSubject")
    if "BitstringStatusListCredential" not in types or not isinstance(subject, dict) or subject.get("type") != "BitstringStatusList":
        raise StatusListError(_("The status list is not a Bitstring Status List credential."))
    if subject.get("statusPurpose") != purpose:
        raise StatusListError(_("The status list's purpose is not %(purpose)s.") % {"purpose": purpose})
    try:
        proof = single_proof(document)
        proof_check_shape(proof)
        resolution = _key_resolve(proof["verificationMethod"], issuer_id)
        verified = resolution.public_key is not None and proof_verify(document, resolution.public_key)
    except (ProofError, UnknownContextError, MultibaseError):
        verified = False
    if not verified:
        raise StatusListError(_("The status list's signature is not valid."))
    valid_from = parse_xsd_datetime(document.get("validFrom"))
    valid_until = parse_xsd_datetime(document.get("validUntil")) if "validUntil" in document else None
    if valid_from is None or now < valid_from or (valid_until is not None and now > valid_until):
        raise StatusListError(_("The status list is outside its validity period."))
    try:
        bits = decode_list(subject.get("encodedList"))
    except BitstringError:
        raise StatusListError(_("The status list's encodedList cannot be decoded.")) from None
    if len(bits) * 8 < STATUS_LIST_SIZE:
        raise StatusListError(_("The status list is shorter than 131,072 entries."))
    return bits


def _check_status(report: Report, credential: dict, now: datetime) -> None:
    entries = credential.get("credentialStatus")
    entries = entries if isinstance(entries, list) else [entries] if entries else []
    seen = set()
    for entry in entries:
        purpose = entry.get("statusPurpose") if isinstance(entry, dict) else None
        if purpose not in StatusList.Purpose.values or entry.get("type") != "BitstringStatusListEntry":
            continue
        seen.add(purpose)
        try:
            index = int(entry.get("statusListIndex"))
            bits = status_list_bits(entry.get("statusListCredential"), purpose=purpose, issuer_id=report.issuer_id, now=now)
            if not 0 <= index < len(bits) * 8:
                raise StatusListError(_("The status index is outside the list."))
            is_set = bit_get(bits, index)
        except (StatusListError, TypeError, ValueError) as error:
            message = str(error) if isinstance(error, StatusListError) else _("The status entry is malformed.")
            report.add(purpose, Outcome.FAILED, message, Status.ERROR)
            continue
        set_message, clear_message, finding = STATUS_MESSAGES[purpose]
        if is_set:
            report.add(purpose, Outcome.FAILED, str(set_message), finding)
        else:
            report.add(purpose, Outcome.PASSED, str(clear_message))
    if not seen:
        report.add("revocation", Outcome.SKIPPED, _("The credential carries no status list entry."))


def _check_schema(report: Report, credential: dict) -> None:
    if not is_open_badge(credential):
        report.add("schema", Outcome.SKIPPED, _("Not an Open Badges credential."))
        return
    report.schema_errors = schema_errors(credential)
    if report.schema_errors:
        report.add(
            "schema",
            Outcome.FAILED,
            _("Does not conform to the Open Badges 3.0 schema: %(errors)s") % {"errors": "; ".join(report.schema_errors[:5])},
            Status.INVALID,
        )
    else:
        report.add("schema", Outcome.PASSED, _("Conforms to the Open Badges 3.0 AchievementCredential schema."))


def credential_verify(raw, *, now: datetime | None = None) -> Report:
    """Check a credential (JSON text, bytes, a parsed object, or a VC-JOSE
    JWT) and report every finding. Never raises on bad input."""
    token = _resolved_keys.set({})
    try:
        return _verify(raw, now=now or timezone.now())
    finally:
        _resolved_keys.reset(token)


def _verify(raw, *, now: datetime) -> Report:
    report = Report()
    try:
        report.format, credential, token = parse_input(raw)
    except InputError as error:
        report.add("format", Outcome.FAILED, str(error), Status.INVALID)
        return report
    _describe(report, credential)
    types = credential.get("type")
    if "VerifiableCredential" not in (types if isinstance(types, list) else [types]):
        report.add("format", Outcome.FAILED, _("This is not a Verifiable Credential."), Status.INVALID)
        return report
    report.add(
        "format",
        Outcome.PASSED,
        _("A Verifiable Credential secured with a JWT (VC-JOSE).") if token else _("A Verifiable Credential with an embedded proof."),
    )
    contexts_known = _check_contexts(report, credential)
    if contexts_known:
        _check_terms(report, credential)
    _check_issuer(report)
    if not contexts_known and token is None:
        report.add("signature", Outcome.SKIPPED, _("Not checked: the credential's contexts are not known."))
        signed = False
    else:
        signed = _check_jwt(report, token) if token else _check_data_integrity(report, credential)
    _check_validity(report, credential, now)
    if signed and report.issuer_id == issuer_did():
        _check_status(report, credential, now)
    else:
        report.add("revocation", Outcome.SKIPPED, _("Not checked: the credential is not authentic."))
    _check_schema(report, credential)
    return report
