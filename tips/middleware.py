"""The first middleware of the stack on sites with tip pages (``MIDDLEWARE[0]``)."""

from tips.anonymity import anonymize, is_anonymous_path


class TipAnonymityMiddleware:
    """Anonymises requests to tip pages before any other middleware runs, and marks
    their responses as not to be cached, nor named to other sites as referrer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_anonymous_path(request.path_info):
            anonymize(request)
        response = self.get_response(request)
        if getattr(request, "tips_anonymous", False):
            response["Cache-Control"] = "private, no-store"
            # Not "no-referrer": browsers would then send "Origin: null" with the
            # form, and Django's CSRF check rightly refuses it.
            response["Referrer-Policy"] = "same-origin"
        return response
