"""Sign-in forms: allauth's, speaking the field names the app always had.

`/accounts/login/` takes `username` and `password` (allauth calls the first `login`);
a wrong second-factor code counts toward django-axes' lockout like a wrong password.
"""

from allauth.account import forms as account_forms
from allauth.account.models import EmailAddress
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from ledger.signin.lockout import count_failed_attempt, refuse_if_locked_out


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


class AdminLoginForm(UsernameLengthMixin, AdminAuthenticationForm):
    """The admin's own login, for accounts without a second factor only: it cannot ask for one."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if is_mfa_enabled(user):
            raise ValidationError(
                "This account has a second factor: sign in at /accounts/login/, "
                "which asks for it, then open the admin.",
                code="mfa_required",
            )


class LoginForm(account_forms.LoginForm):
    """allauth's login form with its `login` field named `username`, as the app's always was."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields.pop("login")
        username.widget.attrs.pop("placeholder", None)
        username.widget.attrs["autofocus"] = True
        self.fields = {"username": username, **self.fields}
        self.fields["password"].widget.attrs.pop("placeholder", None)

    def clean_username(self):
        return self.cleaned_data["username"].strip()

    def clean(self):
        if "username" in self.cleaned_data:
            self.cleaned_data["login"] = self.cleaned_data["username"]
        return super().clean()


class SignupForm(account_forms.SignupForm):
    """allauth's sign-up form with the labels the page always had, and no placeholders."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
        self.fields["username"].widget.attrs["autofocus"] = True
        self.fields["password2"].label = "Password confirmation"
        self.fields["email"].help_text = "Only for resetting a forgotten password."

    def clean(self):
        cleaned_data = super().clean()
        errors = self.errors.get("password2")
        if errors:  # the words the page always said
            self.errors["password2"] = self.error_class(
                [
                    "The two password fields didn’t match."
                    if error == "You must type the same password each time."
                    else error
                    for error in errors
                ]
            )
        return cleaned_data


class ResetPasswordForm(account_forms.ResetPasswordForm):
    """Reset links go to verified addresses only; every address gets the same answer."""

    def clean_email(self):
        email = super().clean_email()
        verified = set(
            EmailAddress.objects.filter(email__iexact=email, verified=True).values_list(
                "user_id", flat=True
            )
        )
        self.users = [user for user in self.users if user.pk in verified]
        return email


class ChangePasswordForm(account_forms.ChangePasswordForm):
    """A wrong current password is a failed sign-in for django-axes; a locked-out user is refused."""

    def clean_oldpassword(self):
        request = mfa_forms.context.request
        refuse_if_locked_out(request, self.user)
        try:
            return super().clean_oldpassword()
        except ValidationError:
            count_failed_attempt(request, self.user)
            refuse_if_locked_out(request, self.user)
            raise


class CodeLockoutMixin:
    """A locked-out user's codes are refused; a wrong code is a failed sign-in for django-axes."""

    def clean_code(self):
        request = mfa_forms.context.request
        refuse_if_locked_out(request, self.user)
        return super().clean_code()


class AuthenticateForm(CodeLockoutMixin, mfa_forms.AuthenticateForm):
    pass


class ReauthenticateForm(CodeLockoutMixin, mfa_forms.ReauthenticateForm):
    pass
