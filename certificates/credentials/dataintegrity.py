"""The ``eddsa-rdfc-2022`` Data Integrity cryptosuite (W3C vc-di-eddsa 1.0).

    hashData = SHA-256(canon(proof configuration)) ‖ SHA-256(canon(document))
    proofValue = multibase-base58btc(Ed25519-sign(hashData))

where canon is RDFC-1.0 (URDNA2015) over the JSON-LD, and the proof
configuration is the proof without ``proofValue``, given the document's
``@context`` (without it pyld would canonicalise it to an empty string).
"""

import copy
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .linkeddata import canonize
from .multibase import MultibaseError, multibase_decode, multibase_encode

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"


class ProofError(Exception):
    """The proof is malformed or names something this suite does not do."""


@dataclass(frozen=True)
class HashData:
    canonical_proof_config: str
    canonical_document: str
    proof_hash: bytes
    document_hash: bytes

    @property
    def combined(self) -> bytes:
        return self.proof_hash + self.document_hash


def _as_context_list(context) -> list:
    return list(context) if isinstance(context, list) else [context]


def hash_data(
    unsecured_document: Mapping, proof_config: Mapping, *, extra_contexts: Mapping[str, Path] | None = None
) -> HashData:
    """Transform and hash, as the spec's algorithms 3.2.3–3.2.5."""
    if "@context" not in unsecured_document:
        raise ProofError("the document has no @context")
    config = {key: value for key, value in proof_config.items() if key != "proofValue"}
    config["@context"] = copy.deepcopy(unsecured_document["@context"])
    canonical_proof_config = canonize(config, extra_contexts=extra_contexts)
    canonical_document = canonize(unsecured_document, extra_contexts=extra_contexts)
    return HashData(
        canonical_proof_config=canonical_proof_config,
        canonical_document=canonical_document,
        proof_hash=hashlib.sha256(canonical_proof_config.encode("utf-8")).digest(),
        document_hash=hashlib.sha256(canonical_document.encode("utf-8")).digest(),
    )


def proof_configuration(*, verification_method: str, created: str, proof_purpose: str = "assertionMethod") -> dict:
    return {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }


def proof_add(
    document: Mapping,
    *,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: str,
    proof_purpose: str = "assertionMethod",
    extra_contexts: Mapping[str, Path] | None = None,
) -> dict:
    """Return a copy of ``document`` with an embedded proof."""
    unsecured = {key: copy.deepcopy(value) for key, value in document.items() if key != "proof"}
    config = proof_configuration(verification_method=verification_method, created=created, proof_purpose=proof_purpose)
    hashed = hash_data(unsecured, config, extra_contexts=extra_contexts)
    signature = private_key.sign(hashed.combined)
    return {**unsecured, "proof": {**config, "proofValue": multibase_encode(signature)}}


def single_proof(document: Mapping) -> dict:
    """The document's one proof (a one-element proof set is accepted)."""
    proof = document.get("proof")
    if isinstance(proof, list):
        if len(proof) != 1:
            raise ProofError("expected exactly one proof")
        proof = proof[0]
    if not isinstance(proof, Mapping):
        raise ProofError("the document has no proof")
    return dict(proof)


def proof_check_shape(proof: Mapping) -> None:
    if proof.get("type") != PROOF_TYPE:
        raise ProofError(f"unsupported proof type: {proof.get('type')!r}")
    if proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError(f"unsupported cryptosuite: {proof.get('cryptosuite')!r}")
    for field in ("verificationMethod", "proofPurpose", "proofValue"):
        if not isinstance(proof.get(field), str) or not proof.get(field):
            raise ProofError(f"the proof has no {field}")


def proof_verify(
    document: Mapping, public_key: Ed25519PublicKey, *, extra_contexts: Mapping[str, Path] | None = None
) -> bool:
    """True when the document's proof is a valid eddsa-rdfc-2022 signature
    by ``public_key``. Malformed proofs raise ProofError."""
    proof = single_proof(document)
    proof_check_shape(proof)
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    if "@context" in proof:
        # The proof's contexts must be a prefix of the document's.
        proof_contexts = _as_context_list(proof["@context"])
        if _as_context_list(unsecured.get("@context"))[: len(proof_contexts)] != proof_contexts:
            return False
    try:
        signature = multibase_decode(proof["proofValue"])
    except MultibaseError as error:
        raise ProofError("proofValue is not multibase") from error
    if not proof["proofValue"].startswith("z") or len(signature) != 64:
        return False
    config = {key: value for key, value in proof.items() if key not in ("proofValue", "@context")}
    hashed = hash_data(unsecured, config, extra_contexts=extra_contexts)
    try:
        public_key.verify(signature, hashed.combined)
    except InvalidSignature:
        return False
    return True
