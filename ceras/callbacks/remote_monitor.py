"""RemoteMonitor: post the logs of every epoch to an HTTP server."""
import json
import urllib.parse
import urllib.request
import warnings

from ceras.callbacks.callback import Callback

try:
    import requests
except ImportError:  # urllib does the same job
    requests = None


def _jsonable(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return value if isinstance(value, (str, int, list, dict, type(None))) else str(value)


class RemoteMonitor(Callback):
    """POST ``{"epoch": i, <logs>}`` to ``root + path`` at the end of each epoch.

    Uses ``requests`` when it is installed, else the standard library.

    Args:
        root: the server's root URL (default "http://localhost:9000").
        path: the path the events are posted to (default "/publish/epoch/end/").
        field: form field that holds the JSON when ``send_as_json=False``
            (default "data").
        headers: optional dict of HTTP headers.
        send_as_json: send the body as ``application/json`` instead of a form.
    """

    def __init__(self, root="http://localhost:9000", path="/publish/epoch/end/",
                 field="data", headers=None, send_as_json=False):
        super().__init__()
        self.root = root
        self.path = path
        self.field = field
        self.headers = headers
        self.send_as_json = send_as_json

    def on_epoch_end(self, epoch, logs=None):
        send = {"epoch": epoch}
        for key, value in (logs or {}).items():
            send[key] = _jsonable(value)
        url = self.root + self.path
        try:
            if requests is not None:
                if self.send_as_json:
                    requests.post(url, json=send, headers=self.headers, timeout=10)
                else:
                    requests.post(url, {self.field: json.dumps(send)}, headers=self.headers,
                                  timeout=10)
                return
            headers = dict(self.headers or {})
            if self.send_as_json:
                body = json.dumps(send).encode("utf-8")
                headers.setdefault("Content-Type", "application/json")
            else:
                body = urllib.parse.urlencode({self.field: json.dumps(send)}).encode("utf-8")
                headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
            request = urllib.request.Request(url, data=body, headers=headers, method="POST")
            with urllib.request.urlopen(request, timeout=10):
                pass
        except OSError:  # requests' and urllib's errors are OSErrors: never stop training
            warnings.warn(f"Could not reach RemoteMonitor root server at {self.root}",
                          stacklevel=2)
