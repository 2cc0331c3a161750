"""/api/recurring/: schedules through the API, and the occurrences to come."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from ledger.models import Expense, RecurringExpense, Role
from ledger.tests.api_client import ApiClient
from ledger.tests.factories import (
    ApiTokenFactory,
    CategoryFactory,
    MembershipFactory,
    RecurringExpenseFactory,
    budget_of,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    moment = datetime.datetime.combine(TODAY, datetime.time(12), tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def _body(category, **fields):
    return {
        "category_id": category.pk,
        "amount": "950.00",
        "description": "Rent",
        "frequency": "monthly",
        "start": "2026-01-31",
        **fields,
    }


def test_it_creates_a_schedule(api, category):
    response = api.post("/api/recurring/", _body(category, auto_post=True))

    assert response.status_code == 201
    assert response.json() == {
        "id": RecurringExpense.objects.get().pk,
        "category_id": category.pk,
        "amount": "950.00",
        "description": "Rent",
        "frequency": "monthly",
        "interval": 1,
        "start": "2026-01-31",
        "end": None,
        "count": None,
        "day_of_month": None,
        "last_day": False,
        "auto_post": True,
        "active": True,
        "next_date": "2026-03-31",
    }


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"interval": 0}, "interval"),
        ({"end": "2026-01-01"}, "end"),
        ({"day_of_month": 32}, "day_of_month"),
        ({"end": "2026-12-31", "count": 3}, "count"),
        ({"frequency": "weekly", "last_day": True}, "day_of_month"),
        ({"interval": "2"}, "interval"),
        ({"amount": "0.00"}, "amount"),
    ],
)
def test_a_bad_schedule_is_a_422_naming_the_field(api, category, fields, field):
    response = api.post("/api/recurring/", _body(category, **fields))

    assert response.status_code == 422
    assert [error["loc"][-1] for error in response.json()["detail"]] == [field]
    assert not RecurringExpense.objects.exists()


def test_a_category_of_another_budget_is_a_422(api, others_category):
    response = api.post("/api/recurring/", _body(others_category))

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "category_id"]
    assert not RecurringExpense.objects.exists()


def test_it_lists_and_gets_only_the_budgets_own(api, category, other_user):
    mine = RecurringExpenseFactory(category=category, today=TODAY)
    theirs = RecurringExpenseFactory(owner=other_user)

    listed = api.get("/api/recurring/").json()

    assert [item["id"] for item in listed["items"]] == [mine.pk]
    assert api.get(f"/api/recurring/{mine.pk}").json()["next_date"] == "2026-04-01"
    assert api.get(f"/api/recurring/{theirs.pk}").status_code == 404
    assert api.delete(f"/api/recurring/{theirs.pk}").status_code == 404


def test_patch_changes_the_fields_given(api, category):
    rent = RecurringExpenseFactory(category=category, today=TODAY)

    response = api.patch(f"/api/recurring/{rent.pk}", {"amount": 990, "day_of_month": 15})

    assert response.status_code == 200
    assert (response.json()["amount"], response.json()["next_date"]) == ("990.00", "2026-03-15")


def test_patch_refuses_a_bad_change_and_keeps_the_stored_one(api, category):
    rent = RecurringExpenseFactory(category=category, today=TODAY)

    response = api.patch(f"/api/recurring/{rent.pk}", {"end": "2025-01-01"})

    assert response.status_code == 422
    assert RecurringExpense.objects.get(pk=rent.pk).end is None


def test_put_replaces_every_field(api, category):
    rent = RecurringExpenseFactory(category=category, today=TODAY, auto_post=True)

    response = api.put(f"/api/recurring/{rent.pk}", _body(category, frequency="yearly"))

    assert response.status_code == 200
    assert (response.json()["frequency"], response.json()["auto_post"]) == ("yearly", False)


def test_delete_keeps_the_expenses(api, category):
    rent = RecurringExpenseFactory(category=category, today=TODAY, record_past=2)

    assert api.delete(f"/api/recurring/{rent.pk}").status_code == 204
    assert Expense.objects.count() == 2


def test_upcoming_lists_the_occurrences_within_the_days(api, category):
    phone = RecurringExpenseFactory(
        category=category, start=datetime.date(2026, 3, 5), amount=Decimal("30"), today=TODAY
    )
    gym = RecurringExpenseFactory(
        category=category, frequency="weekly", start=datetime.date(2026, 3, 12), today=TODAY
    )

    response = api.get("/api/recurring/upcoming?days=10")

    assert response.status_code == 200
    assert response.json() == [
        {
            "recurring_id": gym.pk,
            "date": "2026-03-12",
            "amount": "50.00",
            "category_id": category.pk,
        },
        {
            "recurring_id": gym.pk,
            "date": "2026-03-19",
            "amount": "50.00",
            "category_id": category.pk,
        },
    ]
    later = api.get("/api/recurring/upcoming?days=30").json()
    assert {
        "recurring_id": phone.pk,
        "date": "2026-04-05",
        "amount": "30.00",
        "category_id": category.pk,
    } in later


@pytest.mark.parametrize("days", ["0", "367", "x"])
def test_upcoming_refuses_days_out_of_range(api, days):
    assert api.get(f"/api/recurring/upcoming?days={days}").status_code == 422


def test_a_viewers_token_cannot_create_or_change(client, category, user):
    viewer = MembershipFactory(budget=budget_of(user), role=Role.VIEWER)
    token = ApiTokenFactory(owner=viewer.user, budget=budget_of(user))
    api = ApiClient(client, {"HTTP_AUTHORIZATION": f"Bearer {token.raw}"})
    rent = RecurringExpenseFactory(category=category, today=TODAY)

    assert api.post("/api/recurring/", _body(category)).status_code == 403
    assert api.patch(f"/api/recurring/{rent.pk}", {"amount": 1}).status_code == 403
    assert api.delete(f"/api/recurring/{rent.pk}").status_code == 403
    assert api.get("/api/recurring/").status_code == 200
    assert RecurringExpense.objects.count() == 1


@pytest.mark.parametrize("schedules", [1, 15])
def test_the_list_costs_a_constant_number_of_queries(
    api, user, schedules, django_assert_max_num_queries
):
    for _ in range(schedules):
        RecurringExpenseFactory(category=CategoryFactory(owner=user), today=TODAY)
    # token lookup, last-used update, count, schedules
    with django_assert_max_num_queries(4):
        assert api.get("/api/recurring/").status_code == 200
