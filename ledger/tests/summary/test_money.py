"""The money template filters: separators, two decimals, currency, no float."""

from decimal import Decimal

import pytest

from ledger.templatetags.money import amount, balance, money


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("0"), "0.00"),
        (Decimal("1234.5"), "1,234.50"),
        (Decimal("9999999999.99"), "9,999,999,999.99"),
        (Decimal("-1234567.89"), "-1,234,567.89"),
        (Decimal("-0.00"), "0.00"),
        (Decimal("150.150000000000"), "150.15"),
        (Decimal("0.005"), "0.01"),
        (12, "12.00"),
    ],
)
def test_amount_groups_thousands_with_two_decimals(value, text):
    assert amount(value) == text


def test_money_adds_the_configured_currency(settings):
    settings.BUDGET_CURRENCY = "EUR"
    assert money(Decimal("1234.5")) == "1,234.50 EUR"


@pytest.mark.parametrize("value", [None, "", "abc", Decimal("NaN"), 1.5])
def test_non_amounts_are_left_alone(value):
    assert money(value) is value


def test_negative_balances_get_the_warning_class():
    assert balance(Decimal("-0.01")) == '<span class="money money-negative">-0.01 USD</span>'
    assert balance(Decimal("0.00"), "bare") == '<span class="money">0.00</span>'
