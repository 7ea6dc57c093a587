"""Receipt codes: 100 random bits in Crockford base32, grouped for writing down.

``K7QM-3XZP-9D2A-W4HT-E8RN``: no I, L, O or U, so nothing is misread; typing is
forgiving (lower case, spaces, dashes, O for 0, I or L for 1, Thai digits).
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 5
GROUP_LENGTH = 4  # 20 characters × 5 bits = 100 bits
_TYPING = str.maketrans("OILoil๐๑๒๓๔๕๖๗๘๙", "011011" + "0123456789")


def generate() -> str:
    """A new random receipt code, grouped with dashes."""
    chars = [secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH)]
    groups = (
        "".join(chars[i : i + GROUP_LENGTH]) for i in range(0, len(chars), GROUP_LENGTH)
    )
    return "-".join(groups)


def normalize(typed: str) -> str:
    """The canonical form of a typed code (its characters, upper case, no dashes)."""
    cleaned = (typed or "").translate(_TYPING).upper()
    return "".join(char for char in cleaned if char in ALPHABET)


def is_well_formed(typed: str) -> bool:
    return len(normalize(typed)) == GROUPS * GROUP_LENGTH
