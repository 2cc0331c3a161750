"""Expense pages: the month's list with filters and pages, add, edit, delete."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from ledger.models import Expense
from ledger.tests.factories import CategoryFactory, ExpenseFactory, budget_of

pytestmark = pytest.mark.django_db
MARCH = "2026-03"


@pytest.mark.parametrize(
    "url", ["/expenses/", "/expenses/new/", "/expenses/1/edit/", "/expenses/1/delete/"]
)
def test_it_needs_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


# --- list ---


def test_list_defaults_to_the_current_month(user_client, category):
    today = timezone.localdate()
    this_month = ExpenseFactory(category=category, date=today)
    ExpenseFactory(category=category, date=today.replace(day=1) - datetime.timedelta(days=1))
    response = user_client.get("/expenses/")
    assert response.status_code == 200
    assert list(response.context["expenses"]) == [this_month]


def test_list_shows_the_month_newest_first_with_its_total(user_client, category):
    first = ExpenseFactory(
        category=category, date=datetime.date(2026, 3, 1), amount=Decimal("1.10")
    )
    last = ExpenseFactory(
        category=category, date=datetime.date(2026, 3, 31), amount=Decimal("2000")
    )
    ExpenseFactory(category=category, date=datetime.date(2026, 2, 28), amount=Decimal("5"))
    ExpenseFactory(category=category, date=datetime.date(2026, 4, 1), amount=Decimal("7"))
    response = user_client.get(f"/expenses/?month={MARCH}")
    assert list(response.context["expenses"]) == [last, first]
    assert response.context["total"] == Decimal("2001.10")
    assert "Total 2,001.10 USD" in response.content.decode()
    assert 'href="/expenses/?month=2026-02"' in response.content.decode()
    assert 'href="/expenses/?month=2026-04"' in response.content.decode()


def test_list_filters_by_category(user_client, user, category):
    other = CategoryFactory(owner=user, name="Rent")
    mine = ExpenseFactory(category=category, amount=Decimal("3.00"))
    ExpenseFactory(category=other, amount=Decimal("900.00"))
    response = user_client.get(f"/expenses/?month={MARCH}&category={category.pk}")
    assert list(response.context["expenses"]) == [mine]
    assert response.context["total"] == Decimal("3.00")
    assert f"category={category.pk}" in response.context["next_url"]


def test_list_hides_other_users_expenses(user_client, category, other_user):
    ExpenseFactory(category__owner=other_user, description="secret lunch")
    response = user_client.get(f"/expenses/?month={MARCH}")
    assert list(response.context["expenses"]) == []
    assert b"secret lunch" not in response.content


@pytest.mark.parametrize(
    "query",
    [
        "month=abc",
        "month=2026-13",
        "month=2026-1",
        "month=0000-01",
        "category=xyz",
        "category=999999",
        "page=abc",
        "page=0",
        "page=2",
    ],
)
def test_list_answers_bad_query_values_with_a_404(user_client, category, query):
    ExpenseFactory(category=category)
    assert user_client.get(f"/expenses/?{query}").status_code == 404


def test_list_of_another_users_category_is_a_404(user_client, others_category):
    response = user_client.get(f"/expenses/?category={others_category.pk}")
    assert response.status_code == 404


def test_list_shows_50_a_page(user_client, category):
    ExpenseFactory.create_batch(51, category=category)
    first = user_client.get(f"/expenses/?month={MARCH}")
    second = user_client.get(f"/expenses/?month={MARCH}&page=2")
    assert len(first.context["expenses"]) == 50
    assert len(second.context["expenses"]) == 1
    assert first.context["total"] == second.context["total"] == Decimal("637.50")


@pytest.mark.parametrize("size", [2, 120])
def test_list_query_count_is_constant(user_client, user, size, django_assert_max_num_queries):
    categories = CategoryFactory.create_batch(5, owner=user)
    for n in range(size):
        ExpenseFactory(category=categories[n % 5])
    user_client.get(f"/expenses/?month={MARCH}")  # the first visit makes the user's budget
    # Session, user, memberships (the current budget and the switcher), categories, count,
    # total, page, and the savepoint of the session's save.
    with django_assert_max_num_queries(8):
        response = user_client.get(f"/expenses/?month={MARCH}")
    assert response.context["paginator"].count == size


# --- create ---


def test_create_offers_only_active_categories_and_today(user_client, user, category):
    CategoryFactory(owner=user, name="Old gym", is_archived=True)
    CategoryFactory(name="Someone else's")
    response = user_client.get("/expenses/new/")
    assert response.status_code == 200
    assert list(response.context["form"].fields["category"].queryset) == [category]
    assert response.context["form"].initial["date"] == timezone.localdate()
    assert "Amount (USD)" in response.content.decode()
    for field in ("category", "amount", "date", "description"):
        assert f'name="{field}"' in response.content.decode()


def test_create_saves_and_goes_to_that_month(user_client, user, category):
    data = {
        "category": category.pk,
        "amount": "12.34",
        "date": "2026-03-31",
        "description": " Bus ",
    }
    response = user_client.post("/expenses/new/", data)
    assert response.status_code == 302
    assert response["Location"] == "/expenses/?month=2026-03"
    expense = Expense.objects.get(budget=budget_of(user))
    assert (expense.amount, expense.date, expense.description) == (
        Decimal("12.34"),
        datetime.date(2026, 3, 31),
        "Bus",
    )
    assert expense.category == category


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"amount": "0"}, "Enter an amount greater than zero."),
        ({"amount": "-5"}, "Enter an amount greater than zero."),
        ({"amount": "0.001"}, "Use at most 2 decimal places."),
        ({"amount": "12345678901.00"}, "Enter an amount below 10,000,000,000."),
        ({"amount": "NaN"}, "Enter an amount such as 12.50."),
        ({"amount": "-Infinity"}, "Enter an amount such as 12.50."),
        ({"amount": ""}, "This field is required."),
        ({"date": "2026-02-30"}, "Enter a real date as YYYY-MM-DD."),
        ({"date": "31/03/2026"}, "Enter a real date as YYYY-MM-DD."),
        ({"date": ""}, "This field is required."),
        ({"category": ""}, "This field is required."),
        ({"category": "abc"}, "Choose one of your active categories."),
        ({"description": "x" * 256}, "at most 255 characters"),
    ],
)
def test_create_refuses_invalid_input(user_client, category, change, error):
    data = {"category": category.pk, "amount": "12.00", "date": "2026-03-01", "description": ""}
    response = user_client.post("/expenses/new/", {**data, **change})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Expense.objects.exists()


def test_create_refuses_an_archived_category(user_client, user):
    archived = CategoryFactory(owner=user, is_archived=True)
    data = {"category": archived.pk, "amount": "1.00", "date": "2026-03-01"}
    response = user_client.post("/expenses/new/", data)
    assert response.status_code == 200
    assert "Choose one of your active categories." in response.content.decode()
    assert not Expense.objects.exists()


def test_create_refuses_another_users_category(user_client, others_category):
    data = {"category": others_category.pk, "amount": "1.00", "date": "2026-03-01"}
    response = user_client.post("/expenses/new/", data)
    assert response.status_code == 200
    assert "Choose one of your active categories." in response.content.decode()
    assert not Expense.objects.exists()


# --- edit ---


def test_edit_saves_changes(user_client, category):
    expense = ExpenseFactory(category=category)
    data = {"category": category.pk, "amount": "99.99", "date": "2026-04-02", "description": "x"}
    response = user_client.post(f"/expenses/{expense.pk}/edit/", data)
    assert response.status_code == 302
    assert response["Location"] == "/expenses/?month=2026-04"
    expense.refresh_from_db()
    assert (expense.amount, expense.date) == (Decimal("99.99"), datetime.date(2026, 4, 2))


def test_edit_keeps_the_expenses_own_archived_category_valid(user_client, user, category):
    archived = CategoryFactory(owner=user, name="Old gym", is_archived=True)
    expense = ExpenseFactory(category=archived)
    form = user_client.get(f"/expenses/{expense.pk}/edit/").context["form"]
    assert set(form.fields["category"].queryset) == {category, archived}
    data = {"category": archived.pk, "amount": "5.00", "date": "2026-03-02", "description": ""}
    assert user_client.post(f"/expenses/{expense.pk}/edit/", data).status_code == 302
    expense.refresh_from_db()
    assert expense.amount == Decimal("5.00")


def test_edit_refuses_moving_to_another_archived_category(user_client, user, category):
    archived = CategoryFactory(owner=user, is_archived=True)
    expense = ExpenseFactory(category=category)
    data = {"category": archived.pk, "amount": "5.00", "date": "2026-03-02"}
    response = user_client.post(f"/expenses/{expense.pk}/edit/", data)
    assert response.status_code == 200
    expense.refresh_from_db()
    assert expense.category == category


def test_edit_refuses_invalid_input(user_client, category):
    expense = ExpenseFactory(category=category, amount=Decimal("12.50"))
    data = {"category": category.pk, "amount": "-1", "date": "2026-03-02"}
    response = user_client.post(f"/expenses/{expense.pk}/edit/", data)
    assert response.status_code == 200
    assert "Enter an amount greater than zero." in response.content.decode()
    expense.refresh_from_db()
    assert expense.amount == Decimal("12.50")


def test_edit_of_another_users_expense_is_a_404(user_client, category, other_user):
    expense = ExpenseFactory(category__owner=other_user, amount=Decimal("12.50"))
    url = f"/expenses/{expense.pk}/edit/"
    data = {"category": category.pk, "amount": "1.00", "date": "2026-03-02"}
    assert user_client.get(url).status_code == 404
    assert user_client.post(url, data).status_code == 404
    expense.refresh_from_db()
    assert expense.amount == Decimal("12.50")


# --- delete ---


def test_delete_confirms_then_deletes(user_client, category):
    expense = ExpenseFactory(category=category, amount=Decimal("1234.50"))
    page = user_client.get(f"/expenses/{expense.pk}/delete/")
    assert page.status_code == 200
    assert "1,234.50 USD" in page.content.decode()
    response = user_client.post(f"/expenses/{expense.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"] == "/expenses/?month=2026-03"
    assert not Expense.objects.filter(pk=expense.pk).exists()


def test_delete_of_another_users_expense_is_a_404(user_client, other_user):
    expense = ExpenseFactory(category__owner=other_user)
    assert user_client.get(f"/expenses/{expense.pk}/delete/").status_code == 404
    assert user_client.post(f"/expenses/{expense.pk}/delete/").status_code == 404
    assert Expense.objects.filter(pk=expense.pk).exists()
