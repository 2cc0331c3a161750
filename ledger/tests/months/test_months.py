from datetime import date

import pytest

from ledger.months import format_month, month_range, next_month, parse_month, previous_month


def test_it_parses_a_month():
    assert parse_month("2026-02") == date(2026, 2, 1)


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-00", "2026-1", "abc", "", "0000-01", "9999-12", "2026-02-01"]
)
def test_it_refuses_months_that_do_not_exist(text):
    with pytest.raises(ValueError, match="YYYY-MM"):
        parse_month(text)


def test_it_steps_across_years():
    assert next_month(date(2025, 12, 1)) == date(2026, 1, 1)
    assert previous_month(date(2026, 1, 1)) == date(2025, 12, 1)


def test_a_month_is_a_half_open_range():
    assert month_range(date(2024, 2, 1)) == (date(2024, 2, 1), date(2024, 3, 1))


def test_it_formats_a_month():
    assert format_month(date(2026, 3, 1)) == "2026-03"
