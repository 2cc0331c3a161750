"""allauth adapters: every new user, by password or by single sign-on, gets their own budget."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.db import transaction

from ledger.services.budgets import create_own_budget


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # The words the login page always said (and the lockout tests look for).
        "username_password_mismatch": "Please enter a correct username and password. "
        "Note that both fields may be case-sensitive.",
    }

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
