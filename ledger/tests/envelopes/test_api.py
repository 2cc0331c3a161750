"""The issue's worked example through the API: envelopes carry over from month to month.

Food: limit 300, rollover `unspent` from 2026-01. Car: limit 100, rollover `all` from 2026-01.
Everything is written through the API, as a client would.
"""

from datetime import date
from decimal import Decimal

import pytest

from ledger.models import Category
from ledger.tests.factories import ExpenseFactory

pytestmark = pytest.mark.django_db

INCOME = "2000.00"


@pytest.fixture
def example(api):
    """The worked example's categories, February's allotment and the three months' spending."""
    food = api.post(
        "/api/categories/",
        {"name": "Food", "limit": "300", "rollover": "unspent", "rollover_from": "2026-01"},
    ).json()["id"]
    car = api.post(
        "/api/categories/",
        {"name": "Car", "limit": "100", "rollover": "all", "rollover_from": "2026-01"},
    ).json()["id"]
    assert api.put(f"/api/allotments/2026-02/{food}", {"amount": "280"}).status_code == 200
    for category, amount, day in [
        (food, "250", "2026-01-20"),
        (food, "400", "2026-02-10"),
        (car, "250", "2026-02-11"),
        (food, "100", "2026-03-05"),
    ]:
        response = api.post(
            "/api/expenses/", {"category_id": category, "amount": amount, "date": day}
        )
        assert response.status_code == 201
    for month in ("2026-01", "2026-02", "2026-03"):
        api.post("/api/income/", {"month": month, "amount": INCOME})
    return {"Food": food, "Car": car}


def _lines(api, month):
    body = api.get(f"/api/summary/{month}").json()
    return body, {line["name"]: line for line in body["categories"]}


def _envelope(line):
    return tuple(line[key] for key in ("allotted", "carried_in", "spent", "available"))


def test_january_starts_each_envelope_afresh(api, example):
    body, lines = _lines(api, "2026-01")

    assert _envelope(lines["Food"]) == ("300.00", "0.00", "250.00", "50.00")
    assert _envelope(lines["Car"]) == ("100.00", "0.00", "0.00", "100.00")
    assert body["overspent_from_last_month"] == "0.00"
    assert body["unallocated"] == "1600.00"


def test_february_carries_what_january_left(api, example):
    body, lines = _lines(api, "2026-02")

    assert _envelope(lines["Food"]) == ("280.00", "50.00", "400.00", "-70.00")
    assert _envelope(lines["Car"]) == ("100.00", "100.00", "250.00", "-50.00")
    assert body["overspent_from_last_month"] == "0.00"
    assert (body["total_limit"], body["total_carried_in"]) == ("380.00", "150.00")
    assert (body["total_spent"], body["total_available"]) == ("650.00", "-120.00")
    assert body["unallocated"] == "1620.00"


def test_march_takes_foods_overspend_from_income(api, example):
    body, lines = _lines(api, "2026-03")

    assert _envelope(lines["Food"]) == ("300.00", "0.00", "100.00", "200.00")
    assert body["overspent_from_last_month"] == "70.00"
    # income 2000 less the 400 allotted, and 70 lower for February's Food overspend
    assert body["unallocated"] == "1530.00"
    assert body["remaining"] == "1900.00"


def test_march_carries_the_cars_debt(api, example):
    _, lines = _lines(api, "2026-03")

    assert _envelope(lines["Car"]) == ("100.00", "-50.00", "0.00", "50.00")


def test_the_aliases_keep_old_clients_working(api, example):
    body, lines = _lines(api, "2026-02")

    food = lines["Food"]
    assert (food["limit"], food["balance"]) == (food["allotted"], food["available"])
    assert body["total_balance"] == body["total_available"]
    # 400 spent of 280 allotted plus 50 carried in
    assert food["percent_used"] == "121.2"
    assert (food["rollover"], lines["Car"]["rollover"]) == ("unspent", "all")


def test_the_carry_follows_a_change_to_an_earlier_month(api, example):
    january = api.get("/api/expenses/", month="2026-01").json()["items"][0]

    api.patch(f"/api/expenses/{january['id']}", {"amount": "350"})

    body, lines = _lines(api, "2026-03")
    # January overspent 50, so February starts from 0: 280 - 400 = -120 is March's debt
    assert lines["Food"]["carried_in"] == "0.00"
    assert body["overspent_from_last_month"] == "120.00"
    assert Decimal(body["unallocated"]) == Decimal(INCOME) - 400 - 120


def test_the_carry_chain_costs_no_extra_query(api, example, django_assert_max_num_queries):
    # token lookup, last-used update, categories, allotments, the month's and the chain's
    # totals (one statement), income
    with django_assert_max_num_queries(6):
        assert api.get("/api/summary/2026-03").status_code == 200


def test_a_long_history_carries_in_a_few_rows(api, example):
    car = Category.objects.get(pk=example["Car"])
    for year in range(2026, 2031):
        ExpenseFactory(category=car, amount=Decimal("100"), date=date(year, 6, 1))

    lines = _lines(api, "2031-01")[1]

    # 60 months of 100 given since January 2026, 250 + 5 x 100 spent
    assert lines["Car"]["carried_in"] == "5250.00"
