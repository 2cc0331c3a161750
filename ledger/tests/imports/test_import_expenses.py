import datetime
from decimal import Decimal

import pytest

from ledger import services
from ledger.models import Category, Expense, ImportProfile, MonthlyIncome
from ledger.tests.factories import MonthlyIncomeFactory, budget_of
from ledger.transfer.pipeline import read

pytestmark = pytest.mark.django_db

STATEMENT = (
    b"Account;DE12 3456\n"
    b"\n"
    b"Buchungstag;Verwendungszweck;Betrag\n"
    b"02.03.2026;REWE Markt;-45,10\n"
    b"03.03.2026;Gehalt Maerz;2.500,00\n"
    b"05.03.2026;Busticket;-2,90\n"
    b"05.03.2026;Busticket;-2,90\n"
)


def _import(user, data=STATEMENT, **options):
    reading = read(budget_of(user), data, "bank.csv", {})
    return services.import_expenses(
        budget=budget_of(user),
        created_by=user,
        reading=reading,
        default_category="Bank",
        remember={},
        **options,
    )


def test_it_stores_money_out_as_expenses(user):
    result = _import(user)

    stored = Expense.objects.filter(budget=budget_of(user), created_by=user).order_by("date", "id")
    assert [(e.date.day, e.amount, e.description) for e in stored] == [
        (2, Decimal("45.10"), "REWE Markt"),
        (5, Decimal("2.90"), "Busticket"),
        (5, Decimal("2.90"), "Busticket"),
    ]
    assert (result.imported, result.money_in, result.refused) == (3, 1, 0)


def test_it_creates_the_default_category(user):
    result = _import(user)

    assert result.categories_created == ["Bank"]
    assert set(Expense.objects.values_list("category__name", flat=True)) == {"Bank"}
    assert Category.objects.filter(budget=budget_of(user), name="Bank").count() == 1


def test_it_imports_nothing_the_second_time(user):
    _import(user)

    result = _import(user)

    assert (result.imported, result.duplicates) == (0, 3)
    assert Expense.objects.count() == 3


def test_it_adds_incoming_money_to_the_months_income_when_asked(user):
    MonthlyIncomeFactory(owner=user, month=datetime.date(2026, 3, 1), amount=Decimal("100.00"))

    _import(user, income_months=[datetime.date(2026, 3, 1)])

    income = MonthlyIncome.objects.get(budget=budget_of(user), month=datetime.date(2026, 3, 1))
    assert income.amount == Decimal("2600.00")


def test_it_leaves_income_alone_unless_asked(user):
    _import(user)

    assert not MonthlyIncome.objects.exists()


def test_it_remembers_the_header_rows_profile(user):
    _import(user)

    assert ImportProfile.objects.filter(budget=budget_of(user)).count() == 1


def test_it_stores_nothing_when_a_row_fails_to_store(user, monkeypatch):
    def fail(values, **options):
        raise RuntimeError("disk full")

    monkeypatch.setattr("ledger.services.imports._insert_expenses", fail)

    with pytest.raises(RuntimeError):
        _import(user)

    assert not Expense.objects.exists()
    assert not Category.objects.exists()
