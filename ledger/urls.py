from django.urls import path, register_converter

from ledger.months import MonthConverter
from ledger.views import accounts, health, tokens

register_converter(MonthConverter, "month")

urlpatterns = [
    path("health", health.health, name="health"),
    path("accounts/signup/", accounts.SignupView.as_view(), name="signup"),
    path("settings/tokens/", tokens.token_list, name="tokens"),
    path("settings/tokens/<int:pk>/revoke/", tokens.token_revoke, name="token-revoke"),
]
