import datetime
from decimal import Decimal

import pytest

from ledger import services
from ledger.models import Allotment
from ledger.tests.factories import CategoryFactory, budget_of

pytestmark = pytest.mark.django_db

FEBRUARY, MARCH = datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)


def allotments(budget, month):
    return dict(
        Allotment.objects.filter(budget=budget, month=month).values_list("category__name", "amount")
    )


def test_it_copies_each_categorys_allotment(user):
    budget = budget_of(user)
    food = CategoryFactory(budget=budget, name="Food")
    car = CategoryFactory(budget=budget, name="Car")
    services.set_allotment(budget=budget, category=food, month=FEBRUARY, amount=Decimal("280.00"))
    services.set_allotment(budget=budget, category=car, month=FEBRUARY, amount=Decimal("0.00"))

    changed = services.copy_previous_allotments(budget=budget, month=MARCH)

    assert changed == 2
    assert allotments(budget, MARCH) == {"Food": Decimal("280.00"), "Car": Decimal("0.00")}


def test_a_category_without_one_last_month_goes_back_to_its_limit(user):
    budget = budget_of(user)
    food = CategoryFactory(budget=budget, name="Food")
    services.set_allotment(budget=budget, category=food, month=MARCH, amount=Decimal("50.00"))

    services.copy_previous_allotments(budget=budget, month=MARCH)

    assert allotments(budget, MARCH) == {}


def test_it_leaves_archived_categories_and_other_budgets_alone(user, other_user):
    budget, theirs = budget_of(user), budget_of(other_user)
    old = CategoryFactory(budget=budget, name="Old")
    services.set_allotment(budget=budget, category=old, month=FEBRUARY, amount=Decimal("9.00"))
    services.archive_category(category=old)
    other = CategoryFactory(budget=theirs, name="Theirs")
    services.set_allotment(budget=theirs, category=other, month=FEBRUARY, amount=Decimal("7.00"))

    assert services.copy_previous_allotments(budget=budget, month=MARCH) == 0
    assert allotments(budget, MARCH) == {}
    assert allotments(theirs, MARCH) == {}
