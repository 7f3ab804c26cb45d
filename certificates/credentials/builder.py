"""The Open Badges 3.0 ``OpenBadgeCredential`` of a certificate.

What goes in is exactly ``CredentialFacts``: the holder's printed name (as
IdentityObjects), the licence number and what the certificate attests. No
e-mail, national ID, birth date or photo ever reaches a credential, and the
subject id is a random ``urn:uuid`` that says nothing about the person.

Arabic and French: OB 3.0 types ``name``/``description`` as plain strings,
so the achievement is written in Arabic (``inLanguage: ar``) and its French
edition is embedded as a ``related`` achievement (``inLanguage: fr``), the
mechanism OB 3.0 defines for alternate language editions. The criteria
narrative (Markdown) carries both languages.
"""

import hashlib
import json
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime

from .dates import xsd_datetime
from .issuer import issuer_did, issuer_profile
from .linkeddata import OB_V3P0, VC_V2

ACHIEVEMENT_TYPE = "Certification"


@dataclass(frozen=True)
class CredentialFacts:
    """What a credential states about one certificate (see
    ``certificates`` selectors for where each fact comes from)."""

    holder_name_ar: str
    holder_name_latin: str
    licence_number: str
    # A stable key for the certified achievement, e.g. "course-12-rules-3".
    achievement_key: str
    title_ar: str
    title_fr: str
    description_ar: str
    description_fr: str
    criteria_ar: str
    criteria_fr: str
    valid_from: datetime
    valid_until: datetime | None = None

    def digest(self) -> str:
        """Changes whenever a fact printed in the credential changes."""
        data = asdict(self)
        data["valid_from"] = xsd_datetime(self.valid_from)
        data["valid_until"] = xsd_datetime(self.valid_until) if self.valid_until else None
        return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def achievement_uuid(achievement_key: str, language: str) -> uuid.UUID:
    """Stable across credentials: every holder of a certification shares the
    achievement id (per language edition), under this issuer's DID."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{issuer_did()}/achievements/{achievement_key}/{language}")


def _criteria_narrative(facts: CredentialFacts) -> str:
    return f"{facts.criteria_ar.strip()}\n\n---\n\n{facts.criteria_fr.strip()}"


def open_badge_credential(
    facts: CredentialFacts,
    *,
    credential_uuid: uuid.UUID,
    subject_uuid: uuid.UUID,
    credential_status: list[dict],
) -> dict:
    """The unsigned credential."""
    identifiers = [
        {"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": name}
        for name in (facts.holder_name_ar.strip(), facts.holder_name_latin.strip())
        if name
    ]
    credential = {
        "@context": [VC_V2, OB_V3P0],
        "id": f"urn:uuid:{credential_uuid}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{facts.title_ar} — {facts.title_fr}",
        "issuer": issuer_profile(),
        "validFrom": xsd_datetime(facts.valid_from),
        "credentialSubject": {
            "id": f"urn:uuid:{subject_uuid}",
            "type": ["AchievementSubject"],
            "identifier": identifiers,
            "licenseNumber": facts.licence_number,
            "achievement": {
                "id": f"urn:uuid:{achievement_uuid(facts.achievement_key, 'ar')}",
                "type": ["Achievement"],
                "achievementType": ACHIEVEMENT_TYPE,
                "name": facts.title_ar,
                "description": facts.description_ar,
                "inLanguage": "ar",
                "criteria": {"narrative": _criteria_narrative(facts)},
                "related": [
                    {
                        "id": f"urn:uuid:{achievement_uuid(facts.achievement_key, 'fr')}",
                        "type": ["Related"],
                        "inLanguage": "fr",
                        "name": facts.title_fr,
                        "description": facts.description_fr,
                    }
                ],
            },
        },
        "credentialStatus": credential_status,
    }
    if facts.valid_until is not None:
        credential["validUntil"] = xsd_datetime(facts.valid_until)
    return credential
