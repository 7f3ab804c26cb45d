"""VC-JOSE (W3C "Securing Verifiable Credentials using JOSE and COSE"):
the unsecured credential as a JWS compact payload, media type
``application/vc+jwt``, signed with EdDSA (Ed25519).

RFC 9864 prefers the fully-specified "Ed25519" algorithm name and joserfc
warns about "EdDSA"; we still sign with "EdDSA" because that is what VC-JOSE
verifiers and wallets accept today, and accept both when verifying.
"""

import base64
import binascii
import json
import warnings

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

from .keys import private_key_pem, public_raw

MEDIA_TYPE = "application/vc+jwt"
SIGNING_ALGORITHM = "EdDSA"
ACCEPTED_ALGORITHMS = ["EdDSA", "Ed25519"]


class JoseFormatError(ValueError):
    pass


def looks_like_jwt(text: str) -> bool:
    parts = text.strip().split(".")
    return len(parts) == 3 and all(parts[:2]) and text.strip().startswith("ey")


def _b64url_json(segment: str) -> dict:
    try:
        value = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    except (ValueError, binascii.Error) as error:
        raise JoseFormatError("not a JWS compact serialisation") from error
    if not isinstance(value, dict):
        raise JoseFormatError("not a JWS compact serialisation")
    return value


def jwt_parts_unverified(token: str) -> tuple[dict, dict]:
    """Header and payload, read without checking anything (to find the key)."""
    if not looks_like_jwt(token):
        raise JoseFormatError("not a JWS compact serialisation")
    header, payload, _ = token.strip().split(".")
    return _b64url_json(header), _b64url_json(payload)


def credential_jwt_encode(credential: dict, *, private_key: Ed25519PrivateKey, kid: str) -> str:
    unsecured = {key: value for key, value in credential.items() if key != "proof"}
    payload = json.dumps(unsecured, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {"alg": SIGNING_ALGORITHM, "typ": "vc+jwt", "cty": "vc", "kid": kid}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return jws.serialize_compact(header, payload, OKPKey.import_key(private_key_pem(private_key)), algorithms=[SIGNING_ALGORITHM])


def credential_jwt_verify(token: str, public_key: Ed25519PublicKey) -> bool:
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": base64.urlsafe_b64encode(public_raw(public_key)).rstrip(b"=").decode()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            jws.deserialize_compact(token.strip(), OKPKey.import_key(jwk), algorithms=ACCEPTED_ALGORITHMS)
        except (JoseError, ValueError):
            return False
    return True
