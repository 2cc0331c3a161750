"""BUDGET_REQUIRE_MFA=true: a signed-in user without a second factor sets one up before anything else."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect

# Reachable without a second factor: signing in and out, setting a factor up, static files.
EXEMPT_PREFIXES = ("/accounts/", "/static/", "/health")
MESSAGE = "Set up a second factor (an authenticator app or a passkey) before using Budget."


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": MESSAGE}, status=403)
            return redirect("mfa_index")
        return self.get_response(request)

    def _must_set_up(self, request) -> bool:
        if not settings.BUDGET_REQUIRE_MFA or not request.user.is_authenticated:
            return False
        if request.path.startswith(EXEMPT_PREFIXES):
            return False
        # API tokens are exempt: a bearer token is its own credential.
        if request.path.startswith("/api/") and request.headers.get("Authorization"):
            return False
        return not is_mfa_enabled(request.user)
