"""CSV import/export in the admin: budgets by id, categories by name,
and an import that is all or nothing.

In the CSV texts below `alice` and `bob` stand for the ids of their own budgets."""

import datetime
import re
from decimal import Decimal

import pytest
import tablib
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from ledger import services
from ledger.admin.resources import CategoryResource, ExpenseResource, MonthlyIncomeResource
from ledger.models import Category, Expense, MonthlyIncome
from ledger.tests.factories import (
    CategoryFactory,
    ExpenseFactory,
    MonthlyIncomeFactory,
    SuperuserFactory,
    UserFactory,
    budget_of,
)

pytestmark = pytest.mark.django_db
User = get_user_model()

EXPENSES = "/admin/ledger/expense/"
HEADER = "id,budget,category,date,amount,description"


@pytest.fixture
def staff_client(client):
    client.force_login(SuperuserFactory())
    return client


@pytest.fixture
def alice(db):
    alice = UserFactory(username="alice")
    CategoryFactory(owner=alice, name="Groceries")
    CategoryFactory(owner=alice, name="Rent")
    return alice


@pytest.fixture
def bob(db):
    bob = UserFactory(username="bob")
    CategoryFactory(owner=bob, name="Travel")
    return bob


def ids(text):
    """`text` with `alice` and `bob` replaced by their own budgets' ids."""
    for user in User.objects.filter(username__in=["alice", "bob"]):
        text = re.sub(rf"\b{user.username}\b", str(budget_of(user).pk), text)
    return text


def import_csv(resource, text):
    return resource.import_data(tablib.Dataset().load(ids(text), format="csv"), dry_run=False)


def imported_cleanly(result):
    return not result.has_errors() and not result.has_validation_errors()


def csv_file(text):
    return SimpleUploadedFile("expenses.csv", text.encode(), content_type="text/csv")


def test_it_exports_expenses_with_budget_and_category_names(alice):
    groceries = Category.objects.get(name="Groceries")
    expense = ExpenseFactory(
        category=groceries,
        amount=Decimal("1234.50"),
        date=datetime.date(2026, 3, 2),
        description="Weekly shop, market",
    )
    exported = ExpenseResource().export().csv
    assert exported.splitlines() == [
        HEADER,
        ids(f'{expense.pk},alice,Groceries,2026-03-02,1234.50,"Weekly shop, market"'),
    ]


def test_it_exports_categories_and_incomes(alice):
    MonthlyIncomeFactory(owner=alice, month=datetime.date(2026, 3, 1), amount=Decimal("3200.00"))
    assert CategoryResource().export().csv.splitlines() == [
        "budget,name,limit,is_archived",
        ids("alice,Groceries,300.00,0"),
        ids("alice,Rent,300.00,0"),
    ]
    assert MonthlyIncomeResource().export().csv.splitlines() == [
        "budget,month,amount,note",
        ids("alice,2026-03-01,3200.00,"),
    ]


def test_the_admin_exports_a_csv_file(staff_client, alice):
    ExpenseFactory(
        category=Category.objects.get(name="Rent"),
        amount=Decimal("950.00"),
        date=datetime.date(2026, 3, 1),
        description="March rent",
    )
    fields = ["id", "budget", "category", "date", "amount", "description"]
    response = staff_client.post(
        f"{EXPENSES}export/",
        {"format": "0", "resource": "0", **{f"expenseresource_{f}": "on" for f in fields}},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == HEADER
    assert lines[1].endswith(ids(",alice,Rent,2026-03-01,950.00,March rent"))


def test_it_imports_new_expenses_matching_category_names_ignoring_case(alice):
    result = import_csv(
        ExpenseResource(),
        f"{HEADER}\n,alice,groceries,2026-03-02,42.10,Market\n,alice,Rent,2026-03-01,950,March rent\n",
    )
    assert imported_cleanly(result)
    rows = Expense.objects.order_by("date").values_list("category__name", "amount", "description")
    assert list(rows) == [
        ("Rent", Decimal("950.00"), "March rent"),
        ("Groceries", Decimal("42.10"), "Market"),
    ]


def test_importing_an_export_again_changes_nothing(alice):
    ExpenseFactory(category=Category.objects.get(name="Rent"), amount=Decimal("950.00"))
    exported = ExpenseResource().export().csv
    result = import_csv(ExpenseResource(), exported)
    assert imported_cleanly(result)
    assert Expense.objects.count() == 1


def test_an_imported_id_that_does_not_exist_is_not_written(alice):
    import_csv(ExpenseResource(), f"{HEADER}\n987654,alice,Rent,2026-03-01,950.00,\n")
    expense = Expense.objects.get()
    assert expense.pk != 987654


@pytest.mark.parametrize(
    ("bad_row", "error"),
    [
        (",alice,Groceries,2026-03-03,-5.00,Refund", "The amount must be more than 0"),
        (",alice,Groceries,2026-03-03,0,Nothing", "The amount must be more than 0"),
        (
            ",alice,Holidays,2026-03-03,5.00,Unknown",
            "Budget 'alice' has no category named 'Holidays'.",
        ),
        (",alice,Travel,2026-03-03,5.00,Bob's", "Budget 'alice' has no category named 'Travel'."),
        (",987654,Groceries,2026-03-03,5.00,Nobody", "There is no budget with id '987654'."),
        (",alice,Groceries,2026-02-30,5.00,Bad day", "Value could not be parsed"),
        (",alice,Groceries,2026-03-03,abc,Bad amount", "'abc' is not an amount such as 12.50."),
    ],
)
def test_one_bad_row_imports_nothing(alice, bob, bad_row, error):
    text = f"{HEADER}\n,alice,Groceries,2026-03-02,42.10,Market\n{bad_row}\n"
    result = import_csv(ExpenseResource(), text)
    assert result.has_validation_errors()
    messages = [str(e) for row in result.invalid_rows for e in row.error_dict.values()]
    assert any(ids(error) in message for message in messages), messages
    assert not Expense.objects.exists()


def test_the_admin_reports_bad_rows_and_imports_nothing(staff_client, alice, bob):
    text = (
        f"{HEADER}\n"
        ",alice,Groceries,2026-03-02,42.10,Market\n"
        ",alice,Groceries,2026-03-03,-5.00,Refund\n"
        ",alice,Holidays,2026-03-03,5.00,Unknown\n"
        ",alice,Travel,2026-03-03,5.00,Bob's category\n"
    )
    response = staff_client.post(
        f"{EXPENSES}import/", {"format": "0", "resource": "0", "import_file": csv_file(ids(text))}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The amount must be more than 0" in page
    assert "has no category named &#x27;Holidays&#x27;" in page
    assert "has no category named &#x27;Travel&#x27;" in page
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Expense.objects.exists()


def test_the_admin_imports_a_good_file_after_confirmation(staff_client, alice):
    text = f"{HEADER}\n,alice,Groceries,2026-03-02,42.10,Market\n"
    response = staff_client.post(
        f"{EXPENSES}import/", {"format": "0", "resource": "0", "import_file": csv_file(ids(text))}
    )
    assert response.status_code == 200
    assert not Expense.objects.exists()  # the first step is a dry run
    confirm = response.context["confirm_form"]
    response = staff_client.post(f"{EXPENSES}process_import/", confirm.initial)
    assert response.status_code == 302
    expense = Expense.objects.get()
    assert (expense.budget, expense.amount) == (budget_of(alice), Decimal("42.10"))


def test_reimporting_a_category_updates_it_ignoring_case(alice):
    result = import_csv(
        CategoryResource(), "budget,name,limit,is_archived\nalice,groceries,450,0\n"
    )
    assert imported_cleanly(result)
    assert Category.objects.filter(budget=budget_of(alice)).count() == 2
    assert Category.objects.get(name__iexact="groceries").limit == Decimal("450.00")


def test_a_category_with_a_negative_limit_imports_nothing(alice):
    text = "budget,name,limit,is_archived\nalice,Fun,50,0\nalice,Gifts,-1,0\n"
    result = import_csv(CategoryResource(), text)
    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert invalid.error_dict["limit"] == ["The amount cannot be negative (-1)."]
    assert Category.objects.filter(budget=budget_of(alice)).count() == 2


def test_reimporting_an_income_updates_its_month(alice):
    MonthlyIncomeFactory(owner=alice, month=datetime.date(2026, 3, 1), amount=Decimal("3000.00"))
    result = import_csv(
        MonthlyIncomeResource(), "budget,month,amount,note\nalice,2026-03-01,3100,\n"
    )
    assert imported_cleanly(result)
    assert MonthlyIncome.objects.get().amount == Decimal("3100.00")


def test_an_income_month_that_is_not_a_first_day_imports_nothing(alice):
    text = "budget,month,amount,note\nalice,2026-04-01,3000,\nalice,2026-05-15,3000,\n"
    result = import_csv(MonthlyIncomeResource(), text)
    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert invalid.error_dict["month"] == ["Use the first day of the month, e.g. 2026-05-01."]
    assert not MonthlyIncome.objects.exists()


@pytest.mark.parametrize("model", ["expense", "category", "monthlyincome"])
@pytest.mark.parametrize("page", ["import", "export"])
def test_the_import_and_export_pages_offer_csv(staff_client, model, page):
    response = staff_client.get(f"/admin/ledger/{model}/{page}/")
    assert response.status_code == 200
    assert [label for _, label in response.context["form"].fields["format"].choices] == ["csv"]


def test_non_staff_users_cannot_export(user_client):
    response = user_client.get(f"{EXPENSES}export/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_text_a_spreadsheet_would_run_as_a_formula_is_quoted_on_export(alice):
    ExpenseFactory(
        category=Category.objects.get(name="Rent"),
        amount=Decimal("950.00"),
        date=datetime.date(2026, 3, 1),
        description='=HYPERLINK("http://evil.example","click")',
    )
    row = ExpenseResource().export().dict[0]
    assert row["description"] == '\'=HYPERLINK("http://evil.example","click")'


def test_a_quoted_formula_imports_back_unchanged(alice):
    groceries = Category.objects.get(name="Groceries")
    ExpenseFactory(category=groceries, description="+1 extra bag", amount=Decimal("3.00"))
    exported = ExpenseResource().export().csv
    services.remove_expenses(expenses=Expense.objects.all())
    result = import_csv(ExpenseResource(), exported)
    assert imported_cleanly(result)
    assert Expense.objects.get().description == "+1 extra bag"


def test_a_new_expense_in_an_archived_category_imports_nothing(alice):
    Category.objects.filter(name="Rent").update(is_archived=True)
    text = f"{HEADER}\n,alice,Groceries,2026-03-02,42.10,Market\n,alice,Rent,2026-03-01,950,Rent\n"

    result = import_csv(ExpenseResource(), text)

    assert result.has_errors()
    assert not Expense.objects.exists()


def test_the_expense_export_quotes_a_formula_in_the_category_column_too(alice):
    Category.objects.filter(name="Rent").update(name="=1+1")
    ExpenseFactory(category=Category.objects.get(name="=1+1"), amount=Decimal("9.00"))

    row = ExpenseResource().export().dict[0]

    assert row["category"] == "'=1+1"


def test_an_exported_formula_category_imports_back_to_its_category(alice):
    Category.objects.filter(name="Rent").update(name="=1+1")
    ExpenseFactory(category=Category.objects.get(name="=1+1"), amount=Decimal("9.00"))
    exported = ExpenseResource().export().csv
    services.remove_expenses(expenses=Expense.objects.all())

    result = import_csv(ExpenseResource(), exported)

    assert imported_cleanly(result)
    assert Expense.objects.get().category.name == "=1+1"
