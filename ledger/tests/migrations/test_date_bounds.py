"""Migration 0013 on a populated database: rows dated outside 1900-01-01..2999-12-31 before it
stay, keep their dates through other edits, and no new one can be stored (issue 24)."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from ledger.models import Category, Expense
from ledger.services.money_changes import rebuild_totals
from ledger.tests.migrating import latest_ledger_migrations, migrate_to

pytestmark = pytest.mark.django_db(transaction=True)

FIRST, LAST = datetime.date(1, 1, 1), datetime.date(9999, 12, 31)


@pytest.fixture
def old_apps():
    apps = migrate_to([("ledger", "0014_importupload_parsed_once")])
    yield apps
    migrate_to(latest_ledger_migrations())


def test_old_rows_stay_and_new_ones_are_refused(old_apps):
    Budget_ = old_apps.get_model("ledger", "Budget")
    Category_ = old_apps.get_model("ledger", "Category")
    Expense_ = old_apps.get_model("ledger", "Expense")
    home = Budget_.objects.create(name="Home")
    food = Category_.objects.create(budget=home, name="Food", limit=Decimal("300.00"))
    for day in (FIRST, LAST, datetime.date(2026, 3, 1)):
        Expense_.objects.create(budget=home, category=food, amount=Decimal("1.00"), date=day)

    migrate_to(latest_ledger_migrations())

    assert sorted(Expense.objects.values_list("date", flat=True)) == [
        FIRST,
        datetime.date(2026, 3, 1),
        LAST,
    ]
    old = Expense.objects.get(date=FIRST)
    old.description = "kept"
    old.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Expense.objects.create(
            budget_id=home.pk, category_id=food.pk, amount=Decimal("1.00"), date=LAST
        )
    assert Expense.objects.count() == 3
    with transaction.atomic():
        assert rebuild_totals(budget=Category.objects.get().budget) == 3
