"""The admin action "Move selected expenses to another category"."""

import pytest

from ledger.models import Expense
from ledger.tests.factories import CategoryFactory, ExpenseFactory, SuperuserFactory

pytestmark = pytest.mark.django_db

EXPENSES = "/admin/ledger/expense/"


@pytest.fixture
def staff_client(client):
    client.force_login(SuperuserFactory())
    return client


def action(expenses, **extra):
    return {
        "action": "move_to_category",
        "_selected_action": [str(e.pk) for e in expenses],
        **extra,
    }


def categories_of(expenses):
    return list(
        Expense.objects.filter(pk__in=[e.pk for e in expenses])
        .order_by("pk")
        .values_list("category_id", flat=True)
    )


def test_it_asks_for_the_target_among_the_owners_categories(staff_client, user, other_user):
    expenses = ExpenseFactory.create_batch(
        2, category=CategoryFactory(owner=user, name="Groceries")
    )
    CategoryFactory(owner=user, name="Rent")
    CategoryFactory(owner=other_user, name="Travel")
    response = staff_client.post(EXPENSES, action(expenses))
    assert response.status_code == 200
    assert response.templates[0].name == "admin/ledger/expense/move_expenses.html"
    choices = [label for _, label in response.context["form"].fields["category"].choices]
    assert choices == ["---------", "Groceries", "Rent"]
    assert categories_of(expenses) == [expenses[0].category_id] * 2


def test_it_moves_the_selected_expenses(staff_client, user):
    expenses = ExpenseFactory.create_batch(
        3, category=CategoryFactory(owner=user, name="Groceries")
    )
    untouched = ExpenseFactory(category=expenses[0].category)
    rent = CategoryFactory(owner=user, name="Rent")
    response = staff_client.post(
        EXPENSES, action(expenses, apply="Move expenses", category=str(rent.pk)), follow=True
    )
    assert response.status_code == 200
    assert "Moved 3 expense(s) to Rent." in response.content.decode()
    assert categories_of(expenses) == [rent.pk] * 3
    untouched.refresh_from_db()
    assert untouched.category_id == expenses[0].category_id


def test_it_refuses_expenses_of_several_budgets(staff_client, user, other_user):
    mine = ExpenseFactory(category__owner=user)
    theirs = ExpenseFactory(category__owner=other_user)
    rent = CategoryFactory(owner=user, name="Rent")
    response = staff_client.post(
        EXPENSES,
        action([mine, theirs], apply="Move expenses", category=str(rent.pk)),
        follow=True,
    )
    assert response.status_code == 200
    assert "Select expenses of one budget only" in response.content.decode()
    assert categories_of([mine, theirs]) == [mine.category_id, theirs.category_id]


def test_it_refuses_a_target_of_another_budget(staff_client, user, other_user):
    expenses = ExpenseFactory.create_batch(
        2, category=CategoryFactory(owner=user, name="Groceries")
    )
    foreign = CategoryFactory(owner=other_user, name="Travel")
    response = staff_client.post(
        EXPENSES, action(expenses, apply="Move expenses", category=str(foreign.pk))
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert categories_of(expenses) == [expenses[0].category_id] * 2


def test_it_needs_a_target(staff_client, user):
    expenses = ExpenseFactory.create_batch(
        2, category=CategoryFactory(owner=user, name="Groceries")
    )
    response = staff_client.post(EXPENSES, action(expenses, apply="Move expenses", category=""))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert categories_of(expenses) == [expenses[0].category_id] * 2
