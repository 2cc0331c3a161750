"""A budget month that starts on payday (issue 16): which dates each month holds."""

from datetime import date, timedelta

import pytest

from ledger.months import (
    month_dates,
    month_label,
    month_last_day,
    month_of,
    month_range,
    next_month,
    previous_month,
    year_range,
)

START_DAYS = (1, 5, 15, 16, 25, 28)


@pytest.mark.parametrize(
    ("start_day", "month", "first", "last"),
    [
        # Start day 1: the calendar month, February of a leap year and not.
        (1, date(2024, 2, 1), date(2024, 2, 1), date(2024, 2, 29)),
        (1, date(2026, 2, 1), date(2026, 2, 1), date(2026, 2, 28)),
        (1, date(2026, 12, 1), date(2026, 12, 1), date(2026, 12, 31)),
        # 1-15: named after the month it starts in.
        (5, date(2026, 3, 1), date(2026, 3, 5), date(2026, 4, 4)),
        (5, date(2026, 12, 1), date(2026, 12, 5), date(2027, 1, 4)),
        (5, date(2028, 2, 1), date(2028, 2, 5), date(2028, 3, 4)),
        (15, date(2026, 1, 1), date(2026, 1, 15), date(2026, 2, 14)),
        (15, date(2026, 2, 1), date(2026, 2, 15), date(2026, 3, 14)),
        # 16-28: named after the month it ends in.
        (16, date(2026, 3, 1), date(2026, 2, 16), date(2026, 3, 15)),
        (16, date(2024, 3, 1), date(2024, 2, 16), date(2024, 3, 15)),
        (16, date(2027, 1, 1), date(2026, 12, 16), date(2027, 1, 15)),
        (25, date(2026, 3, 1), date(2026, 2, 25), date(2026, 3, 24)),
        (25, date(2026, 2, 1), date(2026, 1, 25), date(2026, 2, 24)),
        (25, date(2027, 1, 1), date(2026, 12, 25), date(2027, 1, 24)),
        (25, date(2026, 12, 1), date(2026, 11, 25), date(2026, 12, 24)),
        (28, date(2028, 3, 1), date(2028, 2, 28), date(2028, 3, 27)),
        (28, date(2026, 3, 1), date(2026, 2, 28), date(2026, 3, 27)),
        (28, date(2026, 2, 1), date(2026, 1, 28), date(2026, 2, 27)),
    ],
)
def test_a_month_runs_from_the_start_day_to_the_day_before(start_day, month, first, last):
    assert month_range(month, start_day) == (first, last + timedelta(days=1))
    assert month_last_day(month, start_day) == last
    assert month_of(first, start_day) == month
    assert month_of(last, start_day) == month
    assert month_of(first - timedelta(days=1), start_day) == previous_month(month)
    assert month_of(last + timedelta(days=1), start_day) == next_month(month)


@pytest.mark.parametrize(
    ("start_day", "day", "month"),
    [
        (25, date(2026, 3, 24), date(2026, 3, 1)),
        (25, date(2026, 3, 25), date(2026, 4, 1)),
        (25, date(2026, 12, 24), date(2026, 12, 1)),
        (25, date(2026, 12, 25), date(2027, 1, 1)),
        (25, date(2026, 12, 31), date(2027, 1, 1)),
        (28, date(2028, 2, 29), date(2028, 3, 1)),
        (28, date(2026, 1, 31), date(2026, 2, 1)),
        (28, date(2026, 1, 27), date(2026, 1, 1)),
        (16, date(2024, 2, 29), date(2024, 3, 1)),
        (16, date(2024, 2, 15), date(2024, 2, 1)),
        (15, date(2024, 2, 29), date(2024, 2, 1)),
        (15, date(2026, 1, 14), date(2025, 12, 1)),
        (5, date(2027, 1, 4), date(2026, 12, 1)),
        (5, date(2027, 1, 5), date(2027, 1, 1)),
        (1, date(2026, 12, 31), date(2026, 12, 1)),
        (1, date(2027, 1, 1), date(2027, 1, 1)),
    ],
)
def test_it_finds_the_month_of_a_day(start_day, day, month):
    assert month_of(day, start_day) == month


@pytest.mark.parametrize("start_day", range(1, 29))
def test_every_day_of_seven_years_lies_in_exactly_its_month(start_day):
    # 2023-2029 hold the leap years 2024 and 2028 and every kind of month end.
    day, end = date(2023, 1, 1), date(2030, 1, 1)
    while day < end:
        month = month_of(day, start_day)
        first, after = month_range(month, start_day)
        assert first <= day < after, (start_day, day, month)
        assert first.day == after.day == start_day
        assert month_range(next_month(month), start_day)[0] == after  # months tile
        day += timedelta(days=1)


@pytest.mark.parametrize("start_day", START_DAYS)
def test_a_month_holds_most_of_the_days_of_the_month_it_is_named_after(start_day):
    month = date(2026, 3, 1)
    first, after = month_range(month, start_day)
    days = [first + timedelta(days=n) for n in range((after - first).days)]
    in_march = sum(1 for day in days if (day.year, day.month) == (2026, 3))
    assert in_march * 2 > len(days)


@pytest.mark.parametrize(
    ("start_day", "first", "after"),
    [
        (1, date(2026, 1, 1), date(2027, 1, 1)),
        (5, date(2026, 1, 5), date(2027, 1, 5)),
        (16, date(2025, 12, 16), date(2026, 12, 16)),
        (25, date(2025, 12, 25), date(2026, 12, 25)),
    ],
)
def test_a_year_is_the_twelve_months_named_after_it(start_day, first, after):
    assert year_range(2026, start_day) == (first, after)


@pytest.mark.parametrize(
    ("start_day", "month", "label"),
    [
        (1, date(2026, 3, 1), "March 2026"),
        (25, date(2026, 3, 1), "March 2026 (25 Feb – 24 Mar)"),
        (5, date(2026, 3, 1), "March 2026 (5 Mar – 4 Apr)"),
        (25, date(2027, 1, 1), "January 2027 (25 Dec 2026 – 24 Jan 2027)"),
        (5, date(2026, 12, 1), "December 2026 (5 Dec 2026 – 4 Jan 2027)"),
    ],
)
def test_a_heading_says_the_dates_when_months_do_not_start_on_the_first(start_day, month, label):
    assert month_label(month, start_day) == label


def test_it_says_the_dates_of_a_calendar_month_too():
    assert month_dates(date(2024, 2, 1), 1) == "1 Feb – 29 Feb"
