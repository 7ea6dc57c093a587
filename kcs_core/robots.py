"""Pages that search engines must leave out of their results."""


def not_for_search_engines(response):
    """``response`` with ``X-Robots-Tag: noindex``: a header, so it holds whatever
    the host's base template has in its ``<head>``."""
    response["X-Robots-Tag"] = "noindex"
    return response
