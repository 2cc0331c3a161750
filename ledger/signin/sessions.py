"""Changing the password or a second factor signs out the user's other sessions."""

import time

from allauth.usersessions.models import UserSession


def end_other_sessions(request, user) -> None:
    """End every signed-in session of `user` except the one making `request`."""
    current = request.session.session_key
    for session in UserSession.objects.filter(user=user).exclude(session_key=current):
        session.end()


def on_password_changed(sender, request, user, **kwargs) -> None:
    end_other_sessions(request, user)


def on_factor_changed(sender, request, user, **kwargs) -> None:
    if request is not None:
        end_other_sessions(request, user)


# The sessions list's "last seen" moves at most every few minutes: one UPDATE then, no query between.
SEEN_KEY = "budget_seen_at"
SEEN_EVERY_SECONDS = 300


def mark_seen(request) -> None:
    request.session[SEEN_KEY] = int(time.time())


def on_logged_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        mark_seen(request)


class LastSeenMiddleware:
    """Keep each session's address and last-seen time for the sessions list in settings."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.session_key
            and request.user.is_authenticated
            and time.time() - session.get(SEEN_KEY, 0) > SEEN_EVERY_SECONDS
        ):
            UserSession.objects.create_from_request(request)
            mark_seen(request)
        return self.get_response(request)
