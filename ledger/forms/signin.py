"""Account forms: logins that refuse a username longer than any account can have, a password
change whose wrong old passwords count toward the login lockout, and a password reset that
does not fail when no mail server answers."""

import logging
import smtplib

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.core.validators import MaxLengthValidator
from django.template import loader

logger = logging.getLogger(__name__)


class UsernameLengthMixin:
    """Validate the username's length before authenticate() sees it.

    Django's login form sets `max_length` on the field for the widget only, with no
    validator, so an overlong name reached authenticate(); django-axes then failed
    to record the attempt in its 255-character column: a 500 on PostgreSQL.
    """

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class LoginForm(UsernameLengthMixin, AuthenticationForm):
    pass


class AdminLoginForm(UsernameLengthMixin, AdminAuthenticationForm):
    pass


class LockoutPasswordChangeForm(PasswordChangeForm):
    """The old password is checked by `authenticate`, like a login: django-axes counts a wrong
    one toward the lockout of this username at this address (and a locked-out user's right
    one is refused), so the page cannot be used to guess a signed-in account's password."""

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        checked = authenticate(
            self.request, username=self.user.get_username(), password=old_password
        )
        if checked is None or checked.pk != self.user.pk:
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class QuietPasswordResetForm(PasswordResetForm):
    """Sends the reset email; when no mail server answers, logs one line (no traceback) and
    the page says what it always says, so it never turns into a 500."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # Django's own logs the failure with its traceback at ERROR; this says it in a line.
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            html = loader.render_to_string(html_email_template_name, context)
            message.attach_alternative(html, "text/html")
        try:
            message.send()
        except (OSError, smtplib.SMTPException) as error:
            logger.warning("The password reset email was not sent: %s", error)
