"""Steps the sign-in tests share: the real forms, a TOTP code as an authenticator app computes it."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

from ledger.tests.factories import PASSWORD

LOGIN = "/accounts/login/"
MFA_AUTHENTICATE = "/accounts/2fa/authenticate/"


def totp_code(secret: str, offset: int = 0) -> str:
    """The code an authenticator app shows now (offset: periods later or earlier)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def turn_on_totp(user) -> str:
    """Give `user` TOTP and recovery codes, as the setup page does; the secret."""
    # A new secret each time: allauth refuses a code already used in its 30 seconds.
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def recovery_codes(user) -> list[str]:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return authenticator.wrap().get_unused_codes()


def sign_in_with_password(client, user, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": user.username, "password": password}, **extra)


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session
