"""JSON-LD processing with local contexts only.

Signing and verifying must never touch the network: a context fetched at
verify time could differ from the one used at signing (or be attacker
controlled), and the machines are offline anyway. The document loader serves
only the byte-exact copies in ``standards/contexts`` and refuses every other
URL. pyld's global default loader is replaced too, so a call that forgets to
pass ours cannot fetch either.
"""

import copy
import json
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

from pyld import jsonld

STANDARDS_DIR = Path(__file__).resolve().parent / "standards"
CONTEXTS_DIR = STANDARDS_DIR / "contexts"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"

# Terms the VC v2 context maps through its @vocab are "issuer-dependent":
# signed, but with no agreed meaning.
ISSUER_DEPENDENT_VOCAB = "https://www.w3.org/ns/credentials/issuer-dependent#"

# URL → file. The OB 3.0.3 context is the copy 1EdTech's own validator uses
# (the spec repository's file plus `endorsementJwt` and `jti`, as served by
# purl today); both give identical N-Quads for documents without those terms
# (tests/test_jsonld.py checks it on our credential).
CONTEXT_FILES: dict[str, Path] = {
    VC_V2: CONTEXTS_DIR / "www.w3.org_ns_credentials_v2.json",
    OB_V3P0: CONTEXTS_DIR / "variants" / "purl.imsglobal.org_spec_ob_v3p0_context-3.0.3.1edtech-validator.json",
    DATA_INTEGRITY_V2: CONTEXTS_DIR / "w3id.org_security_data-integrity_v2.json",
    MULTIKEY_V1: CONTEXTS_DIR / "w3id.org_security_multikey_v1.json",
}


class UnknownContextError(Exception):
    """A document named a context URL we do not hold locally. It was not fetched."""

    def __init__(self, url: str):
        super().__init__(f"unknown JSON-LD context, not fetched: {url}")
        self.url = url


@cache
def _context_document(path: Path) -> dict:
    return json.loads(path.read_bytes())


def known_context_urls(extra: Mapping[str, Path] | None = None) -> set[str]:
    return set(CONTEXT_FILES) | set(extra or {})


def document_loader(extra: Mapping[str, Path] | None = None) -> Callable:
    """A pyld document loader over the local files (plus ``extra``, used by
    tests for the W3C vectors' example contexts)."""
    files = {**CONTEXT_FILES, **(extra or {})}

    def load(url: str, options=None) -> dict:
        path = files.get(url)
        if path is None:
            raise UnknownContextError(url)
        # pyld may keep or alter what it is given: hand out a copy.
        return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(_context_document(path))}

    return load


def _refuse(url: str, options=None):
    raise UnknownContextError(url)


jsonld.set_document_loader(_refuse)


def context_urls(document: Mapping) -> list[str]:
    """The remote context URLs a document names (at any depth)."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, Mapping):
            for key, item in value.items():
                if key == "@context":
                    for entry in item if isinstance(item, list) else [item]:
                        if isinstance(entry, str):
                            found.append(entry)
                        else:
                            walk(entry)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(document)
    return found


def unknown_contexts(document: Mapping, extra: Mapping[str, Path] | None = None) -> list[str]:
    known = known_context_urls(extra)
    return [url for url in context_urls(document) if url not in known]


def canonize(document: Mapping, *, extra_contexts: Mapping[str, Path] | None = None) -> str:
    """RDF Dataset Canonicalization (URDNA2015 = RDFC-1.0) as N-Quads.

    pyld's default algorithm is the older URGNA2012, hence the explicit option.
    """
    for url in context_urls(document):
        if url not in known_context_urls(extra_contexts):
            raise UnknownContextError(url)
    return jsonld.normalize(
        dict(document),
        {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": document_loader(extra_contexts)},
    )


def undefined_terms(document: Mapping, *, extra_contexts: Mapping[str, Path] | None = None) -> list[str]:
    """Terms the contexts do not define, sorted.

    JSON-LD silently drops a term its context does not define (so it is not
    signed, yet a naive reader would show it), and VC v2's @vocab turns others
    into "issuer-dependent" IRIs with no agreed meaning. Both are reported.
    """
    dropped: set[str] = set()
    expanded = jsonld.expand(
        dict(document),
        {"documentLoader": document_loader(extra_contexts)},
        on_property_dropped=lambda term: dropped.add(str(term)),
    )
    issuer_dependent: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key.startswith(ISSUER_DEPENDENT_VOCAB):
                    issuer_dependent.add(key.removeprefix(ISSUER_DEPENDENT_VOCAB))
                if key == "@type" and "@value" not in value:
                    for type_iri in item if isinstance(item, list) else [item]:
                        if not isinstance(type_iri, str):
                            continue
                        if type_iri.startswith(ISSUER_DEPENDENT_VOCAB):
                            issuer_dependent.add(type_iri.removeprefix(ISSUER_DEPENDENT_VOCAB))
                        elif ":" not in type_iri:  # a relative IRI: the type was never defined
                            dropped.add(type_iri)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(expanded)
    return sorted(dropped | issuer_dependent)
