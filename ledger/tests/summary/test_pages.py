"""The monthly summary page: exact figures on hand-made data, charts without inline script."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from ledger.tests.factories import CategoryFactory, ExpenseFactory, MonthlyIncomeFactory

pytestmark = pytest.mark.django_db
D = Decimal


def day(d):
    return datetime.date(2026, 3, d)


@pytest.fixture
def march(user, other_user):
    """A hand-made March 2026, with neighbours that must not count."""
    groceries = CategoryFactory(owner=user, name="Groceries", limit=D("300.00"))
    ExpenseFactory(category=groceries, date=day(1), amount=D("100.10"))
    ExpenseFactory(category=groceries, date=day(31), amount=D("50.05"))
    ExpenseFactory(category=groceries, date=datetime.date(2026, 2, 28), amount=D("999.00"))
    ExpenseFactory(category=groceries, date=datetime.date(2026, 4, 1), amount=D("888.00"))
    fun = CategoryFactory(owner=user, name="Fun", limit=D("0.00"))
    ExpenseFactory(category=fun, date=day(15), amount=D("20.00"))
    rent = CategoryFactory(owner=user, name="Rent", limit=D("1000.00"))
    ExpenseFactory(category=rent, date=day(2), amount=D("1200.00"))
    gym = CategoryFactory(owner=user, name="Gym", limit=D("50.00"), is_archived=True)
    ExpenseFactory(category=gym, date=day(3), amount=D("30.00"))
    CategoryFactory(owner=user, name="Old hobby", limit=D("70.00"), is_archived=True)
    CategoryFactory(owner=user, name="Travel", limit=D("200.00"))
    ExpenseFactory(category__owner=other_user, category__name="Theirs", date=day(5))
    MonthlyIncomeFactory(owner=user, month=day(1), amount=D("3000.00"))
    MonthlyIncomeFactory(owner=other_user, month=day(1), amount=D("50.00"))


def test_it_needs_login(client):
    response = client.get("/summary/2026-03/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_home_goes_to_this_months_summary(user_client):
    response = user_client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"/summary/{timezone.localdate():%Y-%m}/"


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "2026-1", "abc", "0999-12", "9999-01"])
def test_a_month_that_does_not_exist_is_a_404(user_client, month):
    response = user_client.get(f"/summary/{month}/")
    assert response.status_code == 404
    assert "This page does not exist" in response.content.decode()


def test_the_lines_are_exact(user_client, march):
    summary = user_client.get("/summary/2026-03/").context["summary"]
    lines = {line.name: line for line in summary.lines}
    assert set(lines) == {"Groceries", "Fun", "Rent", "Gym", "Travel"}
    assert (lines["Groceries"].spent, lines["Groceries"].balance) == (D("150.15"), D("149.85"))
    assert lines["Groceries"].percent_used == D("50.1")
    assert not lines["Groceries"].is_over_budget
    assert (lines["Fun"].balance, lines["Fun"].percent_used) == (D("-20.00"), None)
    assert lines["Fun"].is_over_budget
    assert (lines["Rent"].percent_used, lines["Rent"].balance) == (D("120.0"), D("-200.00"))
    assert lines["Rent"].is_over_budget
    assert (lines["Gym"].spent, lines["Gym"].is_archived) == (D("30.00"), True)
    assert (lines["Travel"].spent, lines["Travel"].percent_used) == (D("0.00"), D("0.0"))


def test_the_totals_are_exact(user_client, march):
    summary = user_client.get("/summary/2026-03/").context["summary"]
    assert summary.total_limit == D("1550.00")
    assert summary.total_spent == D("1400.15")
    assert summary.total_balance == D("149.85")
    assert summary.income == D("3000.00")
    assert summary.remaining == D("1599.85")
    assert summary.unallocated == D("1450.00")
    assert summary.income_spent_percent == D("46.7")


def test_the_page_shows_the_figures(user_client, march):
    html = user_client.get("/summary/2026-03/").content.decode()
    for text in ["3,000.00 USD", "1,400.15 USD", "1,599.85 USD", "1,450.00 USD", "150.15"]:
        assert text in html
    assert '<span class="money money-negative">-200.00</span>' in html
    assert html.count('class="over-budget"') == 2
    assert "no limit set" in html
    assert "archived" in html
    assert 'href="/summary/2026-02/"' in html
    assert 'href="/summary/2026-04/"' in html
    assert 'href="/expenses/?month=2026-03"' in html


def test_a_month_without_data_shows_zeros(user_client, user):
    CategoryFactory(owner=user, name="Rent", limit=D("800.00"))
    response = user_client.get("/summary/2031-07/")
    assert response.status_code == 200
    summary = response.context["summary"]
    assert [(line.name, line.spent) for line in summary.lines] == [("Rent", D("0.00"))]
    assert (summary.total_spent, summary.income, summary.income_is_set) == (
        D("0.00"),
        D("0.00"),
        False,
    )
    assert summary.unallocated == D("-800.00")
    assert summary.income_spent_percent is None
    assert "Set income" in response.content.decode()


def test_a_new_user_sees_an_empty_summary(user_client):
    response = user_client.get("/summary/2026-03/")
    assert response.status_code == 200
    assert "Add your first category" in response.content.decode()


def test_the_chart_data_is_embedded_as_json(user_client, march):
    html = user_client.get("/summary/2026-03/").content.decode()
    match = re.search(r'<script id="summary-data" type="application/json">(.*?)</script>', html)
    data = json.loads(match[1])
    groceries = data["labels"].index("Groceries")
    assert data["spent"][groceries] == "150.15"
    assert data["allotted"][groceries] == "300.00"
    assert data["currency"] == "USD"
    scripts = re.findall(r'<script src="([^"]+)"', html)
    chart_js = scripts.index("/static/vendor/chart.js/chart.umd.min.js")
    # Chart.js, then the set-up the summary and the reports share, then the summary's charts.
    assert scripts[chart_js : chart_js + 3] == [
        "/static/vendor/chart.js/chart.umd.min.js",
        "/static/js/charts.js",
        "/static/js/summary-charts.js",
    ]


def test_no_inline_script_or_event_handler(user_client, march):
    html = user_client.get("/summary/2026-03/").content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+\s*=", html)


@pytest.mark.parametrize(("categories", "per_category"), [(1, 1), (30, 10)])
def test_query_count_is_constant(
    user_client, user, categories, per_category, django_assert_max_num_queries
):
    for category in CategoryFactory.create_batch(categories, owner=user):
        ExpenseFactory.create_batch(per_category, category=category, date=day(10))
    MonthlyIncomeFactory(owner=user, month=day(1))
    # session, user, membership, categories, allotments, monthly totals, income,
    # the month's recurring expenses
    with django_assert_max_num_queries(8):
        response = user_client.get("/summary/2026-03/")
    assert len(response.context["summary"].lines) == categories
