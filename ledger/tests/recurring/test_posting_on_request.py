"""Without cron: the first request of a budget's member after an occurrence falls due posts it."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from ledger.models import Expense, Role
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
    # session, user, membership (asking whether anything is due), categories, month totals
    with django_assert_max_num_queries(5):
        user_client.get("/categories/")
    assert not Expense.objects.exists()


def test_another_budgets_schedule_is_not_posted_by_my_visit(user_client, other_user):
    theirs = RecurringExpenseFactory(owner=other_user, auto_post=True)

    user_client.get("/categories/")

    assert not theirs.expenses.exists()
