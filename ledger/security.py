"""Helpers for the login lockout (django-axes) and the Content-Security-Policy (django-csp)."""

import base64
import hashlib
import ipaddress
import re
from functools import wraps

from django.conf import settings

# An inline <script> element: its attributes and its exact text.
_SCRIPT = re.compile(
    r"<script(?P<attrs>[^>]*)>(?P<text>.*?)</script\s*>", re.DOTALL | re.IGNORECASE
)
# Script elements the browser does not run (data blocks), so CSP does not govern them.
_DATA_BLOCK = re.compile(r"""type\s*=\s*["']?application/(ld\+)?json""", re.IGNORECASE)
_HAS_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)


def client_ip(request) -> str:
    """The client's address, for counting login failures per username and address.

    With DJANGO_TRUSTED_PROXY_COUNT = N > 0, each of our N proxies appended the
    address it received the request from to X-Forwarded-For, so the client is
    the N-th entry from the right; entries further left were sent by the client
    and prove nothing. Anything malformed falls back to REMOTE_ADDR.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote_addr
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-...') for each inline script the browser would run."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match["attrs"]
        if _HAS_SRC.search(attrs) or _DATA_BLOCK.search(attrs):
            continue
        digest = hashlib.sha256(match["text"].encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return hashes


def api_docs_csp(view):
    """Let the API documentation pages (django-ninja's Swagger UI and Redoc) run under our CSP.

    Their templates start the viewer with an inline <script>. Instead of
    'unsafe-inline', this allows exactly the inline scripts the page itself
    rendered, by hash, and the blob: workers Redoc's search starts. Use it as
    `NinjaAPI(docs_decorator=api_docs_csp)`; non-HTML answers (openapi.json)
    pass through unchanged.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if getattr(response, "streaming", False) or "text/html" not in response.get(
            "Content-Type", ""
        ):
            return response
        html = response.content.decode(response.charset or "utf-8")
        response._csp_update = {
            "script-src": inline_script_hashes(html),
            "worker-src": ["'self'", "blob:"],
        }
        return response

    return wrapped
