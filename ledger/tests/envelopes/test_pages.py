"""Envelopes on the web pages (issue 15): the issue's worked example, made and read only
through the pages, and the numbers as the summary and the budget page show them.

Food: limit 300, rollover `unspent` from 2026-01. January spent 250 (available 50);
February allotment 280, carried in 50, spent 400 (available -70); March carried in 0,
allotted 300, spent 100 (available 200), and March's unallocated is 70 lower.
Car: limit 100, rollover `all` from 2026-01: January 0 (available 100), February 250
(available -50), March 0 (carried in -50, available 50).
"""

import re

import pytest

from ledger.models import Category

pytestmark = pytest.mark.django_db


def row_cells(html, name):
    """The number cells of the table row that names `name`, as the page shows them."""
    start = html.index(f">{name}</")
    row = html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r'<td class="num[^"]*">(.*?)</td>', row, re.S)
    ]


def spend(client, category, day, amount):
    data = {"category": category.pk, "amount": amount, "date": day, "description": "x"}
    assert client.post("/expenses/new/", data).status_code == 302


@pytest.fixture
def example(user_client):
    for name, limit, rollover in [("Food", "300", "unspent"), ("Car", "100", "all")]:
        data = {"name": name, "limit": limit, "rollover": rollover, "rollover_from": "2026-01"}
        assert user_client.post("/categories/new/", data).status_code == 302
    food, car = Category.objects.get(name="Food"), Category.objects.get(name="Car")
    spend(user_client, food, "2026-01-20", "250.00")
    allot = {f"allot-{food.pk}": "280", f"allot-{car.pk}": ""}
    assert user_client.post("/budget/2026-02/", allot).status_code == 302
    spend(user_client, food, "2026-02-03", "150.00")
    spend(user_client, food, "2026-02-28", "250.00")
    spend(user_client, car, "2026-02-14", "250.00")
    spend(user_client, food, "2026-03-31", "100.00")
    for month in ("2026-02", "2026-03"):
        assert user_client.post(f"/income/{month}/", {"amount": "1000"}).status_code == 302
    return user_client


def summary(client, month):
    return client.get(f"/summary/{month}/").content.decode()


def test_january(example):
    html = summary(example, "2026-01")
    # allotted, carried in, spent, available
    assert row_cells(html, "Food") == ["300.00", "0.00", "250.00", "50.00"]
    assert row_cells(html, "Car") == ["100.00", "0.00", "0.00", "100.00"]


def test_february(example):
    html = summary(example, "2026-02")
    assert row_cells(html, "Food") == ["280.00", "50.00", "400.00", "-70.00"]
    assert row_cells(html, "Car") == ["100.00", "100.00", "250.00", "-50.00"]
    assert row_cells(html, "Total") == ["380.00", "150.00", "650.00", "-120.00"]
    assert "Overspent last month" not in html
    assert '<span class="money">620.00 USD</span>' in html  # unallocated: 1000 - 380


def test_march(example):
    html = summary(example, "2026-03")
    assert row_cells(html, "Food") == ["300.00", "0.00", "100.00", "200.00"]
    assert row_cells(html, "Car") == ["100.00", "-50.00", "0.00", "50.00"]
    assert row_cells(html, "Total") == ["400.00", "-50.00", "100.00", "250.00"]
    assert "Overspent last month, taken from this month: 70.00 USD" in html
    # Unallocated: 1000 income - 400 allotted = 600, less Food's 70 overspent in February.
    assert '<span class="money">530.00 USD</span>' in html


def test_march_on_the_budget_page(example):
    html = example.get("/budget/2026-03/").content.decode()
    # limit, carried in, (the box), spent, available
    assert row_cells(html, "Food") == ["300.00", "0.00", "", "100.00", "200.00"]
    assert row_cells(html, "Car") == ["100.00", "-50.00", "", "0.00", "50.00"]
    assert "Overspent last month, taken from this month: 70.00 USD" in html
    assert '<span class="money">530.00 USD</span>' in html


def test_the_bars_are_against_allotted_plus_carried_in(example):
    html = summary(example, "2026-02")
    assert 'aria-label="Food: 121.2% used"' in html  # 400 of 280 + 50
    assert 'aria-label="Car: 125.0% used"' in html  # 250 of 100 + 100


def test_the_charts_keep_allotted_and_spent(example):
    html = summary(example, "2026-02")
    data = re.search(r'<script id="summary-data" type="application/json">(.*?)</script>', html)
    assert '"allotted": ["100.00", "280.00"]' in data[1]
    assert '"spent": ["250.00", "400.00"]' in data[1]


def test_without_rollover_or_allotments_the_summary_is_as_before(user_client):
    data = {"name": "Rent", "limit": "800", "rollover": "none", "rollover_from": ""}
    user_client.post("/categories/new/", data)
    spend(user_client, Category.objects.get(), "2026-03-02", "850.00")

    html = summary(user_client, "2026-03")

    assert row_cells(html, "Rent") == ["800.00", "850.00", "-50.00"]
    assert "Carried in" not in html
    assert "Overspent last month" not in html
    assert "Available = allotted − spent." in html
