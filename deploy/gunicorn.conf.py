"""gunicorn settings for production and ``make prod``.

Every value can be overridden from the environment (``GUNICORN_*``). The access log
never carries client addresses or user agents, and leaves tip requests out: tip-off
pages must not identify or time anyone.
"""

import multiprocessing
import os

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
# Recycle workers now and then so a slow leak can never take a small server down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 500))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
# Time, request line, status, size, duration: no %(h)s (address), no %(a)s (agent).
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'


class NoTipRequests(Logger):
    """The access log leaves out requests to tip pages (marked in the environ by
    ``tips.anonymity.anonymize``): "POST /tip-off/ 200" is a filed tip, case
    numbers count up, and the lines around it would time it, whatever its own
    line said. It leaves out the files a tip page makes a browser fetch too (the
    static files, ``tips.css`` among them, and the favicon), as
    ``deploy/nginx/kcs.conf`` does."""

    TIP_REQUEST_MARK = "kcs.tip_request"  # tips.anonymity.TIP_REQUEST_MARK
    STATIC_PATHS = ("/static/", "/favicon.ico")  # STATIC_URL, and the favicon

    def access(self, resp, req, environ, request_time):
        if environ.get(self.TIP_REQUEST_MARK):
            return
        if environ.get("PATH_INFO", "").startswith(self.STATIC_PATHS):
            return
        super().access(resp, req, environ, request_time)


logger_class = NoTipRequests
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket (``gunicornc``: reload, shut down, add workers) is off.
# Its default path is one per user account, so each instance on a host (two sites,
# or ``make prod`` beside the tests) would take it from the one started before, and
# a command meant for one would reach another. GUNICORN_CONTROL_SOCKET=<path>, one
# per instance, turns it on.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
