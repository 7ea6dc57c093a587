"""Error reports (Django's admin e-mails) that reveal nothing about a tipster.

Django's reports carry the request's headers (address, user agent), cookies, POST
data and the local variables of every frame. For tip requests, all of it is
replaced by stars; other requests get Django's usual filtering.
"""

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from tips.anonymity import is_anonymous_request

# Request metadata an error report may still show for a tip request.
SAFE_META_KEYS = frozenset(
    {"REQUEST_METHOD", "PATH_INFO", "SCRIPT_NAME", "SERVER_NAME", "SERVER_PORT"}
)


class TipExceptionReporterFilter(SafeExceptionReporterFilter):
    """Cleanses headers, cookies, POST data and frame variables of tip requests."""

    def get_safe_request_meta(self, request):
        if request is None or not is_anonymous_request(request):
            return super().get_safe_request_meta(request)
        return {
            key: value if key in SAFE_META_KEYS else self.cleansed_substitute
            for key, value in request.META.items()
        }

    def get_safe_cookies(self, request):
        if request is None or not is_anonymous_request(request):
            return super().get_safe_cookies(request)
        return dict.fromkeys(request.COOKIES, self.cleansed_substitute)

    def get_post_parameters(self, request):
        if request is None or not is_anonymous_request(request):
            return super().get_post_parameters(request)
        cleansed = request.POST.copy()
        for key in cleansed:
            cleansed.setlist(key, [self.cleansed_substitute])
        return cleansed

    def get_traceback_frame_variables(self, request, tb_frame):
        if request is None or not is_anonymous_request(request):
            return super().get_traceback_frame_variables(request, tb_frame)
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]


class TipExceptionReporter(ExceptionReporter):
    """Also hides the query string (in the list of GET values and in the request's
    address) and uploaded file names of tip requests, which Django's reporter shows
    without asking the filter."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None and is_anonymous_request(self.request):
            address = data.get("request_insecure_uri", "")
            data["request_insecure_uri"] = address.split("?", 1)[0]
            data["request_GET_items"] = []
            data["request_FILES_items"] = []
            data["user_str"] = None
        return data
