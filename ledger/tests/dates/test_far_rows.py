"""Rows stored at 0001-01-01 and 9999-12-31 (raw SQL: an older version or a hand in the
database) break no page, API read or command (issue 24)."""

import datetime
import io

import pytest
from django.core.management import call_command

from ledger import services
from ledger.models import Expense
from ledger.tests.factories import budget_of
from ledger.tests.far_dates import FIRST, LAST, store_far_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def far(user):
    return store_far_rows(budget_of(user))


def _pages(far):
    month = datetime.date.today().strftime("%Y-%m")
    return [
        "/",
        f"/summary/{month}/",
        "/summary/2026-03/",
        "/summary/1000-01/",
        "/summary/9998-12/",
        f"/budget/{month}/",
        "/budget/1000-01/",
        "/budget/9998-12/",
        "/categories/",
        f"/categories/{far.category.pk}/edit/",
        "/expenses/",
        "/expenses/?year=2026",
        f"/expenses/{far.first.pk}/edit/",
        f"/expenses/{far.last.pk}/edit/",
        f"/expenses/{far.first.pk}/delete/",
        "/expenses/out-of-range/",
        "/expenses/export.csv",
        "/income/",
        "/income/2026-03/",
        "/reports/",
        "/reports/?from=1000-01&to=9998-12",
        f"/reports/category/{far.category.pk}/",
        "/recurring/",
        f"/recurring/{far.schedule.pk}/edit/",
        "/settings/backup/",
        "/settings/backup/download/",
    ]


@pytest.mark.parametrize("start_day", [1, 5, 16, 28])
def test_no_page_fails(user_client, far, start_day):
    services.change_month_start_day(budget=far.category.budget, day=start_day)

    statuses = {page: user_client.get(page).status_code for page in _pages(far)}

    assert {page: status for page, status in statuses.items() if status >= 500} == {}
    assert statuses["/expenses/out-of-range/"] == 200


API_READS = [
    "/api/expenses/",
    "/api/expenses/?month=2026-03",
    "/api/income/",
    "/api/recurring/",
    "/api/categories/",
    "/api/allotments/9998-12",
    "/api/summary/2026-03",
    "/api/summary/1000-01",
    "/api/reports/trends",
    "/api/reports/trends?from=1000-01&to=9998-12",
]


@pytest.mark.parametrize("start_day", [1, 16])
def test_no_api_read_fails(api, far, start_day):
    services.change_month_start_day(budget=far.category.budget, day=start_day)

    statuses = {path: api.get(path).status_code for path in API_READS}

    assert {path: status for path, status in statuses.items() if status >= 500} == {}
    assert statuses["/api/expenses/"] == 200


def test_the_api_answers_the_far_expenses(api, far):
    dates = [api.get(f"/api/expenses/{row.pk}").json()["date"] for row in (far.first, far.last)]

    assert dates == ["0001-01-01", "9999-12-31"]


@pytest.mark.parametrize("day", [5, 16, 28, 1])
def test_the_start_day_changes(far, day):
    services.change_month_start_day(budget=far.category.budget, day=day)

    far.category.budget.refresh_from_db()
    assert far.category.budget.month_start_day == day


def test_the_commands_run(user, far, tmp_path):
    budget = far.category.budget
    out = io.StringIO()

    call_command("rebuild_totals", stdout=out)
    call_command("rebuild_totals", "--check", stdout=out)
    for day in (16, 5, 1):
        call_command("set_month_start", budget=budget.pk, day=day, stdout=out)
    call_command("post_recurring", stdout=out)
    call_command("post_recurring", today="2999-12-31", stdout=out)
    call_command("export_ledger", user=user.username, output=str(tmp_path / "ledger.json"))

    assert Expense.objects.filter(date__in=[FIRST, LAST]).count() == 2
    assert (tmp_path / "ledger.json").read_text()
