"""The identifiers' promises, proved exhaustively where the space allows."""

import base64
import itertools
import random

import pytest

from certificates.identifiers import (
    ALPHABET,
    SHORT_CODE_LENGTH,
    check_symbol,
    is_consistent,
    licence_number_format,
    public_id_generate,
    public_id_is_well_formed,
    quasigroup,
    short_code_display,
    short_code_generate,
    short_code_normalize,
)

SYMBOLS = range(32)


def test_the_operation_is_a_latin_square():
    # given every row and every column of Damm's table
    for fixed in SYMBOLS:
        # then each symbol appears once in the row and once in the column
        assert sorted(quasigroup(fixed, symbol) for symbol in SYMBOLS) == list(SYMBOLS)
        assert sorted(quasigroup(symbol, fixed) for symbol in SYMBOLS) == list(SYMBOLS)


def test_the_operation_is_weakly_totally_anti_symmetric():
    """(c∘x)∘y = (c∘y)∘x only when x = y, for every interim value c: so a
    swap of two different neighbours, anywhere in a code, changes the final
    interim value (what follows is a bijection of it)."""
    for interim, x, y in itertools.product(SYMBOLS, SYMBOLS, SYMBOLS):
        if x != y:
            assert quasigroup(quasigroup(interim, x), y) != quasigroup(quasigroup(interim, y), x)


def _codes(count: int, seed: int = 2026) -> list[str]:
    generator = random.Random(seed)
    codes = []
    for _ in range(count):
        payload = "".join(generator.choice(ALPHABET) for _ in range(SHORT_CODE_LENGTH - 1))
        codes.append(payload + check_symbol(payload))
    return codes


def test_every_single_wrong_symbol_is_caught():
    for code in _codes(500):
        # given a valid code
        assert is_consistent(code)
        # when any one position (the check symbol included) is replaced by any other symbol
        for position, wrong in itertools.product(range(len(code)), ALPHABET):
            if wrong == code[position]:
                continue
            typo = code[:position] + wrong + code[position + 1 :]
            # then the check fails
            assert not is_consistent(typo), typo


def test_every_swap_of_two_neighbours_is_caught():
    for code in _codes(500, seed=7):
        for position in range(len(code) - 1):
            first, second = code[position], code[position + 1]
            if first == second:
                continue  # swapping equal symbols changes nothing
            swapped = code[:position] + second + first + code[position + 2 :]
            assert not is_consistent(swapped), swapped


def test_all_swaps_and_substitutions_of_pairs_are_caught_for_every_pair_of_symbols():
    """Every possible neighbour pair (32 × 32) at every position of one code."""
    base = list(short_code_generate())
    for position in range(SHORT_CODE_LENGTH - 2):
        for a, b in itertools.product(ALPHABET, ALPHABET):
            if a == b:
                continue
            payload = base[:position] + [a, b] + base[position + 2 : SHORT_CODE_LENGTH - 1]
            code = "".join(payload) + check_symbol("".join(payload))
            swapped = code[:position] + b + a + code[position + 2 :]
            assert is_consistent(code) and not is_consistent(swapped)


def test_generated_codes_are_eleven_crockford_symbols_with_a_valid_check():
    codes = {short_code_generate() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert len(code) == 11
        assert set(code) <= set(ALPHABET)
        assert not set(code) & set("ILOU")
        assert short_code_normalize(code) == code


def test_codes_are_printed_in_groups_of_five_then_the_check_symbol():
    assert short_code_display("7K3QDM9XWA4") == "7K3QD-M9XWA-4"


@pytest.mark.parametrize(
    "typed",
    [
        "{code}",
        "{lower}",
        "{display}",
        "{display_lower}",
        "  {display}  ",
        "{spaced}",
        "{with_o}",
        "{with_i}",
        "{with_l}",
        "{en_dash}",
        "{arabic_digits}",
    ],
)
def test_codes_are_read_in_any_case_with_or_without_dashes_and_with_look_alikes_folded(typed):
    # given a code containing a 0 and a 1, as people may type it
    payload = "70K3QD1M9X"
    code = payload + check_symbol(payload)
    display = short_code_display(code)
    variants = {
        "code": code,
        "lower": code.lower(),
        "display": display,
        "display_lower": display.lower(),
        "spaced": " ".join(code[i : i + 1] for i in range(len(code))),
        "with_o": code.replace("0", "O"),
        "with_i": code.replace("1", "I"),
        "with_l": code.replace("1", "l"),
        "en_dash": display.replace("-", "–"),
        "arabic_digits": display.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
    }
    # when it is read, then it is the printed code
    assert short_code_normalize(typed.format(**variants)) == code


@pytest.mark.parametrize("typed", ["", "ABC", "7K3QD-M9XWA", "7K3QD-M9XWA-44", "7K3QD-M9XWA-U", "7K3QD-M9XWA-!", "x" * 500])
def test_what_cannot_be_a_code_is_refused(typed):
    assert short_code_normalize(typed) is None


def test_public_ids_carry_128_random_bits_in_url_safe_characters():
    ids = {public_id_generate() for _ in range(5000)}
    assert len(ids) == 5000
    for value in ids:
        assert len(value) == 22 and public_id_is_well_formed(value)
        assert len(base64.urlsafe_b64decode(value + "==")) == 16


def test_licence_numbers_read_programme_year_and_six_digits():
    assert licence_number_format(programme_code="MF", year=2026, number=123) == "MF-2026-000123"
