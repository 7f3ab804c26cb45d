"""Signing OpenBadgeCredentials."""

import logging
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..builder import CredentialFacts, open_badge_credential
from ..dataintegrity import proof_add
from ..dates import xsd_datetime
from ..issuer import verification_method_id
from ..jose import credential_jwt_encode
from ..models import IssuedCredential, SigningKey
from .keys import signing_key_current
from .status import status_entries, status_slot_allocate

logger = logging.getLogger(__name__)

SLOT_ATTEMPTS = 5


def credential_sign(*, facts: CredentialFacts, credential: IssuedCredential | None = None, **fields) -> IssuedCredential:
    """Sign ``facts`` as a new credential, or sign ``credential`` again.

    Idempotent: an existing credential whose facts are unchanged and whose
    key is still trusted is returned as is. A re-signed credential keeps its
    id, subject id and status slot, so revocation and suspension carry over.
    ``fields`` are extra model fields for a new credential (its certificate).
    """
    key, private_key = signing_key_current()
    digest = facts.digest()
    if credential is not None:
        credential = IssuedCredential.objects.select_related("signing_key").get(pk=credential.pk)
        if credential.facts_digest == digest and credential.signing_key.state != SigningKey.State.COMPROMISED:
            return credential

    for attempt in range(SLOT_ATTEMPTS):
        try:
            with transaction.atomic():
                if credential is None:
                    number, index = status_slot_allocate()
                    record = IssuedCredential(
                        credential_uuid=uuid.uuid4(),
                        subject_uuid=uuid.uuid4(),
                        status_list_number=number,
                        status_index=index,
                        **fields,
                    )
                else:
                    record = IssuedCredential.objects.select_for_update().get(pk=credential.pk)
                _sign_into(record, facts=facts, digest=digest, key=key, private_key=private_key)
                record.save()
                return record
        except IntegrityError:
            # Two issuances drew the same random slot: draw again.
            if credential is not None or attempt == SLOT_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _sign_into(record: IssuedCredential, *, facts, digest, key, private_key) -> None:
    now = timezone.now()
    unsigned = open_badge_credential(
        facts,
        credential_uuid=record.credential_uuid,
        subject_uuid=record.subject_uuid,
        credential_status=status_entries(record.status_list_number, record.status_index),
    )
    method = verification_method_id(key.key_id)
    record.document = proof_add(unsigned, private_key=private_key, verification_method=method, created=xsd_datetime(now))
    record.jwt = credential_jwt_encode(unsigned, private_key=private_key, kid=method)
    record.signing_key = key
    record.facts_digest = digest
    record.signed_at = now
