"""Request logging (one line per request, a Server-Timing header) and HEAD answered like GET."""

import logging
import time

logger = logging.getLogger("budget.requests")


def _user_id(request):
    # An API token authenticates on `request.auth` (django-ninja), a session on `request.user`.
    for who in (getattr(request, "auth", None), getattr(request, "user", None)):
        if getattr(who, "is_authenticated", False):
            return who.pk
    return None


class RequestLogMiddleware:
    """Log method, path, status, duration (ms) and user id of every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f"app;dur={duration_ms:.1f}"
        user_id = _user_id(request)
        logger.info(
            "%s %s %s %.1fms user=%s",
            request.method,
            # Escaped so a crafted URL cannot forge extra log lines.
            request.path.encode("unicode_escape").decode("ascii"),
            response.status_code,
            duration_ms,
            user_id or "-",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(duration_ms, 1),
                "user_id": user_id,
            },
        )
        return response


class HeadAsGetMiddleware:
    """Answer HEAD like GET, without the body (RFC 9110 9.3.2), for every page and API route.

    Django's class-based views do this on their own, but `require_GET` views and
    django-ninja's operations answer HEAD with 405. Here HEAD runs the GET view, so
    the status and headers (Content-Length included) are exactly GET's; the body is
    dropped here rather than left to the WSGI server, and a streamed body (the CSV
    export) is never produced.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"  # what the outer middleware and the request log see
        if response.streaming:
            response.streaming_content = []
        else:
            response.content = b""
        return response
