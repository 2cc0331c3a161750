"""A budget month is a `date` on the first day of the month it is named after, written `YYYY-MM`.

This module is the one place that parses, formats and steps months, and the one
place that maps a date to its budget month (`month_of`) and a budget month to
its dates (`month_range`). A budget's month starts on its `month_start_day`
(issue 16): with start day `d` a month runs from day `d` to day `d - 1` of the
next calendar month and is named after the calendar month holding most of its
days (the one it starts in when `d` <= 15, the next one when `d` >= 16).
"""

import re
from datetime import date, timedelta

from django.utils import dateformat, timezone

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


def month_of(day: date, start_day: int = 1) -> date:
    """The budget month that holds `day`, for months starting on `start_day`.

    A day in the calendar's first or last month (year 1 or 9999, stored before dates were
    bounded, issue 24) stays in its calendar month: there is no month before or after it."""
    try:
        month = (day - timedelta(days=start_day - 1)).replace(day=1)
        return next_month(month) if start_day >= 16 else month
    except (OverflowError, ValueError):
        return month_named(day)


def current_month(start_day: int = 1) -> date:
    """The budget month that holds today, in the site's TIME_ZONE."""
    return month_of(timezone.localdate(), start_day)


def months_between(start: date, end: date) -> int:
    """How many calendar months run from `start`'s month up to (not including) `end`'s."""
    return (end.year - start.year) * 12 + end.month - start.month


def add_months(day: date, count: int) -> date:
    """The first day of the calendar month `count` months after `day`'s (before, if negative)."""
    index = day.year * 12 + day.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def next_month(month: date) -> date:
    if month.month == 12:
        return date(month.year + 1, 1, 1)
    return date(month.year, month.month + 1, 1)


def month_after(month: date) -> date:
    """`next_month`, except after December 9999 (the calendar's end): `date.max`, which still
    lies after every month, so a walk can end past a row stored in that last month."""
    if (month.year, month.month) == (9999, 12):
        return date.max
    return next_month(month)


def previous_month(month: date) -> date:
    if month.month == 1:
        return date(month.year - 1, 12, 1)
    return date(month.year, month.month - 1, 1)


def month_range(month: date, start_day: int = 1) -> tuple[date, date]:
    """The half-open date range [first day, first day of the next) of a budget month.

    Filter with `date__gte=start, date__lt=end` so an index on the date serves it. At the
    calendar's ends (year 1, year 9999) the range stops at `date.min` and `date.max`.
    """
    if month <= date.min.replace(month=2) or month >= date.max.replace(day=1, month=11):
        return _edge_month_range(month, start_day)
    first = previous_month(month) if start_day >= 16 else month
    return first.replace(day=start_day), next_month(first).replace(day=start_day)


def _edge_month_range(month: date, start_day: int) -> tuple[date, date]:
    try:
        first = previous_month(month) if start_day >= 16 else month
        start = first.replace(day=start_day)
    except ValueError:
        first, start = month, date.min
    try:
        end = next_month(first).replace(day=start_day)
    except ValueError:
        end = date.max
    return start, end


def month_last_day(month: date, start_day: int = 1) -> date:
    """The last day of a budget month."""
    return month_range(month, start_day)[1] - timedelta(days=1)


def year_range(year: int, start_day: int = 1) -> tuple[date, date]:
    """The half-open date range of the twelve budget months named `year` (`?year=YYYY`)."""
    return month_range(date(year, 1, 1), start_day)[0], month_range(date(year, 12, 1), start_day)[1]


def month_named(value: date) -> date:
    """The month a date names by its year and month: for a month given as a date, not for
    the budget month holding a day (that is `month_of`)."""
    return date(value.year, value.month, 1)


def month_dates(month: date, start_day: int = 1) -> str:
    """A budget month's first and last day: "25 Feb – 24 Mar" (years shown when they differ)."""
    first, last = month_range(month, start_day)[0], month_last_day(month, start_day)
    shape = "j M Y" if first.year != last.year else "j M"
    return f"{dateformat.format(first, shape)} – {dateformat.format(last, shape)}"


def month_label(month: date, start_day: int = 1) -> str:
    """A month's heading: "March 2026", with its dates when months do not start on the 1st:
    "March 2026 (25 Feb – 24 Mar)"."""
    name = dateformat.format(month, "F Y")
    return name if start_day == 1 else f"{name} ({month_dates(month, start_day)})"


class MonthConverter:
    """URL converter for `YYYY-MM`; a month that does not exist is a 404."""

    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value: str) -> date:
        return parse_month(value)

    def to_url(self, value) -> str:
        return value if isinstance(value, str) else format_month(value)
