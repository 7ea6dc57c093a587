"""One place turns SECRET_KEY into keys: each use gets its own, and the tips keys
stored data depends on did not change when they moved here."""

from eservice_forms import tracking_codes
from kcs_core import pacing
from kcs_core.keyed_digests import derived_key, digest_key, digest_matches, keyed_digest
from tips import crypto

VECTOR_SECRET_KEY = "a-fixed-key-for-test-vectors"


def test_each_use_gets_a_key_of_its_own(settings):
    keys = {
        derived_key("tips", "receipt"),
        derived_key("tips", "encryption"),
        derived_key("eservice", "tracking-code"),
        derived_key("eservice", "tracking-code-digest"),
        derived_key("pacing", "challenge"),
    }
    assert len(keys) == 5 and all(len(key) == 32 for key in keys)
    assert settings.SECRET_KEY.encode() not in keys
    before = derived_key("tips", "receipt")
    settings.SECRET_KEY = f"{settings.SECRET_KEY}-rotated"
    assert derived_key("tips", "receipt") != before


def test_a_configured_key_replaces_the_derived_one():
    assert (
        digest_key("tips", "receipt", "from-the-environment") == b"from-the-environment"
    )
    assert digest_key("tips", "receipt", "") == derived_key("tips", "receipt")


def test_digests_match_only_their_value_under_their_key():
    key = derived_key("tests", "digest")
    stored = keyed_digest(key, "ABCD")
    assert digest_matches(stored, key, "ABCD")
    assert not digest_matches(stored, key, "ABCE")
    assert not digest_matches(stored, derived_key("tests", "other"), "ABCD")
    assert not digest_matches("", key, "")


def test_tips_keys_are_the_ones_stored_tips_were_made_with(settings):
    """Receipt digests and encryption keys made before the keys moved to kcs_core
    (values from the earlier ``tips.crypto``): a changed label would lock every
    tipster out of their tip and make every stored tip unreadable."""
    settings.SECRET_KEY = VECTOR_SECRET_KEY
    settings.KCS_TIPS_RECEIPT_KEY = ""
    settings.KCS_TIPS_ENCRYPTION_KEYS = []
    assert crypto.receipt_digest("ABCDEFGHJKMN") == (
        "b1aa9784a5ca0fd456812048e62b117e2d1b9551c7a6463e843df00a23988ace"
    )
    assert crypto.encryption_keys() == ["qCRs2KKhYqm8YaC50ABE2C0kTar89913Njc2RbodaOM="]


def test_no_digest_is_keyed_with_secret_key_itself(settings):
    """Receipt codes, tracking codes and pace tickets: none is an HMAC under
    ``SECRET_KEY`` itself (the pace secrets and the e-service digests were)."""
    settings.SECRET_KEY = VECTOR_SECRET_KEY
    settings.KCS_TIPS_RECEIPT_KEY = ""
    code = "ABCDEFGHJKMN"
    raw = keyed_digest(VECTOR_SECRET_KEY.encode(), code)
    assert crypto.receipt_digest(code) != raw
    assert tracking_codes.code_digest(code) != raw
    for purpose in ("challenge", "key"):
        assert pacing._secret(purpose) != keyed_digest(
            VECTOR_SECRET_KEY.encode(), f"kcs.pacing.{purpose}"
        )
