"""Categories' `rollover` and `rollover_from` in the API: read, and set by POST, PUT and PATCH."""

import datetime
from decimal import Decimal

import pytest

from ledger.models import Category, Rollover
from ledger.tests.factories import CategoryFactory, budget_of

pytestmark = pytest.mark.django_db

JANUARY = datetime.date(2026, 1, 1)


def _stored(user):
    category = Category.objects.for_budget(budget_of(user)).get()
    return category.rollover, category.rollover_from


def test_a_new_category_rolls_nothing_over(api, user):
    response = api.post("/api/categories/", {"name": "Food", "limit": "300"})

    assert response.status_code == 201
    body = response.json()
    assert (body["rollover"], body["rollover_from"]) == ("none", None)
    assert _stored(user) == (Rollover.NONE, None)


def test_it_creates_a_category_that_rolls_over(api, user):
    response = api.post(
        "/api/categories/",
        {"name": "Food", "limit": "300", "rollover": "unspent", "rollover_from": "2026-01"},
    )

    assert response.status_code == 201
    assert (response.json()["rollover"], response.json()["rollover_from"]) == (
        "unspent",
        "2026-01",
    )
    assert _stored(user) == (Rollover.UNSPENT, JANUARY)


@pytest.fixture
def may_20th(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: datetime.date(2026, 5, 20))


def test_rollover_without_a_month_starts_this_month(api, user, may_20th):
    response = api.post("/api/categories/", {"name": "Car", "limit": "100", "rollover": "all"})

    assert response.json()["rollover_from"] == "2026-05"
    assert _stored(user) == (Rollover.ALL, datetime.date(2026, 5, 1))


def test_this_month_follows_the_budgets_start_day(api, user, may_20th):
    budget = budget_of(user)
    budget.month_start_day = 16  # 16 May starts the month named June
    budget.save()

    response = api.post("/api/categories/", {"name": "Car", "limit": "100", "rollover": "all"})

    assert response.json()["rollover_from"] == "2026-06"


def test_it_reads_the_rollover_of_a_category(api, user):
    category = CategoryFactory(owner=user, rollover=Rollover.ALL, rollover_from=JANUARY)

    body = api.get(f"/api/categories/{category.pk}").json()

    assert (body["rollover"], body["rollover_from"]) == ("all", "2026-01")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"rollover": "some"}, "rollover"),
        ({"rollover": "ALL"}, "rollover"),
        ({"rollover": None}, "rollover"),
        ({"rollover": 1}, "rollover"),
        ({"rollover": "all", "rollover_from": "2026-13"}, "rollover_from"),
        ({"rollover": "all", "rollover_from": "2026-01-01"}, "rollover_from"),
        ({"rollover": "all", "rollover_from": 202601}, "rollover_from"),
        ({"rollover_from": "2026-01"}, "rollover_from"),
        ({"rollover": "none", "rollover_from": "2026-01"}, "rollover_from"),
    ],
)
def test_it_refuses_a_bad_rollover(api, user, body, field):
    response = api.post("/api/categories/", {"name": "Food", "limit": "1", **body})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", field]
    assert not Category.objects.for_budget(budget_of(user)).exists()


def test_patch_switches_rollover_on_from_a_month(api, user):
    category = CategoryFactory(owner=user, name="Food")

    response = api.patch(
        f"/api/categories/{category.pk}", {"rollover": "unspent", "rollover_from": "2026-01"}
    )

    assert response.status_code == 200
    assert response.json()["name"] == "Food"
    assert _stored(user) == (Rollover.UNSPENT, JANUARY)


def test_patch_changes_the_kind_and_keeps_the_month(api, user):
    category = CategoryFactory(owner=user, rollover=Rollover.UNSPENT, rollover_from=JANUARY)

    api.patch(f"/api/categories/{category.pk}", {"rollover": "all"})

    assert _stored(user) == (Rollover.ALL, JANUARY)


def test_patch_moves_the_month(api, user):
    category = CategoryFactory(owner=user, rollover=Rollover.UNSPENT, rollover_from=JANUARY)

    api.patch(f"/api/categories/{category.pk}", {"rollover_from": "2026-04"})

    assert _stored(user) == (Rollover.UNSPENT, datetime.date(2026, 4, 1))


def test_a_null_month_keeps_it(api, user):
    category = CategoryFactory(owner=user, rollover=Rollover.UNSPENT, rollover_from=JANUARY)

    response = api.patch(f"/api/categories/{category.pk}", {"rollover_from": None})

    assert response.status_code == 200
    assert _stored(user) == (Rollover.UNSPENT, JANUARY)


def test_switching_rollover_off_forgets_the_month(api, user):
    category = CategoryFactory(owner=user, rollover=Rollover.ALL, rollover_from=JANUARY)

    response = api.put(f"/api/categories/{category.pk}", {"rollover": "none"})

    assert (response.json()["rollover"], response.json()["rollover_from"]) == ("none", None)
    assert _stored(user) == (Rollover.NONE, None)


def test_put_sets_every_field(api, user):
    category = CategoryFactory(owner=user, name="Food")

    response = api.put(
        f"/api/categories/{category.pk}",
        {"name": "Car", "limit": "100", "rollover": "all", "rollover_from": "2026-01"},
    )

    assert response.status_code == 200
    stored = Category.objects.get(pk=category.pk)
    assert (stored.name, stored.limit, stored.rollover, stored.rollover_from) == (
        "Car",
        Decimal("100.00"),
        Rollover.ALL,
        JANUARY,
    )


def test_a_month_without_rollover_is_refused_on_patch(api, user):
    category = CategoryFactory(owner=user)

    response = api.patch(f"/api/categories/{category.pk}", {"rollover_from": "2026-01"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "rollover_from"]
    assert _stored(user) == (Rollover.NONE, None)


@pytest.mark.parametrize("body", [{"rollover": "sometimes"}, {"rollover_from": "2026-00"}])
def test_bad_changes_are_refused_and_nothing_changes(api, user, body):
    category = CategoryFactory(owner=user, rollover=Rollover.UNSPENT, rollover_from=JANUARY)

    response = api.patch(f"/api/categories/{category.pk}", body)

    assert response.status_code == 422
    assert _stored(user) == (Rollover.UNSPENT, JANUARY)


def test_an_old_client_changing_the_limit_keeps_the_rollover(api, user):
    category = CategoryFactory(owner=user, rollover=Rollover.ALL, rollover_from=JANUARY)

    api.put(f"/api/categories/{category.pk}", {"name": "Food", "limit": "50"})

    assert _stored(user) == (Rollover.ALL, JANUARY)
