"""The versions the demo pins in ``requirements.txt``, read without Django (the
stock and bare sites' scripts import it before setting Django up)."""

from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parents[1] / "requirements.txt"


def pinned_versions() -> dict[str, str]:
    """``name==version`` lines, by lower-case name without extras."""
    pins = {}
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        name, pinned, version = line.partition("==")
        if pinned and not name.startswith("#"):
            pins[name.split("[")[0].strip().lower()] = version.strip()
    return pins
