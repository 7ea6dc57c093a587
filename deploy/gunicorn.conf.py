"""gunicorn settings for production and ``make prod``.

Every value can be overridden from the environment (``GUNICORN_*``). The access log
never carries client addresses or user agents: tip-off pages must not identify anyone,
and the same log line format for every path keeps it simple to prove.
"""

import multiprocessing
import os
import time

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


class TipRequestsByDay(Logger):
    """The access log dates a request to a tip page (marked in the environ by
    ``tips.anonymity.anonymize``) to its day only: "POST /tip-off/ 200" to the
    second is a filed tip, and case numbers count up."""

    TIP_REQUEST_MARK = "kcs.tip_request"  # tips.anonymity.TIP_REQUEST_MARK

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if environ.get(self.TIP_REQUEST_MARK):
            atoms["t"] = time.strftime("[%d/%b/%Y]")
        return atoms


logger_class = TipRequestsByDay
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
