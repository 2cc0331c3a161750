"""Request logging: one line per request and a Server-Timing header with its duration."""

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
