"""The W3C vc-di-eddsa test vectors (eddsa-rdfc-2022), reproduced byte for
byte: canonical N-Quads, hashes, signature and proofValue."""

import json
from pathlib import Path

import pytest

from certificates.credentials.dataintegrity import hash_data, proof_add, proof_verify
from certificates.credentials.multibase import private_key_from_multikey, public_key_from_multikey

VECTORS = Path(__file__).resolve().parent / "vectors"
EDDSA = VECTORS / "w3c-vc-di-eddsa"
# The example contexts the vectors use; never served outside tests.
EXAMPLE_CONTEXTS = {
    "https://www.w3.org/ns/credentials/examples/v2": VECTORS / "contexts" / "www.w3.org_ns_credentials_examples_v2.json",
    "https://w3id.org/citizenship/v4rc1": VECTORS / "contexts" / "w3id.org_citizenship_v4rc1.json",
}
CASES = {
    "alumni": (EDDSA / "unsigned.json", EDDSA / "eddsa-rdfc-2022"),
    "employment": (EDDSA / "employmentAuth.json", EDDSA / "eddsa-rdfc-2022" / "employ"),
}


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture
def key_pair():
    pair = json.loads(read_text(EDDSA / "keyPair.json"))
    return private_key_from_multikey(pair["privateKeyMultibase"]), public_key_from_multikey(pair["publicKeyMultibase"])


@pytest.mark.parametrize("case", CASES)
def test_canonical_forms_and_hashes_match_the_vectors(case):
    # given
    unsigned_path, folder = CASES[case]
    document = json.loads(read_text(unsigned_path))
    proof_config = json.loads(read_text(folder / "proofConfigDataInt.json"))

    # when
    hashed = hash_data(document, proof_config, extra_contexts=EXAMPLE_CONTEXTS)

    # then
    assert hashed.canonical_document == read_text(folder / "canonDocDataInt.txt")
    assert hashed.canonical_proof_config == read_text(folder / "proofCanonDataInt.txt")
    assert hashed.document_hash.hex() == read_text(folder / "docHashDataInt.txt").strip()
    assert hashed.proof_hash.hex() == read_text(folder / "proofHashDataInt.txt").strip()
    assert hashed.combined.hex() == read_text(folder / "combinedHashDataInt.txt").strip()


@pytest.mark.parametrize("case", CASES)
def test_signature_and_signed_document_match_the_vectors(case, key_pair):
    # given
    private_key, _ = key_pair
    unsigned_path, folder = CASES[case]
    document = json.loads(read_text(unsigned_path))
    proof_config = json.loads(read_text(folder / "proofConfigDataInt.json"))

    # when
    signed = proof_add(
        document,
        private_key=private_key,
        verification_method=proof_config["verificationMethod"],
        created=proof_config["created"],
        extra_contexts=EXAMPLE_CONTEXTS,
    )

    # then: Ed25519 is deterministic, so the bytes are the vector's
    expected = json.loads(read_text(folder / "signedDataInt.json"))
    assert signed == expected
    assert signed["proof"]["proofValue"] == read_text(folder / "sigBTC58DataInt.txt").strip()
    hashed = hash_data(document, proof_config, extra_contexts=EXAMPLE_CONTEXTS)
    assert private_key.sign(hashed.combined).hex() == read_text(folder / "sigHexDataInt.txt").strip()


@pytest.mark.parametrize("case", CASES)
def test_the_vectors_signed_documents_verify(case, key_pair):
    # given
    _, public_key = key_pair
    _, folder = CASES[case]
    signed = json.loads(read_text(folder / "signedDataInt.json"))

    # when / then
    assert proof_verify(signed, public_key, extra_contexts=EXAMPLE_CONTEXTS) is True


def test_a_changed_vector_document_does_not_verify(key_pair):
    # given
    _, public_key = key_pair
    signed = json.loads(read_text(EDDSA / "eddsa-rdfc-2022" / "signedDataInt.json"))
    signed["credentialSubject"]["alumniOf"] = "The School of Exampels"

    # when / then
    assert proof_verify(signed, public_key, extra_contexts=EXAMPLE_CONTEXTS) is False
