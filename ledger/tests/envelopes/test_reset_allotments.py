import datetime
from decimal import Decimal

import pytest

from ledger import services
from ledger.models import Allotment
from ledger.tests.factories import CategoryFactory, budget_of

pytestmark = pytest.mark.django_db

FEBRUARY, MARCH = datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)


def test_it_clears_the_months_allotments(user):
    budget = budget_of(user)
    food = CategoryFactory(budget=budget, name="Food")
    car = CategoryFactory(budget=budget, name="Car")
    services.set_allotment(budget=budget, category=food, month=MARCH, amount=Decimal("280.00"))
    services.set_allotment(budget=budget, category=car, month=MARCH, amount=Decimal("0.00"))

    changed = services.reset_allotments(budget=budget, month=MARCH)

    assert changed == 2
    assert not Allotment.objects.filter(month=MARCH).exists()


def test_it_keeps_other_months_and_other_budgets(user, other_user):
    budget, theirs = budget_of(user), budget_of(other_user)
    food = CategoryFactory(budget=budget, name="Food")
    services.set_allotment(budget=budget, category=food, month=FEBRUARY, amount=Decimal("1.00"))
    other = CategoryFactory(budget=theirs, name="Theirs")
    services.set_allotment(budget=theirs, category=other, month=MARCH, amount=Decimal("2.00"))

    assert services.reset_allotments(budget=budget, month=MARCH) == 0
    assert list(Allotment.objects.order_by("amount").values_list("month", "amount")) == [
        (FEBRUARY, Decimal("1.00")),
        (MARCH, Decimal("2.00")),
    ]
