"""BUDGET_REQUIRE_MFA (a signed-in user without a second factor sets one up first), and the
content security policy of the single sign-on pages."""

from urllib.parse import urlsplit

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


def provider_origins() -> list[str]:
    """The origins of the configured OpenID Connect providers (scheme://host[:port])."""
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
    origins = []
    for app in apps:
        url = urlsplit(app.get("settings", {}).get("server_url", ""))
        if url.scheme and url.netloc:
            origins.append(f"{url.scheme}://{url.netloc}")
    return origins


class SingleSignOnCSPMiddleware:
    """Let the sign-in pages' forms go on to the provider (CSP form-action covers redirects)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/accounts/") and (origins := provider_origins()):
            update = getattr(response, "_csp_update", None) or {}
            update["form-action"] = [*update.get("form-action", []), *origins]
            response._csp_update = update
        return response
