"""The shipped nginx configuration (``deploy/nginx/kcs.conf``), read for the rules
that keep tipsters out of its logs."""

import re
from pathlib import Path

NGINX = Path(__file__).resolve().parents[1] / "deploy" / "nginx" / "kcs.conf"


def anonymised_paths() -> list[re.Pattern]:
    """The regular expressions of ``map $uri $kcs_tip_path`` that map to 1: paths
    logged without the address and the user agent."""
    block = NGINX.read_text().split("map $uri $kcs_tip_path {")[1].split("}")[0]
    return [
        re.compile(match)
        for match in re.findall(r"^\s*~(\S+)\s+1;", block, flags=re.MULTILINE)
    ]


def quiet_error_log_path() -> re.Pattern:
    """The ``location`` whose error log keeps only critical errors (which name no
    client)."""
    config = NGINX.read_text()
    match = re.search(r"location ~ (\S+) \{\s*error_log \S+ crit;", config)
    return re.compile(match.group(1))
