"""Requests that carry a NUL character are refused with a 400 before any view sees
them: PostgreSQL cannot store or compare text with NUL in it, so a NUL in a query
string, a form field, a file name, a JSON body or the path would otherwise end as a
500 deep inside a query. An API call with more form data, parts or files than Django
reads is answered here too, in the APIs' JSON, since this is where Django first
reads the form."""

from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NUL = "\x00"
NUL_REFUSED = gettext_lazy(
    "The request contains a character that is not allowed (NUL)."
)
# A JSON body, or the JSON "data" part of a multipart API call, may spell it escaped.
JSON_NUL_ESCAPES = (b"\x00", b"\\u0000")


def carries_nul(request) -> bool:
    """Whether any part of the request a view may read holds a NUL character."""
    if NUL in request.path:
        return True
    if request.content_type == "application/json":
        try:
            body = request.body
        except RequestDataTooBig:
            return False  # the view answers that itself (413)
        return any(escape in body.lower() for escape in JSON_NUL_ESCAPES)
    fields = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        fields.append(request.POST)
        names = [upload.name or "" for upload in request.FILES.values()]
        if any(NUL in name for name in names):
            return True
    return any(
        NUL in key or any(holds_nul(value) for value in values)
        for querydict in fields
        for key, values in querydict.lists()
    )


def holds_nul(value: str) -> bool:
    return NUL in value or "\\u0000" in value.lower()


#: What Django refuses to read of a form body (all SuspiciousOperations: a 400 page).
UNREADABLE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def is_api(request) -> bool:
    return request.path.startswith("/api/")


def in_callers_language(request):
    """The language an API call asks for (``Accept-Language``), as the APIs answer
    in it: this runs before Django's LocaleMiddleware."""
    return translation.override(translation.get_language_from_request(request))


def api_refusal(message: str, *, status: int) -> JsonResponse:
    """A refusal in the shape of the APIs' others (a 400 names no field)."""
    body = {"detail": message}
    if status == 400:
        body["errors"] = {"__all__": [message]}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


class RejectNulMiddleware:
    """Answers a request carrying a NUL character with 400 and a plain message (for
    the APIs under ``/api/``, JSON in the shape of their other 400s)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            refused = carries_nul(request)
        except UNREADABLE as error:
            if not is_api(request):
                raise  # Django's own 400 page
            with in_callers_language(request):
                return self.unreadable(error)
        if refused:
            return self.refusal(request)
        return self.get_response(request)

    def unreadable(self, error: Exception) -> JsonResponse:
        """An API call whose form parts Django would not read: 413 over
        ``DATA_UPLOAD_MAX_MEMORY_SIZE``, 400 past the number of parts or files
        Django takes. Django reads them once: the view could not answer later."""
        if isinstance(error, RequestDataTooBig):
            return api_refusal(_("The request is too large."), status=413)
        return api_refusal(_("The request has too many parts or files."), status=400)

    def refusal(self, request):
        if is_api(request):
            with in_callers_language(request):
                return api_refusal(str(NUL_REFUSED), status=400)
        return HttpResponseBadRequest(
            str(NUL_REFUSED), content_type="text/plain; charset=utf-8"
        )
