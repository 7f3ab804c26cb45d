"""Multibase and Multikey encodings used by Data Integrity and DID documents.

base58btc ('z' prefix) carries signatures and Multikey public keys;
base64url without padding ('u' prefix) carries Bitstring Status Lists.
"""

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {char: value for value, char in enumerate(BASE58_ALPHABET)}

# Multicodec prefixes (varint-encoded): ed25519-pub 0xed, ed25519-priv 0x1300.
ED25519_PUBLIC_PREFIX = b"\xed\x01"
ED25519_PRIVATE_PREFIX = b"\x80\x26"


class MultibaseError(ValueError):
    pass


def base58_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = BASE58_ALPHABET[remainder] + encoded
    leading_zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * leading_zeros + encoded


def base58_decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in _BASE58_INDEX:
            raise MultibaseError(f"not a base58btc character: {char!r}")
        number = number * 58 + _BASE58_INDEX[char]
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    leading_ones = len(text) - len(text.lstrip("1"))
    return b"\0" * leading_ones + body


def multibase_encode(data: bytes, *, base: str = "base58btc") -> str:
    if base == "base58btc":
        return "z" + base58_encode(data)
    if base == "base64url":
        return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
    raise MultibaseError(f"unsupported multibase: {base}")


def multibase_decode(text: str) -> bytes:
    if not isinstance(text, str) or not text:
        raise MultibaseError("empty multibase value")
    prefix, body = text[0], text[1:]
    if prefix == "z":
        return base58_decode(body)
    if prefix == "u":
        if "=" in body:
            raise MultibaseError("base64url multibase must not be padded")
        try:
            # validate=True: the default silently skips characters outside the alphabet
            return base64.b64decode(body + "=" * (-len(body) % 4), altchars=b"-_", validate=True)
        except (ValueError, TypeError) as error:
            raise MultibaseError("invalid base64url") from error
    raise MultibaseError(f"unsupported multibase prefix: {prefix!r}")


def public_key_to_multikey(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return multibase_encode(ED25519_PUBLIC_PREFIX + raw)


def public_key_from_multikey(value: str) -> Ed25519PublicKey:
    decoded = multibase_decode(value)
    if not decoded.startswith(ED25519_PUBLIC_PREFIX) or len(decoded) != 34:
        raise MultibaseError("not an Ed25519 Multikey public key")
    return Ed25519PublicKey.from_public_bytes(decoded[2:])


def private_key_from_multikey(value: str) -> Ed25519PrivateKey:
    decoded = multibase_decode(value)
    if not decoded.startswith(ED25519_PRIVATE_PREFIX) or len(decoded) != 34:
        raise MultibaseError("not an Ed25519 Multikey secret key")
    return Ed25519PrivateKey.from_private_bytes(decoded[2:])
