"""GET /api/expenses/export.csv: the web page's CSV export, for token clients."""

from datetime import date
from decimal import Decimal

import pytest

from ledger.tests.exports.test_pages import rows_of
from ledger.tests.factories import CategoryFactory, ExpenseFactory

pytestmark = pytest.mark.django_db
URL = "/api/expenses/export.csv"


def test_it_exports_a_month_with_a_token(api, user):
    food = CategoryFactory(owner=user, name="Food")
    ExpenseFactory(category=food, date=date(2026, 3, 31), amount=Decimal("7.05"), description="B")
    ExpenseFactory(category=food, date=date(2026, 3, 1), amount=Decimal("12.5"), description="A")
    ExpenseFactory(category=food, date=date(2026, 4, 1), description="April")

    response = api.get(URL, month="2026-03")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows_of(response) == [
        ["date", "category", "amount", "description"],
        ["2026-03-01", "Food", "12.50", "A"],
        ["2026-03-31", "Food", "7.05", "B"],
    ]


def test_it_exports_a_year_and_everything(api, user):
    food = CategoryFactory(owner=user, name="Food")
    ExpenseFactory(category=food, date=date(2025, 12, 31))
    ExpenseFactory(category=food, date=date(2026, 6, 1))

    assert len(rows_of(api.get(URL, year="2026"))) == 2
    assert len(rows_of(api.get(URL, all="true"))) == 3


def test_it_neutralises_formulas(api, user):
    ExpenseFactory(category__owner=user, description='=HYPERLINK("http://x")')

    rows = rows_of(api.get(URL, all="true"))

    assert rows[1][3] == '\'=HYPERLINK("http://x")'


def test_it_exports_only_the_callers_expenses(api, user, other_user):
    ExpenseFactory(category__owner=user, description="mine")
    ExpenseFactory(category__owner=other_user, description="theirs")

    rows = rows_of(api.get(URL, all="true"))

    assert [row[3] for row in rows[1:]] == ["mine"]


def test_another_users_category_is_a_404(api, other_user):
    theirs = CategoryFactory(owner=other_user)

    response = api.get(URL, all="true", category=theirs.pk)

    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "params",
    [{}, {"month": "2026-13"}, {"year": "20x6"}, {"month": "2026-01", "year": "2026"}],
)
def test_it_refuses_a_bad_period(api, params):
    response = api.get(URL, **params)

    assert response.status_code == 400
    assert response.json()["detail"]


def test_it_needs_auth(client):
    response = client.get(URL, {"all": "true"})

    assert response.status_code == 401
