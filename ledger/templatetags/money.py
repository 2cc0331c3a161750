"""Money for people to read: thousands separators, two decimals and the currency.

Amounts stay Decimal all the way to the string; nothing passes through float.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.utils.html import format_html

register = template.Library()
CENT = Decimal("0.01")


def _as_decimal(value) -> Decimal | None:
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | str):
        try:
            number = Decimal(value)
        except InvalidOperation:
            return None
    else:
        return None
    return number.quantize(CENT, ROUND_HALF_UP) if number.is_finite() else None


@register.filter
def amount(value) -> str:
    """`1234.5` -> `1,234.50` (no currency); anything that is not a number is left as it is."""
    number = _as_decimal(value)
    if number is None:
        return value
    # Python's format mini-language groups Decimals exactly, without float.
    return format(number + 0, ",.2f")  # `+ 0` turns -0.00 into 0.00


@register.filter
def money(value) -> str:
    """`1234.5` -> `1,234.50 USD` with the configured BUDGET_CURRENCY."""
    text = amount(value)
    if _as_decimal(value) is None:
        return text
    return f"{text} {settings.BUDGET_CURRENCY}"


@register.filter
def balance(value, style=""):
    """Money in a span that turns to the warning colour below zero.

    `{{ x|balance }}` shows the currency, `{{ x|balance:"bare" }}` leaves it to the column header.
    """
    number = _as_decimal(value)
    css = "money money-negative" if number is not None and number < 0 else "money"
    text = amount(value) if style == "bare" else money(value)
    return format_html('<span class="{}">{}</span>', css, text)
