"""Reading a page's HTML the way its words are read, for assertions on text."""

import re

KEPT_WORD = re.compile(r'<span class="kcs-word">([^<]*)</span>')
HREF = re.compile(r"""href="([^"#]*)""")  # a link's address, its fragment dropped


def readable(html: str) -> str:
    """``html`` without the markup that keeps Thai words whole on a line (the
    ``kcs-word`` spans and ``<wbr>``), so a test can look for
    ``นายสุรัตน์ จันทราตรี`` or ``<h1>ตาราง IIT</h1>`` as the reader sees them."""
    return KEPT_WORD.sub(r"\1", html).replace("<wbr>", "")


def read(response) -> str:
    """A response's HTML as :func:`readable` gives it."""
    return readable(response.content.decode())


#: A landmark named by a heading: a ``<section>`` or a ``role="region"``.
NAMED_LANDMARK = re.compile(
    r'<(?:section|[a-z]+ [^>]*role="region")[^>]*aria-labelledby="([^"]+)"'
)


def landmark_names(html: str) -> list[str]:
    """The ids naming the page's region landmarks, in order: two landmarks of one
    name read the same in a screen reader's list (axe ``landmark-unique``)."""
    return NAMED_LANDMARK.findall(html)
