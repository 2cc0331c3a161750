"""Login forms that refuse a username longer than any account can have."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


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
