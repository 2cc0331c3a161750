"""Month headings that say a budget month's dates when it does not start on the 1st (issue 16).

`{% load months %}` then `{% month_label month view.budget %}` (a budget, or its start day):
"March 2026", or "March 2026 (25 Feb – 24 Mar)" with the dates in a `month-dates` span.
"""

from django import template
from django.utils import dateformat
from django.utils.html import format_html

from ledger.months import month_dates, month_last_day, month_range

register = template.Library()


def _start_day(budget) -> int:
    """The start day of a budget (anything with `month_start_day`), or the day itself."""
    return getattr(budget, "month_start_day", budget) or 1


@register.simple_tag
def month_label(month, budget=1):
    """A month's name, with its dates when the budget's months start on another day than the 1st."""
    name = dateformat.format(month, "F Y")
    start_day = _start_day(budget)
    if start_day == 1:
        return name
    return format_html(
        '{} <span class="month-dates">({})</span>', name, month_dates(month, start_day)
    )


@register.simple_tag
def range_dates(first, last, budget=1):
    """ " (25 Feb 2025 – 24 Feb 2026)": the dates of budget months `first` to `last`, when the
    months do not start on the 1st; nothing otherwise."""
    start_day = _start_day(budget)
    if start_day == 1:
        return ""
    start, end = month_range(first, start_day)[0], month_last_day(last, start_day)
    return format_html(
        ' <span class="month-dates">({} – {})</span>',
        dateformat.format(start, "j M Y"),
        dateformat.format(end, "j M Y"),
    )
