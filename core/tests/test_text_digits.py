import pytest

from core.text import fold_digits, normalize_for_matching


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("٣٫٥", "3.5"),  # Arabic-Indic digits and decimal separator
        ("۱۲", "12"),  # Extended (Persian) digits
        ("١٬٠٠٠", "1000"),  # Arabic thousands separator
        ("12,5", "12,5"),  # a French decimal comma is left to the caller
        ("abc", "abc"),
    ],
)
def test_fold_digits(typed, folded):
    assert fold_digits(typed) == folded


def test_normalize_for_matching_is_unchanged_by_digit_folding():
    # given an answer mixing Arabic letters and digits
    # then the shared normalisation keeps its own behaviour (digits untouched)
    assert normalize_for_matching("المادة ٤٠") == "الماده ٤٠"
