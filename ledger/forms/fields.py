"""Form fields the budget's forms share: money, and a choice of category."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from ledger.rules import (
    CENT,
    MONEY_DIGITS,
    MONEY_PLACES,
    MONEY_TOO_LARGE,
    MONEY_TOO_PRECISE,
    category_label,
)

MONEY_ERRORS = {
    # Django's DecimalField also refuses NaN and Infinity with this message.
    "invalid": "Enter an amount such as 12.50.",
    "max_digits": MONEY_TOO_LARGE,
    "max_whole_digits": MONEY_TOO_LARGE,
    "max_decimal_places": MONEY_TOO_PRECISE,
}


class MoneyField(forms.DecimalField):
    """A Decimal amount with at most MONEY_WHOLE_DIGITS (10) digits before the point and
    MONEY_PLACES (2) after it."""

    def __init__(self, *, positive: bool, **kwargs):
        self.positive = positive
        kwargs.setdefault("max_digits", MONEY_DIGITS)
        kwargs.setdefault("decimal_places", MONEY_PLACES)
        kwargs["error_messages"] = {**MONEY_ERRORS, **kwargs.get("error_messages", {})}
        kwargs["widget"] = forms.NumberInput(
            attrs={"step": str(CENT), "min": str(CENT) if positive else "0", "inputmode": "decimal"}
        )
        super().__init__(**kwargs)

    def with_currency(self, label: str) -> None:
        """Say the currency in the label: "Amount (USD)"."""
        self.label = f"{label} ({settings.BUDGET_CURRENCY})"

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.positive and value <= 0:
            raise ValidationError("Enter an amount greater than zero.", code="min_value")
        if not self.positive and value < 0:
            raise ValidationError("Enter an amount of zero or more.", code="min_value")


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return category_label(obj.name, obj.is_archived)
