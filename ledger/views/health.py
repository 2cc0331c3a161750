import logging

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@login_not_required
@never_cache
@require_GET
def health(request):
    """200 after a real database round trip, 503 when the database cannot be reached."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not healthy", never a 500
        logger.error("health check: database unreachable: %s", exc)
        return JsonResponse(
            {
                "status": "error",
                "database": "unreachable",
                "detail": "The database cannot be reached.",
            },
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok"})
