"""The first middleware of the stack on sites with tip pages (``MIDDLEWARE[0]``)."""

from django.db import DatabaseError

from tips.anonymity import anonymize, anonymous_paths, is_anonymous_path
from tips.models.pages import refresh_anonymous_paths


class TipAnonymityMiddleware:
    """Anonymises requests to tip pages before any other middleware runs, and marks
    their responses as not to be cached, nor named to other sites as referrer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_anonymous_path(request.path_info, self.tip_page_paths()):
            anonymize(request)
        response = self.get_response(request)
        if getattr(request, "tips_anonymous", False):
            response["Cache-Control"] = "private, no-store"
            # Not "no-referrer": browsers would then send "Origin: null" with the
            # form, and Django's CSRF check rightly refuses it.
            response["Referrer-Policy"] = "same-origin"
            self.end_cookies_with_the_browser(response)
        return response

    def end_cookies_with_the_browser(self, response) -> None:
        """Cookies a tip page sets (the form's CSRF token) last only until the
        browser closes: a cookie kept for a year would tell whoever uses the phone
        next that a form of this site was opened. Deletions are kept as they are."""
        for morsel in response.cookies.values():
            if str(morsel["max-age"]) != "0":
                morsel["max-age"] = ""
                morsel["expires"] = ""

    def tip_page_paths(self) -> tuple[str, ...]:
        """The tip pages' paths: cached, or looked up once when the cache has lost
        them, so that the first request after a flush is scrubbed as early as any
        (with the database down, the pages' ``serve`` scrubs instead)."""
        paths = anonymous_paths()
        if paths is None:
            try:
                paths = refresh_anonymous_paths()
            except DatabaseError:
                paths = ()
        return paths
