"""Category pages: list, create, edit, delete / archive / move, restore."""

from decimal import Decimal

import pytest
from django.utils import timezone

from ledger import services
from ledger.forms.categories import CategoryForm
from ledger.models import Category, Expense
from ledger.tests.factories import CategoryFactory, ExpenseFactory, budget_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/categories/", "/categories/new/", "/categories/1/edit/", "/categories/1/delete/"]
)
def test_it_needs_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


# --- list ---


def test_list_shows_limit_and_spent_this_month(user_client, category, other_user):
    today = timezone.localdate()
    ExpenseFactory(category=category, amount=Decimal("10.25"), date=today)
    ExpenseFactory(category=category, amount=Decimal("1000.00"), date=today.replace(day=1))
    ExpenseFactory(category__owner=other_user, amount=Decimal("77.77"), date=today)
    response = user_client.get("/categories/")
    assert response.status_code == 200
    [listed] = response.context["active"]
    assert listed.spent == Decimal("1010.25")
    assert b"1,010.25" in response.content
    assert b"300.00" in response.content
    assert b"77.77" not in response.content


def test_list_puts_archived_categories_apart(user_client, user):
    CategoryFactory(owner=user, name="Gym", is_archived=True)
    CategoryFactory(owner=user, name="Rent")
    response = user_client.get("/categories/")
    assert [c.name for c in response.context["active"]] == ["Rent"]
    assert [c.name for c in response.context["archived"]] == ["Gym"]
    assert b"Archived" in response.content


def test_list_hides_other_users_categories(user_client, others_category):
    response = user_client.get("/categories/")
    assert b"Not yours" not in response.content


@pytest.mark.parametrize("size", [1, 40])
def test_list_query_count_is_constant(user_client, user, size, django_assert_max_num_queries):
    today = timezone.localdate()
    for category in CategoryFactory.create_batch(size, owner=user):
        ExpenseFactory.create_batch(3, category=category, date=today)
    # session, user, membership, categories, this month's totals
    with django_assert_max_num_queries(5):
        response = user_client.get("/categories/")
    assert len(response.context["active"]) == size


# --- create ---


def test_create_page_renders(user_client):
    response = user_client.get("/categories/new/")
    assert response.status_code == 200
    assert b'name="name"' in response.content
    assert b'name="limit"' in response.content


def test_create_saves_a_trimmed_name_and_redirects(user_client, user):
    response = user_client.post("/categories/new/", {"name": "  Rent  ", "limit": "1450.50"})
    assert response.status_code == 302
    assert response["Location"] == "/categories/"
    category = Category.objects.get(budget=budget_of(user))
    assert category.name == "Rent"
    assert category.limit == Decimal("1450.50")
    assert "added" in str(list(user_client.get("/categories/").context["messages"])[0])


def test_create_accepts_a_zero_limit(user_client, user):
    user_client.post("/categories/new/", {"name": "Fun", "limit": "0"})
    assert Category.objects.get(budget=budget_of(user)).limit == Decimal("0.00")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"name": "", "limit": "10"}, "This field is required."),
        ({"name": "   ", "limit": "10"}, "This field is required."),
        ({"name": "x" * 101, "limit": "10"}, "at most 100 characters"),
        ({"name": "Rent", "limit": "-1"}, "Enter an amount of zero or more."),
        ({"name": "Rent", "limit": "1.005"}, "Use at most 2 decimal places."),
        ({"name": "Rent", "limit": "12345678901"}, "Enter an amount below 10,000,000,000."),
        ({"name": "Rent", "limit": "NaN"}, "Enter an amount such as 12.50."),
        ({"name": "Rent", "limit": "Infinity"}, "Enter an amount such as 12.50."),
        ({"name": "Rent", "limit": "abc"}, "Enter an amount such as 12.50."),
        ({"name": "Rent", "limit": ""}, "This field is required."),
    ],
)
def test_create_refuses_invalid_input(user_client, data, error):
    response = user_client.post("/categories/new/", data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Category.objects.exists()


def test_create_accepts_the_largest_amount(user_client, user):
    user_client.post("/categories/new/", {"name": "Big", "limit": "9999999999.99"})
    assert Category.objects.get(budget=budget_of(user)).limit == Decimal("9999999999.99")


def test_create_refuses_a_name_taken_in_another_case(user_client, user):
    CategoryFactory(owner=user, name="Rent")
    response = user_client.post("/categories/new/", {"name": " rENT ", "limit": "10"})
    assert response.status_code == 200
    assert "You already have a category with this name." in response.content.decode()
    assert Category.objects.filter(budget=budget_of(user)).count() == 1


def test_create_allows_a_name_another_user_has(user_client, user, others_category):
    user_client.post("/categories/new/", {"name": "not yours", "limit": "10"})
    assert Category.objects.filter(budget=budget_of(user), name="not yours").exists()


def test_create_turns_a_database_race_into_a_form_error(user_client, user, monkeypatch):
    CategoryFactory(owner=user, name="Rent")
    # As if another tab saved the same name between the form's check and the insert.
    monkeypatch.setattr(CategoryForm, "clean_name", lambda form: form.cleaned_data["name"])
    response = user_client.post("/categories/new/", {"name": "RENT", "limit": "10"})
    assert response.status_code == 200
    assert "You already have a category with this name." in response.content.decode()
    assert Category.objects.filter(budget=budget_of(user)).count() == 1


# --- edit ---


def test_edit_saves_changes(user_client, category):
    response = user_client.post(
        f"/categories/{category.pk}/edit/", {"name": "Food", "limit": "410.00"}
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert (category.name, category.limit) == ("Food", Decimal("410.00"))


def test_edit_may_change_only_the_case_of_its_own_name(user_client, category):
    response = user_client.post(
        f"/categories/{category.pk}/edit/", {"name": "GROCERIES", "limit": "300"}
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.name == "GROCERIES"


def test_edit_refuses_another_categorys_name(user_client, user, category):
    CategoryFactory(owner=user, name="Rent")
    response = user_client.post(f"/categories/{category.pk}/edit/", {"name": "rent", "limit": "1"})
    assert response.status_code == 200
    assert "You already have a category with this name." in response.content.decode()
    category.refresh_from_db()
    assert category.name == "Groceries"


def test_edit_of_another_users_category_is_a_404(user_client, others_category):
    url = f"/categories/{others_category.pk}/edit/"
    assert user_client.get(url).status_code == 404
    assert user_client.post(url, {"name": "Mine", "limit": "1"}).status_code == 404
    others_category.refresh_from_db()
    assert others_category.name == "Not yours"


# --- delete, archive, move ---


def test_delete_page_says_how_many_expenses_it_holds(user_client, user, category):
    CategoryFactory(owner=user, name="Food")
    ExpenseFactory.create_batch(3, category=category)
    response = user_client.get(f"/categories/{category.pk}/delete/")
    assert response.status_code == 200
    assert "3 expenses" in response.content.decode()
    assert b'value="archive"' in response.content
    assert b'value="move"' in response.content


def test_delete_page_says_when_there_is_nowhere_to_move(user_client, category):
    ExpenseFactory(category=category)
    response = user_client.get(f"/categories/{category.pk}/delete/")
    assert "no other active category" in response.content.decode()


def test_delete_removes_an_empty_category(user_client, category):
    response = user_client.post(f"/categories/{category.pk}/delete/", {"action": "delete"})
    assert response.status_code == 302
    assert not Category.objects.filter(pk=category.pk).exists()


def test_delete_page_warns_that_the_categorys_schedules_go_with_it(user_client, category):
    from ledger.tests.factories import RecurringExpenseFactory

    RecurringExpenseFactory(category=category, description="Rent")
    RecurringExpenseFactory(category=category, description="Phone")

    page = user_client.get(f"/categories/{category.pk}/delete/").content.decode()

    assert "<strong>2 recurring expenses</strong> will be deleted with it" in page


def test_delete_page_of_a_category_without_schedules_has_no_such_warning(user_client, category):
    page = user_client.get(f"/categories/{category.pk}/delete/").content.decode()

    assert "recurring expense" not in page


def test_delete_refuses_a_category_with_expenses(user_client, category):
    ExpenseFactory(category=category)
    response = user_client.post(f"/categories/{category.pk}/delete/", {"action": "delete"})
    assert response.status_code == 200
    assert "holds 1 expense(s)" in response.content.decode()
    assert Category.objects.filter(pk=category.pk).exists()
    assert Expense.objects.filter(category=category).count() == 1


def test_archive_keeps_the_category_and_its_expenses(user_client, category):
    ExpenseFactory(category=category)
    response = user_client.post(f"/categories/{category.pk}/delete/", {"action": "archive"})
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.is_archived
    assert Expense.objects.filter(category=category).count() == 1


def test_move_then_delete_moves_every_expense(user_client, user, category):
    target = CategoryFactory(owner=user, name="Food")
    ExpenseFactory.create_batch(2, category=category, date=timezone.localdate())
    response = user_client.post(
        f"/categories/{category.pk}/delete/", {"action": "move", "target": target.pk}
    )
    assert response.status_code == 302
    assert not Category.objects.filter(pk=category.pk).exists()
    assert Expense.objects.filter(category=target).count() == 2


@pytest.mark.parametrize("target", ["missing", "self", "archived", "others"])
def test_move_refuses_a_bad_target(user_client, user, category, others_category, target):
    ExpenseFactory(category=category)
    target_id = {
        "missing": "",
        "self": category.pk,
        "archived": CategoryFactory(owner=user, is_archived=True).pk,
        "others": others_category.pk,
    }[target]
    response = user_client.post(
        f"/categories/{category.pk}/delete/", {"action": "move", "target": target_id}
    )
    assert response.status_code == 200
    assert Category.objects.filter(pk=category.pk).exists()
    assert Expense.objects.filter(category=category).count() == 1


def test_delete_refuses_an_unknown_action(user_client, category):
    response = user_client.post(f"/categories/{category.pk}/delete/", {"action": "explode"})
    assert response.status_code == 200
    assert Category.objects.filter(pk=category.pk).exists()


def test_delete_of_another_users_category_is_a_404(user_client, others_category):
    url = f"/categories/{others_category.pk}/delete/"
    assert user_client.get(url).status_code == 404
    assert user_client.post(url, {"action": "delete"}).status_code == 404
    assert user_client.post(url, {"action": "archive"}).status_code == 404
    others_category.refresh_from_db()
    assert not others_category.is_archived


# --- restore ---


def test_restore_brings_an_archived_category_back(user_client, user):
    category = CategoryFactory(owner=user, is_archived=True)
    response = user_client.post(f"/categories/{category.pk}/restore/")
    assert response.status_code == 302
    category.refresh_from_db()
    assert not category.is_archived


def test_restore_rejects_get(user_client, user):
    category = CategoryFactory(owner=user, is_archived=True)
    assert user_client.get(f"/categories/{category.pk}/restore/").status_code == 405
    category.refresh_from_db()
    assert category.is_archived


def test_restore_of_another_users_category_is_a_404(user_client, other_user):
    category = CategoryFactory(owner=other_user, is_archived=True)
    assert user_client.post(f"/categories/{category.pk}/restore/").status_code == 404
    category.refresh_from_db()
    assert category.is_archived


def test_move_rolls_back_when_the_delete_fails(user_client, user, category, monkeypatch):
    def refuse(*, category):
        raise services.CategoryInUse(category, 1)  # as if an expense arrived meanwhile

    target = CategoryFactory(owner=user, name="Food")
    ExpenseFactory.create_batch(2, category=category)
    monkeypatch.setattr("ledger.services.categories.delete_category", refuse)
    response = user_client.post(
        f"/categories/{category.pk}/delete/", {"action": "move", "target": target.pk}
    )
    assert response.status_code == 200
    assert "archive it or move them first" in response.content.decode()
    assert Expense.objects.filter(category=category).count() == 2
    assert Expense.objects.filter(category=target).count() == 0
