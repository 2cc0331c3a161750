"""Form fields the budget's forms share: money, and a choice of category."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from ledger.rules import MONEY_DIGITS, MONEY_PLACES, category_label

MONEY_ERRORS = {
    # Django's DecimalField also refuses NaN and Infinity with this message.
    "invalid": "Enter an amount such as 12.50.",
    "max_digits": "Enter an amount below 10,000,000,000.",
    "max_whole_digits": "Enter an amount below 10,000,000,000.",
    "max_decimal_places": "Use at most 2 decimal places.",
}


class MoneyField(forms.DecimalField):
    """A Decimal amount with at most 10 digits before the point and 2 after it."""

    def __init__(self, *, positive: bool, **kwargs):
        self.positive = positive
        kwargs.setdefault("max_digits", MONEY_DIGITS)
        kwargs.setdefault("decimal_places", MONEY_PLACES)
        kwargs["error_messages"] = {**MONEY_ERRORS, **kwargs.get("error_messages", {})}
        kwargs["widget"] = forms.NumberInput(
            attrs={"step": "0.01", "min": "0.01" if positive else "0", "inputmode": "decimal"}
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
