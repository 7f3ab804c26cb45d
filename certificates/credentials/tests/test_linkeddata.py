"""JSON-LD: local contexts only, nothing fetched, nothing silently dropped."""

import hashlib
import socket
import uuid

import pytest
from pyld import jsonld

from certificates.credentials.builder import open_badge_credential
from certificates.credentials.linkeddata import (
    CONTEXT_FILES,
    CONTEXTS_DIR,
    OB_V3P0,
    UnknownContextError,
    canonize,
    undefined_terms,
)
from certificates.credentials.services.status import status_entries

from .conftest import NetworkBlocked

PUBLISHED_SIZES = {
    # byte sizes of the files as published (see standards/README.md)
    "www.w3.org_ns_credentials_v2.json": 10131,
    "purl.imsglobal.org_spec_ob_v3p0_context-3.0.3.json": 14329,
    "variants/purl.imsglobal.org_spec_ob_v3p0_context-3.0.3.1edtech-validator.json": 14565,
    "w3id.org_security_data-integrity_v2.json": 2609,
    "w3id.org_security_multikey_v1.json": 1010,
}


@pytest.mark.parametrize("name, size", PUBLISHED_SIZES.items())
def test_contexts_are_the_published_bytes(name, size):
    # the byte sizes recorded in the standards README: a reformatted copy would differ
    assert (CONTEXTS_DIR / name).stat().st_size == size


def test_the_network_guard_refuses_outbound_connections(_no_network):
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("93.184.215.14", 80), timeout=1)
    with pytest.raises(NetworkBlocked), socket.socket() as raw:
        raw.connect(("93.184.215.14", 443))
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("www.w3.org", 443)
    assert _no_network == ["93.184.215.14", ("93.184.215.14", 443), "www.w3.org"]
    _no_network.clear()  # expected here; any other test attempting it fails


def test_an_unknown_context_is_refused_without_a_connection(_no_network):
    # given
    document = {"@context": ["https://www.w3.org/ns/credentials/v2", "https://example.org/ctx.jsonld"], "name": "x"}

    # when / then
    with pytest.raises(UnknownContextError) as error:
        canonize(document)
    assert error.value.url == "https://example.org/ctx.jsonld"
    assert _no_network == []


def test_pyld_default_loader_refuses_too(_no_network):
    """A call that forgets our loader still cannot fetch."""
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand({"@context": "https://schema.org/", "name": "x"})
    assert _no_network == []


def test_undefined_terms_are_reported_at_any_depth():
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2", OB_V3P0],
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "cinNumber": "AB123456",
        "credentialSubject": {"type": ["AchievementSubject"], "birthDate": "1990-01-01"},
    }

    assert undefined_terms(document) == ["birthDate", "cinNumber"]


def test_a_term_dropped_by_a_context_without_vocab_is_reported():
    # a context with no @vocab drops unknown terms: they would not be signed
    document = {"@context": {"name": "https://schema.org/name"}, "name": "x", "extra": "y"}

    assert undefined_terms(document) == ["extra"]


def test_both_versions_of_the_ob_context_give_the_same_nquads_for_our_credential(facts, settings):
    # given
    credential = open_badge_credential(
        facts, credential_uuid=uuid.uuid4(), subject_uuid=uuid.uuid4(), credential_status=status_entries(1, 7)
    )
    spec_repository_copy = {OB_V3P0: CONTEXTS_DIR / "purl.imsglobal.org_spec_ob_v3p0_context-3.0.3.json"}

    # when
    served = canonize(credential)
    other = canonize(credential, extra_contexts=spec_repository_copy)

    # then
    assert CONTEXT_FILES[OB_V3P0] != spec_repository_copy[OB_V3P0]
    assert hashlib.sha256(served.encode()).digest() == hashlib.sha256(other.encode()).digest()
    assert served.count("\n") > 30
