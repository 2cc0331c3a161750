"""A budget month is a `date` on the first day of the month, written `YYYY-MM`.

This module is the one place that parses, formats and steps months.
"""

import re
from datetime import date

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
# Bounded so that the month before and after any accepted month is a valid date.
MIN_YEAR, MAX_YEAR = 1000, 9998


def parse_month(text: str) -> date:
    """Return the first day of the month written as `YYYY-MM`; ValueError otherwise."""
    match = _MONTH_RE.match(text or "")
    if not match:
        raise ValueError(f"{text!r} is not a month in the form YYYY-MM.")
    year, month = int(match[1]), int(match[2])
    if not MIN_YEAR <= year <= MAX_YEAR or not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a month in the form YYYY-MM.")
    return date(year, month, 1)


def format_month(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def month_of(day: date) -> date:
    """The month a day belongs to."""
    return day.replace(day=1)


def next_month(month: date) -> date:
    if month.month == 12:
        return date(month.year + 1, 1, 1)
    return date(month.year, month.month + 1, 1)


def previous_month(month: date) -> date:
    if month.month == 1:
        return date(month.year - 1, 12, 1)
    return date(month.year, month.month - 1, 1)


def month_range(month: date) -> tuple[date, date]:
    """The half-open date range [first day, first day of next month) of a month.

    Filter with `date__gte=start, date__lt=end` so an index on the date serves it.
    """
    return month, next_month(month)


class MonthConverter:
    """URL converter for `YYYY-MM`; a month that does not exist is a 404."""

    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value: str) -> date:
        return parse_month(value)

    def to_url(self, value) -> str:
        return value if isinstance(value, str) else format_month(value)
