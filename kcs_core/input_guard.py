"""Requests that carry a NUL character are refused with a 400 before any view sees
them: PostgreSQL cannot store or compare text with NUL in it, so a NUL in a query
string, a form field, a file name, a JSON body or the path would otherwise end as a
500 deep inside a query."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

NUL = "\x00"
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


class RejectNulMiddleware:
    """Answers a request carrying a NUL character with 400 and a plain message (for
    the APIs under ``/api/``, JSON in the shape of their other 400s)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if carries_nul(request):
            return self.refusal(request)
        return self.get_response(request)

    def refusal(self, request):
        message = _("The request contains a character that is not allowed (NUL).")
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": message, "errors": {"__all__": [message]}},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
