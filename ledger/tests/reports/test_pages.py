"""The reports pages, their CSV downloads and the trends API (issue 18)."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ledger.models import Role
from ledger.months import current_month, format_month
from ledger.tests.factories import (
    CategoryFactory,
    ExpenseFactory,
    MembershipFactory,
    MonthlyIncomeFactory,
    UserFactory,
    budget_of,
    bulk_create_expenses,
)

pytestmark = pytest.mark.django_db
D = Decimal
RANGE = "from=2026-01&to=2026-03"


@pytest.fixture
def ledger(user, other_user):
    budget = budget_of(user)
    food = CategoryFactory(budget=budget, name="Food", limit=D("300.00"))
    ExpenseFactory(category=food, date=datetime.date(2026, 1, 5), amount=D("120.00"))
    ExpenseFactory(category=food, date=datetime.date(2026, 3, 9), amount=D("400.00"))
    formula = CategoryFactory(budget=budget, name="=HYPERLINK(1)", limit=D("10.00"))
    ExpenseFactory(category=formula, date=datetime.date(2026, 2, 1), amount=D("5.00"))
    old = CategoryFactory(budget=budget, name="Old gym", is_archived=True, limit=D("40.00"))
    ExpenseFactory(category=old, date=datetime.date(2026, 1, 20), amount=D("30.00"))
    MonthlyIncomeFactory(budget=budget, month=datetime.date(2026, 1, 1), amount=D("1000.00"))
    ExpenseFactory(category__owner=other_user, date=datetime.date(2026, 1, 5))
    return budget


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_it_needs_login(client):
    assert client.get("/reports/").status_code == 302


def test_it_shows_the_three_tables(user_client, ledger):
    response = user_client.get(f"/reports/?{RANGE}")
    assert response.status_code == 200
    page = response.content.decode()
    for title in ("Spending by category", "Income against spending", "Budget against actual"):
        assert title in page
    assert "Old gym" in page
    assert 'id="report-data"' in page
    assert "<script>" not in page
    report = response.context["report"]
    assert report.spent == [D("150.00"), D("5.00"), D("400.00")]


def test_the_default_is_the_last_12_months(user_client, ledger):
    report = user_client.get("/reports/").context["report"]
    assert len(report.months) == 12
    assert report.last == current_month(ledger.month_start_day)


def test_a_year_is_its_twelve_months(user_client, ledger):
    report = user_client.get("/reports/?year=2026").context["report"]
    assert (format_month(report.first), format_month(report.last)) == ("2026-01", "2026-12")


@pytest.mark.parametrize(
    "query",
    ["from=2026-05&to=2026-01", "from=2010-01&to=2026-01", "from=2026-13", "to=x", "year=20x6"],
)
def test_a_bad_range_is_a_400_with_a_message(user_client, ledger, query):
    response = user_client.get(f"/reports/?{query}")
    assert response.status_code == 400
    assert 'class="alert alert-danger"' in response.content.decode()


def test_a_category_links_to_its_own_report(user_client, ledger):
    food = ledger.categories.get(name="Food")
    page = user_client.get(f"/reports/?{RANGE}").content.decode()
    assert f'href="/reports/category/{food.pk}/?{RANGE.replace("&", "&amp;")}"' in page

    response = user_client.get(f"/reports/category/{food.pk}/?{RANGE}")
    assert response.status_code == 200
    [trend] = response.context["report"].categories
    assert trend.spent == [D("120.00"), D("0.00"), D("400.00")]
    assert trend.over == [False, False, True]


def test_an_archived_categorys_report_shows_its_old_spending(user_client, ledger):
    old = ledger.categories.get(name="Old gym")
    response = user_client.get(f"/reports/category/{old.pk}/?{RANGE}")
    assert response.status_code == 200
    assert response.context["report"].categories[0].spent[0] == D("30.00")


def test_another_budgets_category_is_a_404(user_client, ledger, others_category):
    assert user_client.get(f"/reports/category/{others_category.pk}/").status_code == 404
    assert user_client.get("/reports/category/999999999/").status_code == 404


def test_the_spending_csv(user_client, ledger):
    rows = read_csv(user_client.get(f"/reports/?{RANGE}&format=csv&table=spending"))
    assert rows == [
        ["category", "2026-01", "2026-02", "2026-03", "total", "average"],
        ["'=HYPERLINK(1)", "0.00", "5.00", "0.00", "5.00", "1.67"],
        ["Food", "120.00", "0.00", "400.00", "520.00", "173.33"],
        ["Old gym", "30.00", "0.00", "0.00", "30.00", "10.00"],
        ["Total", "150.00", "5.00", "400.00", "555.00", "185.00"],
    ]


def test_the_income_csv(user_client, ledger):
    rows = read_csv(user_client.get(f"/reports/?{RANGE}&format=csv&table=income"))
    assert rows == [
        ["month", "income", "spent", "saved", "savings"],
        ["2026-01", "1000.00", "150.00", "850.00", "850.00"],
        ["2026-02", "0.00", "5.00", "-5.00", "845.00"],
        ["2026-03", "0.00", "400.00", "-400.00", "445.00"],
        ["Total", "1000.00", "555.00", "445.00", "445.00"],
    ]


def test_the_budget_csv(user_client, ledger):
    response = user_client.get(f"/reports/?{RANGE}&format=csv&table=budget")
    assert 'filename="report-budget-2026-01-2026-03.csv"' in response["Content-Disposition"]
    assert read_csv(response) == [
        ["category", "allotted", "spent", "difference", "months over"],
        ["'=HYPERLINK(1)", "30.00", "5.00", "25.00", "0"],
        ["Food", "900.00", "520.00", "380.00", "1"],
        ["Old gym", "40.00", "30.00", "10.00", "0"],
        ["Total", "970.00", "555.00", "415.00", "1"],
    ]


def test_a_categorys_months_csv(user_client, ledger):
    food = ledger.categories.get(name="Food")
    response = user_client.get(f"/reports/category/{food.pk}/?{RANGE}&format=csv&table=months")
    assert read_csv(response) == [
        ["month", "allotted", "spent", "difference", "over"],
        ["2026-01", "300.00", "120.00", "180.00", "no"],
        ["2026-02", "300.00", "0.00", "300.00", "no"],
        ["2026-03", "300.00", "400.00", "-100.00", "yes"],
        ["Total", "900.00", "520.00", "380.00", "1"],
    ]


@pytest.mark.parametrize("query", ["format=csv&table=nope", "format=xlsx&table=budget"])
def test_an_unknown_table_or_format_is_a_400(user_client, ledger, query):
    assert user_client.get(f"/reports/?{RANGE}&{query}").status_code == 400


def test_the_page_and_the_api_agree(user_client, ledger, api):
    page = user_client.get(f"/reports/?{RANGE}").context["report"]
    body = api.get("/api/reports/trends", **{"from": "2026-01", "to": "2026-03"}).json()
    assert body["months"] == ["2026-01", "2026-02", "2026-03"]
    assert body["income"] == [str(v) for v in page.income]
    assert body["spent"] == [str(v) for v in page.spent] == ["150.00", "5.00", "400.00"]
    food = next(c for c in body["categories"] if c["name"] == "Food")
    assert food == {
        "id": ledger.categories.get(name="Food").pk,
        "name": "Food",
        "is_archived": False,
        "spent": ["120.00", "0.00", "400.00"],
        "allotted": ["300.00", "300.00", "300.00"],
        "average": "173.33",
        "months_over": 1,
    }
    assert [c["name"] for c in body["categories"]] == [t.name for t in page.categories]


def test_the_api_defaults_to_12_months_and_takes_a_year(api, ledger):
    assert len(api.get("/api/reports/trends").json()["months"]) == 12
    body = api.get("/api/reports/trends", year="2026").json()
    assert body["months"][0] == "2026-01"
    assert len(body["months"]) == 12


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-05", "to": "2026-01"},
        {"from": "2016-01", "to": "2026-01"},
        {"from": "2026-13"},
        {"to": "March"},
    ],
)
def test_the_api_refuses_a_bad_range_with_422(api, ledger, params):
    response = api.get("/api/reports/trends", **params)
    assert response.status_code == 422
    assert "detail" in response.json()


def test_the_api_answers_a_tokens_own_budget_only(client, ledger, other_user):
    from ledger.tests.factories import ApiTokenFactory

    token = ApiTokenFactory(owner=other_user)
    body = client.get(
        "/api/reports/trends?from=2026-01&to=2026-01",
        HTTP_AUTHORIZATION=f"Bearer {token.raw}",
    ).json()
    assert [c["name"] for c in body["categories"]] == [
        other_user.memberships.get().budget.categories.get().name
    ]
    assert body["spent"] == ["12.50"]


def test_a_viewer_can_read_reports(client, ledger):
    viewer = UserFactory()
    MembershipFactory(budget=ledger, user=viewer, role=Role.VIEWER)
    client.force_login(viewer)
    response = client.get(f"/reports/?{RANGE}")
    assert response.status_code == 200
    assert response.context["report"].spent == [D("150.00"), D("5.00"), D("400.00")]
    food = ledger.categories.get(name="Food")
    assert client.get(f"/reports/category/{food.pk}/?{RANGE}").status_code == 200
    assert client.get(f"/api/reports/trends?{RANGE}").status_code == 200


def test_the_navbar_links_to_reports(user_client, ledger):
    assert 'href="/reports/"' in user_client.get("/categories/").content.decode()


def _grow(budget, months, per_month):
    """Expenses in `months` for each of six categories: `per_month` rows each month."""
    categories = [CategoryFactory(budget=budget, name=f"Grow {n}") for n in range(6)]
    rows = [
        ExpenseFactory.build(
            category=category,
            budget=budget,
            created_by=None,
            date=datetime.date(2016 + month // 12, month % 12 + 1, 1 + n % 27),
            amount=D("3.00"),
        )
        for category in categories
        for month in range(months)
        for n in range(per_month)
    ]
    bulk_create_expenses(rows)


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path",
    [
        "/reports/?from=2025-01&to=2025-12",
        "/reports/?from=2016-01&to=2025-12",
        "/reports/category/{food}/?from=2016-01&to=2025-12",
        "/api/reports/trends?from=2016-01&to=2025-12",
    ],
)
def test_the_query_count_does_not_grow_with_the_data(
    user_client, ledger, path, django_assert_max_num_queries
):
    path = path.format(food=ledger.categories.get(name="Food").pk)
    small = _queries(user_client, path)
    _grow(ledger, months=120, per_month=4)
    with django_assert_max_num_queries(small):
        user_client.get(path)
    # the summary page's 7, the first month's envelopes (2: the chain starts there, not
    # years before), and the category page finds its category
    assert small <= 10


def test_the_tables_escape_category_names(user_client, ledger):
    CategoryFactory(budget=ledger, name="<b>Bold</b>")
    page = user_client.get(f"/reports/?{RANGE}").content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page
    assert "<b>Bold</b>" not in page


def test_a_month_over_is_marked_in_the_table(user_client, ledger):
    page = user_client.get(f"/reports/?{RANGE}").content.decode()
    assert '<td class="num over-month">400.00<span class="visually-hidden"> (over)</span>' in page
    assert page.count("(over)") == 1


def test_the_heading_says_the_dates_when_months_start_on_the_25th(user_client, ledger):
    from ledger import services

    services.change_month_start_day(budget=ledger, day=25)

    page = user_client.get(f"/reports/?{RANGE}").content.decode()

    assert "January 2026 to March 2026" in page
    assert '<span class="month-dates">(25 Dec 2025 – 24 Mar 2026)</span>' in page


def test_the_heading_has_no_dates_for_calendar_months(user_client, ledger):
    page = user_client.get(f"/reports/?{RANGE}").content.decode()

    assert "January 2026 to March 2026" in page
    assert "month-dates" not in page
