"""Second-factor codes and django-axes: a wrong code is a failed sign-in, a lockout refuses codes."""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError


def credentials_of(user) -> dict:
    return {"username": user.get_username()}


def refuse_if_locked_out(request, user) -> None:
    """Stop here, and let AxesMiddleware answer with the lockout page, when `user` is locked out."""
    credentials = credentials_of(user)
    AxesProxyHandler.update_request(request)
    if AxesProxyHandler.is_locked(request, credentials):
        request.axes_locked_out = True
        request.axes_credentials = credentials
        raise ValidationError("Signing in is paused: too many failed attempts.")


def count_failed_attempt(request, user) -> None:
    """Tell django-axes that `user` failed to prove who they are, as a wrong password would."""
    user_login_failed.send(sender=__name__, credentials=credentials_of(user), request=request)


def count_failed_code(sender, request, user, **kwargs) -> None:
    """allauth.mfa's authentication_failed: a wrong second-factor code."""
    if request is not None:
        count_failed_attempt(request, user)
