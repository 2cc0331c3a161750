"""allauth adapters: every new user, by password or by single sign-on, gets their own budget."""

import logging
import smtplib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.db import transaction

from ledger.services.budgets import create_own_budget

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # The words the login page always said (and the lockout tests look for).
        "username_password_mismatch": "Please enter a correct username and password. "
        "Note that both fields may be case-sensitive.",
    }

    def send_mail(self, template_prefix, email, context):
        """Send, or say in one log line that the mail server could not be reached.

        The page answers the same either way (a reset request must not tell whether
        the address has an account), and no traceback fills the log.
        """
        try:
            super().send_mail(template_prefix, email, context)
        except (OSError, smtplib.SMTPException) as error:
            logger.error("Could not send the %s mail: %s", template_prefix.split("/")[-1], error)

    @transaction.atomic
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            create_own_budget(user=user)
        return user


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    @transaction.atomic
    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        create_own_budget(user=user)
        return user
