"""Who is calling the API: a personal token (`Authorization: Bearer ...`) or a browser session."""

from django.conf import settings
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from ledger import services
from ledger.due_posting import post_due_recurring
from ledger.models import Membership


class TokenAuth(HttpBearer):
    """A personal API token acting on its budget; a wrong or revoked one, or one whose user
    left the budget, is a 401 even beside a valid session. Once the token is known, its
    budget's due recurring expenses are posted (`ledger.due_posting`), before the endpoint
    runs: django-ninja authenticates inside the API view, after every middleware."""

    def authenticate(self, request, token):
        found = services.use_api_token(raw=token)
        if found is None:
            raise AuthenticationError(message="Invalid or revoked API token.")
        # `ledger.access.request_member` reads this: the token's budget, in its user's role.
        request.token_member = Membership(
            budget=found.budget, user=found.owner, role=found.member_role
        )
        post_due_recurring(request, request.token_member)
        return found.owner


class SessionAuth(APIKeyCookie):
    """The browser's Django session; writes need the CSRF token like any form post."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        # ninja's cookie auth checks CSRF before knowing whether anyone is signed in;
        # `authenticate` checks it only for a real session, so no session is a 401.
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        if not request.user.is_authenticated:
            return None
        if self.csrf and check_csrf(request):
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header.")
        return request.user
