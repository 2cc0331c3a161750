"""The other ways a date comes in keep to 1900-01-01..2999-12-31 too (issue 24): the admin's
forms and CSV import, a bank file's rows, a backup restore."""

import datetime

import pytest
import tablib

from ledger.admin.resources import ExpenseResource
from ledger.models import Expense, MonthlyIncome
from ledger.rules import DATE_OUT_OF_RANGE, MONTH_OUT_OF_RANGE
from ledger.tests.factories import (
    CategoryFactory,
    ExpenseFactory,
    MonthlyIncomeFactory,
    SuperuserFactory,
    budget_of,
)
from ledger.transfer.backup import BackupError, export_ledger, import_ledger
from ledger.transfer.values import parse_date

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(SuperuserFactory())
    return client


@pytest.mark.parametrize("day", ["1899-12-31", "3000-01-01"])
def test_the_admin_add_form_refuses_a_date_out_of_range(staff_client, user, day):
    category = CategoryFactory(owner=user)

    response = staff_client.post(
        "/admin/ledger/expense/add/",
        {
            "budget": str(category.budget_id),
            "category": str(category.pk),
            "date": day,
            "amount": "1.00",
            "description": "",
        },
    )

    assert response.status_code == 200
    assert DATE_OUT_OF_RANGE in response.content.decode()
    assert not Expense.objects.exists()


def test_the_admin_income_form_refuses_a_month_out_of_range(staff_client, user):
    response = staff_client.post(
        "/admin/ledger/monthlyincome/add/",
        {"budget": str(budget_of(user).pk), "month": "3000-01-01", "amount": "1", "note": ""},
    )

    assert MONTH_OUT_OF_RANGE in response.content.decode()
    assert not MonthlyIncome.objects.exists()


def test_the_admin_csv_import_refuses_a_date_out_of_range(user):
    category = CategoryFactory(owner=user, name="Rent")
    text = f"id,budget,category,date,amount,description\n,{category.budget_id},Rent,1899-12-31,5,\n"

    result = ExpenseResource().import_data(tablib.Dataset().load(text, format="csv"), dry_run=False)

    assert result.has_validation_errors()
    assert not Expense.objects.exists()


@pytest.mark.parametrize(
    ("text", "date_format"), [("1899-12-31", "ymd"), ("01.01.3000", "dmy"), ("12/31/1899", "mdy")]
)
def test_a_bank_file_date_out_of_range_is_a_refused_row(text, date_format):
    with pytest.raises(ValueError, match="not from 1900-01-01 to 2999-12-31"):
        parse_date(text, date_format)


def _backup(owner, field, value):
    """A real backup of `owner`'s budget (one expense, one income) with one value changed."""
    category = CategoryFactory(owner=owner, name="Food")
    ExpenseFactory(category=category, date=datetime.date(2026, 3, 1))
    MonthlyIncomeFactory(budget=category.budget, month=datetime.date(2026, 3, 1))
    data = export_ledger(category.budget)
    kind, key = field.split(".")
    data[kind][0][key] = value
    return data


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("expenses.date", "3000-01-01", f"expenses[0].date: {DATE_OUT_OF_RANGE}"),
        ("incomes.month", "1899-12", f"incomes[0].month: {MONTH_OUT_OF_RANGE}"),
    ],
)
def test_a_restore_refuses_a_date_out_of_range(user, other_user, field, value, problem):
    backup = _backup(other_user, field, value)

    with pytest.raises(BackupError) as refused:
        import_ledger(budget_of(user), backup)

    assert str(refused.value) == problem
    assert not Expense.objects.for_budget(budget_of(user)).exists()
