"""Without cron: the first request of a budget's member after an occurrence falls due posts it,
through `ledger.due_posting` (a middleware for sessions, the API's token check for tokens),
before the page or answer is built; nothing is asked of the schedules when nothing is due."""

import datetime
from decimal import Decimal

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ledger import due_posting
from ledger.models import Budget, Expense, Role
from ledger.tests.api_client import ApiClient
from ledger.tests.factories import (
    ApiTokenFactory,
    MembershipFactory,
    RecurringExpenseFactory,
    budget_of,
)

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def rent(category, user):
    return RecurringExpenseFactory(
        category=category,
        amount=Decimal("950.00"),
        auto_post=True,
        description="Rent",
        created_by=user,
    )


def test_a_members_first_page_posts_the_due_occurrences(user_client, rent):
    response = user_client.get("/summary/2026-03/")

    assert response.status_code == 200
    assert sorted(Expense.objects.values_list("date", flat=True)) == [
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
        datetime.date(2026, 3, 1),
    ]
    groceries = next(line for line in response.context["summary"].lines if line.name == "Groceries")
    assert groceries.spent == Decimal("950.00")


def test_the_next_request_posts_nothing_more(user_client, rent):
    user_client.get("/categories/")
    user_client.get("/categories/")

    assert Expense.objects.count() == 3


def test_a_viewers_visit_posts_too(rent, user):
    viewer = MembershipFactory(budget=budget_of(user), role=Role.VIEWER)
    client = Client()
    client.force_login(viewer.user)
    client.post(f"/budgets/{viewer.budget_id}/switch/")

    assert client.get("/expenses/?month=2026-03").status_code == 200
    # Recorded as by the schedule's maker, not by the viewer who happened to come first.
    assert list(Expense.objects.values_list("created_by", flat=True)) == [user.pk] * 3


def test_an_api_request_posts_too(client, rent, user):
    api = ApiClient(client, {"HTTP_AUTHORIZATION": f"Bearer {ApiTokenFactory(owner=user).raw}"})

    body = api.get("/api/summary/2026-03").json()

    assert body["total_spent"] == "950.00"


def test_nothing_due_costs_no_query(user_client, category, django_assert_max_num_queries):
    RecurringExpenseFactory(category=category, start=datetime.date(2026, 4, 1), auto_post=True)
    # session, user, membership (its budget row says nothing is due), categories, month totals
    with django_assert_max_num_queries(5):
        user_client.get("/categories/")
    assert not Expense.objects.exists()


def test_another_budgets_schedule_is_not_posted_by_my_visit(user_client, other_user):
    theirs = RecurringExpenseFactory(owner=other_user, auto_post=True)

    user_client.get("/categories/")

    assert not theirs.expenses.exists()


def _schedule_queries(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "ledger_recurringexpense" in q["sql"]]


def test_nothing_due_never_asks_the_schedules(user_client, category):
    # The budget row, loaded with the membership, says when the next occurrence is due.
    RecurringExpenseFactory(category=category, start=datetime.date(2026, 3, 3), auto_post=True)

    with CaptureQueriesContext(connection) as queries:
        assert user_client.get("/categories/").status_code == 200

    assert _schedule_queries(queries) == []
    assert not Expense.objects.exists()


def test_a_token_with_nothing_due_never_asks_the_schedules(client, category, user):
    RecurringExpenseFactory(category=category, start=datetime.date(2026, 3, 3), auto_post=True)
    api = ApiClient(client, {"HTTP_AUTHORIZATION": f"Bearer {ApiTokenFactory(owner=user).raw}"})

    with CaptureQueriesContext(connection) as queries:
        assert api.get("/api/categories/").status_code == 200

    assert _schedule_queries(queries) == []


def test_a_head_request_posts_before_the_answer(user_client, rent):
    assert user_client.head("/summary/2026-03/").status_code == 200

    assert Expense.objects.count() == 3
    assert Budget.objects.get(pk=rent.budget_id).next_due == datetime.date(2026, 4, 1)


def test_a_token_request_posts_before_the_endpoint_answers(client, rent, user):
    api = ApiClient(client, {"HTTP_AUTHORIZATION": f"Bearer {ApiTokenFactory(owner=user).raw}"})

    expenses = api.get("/api/expenses/", month="2026-03").json()

    assert [item["amount"] for item in expenses["items"]] == ["950.00"]


def test_a_viewers_refused_change_still_finds_the_occurrences_posted(rent, user):
    viewer = MembershipFactory(budget=budget_of(user), role=Role.VIEWER)
    client = Client()
    client.force_login(viewer.user)
    client.post(f"/budgets/{viewer.budget_id}/switch/")

    assert client.post("/categories/new/", {"name": "Mine", "limit": "1.00"}).status_code == 403
    assert Expense.objects.count() == 3


def test_a_stale_due_date_costs_one_look_and_is_put_right(user_client, category, user):
    # Earlier than the truth (a schedule paused or deleted since): nothing is posted, and
    # the budget row gets the right date for the next request.
    later = RecurringExpenseFactory(
        category=category, start=datetime.date(2026, 5, 1), auto_post=True
    )
    Budget.objects.filter(pk=later.budget_id).update(next_due=datetime.date(2026, 1, 1))

    assert user_client.get("/categories/").status_code == 200

    assert not Expense.objects.exists()
    assert Budget.objects.get(pk=later.budget_id).next_due == datetime.date(2026, 5, 1)


def test_a_failing_post_still_answers_the_page(user_client, rent, monkeypatch):
    def busy(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(due_posting, "post_due", busy)

    assert user_client.get("/categories/").status_code == 200
    assert not Expense.objects.exists()
