"""The plugin's JSON API: one django-ninja ``NinjaAPI`` for what the Wagtail API
(``/api/v2/``) does not do: form schemas, submissions, status look-ups.

A host mounts it once, next to Wagtail's API::

    from kcs_core.api import get_api

    urlpatterns = [path("api/", get_api().urls), ...]  # OpenAPI: /api/openapi.json

An app registers its endpoints on its ``AppConfig``: ``kcs_api = (prefix, router)``,
the dotted path of a ninja ``Router`` mounted under ``api/<prefix>/``
(:class:`kcs_core.apps.PluginAppMixin`).
A host that installs only some of the apps serves only their endpoints. The apps'
routers are :class:`AppRouter` instances, which declare the endpoints the apps have in
common (their pages, a page's form, a captcha, a look-up by code, files sent) alike.

What every endpoint shares lives here: errors (400 with messages keyed by field, 404,
413, 429) in the request's language (Thai unless ``Accept-Language`` asks for
English), the Wagtail site of the request, request bodies that are JSON or multipart
(a ``data`` part with the same JSON, and the files), and :class:`JSONForm`, which
describes a Django form to a front end and fills it from JSON answers, so that the
API validates with the very forms the HTML pages use.
"""

import datetime
import decimal
import functools
import json
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import urlsplit

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db.models import Q
from django.http import Http404, QueryDict
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.datastructures import MultiValueDict
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Page, Site
from wagtail.rich_text import expand_db_html

import pydantic
from ninja import NinjaAPI, Path, Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from kcs_core import captcha, pacing, throttle
from kcs_core.sites import KnownSite, owning_site, sites
from kcs_core.throttle import TooManyAttempts

URL_NAMESPACE = "kcs_api"
BodyModel = TypeVar("BodyModel", bound=pydantic.BaseModel)
# A page id in a path: Wagtail's page ids are 32-bit integers.
PageId = Path[int, {"ge": 1, "le": 2**31 - 1}]
JSON_PART = "data"  # the multipart part that carries the JSON body
#: The schema of a code or number a person types: never empty, read forgivingly
#: (case, spaces, hyphens, Thai digits) by the form behind the endpoint, which gives
#: its own message; so described, not validated, here.
TYPED = {"minLength": 1}


# --- Errors ------------------------------------------------------------------------

UNKNOWN_FIELD = gettext_lazy("There is no field of this name: check how it is spelt.")


class BodyIn(Schema):
    """A request body: a field it does not have is a 400 naming it, never ignored
    (a misspelt ``idempotency_key`` would file a retry twice)."""

    model_config = pydantic.ConfigDict(extra="forbid")


class ErrorOut(Schema):
    """Every error answer: a message for people, in the request's language."""

    detail: str


class InvalidOut(Schema):
    """400: the message, and the messages of each field (``__all__``: the form's)."""

    detail: str
    errors: dict[str, list[str]]


class APIError(Exception):
    """An answer other than success: ``status``, a message and field errors."""

    status = 400

    def __init__(self, detail: str, errors: Mapping[str, list[str]] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.errors = dict(errors or {})

    def headers(self) -> dict[str, str]:
        """Headers the answer carries besides its body."""
        return {}

    def body(self) -> dict:
        if self.status == 400:
            return {"detail": self.detail, "errors": self.errors}
        return {"detail": self.detail}


class NotFound(APIError):
    status = 404


class Conflict(APIError):
    """409: the request is valid but the thing it would change does not allow it
    now (already done once, or not yet possible)."""

    status = 409


class TooLarge(APIError):
    status = 413


class Throttled(APIError):
    """429: the client was refused too often in the current window of ``window``
    seconds (an hour unless said); ``Retry-After`` says when it ends. A pace
    ticket refused because the client filed many (``window=None``) may be sent
    again at once, with a harder one."""

    status = 429

    def __init__(self, detail: str, *, window: int | None = throttle.HOUR):
        super().__init__(detail)
        self.window = window

    def headers(self) -> dict[str, str]:
        if self.window is None:
            return {}
        return {"Retry-After": str(throttle.seconds_left(self.window))}


class StorageUnavailable(APIError):
    """503: the files could not be written (a full disk); nothing was stored."""

    status = 503


ERROR_SCHEMAS = {
    400: InvalidOut,
    404: ErrorOut,
    409: ErrorOut,
    413: ErrorOut,
    429: ErrorOut,
    503: ErrorOut,
}


def responses(success: Mapping[int, Any], *errors: int) -> dict:
    """An operation's ``response=`` mapping: its successes plus the error answers it
    can give (400 and 404 always: bad parameters, unknown site or object)."""
    codes = sorted({400, 404, *errors})
    return {**success, **{code: ERROR_SCHEMAS[code] for code in codes}}


def invalid(errors: Mapping[str, list[str]]) -> APIError:
    return APIError(_("Some answers need correcting."), errors)


def form_errors(form: forms.Form) -> dict[str, list[str]]:
    """A bound form's errors as ``{field: [messages]}``, form-wide ones under
    ``__all__``."""
    return {
        field: [str(item["message"]) for item in items]
        for field, items in form.errors.get_json_data().items()
    }


def invalid_form(form: forms.Form) -> APIError:
    return invalid(form_errors(form))


def not_found() -> NotFound:
    return NotFound(_("Not found."))


def refuse_unknown_files(files: MultiValueDict, form: forms.Form) -> None:
    """A 400 naming each file part that no file question of ``form`` takes: sent
    under a misspelt name, a file would be lost while the filing succeeds."""
    unknown = [
        name for name in files if not isinstance(form.fields.get(name), forms.FileField)
    ]
    if unknown:
        message = _("No question of this form takes files under this name.")
        raise invalid({name: [message] for name in unknown})


def too_large(limit: int) -> TooLarge:
    return TooLarge(
        _("A file is larger than the limit of %(limit)s.")
        % {"limit": filesizeformat(limit)}
    )


def parameter_errors(
    errors: list[dict], *, from_ninja: bool = True
) -> dict[str, list[str]]:
    """Pydantic's errors of a request's parameters, as messages keyed by the field
    of the body (or the parameter) they are about: ``pace`` for a bad
    ``pace.ticket``, ``__all__`` for the body as a whole. ninja's locations start
    with where the value came from (``body``, ``query``, ``path``) and a body
    schema's name (``payload``); :func:`read_body`'s start at the body's fields
    (``from_ninja=False``)."""
    result: dict[str, list[str]] = {}
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        if from_ninja:
            location = location[1:]
            if location[:1] == ["payload"]:
                location = location[1:]
        field = location[0] if location else "__all__"
        message = {
            "missing": _("This field is required."),
            "extra_forbidden": str(UNKNOWN_FIELD),
        }.get(error.get("type"), _("Enter a valid value."))
        if message not in result.setdefault(field, []):
            result[field].append(message)
    return result


def register_error_handlers(api: NinjaAPI) -> None:
    """Answer errors as :class:`ErrorOut` / :class:`InvalidOut` in the request's
    language. Other exceptions stay server errors (and Django reports them)."""

    def answer(request, status: int, body: dict):
        return api.create_response(request, body, status=status)

    @api.exception_handler(APIError)
    def api_error(request, exc):
        response = answer(request, exc.status, exc.body())
        for header, value in exc.headers().items():
            response[header] = value
        return response

    @api.exception_handler(NinjaValidationError)
    def parameters(request, exc):
        return answer(request, 400, invalid(parameter_errors(exc.errors)).body())

    @api.exception_handler(Http404)
    def missing(request, exc):
        return answer(request, 404, not_found().body())

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return answer(request, 413, {"detail": _("The request is too large.")})

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 400:  # ninja could not read the body
            body = invalid({"__all__": [_("The request could not be read.")]}).body()
            return answer(request, 400, body)
        return answer(request, exc.status_code, {"detail": str(exc)})


def in_request_language(run: Callable) -> Callable:
    """Run an operation in the language the client asks for (``Accept-Language``),
    ``LANGUAGE_CODE`` (Thai) otherwise. Django's LocaleMiddleware gives paths outside
    ``i18n_patterns`` the default language, so the API decides for itself."""

    @functools.wraps(run)
    def wrapper(request, *args, **kwargs):
        language = translation.get_language_from_request(request)
        with translation.override(language):
            response = run(request, *args, **kwargs)
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response

    return wrapper


# --- The API and its routers -------------------------------------------------------


def app_routers() -> list[tuple[str, Router]]:
    """``(prefix, router)`` of every installed app that registers one on its
    ``AppConfig`` (``kcs_api``)."""
    found = []
    for app_config in apps.get_app_configs():
        if registered := getattr(app_config, "kcs_api", None):
            prefix, dotted_path = registered
            found.append((prefix, import_string(dotted_path)))
    return found


#: The bodies the API reads (:func:`read_body`). A browser sends others, and
#: multipart, from any page without asking first (no CORS preflight).
BODY_TYPES = ("application/json", "multipart/form-data")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
#: What any write may be answered, whatever its operation (English: the document's
#: descriptions are for developers).
WRITE_REFUSALS = {
    403: "A browser page of another origin sent it (Origin)",
    413: "The body is over the server's limit",
    415: "The body is neither application/json nor multipart/form-data",
}


def origin_allowed(request) -> bool:
    """Whether a write may come from where the request says it comes from: a client
    that names no ``Origin`` (not a browser), the site's own pages (by host, or as
    the browser says: ``Sec-Fetch-Site: same-origin``, whatever a proxy did to the
    ``Host``), the origins Django trusts (``CSRF_TRUSTED_ORIGINS``), or a front end
    the host opens the API to with django-cors-headers' settings
    (``CORS_ALLOWED_ORIGINS``, ``CORS_ALLOWED_ORIGIN_REGEXES``,
    ``CORS_ALLOW_ALL_ORIGINS``).

    Any other page could make its visitors' browsers send multipart look-ups
    unasked: enough wrong codes lock the visitor out of their own case."""
    origin = request.headers.get("Origin")
    if origin is None or request.headers.get("Sec-Fetch-Site") == "same-origin":
        return True
    if urlsplit(origin).netloc == request.get_host():
        return True
    listed = [
        *getattr(settings, "CSRF_TRUSTED_ORIGINS", ()),
        *getattr(settings, "CORS_ALLOWED_ORIGINS", ()),
    ]
    patterns = getattr(settings, "CORS_ALLOWED_ORIGIN_REGEXES", ())
    return (
        getattr(settings, "CORS_ALLOW_ALL_ORIGINS", False)
        or origin in listed
        or any(re.match(pattern, origin) for pattern in patterns)
    )


class PluginAPI(NinjaAPI):
    """A NinjaAPI whose every answer is JSON, and which refuses the writes other
    sites' pages could make their visitors send. Ninja refuses a method a path does
    not take with a plain-text 405, before any exception handler or decorator runs;
    so its URL patterns' views refuse those writes first, then give the 405 the
    shape of every other error."""

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            pattern.callback = self.answering_in_json(pattern.callback)
        return patterns, app_name, namespace

    def answering_in_json(self, view: Callable) -> Callable:
        """``view``, unless :meth:`refused_status` refuses the request first, with
        its 405 answered as :class:`ErrorOut` (``Allow`` kept)."""

        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if status := self.refused_status(request):
                return in_request_language(self.refuse)(request, status=status)
            response = view(request, *args, **kwargs)
            if response.status_code != 405:
                return response
            return in_request_language(self.method_not_allowed)(
                request, allowed=response["Allow"]
            )

        return wrapper

    def get_openapi_schema(self, **kwargs):
        """Ninja's document, with the refusals every write may get (413 for a body
        over the server's limit, and :meth:`refused_status`'s) on each operation
        that takes one."""
        schema = super().get_openapi_schema(**kwargs)
        error = {"$ref": "#/components/schemas/ErrorOut"}
        for path in schema["paths"].values():
            for method, operation in path.items():
                if method.upper() in SAFE_METHODS:
                    continue
                for status, description in WRITE_REFUSALS.items():
                    operation["responses"].setdefault(
                        status,
                        {
                            "description": description,
                            "content": {"application/json": {"schema": error}},
                        },
                    )
        return schema

    def refused_status(self, request) -> int | None:
        """403 for a write from another site's page (:func:`origin_allowed`), 415
        for a body neither JSON nor multipart; ``None`` to go on."""
        if request.method in SAFE_METHODS:
            return None
        if not origin_allowed(request):
            return 403
        has_body = request.headers.get("Content-Length", "0") not in ("", "0")
        if has_body and request.content_type not in BODY_TYPES:
            return 415
        return None

    def refuse(self, request, *, status: int):
        """The answer of :meth:`refused_status`, in the request's language."""
        if status == 403:
            detail = _(
                "This address takes requests from this site's own pages and the "
                "front ends it names, not from %(origin)s."
            ) % {"origin": request.headers["Origin"]}
        else:
            detail = _(
                "Send the body as application/json, or as multipart/form-data "
                "when files go with it."
            )
        return self.create_response(request, {"detail": detail}, status=status)

    def method_not_allowed(self, request, *, allowed: str):
        """405 in the request's language, naming the methods the path takes."""
        detail = _("This address does not take %(method)s; it takes %(allowed)s.") % {
            "method": request.method,
            "allowed": allowed,
        }
        response = self.create_response(request, {"detail": detail}, status=405)
        response["Allow"] = allowed
        return response


def build_api() -> NinjaAPI:
    """A NinjaAPI with the shared error answers and every app's router."""
    api = PluginAPI(
        title="kcs-wagtail",
        version="1",
        description=(
            "Forms, submissions and look-ups of the kcs-wagtail apps. Pages, images "
            "and documents are in the Wagtail API at /api/v2/."
        ),
        urls_namespace=URL_NAMESPACE,
        # ninja serves its API browser from its own static files only when it is an
        # installed app; otherwise it would load them from a CDN.
        docs_url="/docs" if apps.is_installed("ninja") else None,
    )
    register_error_handlers(api)
    api.add_decorator(in_request_language, mode="view")
    for prefix, router in app_routers():
        api.add_router(prefix, router)
    return api


@functools.cache
def get_api() -> NinjaAPI:
    """The one API of the installation (ninja needs its URL namespace unique)."""
    return build_api()


# --- Sites and pages ---------------------------------------------------------------


def request_known_site(request) -> KnownSite:
    """The Wagtail site the request reached (by host name) with its root paths, or
    404."""
    known = sites.lookup(request)
    if known.site is None:
        raise not_found()
    return known


def request_site(request) -> Site:
    """The Wagtail site the request reached (by host name), or 404."""
    return request_known_site(request).site


def site_pages(request, model: type[Page]):
    """Live, public pages of ``model`` in the request's site, in every language (the
    site's root page and its translations)."""
    roots = Q()
    for path in request_known_site(request).root_paths:
        roots |= Q(path__startswith=path)
    return model.objects.live().public().filter(roots)


def listed_pages(request, model: type[Page], locale: str | None = None):
    """:func:`site_pages` for a listing endpoint: in tree order, with their locale,
    in ``locale`` only when it is given (``th``, ``en``)."""
    pages = site_pages(request, model).select_related("locale").order_by("path")
    return pages.filter(locale__language_code=locale) if locale else pages


def get_site_page(request, model: type[Page], page_id: int) -> Page:
    """The live page ``page_id`` of ``model`` in the request's site, or 404."""
    page = site_pages(request, model).filter(pk=page_id).first()
    if page is None:
        raise not_found()
    return page


def page_translations(page: Page) -> dict[str, Page]:
    """``{language code: live translation}`` of ``page``, ``page`` itself included."""
    pages = page.get_translations(inclusive=True).live().select_related("locale")
    return {item.locale.language_code: item.specific for item in pages}


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def absolute_url(request, path: str) -> str:
    return request.build_absolute_uri(path)


def api_url(request, name: str, *, site: Site | None = None, **kwargs) -> str:
    """The absolute URL of the API operation named ``name``, on the request's host,
    or on ``site``'s when that is another: what was filed on a page of a site inside
    the host's tree is looked up on its own site's host
    (:func:`kcs_core.sites.owning_site`)."""
    path = reverse(f"{URL_NAMESPACE}:{name}", kwargs=kwargs)
    if site is not None and site != request_site(request):
        return site.root_url + path
    return absolute_url(request, path)


# --- Request bodies ----------------------------------------------------------------


def request_body_schema(model: type[pydantic.BaseModel], *, files: bool) -> dict:
    """``openapi_extra`` for an operation that reads its body with
    :func:`read_body`: JSON, or (with ``files``) multipart with a ``data`` part."""
    schema = inline_schema(model.model_json_schema())
    content = {"application/json": {"schema": schema}}
    if files:
        content["multipart/form-data"] = {
            "schema": {
                "type": "object",
                "properties": {
                    # A text field holding the JSON (a part with a file name, as a
                    # Blob is sent, would be a file).
                    JSON_PART: {
                        "type": "string",
                        "description": "The JSON body, as text.",
                        "contentMediaType": "application/json",
                        "contentSchema": schema,
                    }
                },
                "required": [JSON_PART],
                "additionalProperties": {
                    "type": "array",
                    "items": {"type": "string", "format": "binary"},
                },
            }
        }
    return {"requestBody": {"required": True, "content": content}}


def inline_schema(schema: dict) -> dict:
    """A JSON schema with its ``$defs`` references replaced by the definitions."""
    definitions = schema.pop("$defs", {})

    def resolve(node):
        if isinstance(node, dict):
            reference = node.get("$ref", "")
            if reference.startswith("#/$defs/"):
                return resolve(definitions[reference.split("/")[-1]])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(schema)


def read_body(request, model: type[BodyModel]) -> tuple[BodyModel, MultiValueDict]:
    """The request's body as ``model`` and its uploaded files.

    JSON bodies carry no files; ``multipart/form-data`` carries the same JSON in its
    ``data`` part and the files in parts named after their fields. Raises a 400
    :class:`APIError` when the body cannot be read or does not fit ``model``.
    """
    if request.content_type == "multipart/form-data":
        text, files = request.POST.get(JSON_PART, ""), request.FILES
    else:
        text, files = request.body.decode("utf-8", "replace"), MultiValueDict()
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError) as error:  # RecursionError: nested too deep
        raise invalid({"__all__": [_("The request could not be read.")]}) from error
    try:
        return model.model_validate(raw), files
    except pydantic.ValidationError as error:
        raise invalid(parameter_errors(error.errors(), from_ninja=False)) from error


# --- Pace tickets (kcs_core.pacing) ----------------------------------------------


class PaceOut(Schema):
    """A pace ticket: solve ``challenge`` (an ALTCHA v2 challenge) and send the
    payload as ``solution``, or send ``ticket`` alone once ``matures_at`` is past.
    Single-use; fetch the form again for another."""

    ticket: str
    challenge: dict[str, Any] = pydantic.Field(description="ALTCHA v2 challenge")
    level: int = pydantic.Field(description="0 normally; each level doubles the cost")
    work: int = pydantic.Field(description="Key derivations needed, on average")
    matures_at: datetime.datetime
    expires_at: datetime.datetime


class PaceIn(BodyIn):
    ticket: str = pydantic.Field(
        default="", max_length=4000, description="The ticket, sent alone when matured"
    )
    solution: str = pydantic.Field(
        default="",
        max_length=8000,
        description="The ALTCHA payload (base64 JSON of the challenge and solution)",
    )

    def as_posted(self) -> dict:
        """The ticket's fields as the HTML form posts them, for the services that
        spend it (:func:`kcs_core.pacing.redeem_posted`)."""
        return {pacing.TICKET_FIELD: self.ticket, pacing.SOLUTION_FIELD: self.solution}

    def redeem(self, *, page, site_id: int, client_key: str) -> None:
        """Spend this ticket of ``page``'s form (``pacing.PaceRefused`` if it cannot
        be; :func:`pace_error` is the API's answer then)."""
        pacing.redeem(
            self.ticket,
            self.solution,
            scope=pacing.page_scope(page),
            site_id=site_id,
            client_key=client_key,
        )


def pace_error(refusal: pacing.PaceRefused) -> APIError:
    """The API's answer to a refused pace ticket: 429 when the client filed many
    this hour, else 400 with the reason under ``pace``."""
    if refusal.code == "busy":
        return Throttled(refusal.message, window=None)
    return invalid({"pace": [refusal.message]})


# --- Forms -------------------------------------------------------------------------


class CaptchaOut(Schema):
    """A captcha challenge: show the image, send back its key and the digits."""

    key: str
    image_url: str
    audio_url: str | None = pydantic.Field(description="The digits spoken in Thai")
    spoken_text: str | None = pydantic.Field(
        description="The digits as Thai words, where the server cannot speak them"
    )


def captcha_challenge(request, page) -> dict:
    """A new challenge of ``page``'s captcha (a
    :class:`~kcs_core.captcha.CaptchaRoutesMixin` page), as :class:`CaptchaOut`."""
    key = captcha.new_challenge()
    url_base = page.get_url(request)
    audio = captcha.audio_url(url_base, key)
    spoken = None
    if not audio:  # a text alternative, as on the page
        spoken = captcha.spoken_words(captcha.challenge_text(key))
    return {
        "key": key,
        "image_url": absolute_url(request, captcha.image_url(url_base, key)),
        "audio_url": absolute_url(request, audio) if audio else None,
        "spoken_text": spoken,
    }


def too_many_refused() -> APIError:
    """429 for a client past its hourly limit of refused forms."""
    return Throttled(
        _(
            "Too many attempts were made from your connection in the last hour. "
            "Please try again after %(time)s."
        )
        % {"time": throttle.retry_time()}
    )


def refusal_error(refusal: Exception, form: forms.Form) -> APIError:
    """The API's answer to a refused filing (one of
    :data:`kcs_core.refusals.FILING_REFUSALS`), as the page answers it with
    :func:`kcs_core.refusals.refused_form_page`."""
    if isinstance(refusal, TooManyAttempts):
        return too_many_refused()
    if isinstance(refusal, pacing.PaceRefused):
        return pace_error(refusal)
    return invalid_form(form)


class ChoiceOut(Schema):
    value: str
    label: str
    labels: dict[str, str]


class ColumnOut(Schema):
    key: str
    label: str
    labels: dict[str, str]
    numeric: bool
    whole: bool = False
    required: bool


class FieldOut(Schema):
    """One field of a form, as a front end needs it to build the input."""

    key: str
    type: str
    required: bool
    label: str
    labels: dict[str, str]
    help_text: str
    help_texts: dict[str, str]
    initial: Any = None
    choices: list[ChoiceOut] | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_value: int | float | None = None
    max_value: int | float | None = None
    min_date: datetime.date | None = None
    max_date: datetime.date | None = None
    whole: bool = False
    multiple: bool = False
    accept: list[str] | None = None
    max_size: int | None = None
    max_files: int | None = None
    columns: list[ColumnOut] | None = None
    rows: int | None = None
    autocomplete: str | None = pydantic.Field(
        default=None,
        description="The HTML autocomplete of the box: the resident's own detail it "
        "asks for (given-name, tel, postal-code…), or off",
    )


class HumanCheckIn(BodyIn):
    """A public form with a captcha, sent back: its answers and its pace ticket."""

    answers: dict[str, Any] = pydantic.Field(
        default_factory=dict,
        description=(
            "{field key: answer}; send back the hidden fields' initial values, and "
            'the captcha as {"key": ..., "answer": ...}.'
        ),
    )
    pace: PaceIn | None = pydantic.Field(
        default=None, description="The form's pace ticket, solved or matured"
    )


class BuddhistEraDateOut(Schema):
    """A date beside its ISO form (under ``<name>_be``) as the pages show it
    (:func:`kcs_core.api_fields.be_date`): its Buddhist-era year and its text in
    the request's language."""

    year: int = pydantic.Field(examples=[2569])
    text: str = pydantic.Field(examples=["1 ธันวาคม 2569"])


class ListedPageOut(Schema):
    """A page in a listing endpoint, with the address of its form's description."""

    id: int
    title: str
    locale: str
    url: str
    form_url: str


def listed_page(request, page, form_url_name: str) -> dict:
    """``page`` as :class:`ListedPageOut`; ``form_url_name`` names the endpoint
    that describes its form."""
    return {
        "id": page.pk,
        "title": page.title,
        "locale": page.locale.language_code,
        "url": absolute_url(request, page.get_url(request)),
        "form_url": api_url(request, form_url_name, page_id=page.pk),
    }


class PublicFormOut(Schema):
    """What a front end needs to show a public form and send it."""

    id: int
    title: str
    locale: str
    languages: list[str]
    intro: str = pydantic.Field(description="HTML")
    fields: list[FieldOut]
    pace: PaceOut
    submit_url: str


class HumanCheckFormOut(PublicFormOut):
    """What a front end needs to show a public form with a captcha and send it."""

    captcha: CaptchaOut
    captcha_url: str = pydantic.Field(description="POST here for another challenge")


def public_form(
    request, page, fields: list, client_key: str, endpoints: str, languages=None
) -> dict:
    """A page's public form as :class:`PublicFormOut`: the page, ``fields``
    (described) in ``languages`` (every language by default), a pace ticket for
    ``client_key``, and the address of the endpoint named ``<endpoints>_submit``.
    An app adds what its form has besides."""
    return {
        "id": page.pk,
        "title": page.title,
        "locale": page.locale.language_code,
        "languages": language_codes() if languages is None else languages,
        "intro": expand_db_html(page.intro),
        "fields": fields,
        "pace": pacing.issue_for_page(
            page, owning_site(page, request).pk, client_key
        ).as_json(),
        "submit_url": api_url(request, f"{endpoints}_submit", page_id=page.pk),
    }


def human_check_form(request, page, fields: list, client_key: str, endpoints: str):
    """:func:`public_form` with a captcha challenge, as :class:`HumanCheckFormOut`;
    another challenge comes from the endpoint named ``<endpoints>_captcha``."""
    return {
        **public_form(request, page, fields, client_key, endpoints),
        "captcha": captcha_challenge(request, page),
        "captcha_url": api_url(request, f"{endpoints}_captcha", page_id=page.pk),
    }


# --- Endpoints the apps have in common ---------------------------------------------


class AppRouter(Router):
    """An app's ninja ``Router``, with the kinds of endpoint the apps' APIs have in
    common: the app's pages on the site, a page's form, another captcha challenge, a
    look-up by a secret code and a request that sends files. Each method is a
    decorator, like ``Router.get``, that gives the operation its method, its answers
    and, where the kind fixes them, its path and request body."""

    def pages(self, path: str, page_schema: Any, *, url_name: str, summary: str):
        """``GET path``: the app's live pages on the request's site, as a list of
        ``page_schema`` (400 for bad parameters, 404 for an unknown site)."""
        return self.get(
            path,
            response=responses({200: list[page_schema]}),
            url_name=url_name,
            summary=summary,
        )

    def page_form(
        self,
        form_schema: Any,
        *,
        url_name: str,
        summary: str,
        path: str = "/pages/{page_id}/form/",
    ):
        """``GET path``: the form of the page ``page_id``, as ``form_schema`` (400
        for bad parameters, 404 for a page that is not live on the site)."""
        return self.get(
            path,
            response=responses({200: form_schema}),
            url_name=url_name,
            summary=summary,
        )

    def captcha(self, *, url_name: str):
        """``POST /pages/{page_id}/captcha/``: another challenge for the captcha of
        the page ``page_id`` (201, :class:`CaptchaOut`)."""
        return self.post(
            "/pages/{page_id}/captcha/",
            response=responses({201: CaptchaOut}),
            url_name=url_name,
            summary="Another captcha challenge",
        )

    def lookup(self, path: str, answer_schema: Any, *, url_name: str, summary: str):
        """``POST path``: what a secret sent in the body opens (a receipt code, a
        reference number and its tracking code: never in a URL, which logs keep), as
        ``answer_schema``; 404 when nothing matches, 429 past the client's limit of
        wrong guesses."""
        return self.post(
            path,
            response=responses({200: answer_schema}, 429),
            url_name=url_name,
            summary=summary,
        )

    def upload(
        self,
        path: str,
        body: type[pydantic.BaseModel],
        success: Mapping[int, Any],
        *,
        url_name: str,
        summary: str,
    ):
        """``POST path`` with files: ``body`` as JSON, or as multipart with the
        JSON in a ``data`` part beside the files (:func:`read_body`). ``success``,
        or 413 for a file too large, 429 when the client is throttled, 503 when
        the files cannot be stored."""
        return self.post(
            path,
            response=responses(success, 413, 429, 503),
            url_name=url_name,
            summary=summary,
            openapi_extra=request_body_schema(body, files=True),
        )


def json_value(value):
    """A form value as JSON: dates as ISO 8601, decimals as text."""
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


#: ``(widget class, input type)`` for :meth:`JSONForm.field_type`: the first class
#: the widget is an instance of gives its input type, so a subclass comes before its
#: parents (CheckboxSelectMultiple is a RadioSelect, SelectMultiple a Select).
WIDGET_KINDS = (
    (forms.HiddenInput, "hidden"),
    (forms.Textarea, "textarea"),
    (forms.CheckboxInput, "checkbox"),
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.RadioSelect, "radio"),
    (forms.SelectMultiple, "multiselect"),
    (forms.Select, "select"),
    (forms.DateTimeInput, "datetime"),
    (forms.DateInput, "date"),
    (forms.TimeInput, "time"),
    (forms.FileInput, "files"),
    (forms.MultiWidget, "group"),
)


class JSONForm:
    """A Django form seen from JSON: :meth:`describe` lists its fields for a front
    end (labels in every language), :meth:`data` turns JSON answers into the form
    data the form validates, exactly as if a browser had posted it.

    ``translations`` maps language codes to the same form built in that language
    (one form for all, when its labels are translatable strings). Subclass to
    describe or read an app's own field types.
    """

    #: Fields left out of the description (a honeypot only robots fill in).
    hidden_fields: tuple[str, ...] = ()

    def __init__(self, form: forms.Form, translations: Mapping[str, forms.Form]):
        self.form = form
        self.translations = dict(translations)

    # Describing --------------------------------------------------------------------

    def describe(self) -> list[dict]:
        """Every field the front end shows or sends back, in the form's order."""
        return [
            self.describe_field(name, field)
            for name, field in self.form.fields.items()
            if name not in self.hidden_fields
        ]

    def in_each_language(self, read: Callable[[forms.Form], Any]) -> dict[str, Any]:
        """``{language: read(form in that language)}``, lazy strings resolved."""
        result = {}
        for language, form in self.translations.items():
            with translation.override(language):
                result[language] = read(form)
        return result

    def texts(self, name: str, attribute: str) -> dict[str, str]:
        def read(form):
            field = form.fields.get(name, self.form.fields[name])
            return str(getattr(field, attribute) or "")

        return self.in_each_language(read)

    def describe_field(self, name: str, field: forms.Field) -> dict:
        """The description of one field (override to add an app's own types)."""
        widget = field.widget
        description = {
            "key": name,
            "type": self.field_type(field),
            "required": field.required,
            "label": str(field.label or ""),
            "labels": self.texts(name, "label"),
            "help_text": str(field.help_text or ""),
            "help_texts": self.texts(name, "help_text"),
            "initial": json_value(self.form.get_initial_for_field(field, name)),
            "min_length": getattr(field, "min_length", None),
            "max_length": getattr(field, "max_length", None),
            "multiple": bool(
                getattr(widget, "allow_multiple_selected", False)
                or isinstance(field, forms.MultipleChoiceField)
            ),
        }
        for bound in ("min_value", "max_value"):  # a number's range, if it has one
            value = getattr(field, bound, None)
            if isinstance(value, int | float | decimal.Decimal):
                description[bound] = value if isinstance(value, int) else float(value)
        if isinstance(field, forms.ChoiceField):
            description["choices"] = self.describe_choices(name, field)
        if widget.attrs.get("autocomplete"):
            description["autocomplete"] = widget.attrs["autocomplete"]
        if isinstance(widget, forms.FileInput) and widget.attrs.get("accept"):
            description["accept"] = widget.attrs["accept"].split(",")
        return description

    def describe_choices(self, name: str, field: forms.ChoiceField) -> list[dict]:
        def read(form):
            choices = form.fields.get(name, field).choices
            return {str(value): str(label) for value, label in choices}

        labels = self.in_each_language(read)
        return [
            {
                "value": str(value),
                "label": str(label),
                "labels": {
                    language: by_value.get(str(value), str(label))
                    for language, by_value in labels.items()
                },
            }
            for value, label in field.choices
            if str(value) != ""
        ]

    def field_type(self, field: forms.Field) -> str:
        """The input a front end builds: ``text``, ``textarea``, ``email``,
        ``number``, ``date``, ``datetime``, ``url``, ``tel``, ``checkbox``,
        ``select``, ``radio``, ``checkboxes``, ``multiselect``, ``files``,
        ``hidden``, or ``group`` (several inputs; see :meth:`describe_field`). A
        date field is a ``date`` whatever its widget (the day, month and year boxes
        of :class:`~kcs_core.widgets.ThaiDateWidget` take one ISO date here)."""
        widget = field.widget
        if isinstance(field, forms.DateField) and not widget.is_hidden:
            return "date"
        for widget_class, kind in WIDGET_KINDS:
            if isinstance(widget, widget_class):
                return kind
        return widget.attrs.get("type") or getattr(widget, "input_type", "text")

    # Reading answers ---------------------------------------------------------------

    def data(self, answers: Mapping[str, Any]) -> QueryDict:
        """The form data for ``answers`` (``{field key: value}``). Keys that are
        not the form's, answers to file questions (files go in multipart parts) and
        values of the wrong shape are a 400 naming their key: a misspelt key would
        otherwise lose its answer without a word."""
        data = QueryDict(mutable=True)
        errors = {
            key: [str(UNKNOWN_FIELD)] for key in answers if key not in self.form.fields
        }
        for name, field in self.form.fields.items():
            value = answers.get(name)
            if value is None:
                continue
            if isinstance(field.widget, forms.FileInput):
                errors[name] = [_("Send the files as multipart parts of this name.")]
                continue
            try:
                for key, values in self.field_values(name, field, value):
                    data.setlist(key, values)
            except ValueError:
                errors[name] = [_("Enter a valid value.")]
        if errors:
            raise invalid(errors)
        return data

    def field_values(
        self, name: str, field: forms.Field, value: Any
    ) -> list[tuple[str, list[str]]]:
        """``[(form data key, values)]`` for one answer; ValueError when the
        answer has the wrong shape (override for an app's own widgets)."""
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            if not isinstance(value, bool):
                raise ValueError(name)
            return [(name, ["on"])] if value else []
        if isinstance(widget, forms.MultiWidget) and not isinstance(
            field, forms.DateField
        ):
            parts = value if isinstance(value, list) else [value]
            if len(parts) > len(widget.widgets):
                raise ValueError(name)
            return [
                (f"{name}{suffix}", [self.text(part)])
                for suffix, part in zip(widget.widgets_names, parts, strict=False)
            ]
        if isinstance(value, list):
            if not getattr(widget, "allow_multiple_selected", False):
                raise ValueError(name)
            return [(name, [self.text(item) for item in value])]
        return [(name, [self.text(value)])]

    @staticmethod
    def text(value: Any) -> str:
        """A scalar answer as the text a browser would send."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float | decimal.Decimal):
            return str(value)
        if isinstance(value, str) and "\x00" not in value:
            return value
        if value is None:
            return ""
        raise ValueError(value)


class HumanCheckJSONForm(JSONForm):
    """A :class:`~kcs_core.captcha.HumanCheckForm` seen from JSON: the honeypot left
    out, the captcha described as ``captcha`` and answered as
    ``{"key": ..., "answer": ...}``."""

    hidden_fields = ("website",)

    def field_type(self, field):
        if isinstance(field, captcha.DigitCaptchaField):
            return "captcha"
        return super().field_type(field)

    def field_values(self, name, field, value):
        if isinstance(field, captcha.DigitCaptchaField):
            if not isinstance(value, dict):
                raise ValueError(name)
            value = [value.get("key", ""), value.get("answer", "")]
        return super().field_values(name, field, value)
