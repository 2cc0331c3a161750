"""Signing in with django-allauth: adapters, the lockout of second-factor codes, BUDGET_REQUIRE_MFA."""
