from django.urls import path, register_converter

from ledger.months import MonthConverter
from ledger.views import accounts, health

register_converter(MonthConverter, "month")

urlpatterns = [
    path("health", health.health, name="health"),
    path("accounts/signup/", accounts.SignupView.as_view(), name="signup"),
]
