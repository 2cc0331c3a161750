"""Counts are bounded (issue 22): at most 500 categories per budget and 50 budgets per person,
refused with one clear message on every path that creates them."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ledger import services
from ledger.models import Budget, Category, Expense, Membership, Role
from ledger.rules import (
    MAX_BUDGETS_PER_USER,
    MAX_CATEGORIES_PER_BUDGET,
    TOO_MANY_BUDGETS,
    TOO_MANY_CATEGORIES,
)
from ledger.services import budgets as budget_services
from ledger.tests.factories import UserFactory, budget_of
from ledger.transfer.backup import BackupError, import_ledger

pytestmark = pytest.mark.django_db


def fill(budget, count=MAX_CATEGORIES_PER_BUDGET, archived=False):
    Category.objects.bulk_create(
        Category(budget=budget, name=f"Filled {n}", is_archived=archived) for n in range(count)
    )


def test_the_bounds_are_stated_in_the_rules():
    assert (MAX_CATEGORIES_PER_BUDGET, MAX_BUDGETS_PER_USER) == (500, 50)
    assert TOO_MANY_CATEGORIES == (
        "A budget can have at most 500 categories (archived ones count): delete one first."
    )


def test_the_service_refuses_the_501st_category_archived_ones_counting(user):
    budget = budget_of(user)
    fill(budget, MAX_CATEGORIES_PER_BUDGET - 1, archived=True)
    services.create_category(budget=budget, name="The 500th")

    with pytest.raises(services.TooManyCategories, match="at most 500 categories"):
        services.create_category(budget=budget, name="The 501st")
    assert Category.objects.for_budget(budget).count() == 500


def test_the_form_says_so_next_to_the_name(user_client, user):
    fill(budget_of(user))

    response = user_client.post("/categories/new/", {"name": "One more", "limit": "0"})

    assert response.status_code == 200
    assert TOO_MANY_CATEGORIES.encode() in response.content
    assert not Category.objects.filter(name="One more").exists()


def test_the_api_answers_409(api, user):
    fill(budget_of(user))

    response = api.post("/api/categories/", {"name": "One more", "limit": "0.00"})

    assert response.status_code == 409
    assert response.json() == {"detail": TOO_MANY_CATEGORIES}


def test_an_import_creating_too_many_categories_stores_nothing(user_client, user):
    fill(budget_of(user), MAX_CATEGORIES_PER_BUDGET - 1)
    content = (
        "Date,Amount,Description,Category\n2026-03-02,-1.00,a,New A\n2026-03-03,-2.00,b,New B\n"
    )
    upload = SimpleUploadedFile("bank.csv", content.encode(), content_type="text/csv")
    preview = user_client.post("/import/", {"file": upload})["Location"]

    response = user_client.post(preview, {})

    assert response.status_code == 200
    assert f"Nothing was imported: {TOO_MANY_CATEGORIES}".encode() in response.content
    assert not Expense.objects.exists()
    assert not Category.objects.filter(name__startswith="New").exists()


def test_a_restore_of_too_many_categories_is_refused(user):
    document = {
        "format": "budget-ledger",
        "version": 1,
        "categories": [
            {"name": f"C{n}", "limit": "0.00", "is_archived": False}
            for n in range(MAX_CATEGORIES_PER_BUDGET + 1)
        ],
        "expenses": [],
        "incomes": [],
    }

    with pytest.raises(BackupError) as error:
        import_ledger(budget_of(user), json.loads(json.dumps(document)))

    assert error.value.errors == [f"categories: {TOO_MANY_CATEGORIES}"]
    assert not Category.objects.exists()


def test_the_admin_form_refuses_the_501st(client, user):
    budget = budget_of(user)
    fill(budget)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(
        "/admin/ledger/category/add/",
        {"budget": budget.pk, "name": "One more", "limit": "0", "is_archived": ""},
    )

    assert response.status_code == 200
    assert TOO_MANY_CATEGORIES.encode() in response.content
    assert Category.objects.count() == MAX_CATEGORIES_PER_BUDGET


def join_budgets(user, count):
    budgets = Budget.objects.bulk_create(Budget(name=f"B{n}") for n in range(count))
    Membership.objects.bulk_create(
        Membership(budget=budget, user=user, role=Role.OWNER) for budget in budgets
    )


def test_a_person_creates_at_most_50_budgets(user_client, user):
    budget_of(user)
    join_budgets(user, MAX_BUDGETS_PER_USER - 1)

    response = user_client.post("/budgets/new/", {"name": "The 51st"})

    assert response.status_code == 200
    assert TOO_MANY_BUDGETS.encode() in response.content.replace(b"&#x27;", b"'")
    assert not Budget.objects.filter(name="The 51st").exists()


def test_a_person_at_the_bound_cannot_join_another_budget(client):
    joiner = UserFactory(username="joiner")
    join_budgets(joiner, MAX_BUDGETS_PER_USER)
    owner = UserFactory(username="owner")
    _, raw = budget_services.invite_member(
        budget=budget_of(owner), role=Role.EDITOR, invited_by=owner
    )
    client.force_login(joiner)

    response = client.post(f"/invitations/{raw}/")

    assert response.status_code == 409
    assert not Membership.objects.filter(user=joiner, budget=budget_of(owner)).exists()
