"""Receipt codes (tips.receipt_codes): 100 random bits a tipster writes down, and
typing that forgives the usual slips."""

import re

import pytest

from tips.receipt_codes import ALPHABET, generate, is_well_formed, normalize


def test_a_new_code_is_five_groups_of_four_unambiguous_characters():
    code = generate()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}", code)
    assert set(code.replace("-", "")) <= set(ALPHABET)
    assert generate() != code


@pytest.mark.parametrize(
    "typed",
    [
        "K7QM-3XZP-9D2A-W4HT-E8RN",
        "k7qm 3xzp 9d2a w4ht e8rn",  # lower case, spaces
        "K7QM3XZP9D2AW4HTE8RN",
        " K7QM-3XZP-๙D2A-W๔HT-E8RN ",  # Thai digits
    ],
)
def test_typing_is_forgiving(typed):
    assert normalize(typed) == "K7QM3XZP9D2AW4HTE8RN"
    assert is_well_formed(typed)


def test_letters_read_as_digits_become_those_digits():
    assert normalize("oO-iI-lL") == "001111"


@pytest.mark.parametrize("typed", [None, "", "K7QM-3XZP", "K7QM-3XZP-9D2A-W4HT-E8RN-X"])
def test_a_missing_short_or_long_code_is_not_well_formed(typed):
    assert not is_well_formed(typed)


def test_nothing_typed_is_an_empty_code():
    assert normalize(None) == normalize("") == ""
