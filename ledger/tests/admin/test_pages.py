"""The admin: who gets in, list pages that cost a constant number of queries,
list editing and forms that keep an expense inside its owner's budget, and
category deletion that never loses history."""

import datetime
from decimal import Decimal

import pytest
from django.utils.html import escape

from ledger import selectors
from ledger.models import Category, Expense, MonthlyIncome
from ledger.services.balances import differing_balances
from ledger.tests.factories import (
    CategoryFactory,
    ExpenseFactory,
    MonthlyIncomeFactory,
    SuperuserFactory,
    budget_of,
)

pytestmark = pytest.mark.django_db

EXPENSES = "/admin/ledger/expense/"
CATEGORIES = "/admin/ledger/category/"
INCOMES = "/admin/ledger/monthlyincome/"


@pytest.fixture
def staff_client(client):
    client.force_login(SuperuserFactory())
    return client


def changelist_row(expense, **changes):
    """The POST data of a one-row changelist formset editing `expense`."""
    return {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(expense.pk),
        "form-0-amount": changes.get("amount", str(expense.amount)),
        "form-0-category": str(changes.get("category", expense.category).pk),
        "_save": "Save",
    }


def test_it_keeps_non_staff_users_out(user_client):
    response = user_client.get(EXPENSES)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_it_keeps_anonymous_visitors_out(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", [EXPENSES, CATEGORIES, INCOMES])
def test_it_lets_a_staff_superuser_list_every_model(staff_client, url):
    assert staff_client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [5, 60])
def test_expense_changelist_queries_do_not_grow_with_rows(
    staff_client, user, other_user, rows, django_assert_max_num_queries
):
    categories = [CategoryFactory(owner=owner) for owner in (user, other_user) for _ in range(3)]
    for i in range(rows):
        ExpenseFactory(category=categories[i % len(categories)])
    with django_assert_max_num_queries(10):
        response = staff_client.get(EXPENSES)
    assert response.status_code == 200
    assert response.context["cl"].result_count == rows


@pytest.mark.parametrize("rows", [5, 60])
def test_category_changelist_queries_do_not_grow_with_rows(
    staff_client, user, rows, django_assert_max_num_queries
):
    CategoryFactory.create_batch(rows, owner=user)
    with django_assert_max_num_queries(6):
        response = staff_client.get(CATEGORIES)
    assert response.status_code == 200
    assert response.context["cl"].result_count == rows


@pytest.mark.parametrize("rows", [5, 60])
def test_income_changelist_queries_do_not_grow_with_rows(
    staff_client, user, rows, django_assert_max_num_queries
):
    for i in range(rows):
        MonthlyIncomeFactory(owner=user, month=datetime.date(2020 + i // 12, i % 12 + 1, 1))
    with django_assert_max_num_queries(8):
        response = staff_client.get(INCOMES)
    assert response.status_code == 200
    assert response.context["cl"].result_count == rows


def test_each_row_offers_only_its_owners_categories(staff_client, user, other_user):
    groceries = CategoryFactory(owner=user, name="Groceries")
    CategoryFactory(owner=user, name="Old rent", is_archived=True)
    CategoryFactory(owner=other_user, name="Travel")
    ExpenseFactory(category=groceries)
    response = staff_client.get(EXPENSES)
    field = response.context["cl"].formset.forms[0].fields["category"]
    assert [label for _, label in field.choices] == ["Groceries", "Old rent (archived)"]


def test_list_editable_saves_amount_and_category(staff_client, user):
    expense = ExpenseFactory(category__owner=user, amount=Decimal("12.50"))
    rent = CategoryFactory(owner=user, name="Rent")
    response = staff_client.post(EXPENSES, changelist_row(expense, amount="950.00", category=rent))
    assert response.status_code == 302
    expense.refresh_from_db()
    assert expense.amount == Decimal("950.00")
    assert expense.category == rent


def test_list_editable_refuses_a_category_of_another_budget(staff_client, user, other_user):
    expense = ExpenseFactory(category__owner=user, amount=Decimal("12.50"))
    original = expense.category
    foreign = CategoryFactory(owner=other_user, name="Travel")
    response = staff_client.post(
        EXPENSES, changelist_row(expense, amount="20.00", category=foreign)
    )
    assert response.status_code == 200
    assert "belongs to another budget" in response.content.decode()
    expense.refresh_from_db()
    assert expense.category == original
    assert expense.amount == Decimal("12.50")


def test_list_editable_refuses_a_zero_amount(staff_client, user):
    expense = ExpenseFactory(category__owner=user, amount=Decimal("12.50"))
    response = staff_client.post(EXPENSES, changelist_row(expense, amount="0"))
    assert response.status_code == 200
    assert "The amount must be more than 0." in response.content.decode()
    expense.refresh_from_db()
    assert expense.amount == Decimal("12.50")


def expense_form(owner, category, **changes):
    return {
        "budget": str(budget_of(owner).pk),
        "category": str(category.pk),
        "date": "2026-03-15",
        "amount": "42.10",
        "description": "Weekly shop",
        **changes,
    }


def test_add_form_creates_an_expense(staff_client, user):
    groceries = CategoryFactory(owner=user, name="Groceries")
    response = staff_client.post(f"{EXPENSES}add/", expense_form(user, groceries))
    assert response.status_code == 302
    expense = Expense.objects.get()
    assert (expense.budget, expense.category, expense.amount) == (
        budget_of(user),
        groceries,
        Decimal("42.10"),
    )
    assert expense.created_by is not None  # the staff user who added it


def test_add_form_refuses_a_category_of_another_budget(staff_client, user, other_user):
    foreign = CategoryFactory(owner=other_user, name="Travel")
    response = staff_client.post(f"{EXPENSES}add/", expense_form(user, foreign))
    assert response.status_code == 200
    assert "belongs to another budget" in response.content.decode()
    assert not Expense.objects.exists()


def test_change_form_refuses_a_category_of_another_budget(staff_client, user, other_user):
    expense = ExpenseFactory(category__owner=user)
    original = expense.category
    foreign = CategoryFactory(owner=other_user, name="Travel")
    response = staff_client.post(
        f"{EXPENSES}{expense.pk}/change/", expense_form(user, foreign, amount=str(expense.amount))
    )
    assert response.status_code == 200
    assert "belongs to another budget" in response.content.decode()
    expense.refresh_from_db()
    assert expense.category == original


def test_change_form_labels_categories_with_their_budget(staff_client, user):
    expense = ExpenseFactory(category__owner=user, category__name="Groceries")
    response = staff_client.get(f"{EXPENSES}{expense.pk}/change/")
    assert escape(f"Groceries ({budget_of(user).name})") in response.content.decode()


def test_income_form_refuses_a_month_that_is_not_a_first_day(staff_client, user):
    response = staff_client.post(
        f"{INCOMES}add/",
        {"budget": str(budget_of(user).pk), "month": "2026-03-15", "amount": "3000.00", "note": ""},
    )
    assert response.status_code == 200
    assert "Use the first day of the month, e.g. 2026-03-01." in response.content.decode()
    assert not MonthlyIncome.objects.exists()


def test_category_form_refuses_a_duplicate_name_ignoring_case(staff_client, user):
    CategoryFactory(owner=user, name="Groceries")
    response = staff_client.post(
        f"{CATEGORIES}add/",
        {"budget": str(budget_of(user).pk), "name": "groceries", "limit": "100.00"},
    )
    assert response.status_code == 200
    assert "You already have a category with this name." in response.content.decode()
    assert Category.objects.count() == 1


def test_deleting_a_category_with_expenses_is_refused_with_a_message(staff_client, user):
    expense = ExpenseFactory(category__owner=user, category__name="Groceries")
    url = f"{CATEGORIES}{expense.category_id}/delete/"
    response = staff_client.post(url, {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0] == f"{CATEGORIES}{expense.category_id}/change/"
    page = response.content.decode()
    assert "holds 1 expense(s): archive it or move its expenses first." in page
    assert Category.objects.filter(pk=expense.category_id).exists()


def test_deleting_an_empty_category_works(staff_client, user):
    category = CategoryFactory(owner=user)
    response = staff_client.post(f"{CATEGORIES}{category.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Category.objects.exists()


def test_bulk_deleting_categories_with_expenses_deletes_nothing(staff_client, user):
    expense = ExpenseFactory(category__owner=user)
    empty = CategoryFactory(owner=user)
    response = staff_client.post(
        CATEGORIES,
        {
            "action": "delete_selected",
            "_selected_action": [expense.category_id, empty.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 200
    assert "protected related objects" in response.content.decode()
    assert Category.objects.count() == 2


def test_the_category_filter_names_budgets_and_narrows_to_the_chosen_budget(
    staff_client, user, other_user
):
    CategoryFactory(owner=user, name="Groceries")
    CategoryFactory(owner=user, name="Rent")
    CategoryFactory(owner=other_user, name="Groceries")

    def category_filter_labels(url):
        response = staff_client.get(url)
        [spec] = [f for f in response.context["cl"].filter_specs if f.title == "category"]
        return [label for _, label in spec.lookup_choices]

    assert sorted(category_filter_labels(EXPENSES)) == sorted(
        [
            f"Groceries ({budget_of(user).name})",
            f"Groceries ({budget_of(other_user).name})",
            f"Rent ({budget_of(user).name})",
        ]
    )
    assert category_filter_labels(f"{EXPENSES}?budget__id__exact={budget_of(user).pk}") == [
        f"Groceries ({budget_of(user).name})",
        f"Rent ({budget_of(user).name})",
    ]


def test_list_editable_refuses_moving_into_an_archived_category(staff_client, user):
    expense = ExpenseFactory(category__owner=user)
    old = CategoryFactory(owner=user, name="Old rent", is_archived=True)
    response = staff_client.post(EXPENSES, changelist_row(expense, category=old))
    assert response.status_code == 200
    assert "Choose one of your active categories." in response.content.decode()
    assert Expense.objects.get(pk=expense.pk).category_id != old.pk


def test_list_editable_keeps_an_expense_in_its_archived_category(staff_client, user):
    old = CategoryFactory(owner=user, name="Old rent", is_archived=True)
    expense = ExpenseFactory(category=old)
    response = staff_client.post(EXPENSES, changelist_row(expense, amount="7.00"))
    assert response.status_code == 302
    stored = Expense.objects.get(pk=expense.pk)
    assert (stored.category, stored.amount) == (old, Decimal("7.00"))


def test_change_form_saves_a_category_and_keeps_its_budget(staff_client, user, other_user):
    category = CategoryFactory(owner=user, name="Groceries")
    response = staff_client.post(
        f"{CATEGORIES}{category.pk}/change/",
        {"budget": str(budget_of(other_user).pk), "name": "Food", "limit": "12.00"},
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert (category.budget, category.name, category.limit) == (
        budget_of(user),
        "Food",
        Decimal("12.00"),
    )


def test_a_limit_changed_in_the_admin_changes_the_carried_envelope(staff_client, user):
    # The admin hands the service an instance that holds the new limit already.
    category = CategoryFactory(
        owner=user, name="Food", rollover="all", rollover_from=datetime.date(2026, 1, 1)
    )
    ExpenseFactory(category=category, amount=Decimal("50.00"), date=datetime.date(2026, 1, 10))
    response = staff_client.post(
        f"{CATEGORIES}{category.pk}/change/", {"name": "Food", "limit": "100.00"}
    )
    assert response.status_code == 302
    summary = selectors.monthly_summary(budget_of(user), datetime.date(2026, 3, 1))
    # January 100 - 50, February + 100: 150 carried into March
    assert [(line.name, line.carried_in) for line in summary.lines] == [("Food", Decimal("150.00"))]
    assert differing_balances(budget_of(user)) == []


def test_change_form_refuses_a_duplicate_name_ignoring_case(staff_client, user):
    CategoryFactory(owner=user, name="Rent")
    category = CategoryFactory(owner=user, name="Groceries")
    response = staff_client.post(
        f"{CATEGORIES}{category.pk}/change/", {"name": "RENT", "limit": "1.00"}
    )
    assert response.status_code == 200
    assert "You already have a category with this name." in response.content.decode()
    assert Category.objects.get(pk=category.pk).name == "Groceries"


def test_income_change_form_saves_through_the_service(staff_client, user):
    income = MonthlyIncomeFactory(owner=user)
    response = staff_client.post(
        f"{INCOMES}{income.pk}/change/",
        {"budget": str(budget_of(user).pk), "month": "2026-04-01", "amount": "10.00", "note": "x"},
    )
    assert response.status_code == 302
    income.refresh_from_db()
    assert (income.month, income.amount, income.note) == (
        datetime.date(2026, 4, 1),
        Decimal("10.00"),
        "x",
    )


def test_bulk_deleting_expenses_works(staff_client, user):
    expenses = ExpenseFactory.create_batch(2, category__owner=user)
    response = staff_client.post(
        EXPENSES,
        {"action": "delete_selected", "_selected_action": [e.pk for e in expenses], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Expense.objects.exists()
