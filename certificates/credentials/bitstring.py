"""Bitstring Status List encoding (W3C Bitstring Status List v1.0).

Index 0 is the left-most bit: the most significant bit of the first byte.
The list is GZIP-compressed, then multibase-encoded as base64url without
padding (a leading "u").
"""

import gzip
import zlib

from .multibase import MultibaseError, multibase_decode, multibase_encode

# A status list bigger than this is refused when decoding (zip-bomb guard):
# 16 MiB is 134 million entries, far beyond any real list.
MAX_DECODED_BYTES = 16 * 1024 * 1024


class BitstringError(ValueError):
    pass


def bitstring_new(size: int) -> bytes:
    if size <= 0 or size % 8:
        raise BitstringError("a status list holds a positive multiple of 8 entries")
    return bytes(size // 8)


def _locate(bits: bytes, index: int) -> tuple[int, int]:
    if not 0 <= index < len(bits) * 8:
        raise BitstringError(f"index {index} is outside the list (0–{len(bits) * 8 - 1})")
    return index // 8, 7 - index % 8


def bit_get(bits: bytes, index: int) -> bool:
    byte, shift = _locate(bits, index)
    return bool(bits[byte] >> shift & 1)


def bit_set(bits: bytes, index: int, value: bool) -> bytes:
    byte, shift = _locate(bits, index)
    buffer = bytearray(bits)
    if value:
        buffer[byte] |= 1 << shift
    else:
        buffer[byte] &= ~(1 << shift) & 0xFF
    return bytes(buffer)


def encode_list(bits: bytes) -> str:
    # mtime=0 keeps the output a function of the bits alone.
    return multibase_encode(gzip.compress(bits, compresslevel=9, mtime=0), base="base64url")


def decode_list(encoded: str) -> bytes:
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise BitstringError("encodedList must be multibase base64url (starting with 'u')")
    try:
        compressed = multibase_decode(encoded)
    except MultibaseError as error:
        raise BitstringError(str(error)) from error
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip framing
    try:
        bits = decompressor.decompress(compressed, MAX_DECODED_BYTES + 1)
    except zlib.error as error:
        raise BitstringError("encodedList is not GZIP data") from error
    if len(bits) > MAX_DECODED_BYTES or decompressor.unconsumed_tail:
        raise BitstringError("encodedList is too large")
    if not decompressor.eof:
        raise BitstringError("encodedList is truncated")
    return bits
