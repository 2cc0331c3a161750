"""Money for people to read: thousands separators, two decimals and the currency.

Amounts stay Decimal all the way to the string; nothing passes through float.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from ledger.rules import CENT

register = template.Library()


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
    number = _as_decimal(value)
    if number is None:
        return value
    return f"{format(number + 0, ',.2f')} {settings.BUDGET_CURRENCY}"


@register.filter
def balance(value, style=""):
    """Money in a span that turns to the warning colour below zero.

    `{{ x|balance }}` shows the currency, `{{ x|balance:"bare" }}` leaves it to the column header.
    """
    number = _as_decimal(value)
    if number is None:  # not a number: shown as it came, escaped
        return format_html('<span class="money">{}</span>', value)
    css = "money money-negative" if number < 0 else "money"
    text = format(number + 0, ",.2f")
    if style != "bare":
        text = f"{text} {escape(settings.BUDGET_CURRENCY)}"
    # Digits, commas and a point need no escaping: no format_html on the summary's 50 rows.
    return mark_safe(f'<span class="{css}">{text}</span>')
