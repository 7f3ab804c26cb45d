"""Bitstring Status Lists: slots for new credentials, bit changes, and the
signed status list credentials published at /status/<n>/<purpose>."""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..bitstring import bit_get, bit_set, bitstring_new, encode_list
from ..dataintegrity import proof_add
from ..dates import xsd_datetime
from ..issuer import issuer_did, verification_method_id
from ..linkeddata import VC_V2
from ..models import STATUS_LIST_SIZE, IssuedCredential, StatusList
from .keys import signing_key_current

logger = logging.getLogger(__name__)

# A list is full for new slots at 3/4 so random picks stay cheap (expected
# draws ≤ 4) while a list still hides each holder among >98,000 others.
FILL_LIMIT = STATUS_LIST_SIZE * 3 // 4
MAX_DRAWS = 64
# Published lists are re-signed before they expire, and clients may cache
# them for TTL seconds (the Cache-Control max-age of /status/…).
LIST_VALIDITY = timedelta(days=30)
LIST_REFRESH_AFTER = timedelta(days=7)
LIST_TTL_SECONDS = 300


def status_list_url(number: int, purpose: str) -> str:
    return f"{settings.SITE_URL}/status/{number}/{purpose}"


def status_entries(number: int, index: int) -> list[dict]:
    """The credentialStatus entries of the credential in slot (number, index)."""
    return [
        {
            "id": f"{status_list_url(number, purpose)}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose,
            "statusListIndex": str(index),
            "statusListCredential": status_list_url(number, purpose),
        }
        for purpose in (StatusList.Purpose.REVOCATION, StatusList.Purpose.SUSPENSION)
    ]


def status_lists_ensure(number: int) -> list[StatusList]:
    """Both lists of ``number`` (created empty, and published, if new)."""
    lists = []
    for purpose in StatusList.Purpose:
        status_list = StatusList.objects.filter(number=number, purpose=purpose).first()
        if status_list is None:
            try:
                with transaction.atomic():
                    status_list = StatusList.objects.create(
                        number=number, purpose=purpose, size=STATUS_LIST_SIZE, bits=bitstring_new(STATUS_LIST_SIZE)
                    )
                _publish_on_commit(status_list.pk)
            except IntegrityError:  # created by a concurrent call
                status_list = StatusList.objects.get(number=number, purpose=purpose)
        lists.append(status_list)
    return lists


def status_slot_allocate() -> tuple[int, int]:
    """A random free index in the newest list with room (a new list when full).

    Call inside the transaction that saves the credential: the unique
    constraint on (number, index) settles races; callers retry on
    IntegrityError.
    """
    number = StatusList.objects.order_by("-number").values_list("number", flat=True).first() or 1
    if IssuedCredential.objects.filter(status_list_number=number).count() >= FILL_LIMIT:
        number += 1
    status_lists_ensure(number)
    taken = IssuedCredential.objects.filter(status_list_number=number)
    for _ in range(MAX_DRAWS):
        index = secrets.randbelow(STATUS_LIST_SIZE)
        if not taken.filter(status_index=index).exists():
            return number, index
    raise RuntimeError("no free status-list index found")  # practically unreachable below FILL_LIMIT


def credential_status_set(*, credential: IssuedCredential, purpose: str, value: bool) -> bool:
    """Set (or clear) the credential's bit in its ``purpose`` list. Returns
    whether anything changed; the list is re-signed after commit."""
    with transaction.atomic():
        status_lists_ensure(credential.status_list_number)
        status_list = StatusList.objects.select_for_update().get(number=credential.status_list_number, purpose=purpose)
        bits = bytes(status_list.bits)
        if bit_get(bits, credential.status_index) == value:
            return False
        status_list.bits = bit_set(bits, credential.status_index, value)
        status_list.version += 1
        status_list.save(update_fields=["bits", "version"])
        _publish_on_commit(status_list.pk)
    return True


def credential_status_get(*, credential: IssuedCredential, purpose: str) -> bool:
    status_list = StatusList.objects.filter(number=credential.status_list_number, purpose=purpose).first()
    return bool(status_list) and bit_get(bytes(status_list.bits), credential.status_index)


def status_list_document(status_list: StatusList, *, now=None) -> dict:
    now = (now or timezone.now()).replace(microsecond=0)
    url = status_list_url(status_list.number, status_list.purpose)
    return {
        "@context": [VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(),
        "validFrom": xsd_datetime(now),
        "validUntil": xsd_datetime(now + LIST_VALIDITY),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": status_list.purpose,
            "encodedList": encode_list(bytes(status_list.bits)),
            "ttl": LIST_TTL_SECONDS * 1000,
        },
    }


def status_list_publish(*, status_list_id: int, force: bool = False) -> bool:
    """Sign the list's current bits. Idempotent: a list published recently at
    its current version by the active key is left alone (unless ``force``)."""
    key, private_key = signing_key_current()
    with transaction.atomic():
        status_list = StatusList.objects.select_for_update().get(pk=status_list_id)
        published_by = ((status_list.published or {}).get("proof") or {}).get("verificationMethod")
        now = timezone.now()
        if (
            not force
            and status_list.is_published_current
            and published_by == verification_method_id(key.key_id)
            and status_list.published_at >= now - LIST_REFRESH_AFTER
        ):
            return False
        document = proof_add(
            status_list_document(status_list, now=now),
            private_key=private_key,
            verification_method=verification_method_id(key.key_id),
            created=xsd_datetime(now.replace(microsecond=0)),
        )
        status_list.published = document
        status_list.published_version = status_list.version
        status_list.published_at = now
        status_list.save(update_fields=["published", "published_version", "published_at"])
    return True


def status_lists_republish_all() -> None:
    from ..tasks import status_list_publish_task

    for status_list_id in StatusList.objects.values_list("pk", flat=True):
        status_list_publish_task.delay(status_list_id)


def status_lists_due() -> list[int]:
    """Lists that changed since publication, or whose publication is getting old."""
    stale_before = timezone.now() - LIST_REFRESH_AFTER
    return [
        status_list.pk
        for status_list in StatusList.objects.only("pk", "version", "published_version", "published_at")
        if status_list.published_version != status_list.version
        or status_list.published_at is None
        or status_list.published_at < stale_before
    ]


def _publish_on_commit(status_list_id: int) -> None:
    from ..tasks import status_list_publish_task

    transaction.on_commit(lambda: status_list_publish_task.delay(status_list_id))
