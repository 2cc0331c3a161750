"""`manage.py post_recurring [--today YYYY-MM-DD]`: the cron path of recurring expenses."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from ledger.models import Expense
from ledger.tests.factories import RecurringExpenseFactory

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("post_recurring", *args, stdout=out)
    return out.getvalue()


def test_it_posts_what_is_due(category):
    RecurringExpenseFactory(category=category, auto_post=True)

    assert _run("--today", "2026-03-01") == "Recorded 3 recurring expense(s).\n"
    assert sorted(Expense.objects.values_list("date", flat=True)) == [
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
        datetime.date(2026, 3, 1),
    ]


def test_running_it_twice_posts_each_occurrence_once(category):
    RecurringExpenseFactory(category=category, auto_post=True)

    _run("--today", "2026-03-01")
    assert _run("--today", "2026-03-01") == "Recorded 0 recurring expense(s).\n"
    assert Expense.objects.count() == 3


def test_it_refuses_a_bad_date(category):
    with pytest.raises(CommandError, match="not a date"):
        _run("--today", "2026-02-30")


def _at(monkeypatch, moment: datetime.datetime):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_at_2330_utc_it_posts_tomorrows_bill_where_it_is_already_tomorrow(
    category, settings, monkeypatch
):
    settings.TIME_ZONE = "Pacific/Auckland"  # UTC+13 in March
    RecurringExpenseFactory(category=category, start=datetime.date(2026, 3, 15), auto_post=True)
    _at(monkeypatch, datetime.datetime(2026, 3, 14, 23, 30, tzinfo=datetime.UTC))

    _run()

    assert list(Expense.objects.values_list("date", flat=True)) == [datetime.date(2026, 3, 15)]


def test_it_does_not_post_a_bill_that_is_not_yet_due_in_the_time_zone(
    category, settings, monkeypatch
):
    settings.TIME_ZONE = "America/Los_Angeles"  # UTC-7 in March
    RecurringExpenseFactory(category=category, start=datetime.date(2026, 3, 15), auto_post=True)
    _at(monkeypatch, datetime.datetime(2026, 3, 15, 3, 30, tzinfo=datetime.UTC))

    _run()

    assert not Expense.objects.exists()
