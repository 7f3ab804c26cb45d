"""Bitstring Status List encoding, checked against published encodedLists."""

import gzip

import pytest

from certificates.credentials.bitstring import (
    BitstringError,
    bit_get,
    bit_set,
    bitstring_new,
    decode_list,
    encode_list,
)
from certificates.credentials.multibase import multibase_encode

# W3C Bitstring Status List v1.0, Examples 3 and 5: an empty list of the
# minimum size (16 KiB = 131,072 entries).
W3C_EXAMPLE = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"
# Digital Bazaar's vc-bitstring-status-list tests (BSD-3-Clause),
# "should mark a credential revoked, encode and decode": a 100,000-entry
# list with only index 50,000 set (their value has no multibase prefix).
DIGITAL_BAZAAR_50000_SET = "uH4sIAAAAAAAAA-3OMQ0AAAgDsElHOh72EJJWQRMAAAAAAIDWXAcAAAAAAIDHFvRitn7UMAAA"


def test_the_w3c_example_is_an_empty_list_of_131072_entries():
    bits = decode_list(W3C_EXAMPLE)

    assert len(bits) * 8 == 131_072
    assert not any(bits)


def test_bit_order_matches_a_known_encoded_list():
    # given: a list where only index 50,000 is set
    bits = decode_list(DIGITAL_BAZAAR_50000_SET)

    # then: index 50,000 is the most significant (left-most) bit of byte 6,250
    assert len(bits) * 8 == 100_000
    assert bits[6250] == 0b1000_0000
    assert bit_get(bits, 50_000) is True
    assert [i for i in range(49_990, 50_010) if bit_get(bits, i)] == [50_000]
    assert sum(bin(byte).count("1") for byte in bits) == 1

    # and setting the same bit ourselves gives the same bytes
    assert bit_set(bitstring_new(100_000), 50_000, True) == bits


def test_encode_decode_round_trip_with_our_own_lists():
    bits = bitstring_new(131_072)
    for index in (0, 7, 8, 94_567, 131_071):
        bits = bit_set(bits, index, True)

    encoded = encode_list(bits)

    assert encoded.startswith("uH4sI")  # multibase base64url of a gzip stream
    assert "=" not in encoded
    decoded = decode_list(encoded)
    assert decoded == bits
    assert [i for i in range(131_072) if bit_get(decoded, i)] == [0, 7, 8, 94_567, 131_071]
    assert encode_list(bits) == encoded  # deterministic: no timestamp in the gzip header


def test_clearing_a_bit_leaves_its_neighbours():
    bits = bit_set(bit_set(bitstring_new(16), 3, True), 4, True)

    bits = bit_set(bits, 3, False)

    assert [bit_get(bits, i) for i in range(8)] == [False, False, False, False, True, False, False, False]


@pytest.mark.parametrize(
    "encoded, message",
    [
        ("H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA", "must be multibase base64url"),
        ("uAAAA", "not GZIP"),
        (multibase_encode(gzip.compress(bytes(64), mtime=0)[:-6], base="base64url"), "truncated"),
        (multibase_encode(gzip.compress(bytes(17 * 1024 * 1024), mtime=0), base="base64url"), "too large"),
        ("u!!!", "invalid base64url"),
    ],
)
def test_bad_encoded_lists_are_refused(encoded, message):
    with pytest.raises(BitstringError, match=message):
        decode_list(encoded)


def test_an_index_outside_the_list_is_refused():
    with pytest.raises(BitstringError):
        bit_get(bitstring_new(8), 8)
