"""A thin JSON wrapper over Django's test client for the API tests."""

import json


class ApiClient:
    """Sends JSON bodies and the given auth headers with every request."""

    def __init__(self, client, headers):
        self.client = client
        self.headers = headers

    def get(self, path, **params):
        return self.client.get(path, params, **self.headers)

    def post(self, path, data=None):
        return self._send("post", path, data)

    def put(self, path, data=None):
        return self._send("put", path, data)

    def patch(self, path, data=None):
        return self._send("patch", path, data)

    def delete(self, path):
        return self.client.delete(path, **self.headers)

    def _send(self, method, path, data):
        # A str is sent as it is, so tests can send malformed JSON.
        body = data if isinstance(data, str) else json.dumps({} if data is None else data)
        return getattr(self.client, method)(
            path, body, content_type="application/json", **self.headers
        )
