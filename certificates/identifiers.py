"""The three identifiers a certificate carries. None of them is the database key.

- ``public_id``: 128 random bits, base64url without padding (22 characters);
  the target of the QR code, so it is unguessable.
- short code: 10 random Crockford base32 symbols plus one check symbol,
  printed ``XXXXX-XXXXX-C`` for people to type. Input is accepted in any case,
  with or without dashes or spaces, with O read as 0 and I/L as 1, and with
  Arabic-Indic digits read as digits.
- licence number: a per-programme yearly sequence, ``MF-2026-000123``
  (drawn in services, under a row lock).

The check symbol is computed with Damm's algorithm over a totally
anti-symmetric quasigroup of order 32, ``x ∘ y = 2·x + y`` in GF(32): every
symbol (the check one too) stays in the base32 alphabet, and the check
catches every single wrong symbol and every swap of two neighbours (see
tests/test_identifiers.py, which proves both exhaustively). Crockford's own
mod-37 check would add symbols (``*~$=U``) that are awkward to type and to
put in a URL.
"""

import re
import secrets

from core.text import fold_digits

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}
# What people type instead of what is printed.
_FOLD = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-‐‑–—_]+")

SHORT_CODE_PAYLOAD = 10
SHORT_CODE_LENGTH = SHORT_CODE_PAYLOAD + 1
PUBLIC_ID_BYTES = 16  # 128 bits
PUBLIC_ID_LENGTH = 22  # base64url of 16 bytes, no padding
_PUBLIC_ID = re.compile(r"^[A-Za-z0-9_-]{22}$")

# GF(32) = GF(2)[x] / (x^5 + x^2 + 1); multiplying by x is a shift and a
# conditional reduction.
_MODULUS = 0b100101


def _times_two(value: int) -> int:
    value <<= 1
    return value ^ _MODULUS if value & 0b100000 else value


def quasigroup(interim: int, symbol: int) -> int:
    """Damm's operation: a Latin square in which (c∘x)∘y = (c∘y)∘x only if x = y."""
    return _times_two(interim) ^ symbol


def check_symbol(payload: str) -> str:
    """The symbol that brings Damm's interim value of ``payload`` back to 0."""
    interim = 0
    for symbol in payload:
        interim = quasigroup(interim, _VALUE[symbol])
    # quasigroup(interim, c) == 0  ⇔  c == 2·interim
    return ALPHABET[_times_two(interim)]


def is_consistent(code: str) -> bool:
    """True when a canonical code's check symbol matches its payload."""
    interim = 0
    for symbol in code:
        value = _VALUE.get(symbol)
        if value is None:
            return False
        interim = quasigroup(interim, value)
    return interim == 0


def short_code_generate() -> str:
    payload = "".join(secrets.choice(ALPHABET) for _ in range(SHORT_CODE_PAYLOAD))
    return payload + check_symbol(payload)


def short_code_normalize(typed: str) -> str | None:
    """The canonical 11-symbol form of what someone typed, or None when it
    cannot be a short code (wrong length, foreign symbol or failed check)."""
    if not typed or len(typed) > 40:
        return None
    # Arabic phone keyboards type Arabic-Indic digits (٠-٩).
    code = _SEPARATORS.sub("", fold_digits(typed)).upper().translate(_FOLD)
    if len(code) != SHORT_CODE_LENGTH or not is_consistent(code):
        return None
    return code


def short_code_display(code: str) -> str:
    """``ABCDE-FGHJK-M``: two groups of five, then the check symbol."""
    return f"{code[:5]}-{code[5:10]}-{code[10:]}"


def public_id_generate() -> str:
    return secrets.token_urlsafe(PUBLIC_ID_BYTES)


def public_id_is_well_formed(value: str) -> bool:
    return bool(_PUBLIC_ID.match(value or ""))


def licence_number_format(*, programme_code: str, year: int, number: int) -> str:
    return f"{programme_code}-{year}-{number:06d}"
