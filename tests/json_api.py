"""A test client that speaks JSON, for the plugin's JSON API (``/api/``)."""

import json


class JSONClient:
    """Django's test client, sending and reading JSON."""

    def __init__(self, client):
        self.client = client

    def get(self, url, params=None, **extra):
        return self.client.get(url, params, **extra)

    def post(self, url, body=None, **extra):
        return self.client.post(
            url, json.dumps(body or {}), content_type="application/json", **extra
        )

    def multipart(self, url, body, files=None, **extra):
        """``body`` as the ``data`` part, ``files`` as ``{field key: [files]}``."""
        return self.client.post(
            url, {"data": json.dumps(body), **(files or {})}, **extra
        )
