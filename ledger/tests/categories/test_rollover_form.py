"""The category form's carry-over fields: `rollover` (none/unspent/all) and `rollover_from`."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from ledger import services
from ledger.models import Category, Rollover
from ledger.months import current_month, month_of
from ledger.tests.factories import CategoryFactory, budget_of

pytestmark = pytest.mark.django_db
JANUARY = datetime.date(2026, 1, 1)


def test_the_form_explains_both_fields(user_client):
    html = user_client.get("/categories/new/").content.decode()
    assert '<select name="rollover"' in html
    assert 'name="rollover_from"' in html
    assert "an overspend carries as a debt" in html
    assert "empty means this month" in html


def test_create_with_a_rollover_from_a_month(user_client, user):
    response = user_client.post(
        "/categories/new/",
        {"name": "Food", "limit": "300", "rollover": "unspent", "rollover_from": "2026-01"},
    )
    assert response.status_code == 302
    food = Category.objects.get(budget=budget_of(user))
    assert (food.rollover, food.rollover_from) == (Rollover.UNSPENT, JANUARY)


def test_an_empty_month_with_a_rollover_is_this_month(user_client, user):
    user_client.post(
        "/categories/new/", {"name": "Car", "limit": "100", "rollover": "all", "rollover_from": ""}
    )
    car = Category.objects.get(budget=budget_of(user))
    assert (car.rollover, car.rollover_from) == (Rollover.ALL, current_month(1))


def test_this_month_follows_the_budgets_start_day(user_client, user):
    budget = budget_of(user)
    budget.month_start_day = 28
    budget.save()
    user_client.post("/categories/new/", {"name": "Car", "limit": "1", "rollover": "all"})
    assert Category.objects.get(budget=budget).rollover_from == month_of(timezone.localdate(), 28)


def test_without_a_rollover_the_month_is_not_kept(user_client, user):
    user_client.post(
        "/categories/new/",
        {"name": "Rent", "limit": "800", "rollover": "none", "rollover_from": "2026-01"},
    )
    rent = Category.objects.get(budget=budget_of(user))
    assert (rent.rollover, rent.rollover_from) == (Rollover.NONE, None)


@pytest.mark.parametrize("text", ["2026-13", "2026-1", "January", "2026-01-01", "0999-12"])
def test_a_bad_month_is_a_field_error(user_client, text):
    response = user_client.post(
        "/categories/new/",
        {"name": "Food", "limit": "300", "rollover": "unspent", "rollover_from": text},
    )
    assert response.status_code == 200
    assert (
        '<div class="invalid-feedback d-block" id="id_rollover_from_error">'
        "Enter a month as YYYY-MM, such as 2026-01.</div>" in response.content.decode()
    )
    assert not Category.objects.exists()


def test_an_unknown_rollover_is_a_field_error(user_client):
    response = user_client.post(
        "/categories/new/", {"name": "Food", "limit": "300", "rollover": "some"}
    )
    assert response.status_code == 200
    assert "Choose nothing, what is left, or everything." in response.content.decode()
    assert not Category.objects.exists()


def test_edit_shows_and_changes_the_rollover(user_client, user):
    food = CategoryFactory(owner=user, name="Food", rollover="unspent", rollover_from=JANUARY)
    html = user_client.get(f"/categories/{food.pk}/edit/").content.decode()
    assert 'name="rollover_from" value="2026-01"' in html
    assert '<option value="unspent" selected>' in html

    user_client.post(
        f"/categories/{food.pk}/edit/",
        {"name": "Food", "limit": "300", "rollover": "all", "rollover_from": "2026-02"},
    )

    food.refresh_from_db()
    assert (food.rollover, food.rollover_from) == (Rollover.ALL, datetime.date(2026, 2, 1))


def test_edit_switching_the_rollover_off_forgets_the_month(user_client, user):
    food = CategoryFactory(owner=user, name="Food", rollover="unspent", rollover_from=JANUARY)
    user_client.post(
        f"/categories/{food.pk}/edit/",
        {"name": "Food", "limit": "300", "rollover": "none", "rollover_from": "2026-01"},
    )
    food.refresh_from_db()
    assert (food.rollover, food.rollover_from) == (Rollover.NONE, None)


def test_a_post_without_the_rollover_fields_keeps_them(user_client, user):
    food = CategoryFactory(owner=user, name="Food", rollover="all", rollover_from=JANUARY)
    response = user_client.post(f"/categories/{food.pk}/edit/", {"name": "Meals", "limit": "5"})
    assert response.status_code == 302
    food.refresh_from_db()
    assert (food.name, food.rollover, food.rollover_from) == ("Meals", "all", JANUARY)


def test_a_category_made_without_them_has_no_rollover(user_client, user):
    user_client.post("/categories/new/", {"name": "Rent", "limit": "800"})
    rent = Category.objects.get(budget=budget_of(user))
    assert (rent.rollover, rent.rollover_from, rent.limit) == ("none", None, Decimal("800.00"))


def test_the_service_gets_the_month(user_client, user, monkeypatch):
    calls = []
    original = services.create_category

    def spy(**kwargs):
        calls.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(services, "create_category", spy)
    user_client.post(
        "/categories/new/",
        {"name": "Food", "limit": "1", "rollover": "unspent", "rollover_from": "2026-01"},
    )
    assert (calls[0]["rollover"], calls[0]["rollover_from"]) == ("unspent", JANUARY)
