"""URL patterns of the API: ninja's own, reachable without the login redirect, all answering JSON.

LoginRequiredMiddleware would send an API client to the login page; the API
checks its own auth and answers 401 instead. Unknown paths under /api/ and
wrong methods answer JSON too. Add new API routes to the ninja routers (they
come before the catch-all 404 at the end).
"""

import functools

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.urls import Resolver404, URLPattern, path, re_path, resolve
from django.views.decorators.csrf import csrf_exempt
from ninja import Redoc

from ledger.api import api
from ledger.security import api_docs_csp

# The API's largest valid JSON document is a few kB; refuse anything far bigger before reading
# it, rather than parse megabytes of padding (Django's own cap is 2.5 MB).
MAX_BODY_BYTES = 64 * 1024


def _body_too_big(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:  # Django reads a malformed length as no body at all
        return False


def _json_405(allow):
    response = JsonResponse({"detail": f"Method not allowed; use {allow}."}, status=405)
    response["Allow"] = allow
    return response


def _api_view(view):
    """`view` without the login redirect and with a JSON 405.

    ninja's operations check CSRF themselves (session auth, writes only) and are
    marked csrf_exempt; the docs views only read, so they refuse other methods.
    """
    reads_only = not getattr(view, "csrf_exempt", False)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if reads_only and request.method not in ("GET", "HEAD"):
            return _json_405("GET, HEAD")
        if _body_too_big(request):
            return JsonResponse({"detail": "The request body is too large."}, status=413)
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return _json_405(response["Allow"])
        return response

    wrapper.csrf_exempt = True
    return login_not_required(wrapper)


@csrf_exempt  # a 404 for any method, not a CSRF 403
@login_not_required
def not_found(request, *args, **kwargs):
    detail = "Not found."
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            detail = f"Not found. Did you mean {request.path}/ ?"
    return JsonResponse({"detail": detail}, status=404)


class LocalRedoc(Redoc):
    # ninja's own Redoc page starts Redoc from an inline script; this one needs none.
    template = "ledger/api_redoc.html"


def redoc(request):
    return LocalRedoc().render_page(request, api)


def _patterns():
    patterns, app_name, namespace = api.urls
    wrapped = []
    for pattern in patterns:
        # ninja's root view only raises an HTML 404; keep its name (ninja reverses it).
        callback = not_found if pattern.name == "api-root" else _api_view(pattern.callback)
        wrapped.append(URLPattern(pattern.pattern, callback, pattern.default_args, pattern.name))
    wrapped.append(path("redoc", _api_view(api_docs_csp(redoc)), name="redoc"))
    wrapped.append(re_path(r"^.*$", not_found, name="not-found"))
    return wrapped, app_name, namespace


urls = _patterns()
