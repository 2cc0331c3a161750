"""The dates of a schedule (`ledger.recurrence`): pure functions of its fields, no database."""

from datetime import date
from types import SimpleNamespace

from ledger import recurrence


def schedule(frequency="monthly", start=date(2026, 1, 31), **fields):
    defaults = {"interval": 1, "end": None, "count": None, "day_of_month": None, "last_day": False}
    return SimpleNamespace(frequency=frequency, start=start, **{**defaults, **fields})


def test_monthly_on_the_31st_falls_on_each_months_last_day():
    dates = recurrence.between(schedule(), date(2026, 1, 1), date(2026, 5, 31))

    assert dates == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
    ]


def test_monthly_on_the_31st_falls_on_29_february_in_a_leap_year():
    dates = recurrence.between(
        schedule(start=date(2028, 1, 31)), date(2028, 2, 1), date(2028, 3, 1)
    )

    assert dates == [date(2028, 2, 29)]


def test_monthly_on_the_30th_from_a_start_on_the_first():
    monthly = schedule(start=date(2026, 1, 1), day_of_month=30)

    assert recurrence.between(monthly, date(2026, 1, 1), date(2026, 3, 31)) == [
        date(2026, 1, 30),
        date(2026, 2, 28),
        date(2026, 3, 30),
    ]


def test_the_last_day_of_the_month():
    monthly = schedule(start=date(2027, 12, 15), last_day=True)

    assert recurrence.between(monthly, date(2027, 12, 1), date(2028, 2, 29)) == [
        date(2027, 12, 31),
        date(2028, 1, 31),
        date(2028, 2, 29),
    ]


def test_yearly_on_29_february_falls_on_28_february_in_common_years():
    yearly = schedule("yearly", start=date(2028, 2, 29))

    assert recurrence.between(yearly, date(2028, 1, 1), date(2032, 12, 31)) == [
        date(2028, 2, 29),
        date(2029, 2, 28),
        date(2030, 2, 28),
        date(2031, 2, 28),
        date(2032, 2, 29),
    ]


def test_every_two_weeks_on_the_starts_weekday():
    fortnightly = schedule("weekly", start=date(2026, 3, 6), interval=2)  # a Friday

    assert recurrence.between(fortnightly, date(2026, 3, 1), date(2026, 4, 30)) == [
        date(2026, 3, 6),
        date(2026, 3, 20),
        date(2026, 4, 3),
        date(2026, 4, 17),
    ]


def test_every_three_months():
    quarterly = schedule(start=date(2026, 1, 15), interval=3)

    assert recurrence.between(quarterly, date(2026, 1, 1), date(2026, 12, 31)) == [
        date(2026, 1, 15),
        date(2026, 4, 15),
        date(2026, 7, 15),
        date(2026, 10, 15),
    ]


def test_an_end_date_is_the_last_possible_day():
    monthly = schedule(start=date(2026, 1, 10), end=date(2026, 3, 10))

    assert recurrence.between(monthly, date(2026, 1, 1), date(2026, 12, 31)) == [
        date(2026, 1, 10),
        date(2026, 2, 10),
        date(2026, 3, 10),
    ]
    assert recurrence.first_from(monthly, date(2026, 3, 11)) is None


def test_a_count_counts_from_the_start():
    weekly = schedule("weekly", start=date(2026, 3, 2), count=3)

    assert recurrence.between(weekly, date(2026, 3, 9), date(2026, 12, 31)) == [
        date(2026, 3, 9),
        date(2026, 3, 16),
    ]


def test_first_from_finds_the_next_occurrence_of_a_schedule_begun_long_ago():
    weekly = schedule("weekly", start=date(1990, 1, 1))  # a Monday

    assert recurrence.first_from(weekly, date(2026, 12, 2)) == date(2026, 12, 7)
    assert recurrence.first_from(weekly, date(2026, 12, 7)) == date(2026, 12, 7)


def test_last_before_gives_the_latest_occurrences_oldest_first():
    monthly = schedule(start=date(2025, 10, 5))

    assert recurrence.last_before(monthly, date(2026, 1, 5), 2) == [
        date(2025, 11, 5),
        date(2025, 12, 5),
    ]
    assert recurrence.last_before(monthly, date(2025, 10, 5), 2) == []


def test_is_occurrence():
    monthly = schedule(start=date(2026, 1, 31))

    assert recurrence.is_occurrence(monthly, date(2026, 2, 28))
    assert not recurrence.is_occurrence(monthly, date(2026, 2, 27))
