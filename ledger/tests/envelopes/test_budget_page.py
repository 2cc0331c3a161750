"""The month's budget page `/budget/YYYY-MM/`: one allot-<id> field per active category,
saved in one POST, and the buttons that fill them all."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client

from ledger import services
from ledger.models import Allotment, Role
from ledger.rules import ROLE_CANNOT_CHANGE
from ledger.tests.factories import (
    CategoryFactory,
    ExpenseFactory,
    MembershipFactory,
    MonthlyIncomeFactory,
    budget_of,
)

pytestmark = pytest.mark.django_db
D = Decimal
FEBRUARY, MARCH = datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)
URL = "/budget/2026-03/"


def stored(budget, month=MARCH):
    return dict(
        Allotment.objects.filter(budget=budget, month=month).values_list("category__name", "amount")
    )


def row_of(html, text):
    end = html.index("</tr>", html.index(text))
    return html[html.rindex("<tr", 0, end) : end]


def cells(row):
    """The texts of a row's number cells, tags stripped."""
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r'<td class="num[^"]*">(.*?)</td>', row, re.S)
    ]


@pytest.fixture
def food(user):
    return CategoryFactory(owner=user, name="Food", limit=D("300.00"))


@pytest.fixture
def car(user):
    return CategoryFactory(owner=user, name="Car", limit=D("100.00"))


def test_it_needs_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "0999-12"])
def test_a_month_that_does_not_exist_is_a_404(user_client, month):
    assert user_client.get(f"/budget/{month}/").status_code == 404


def test_it_shows_a_field_per_active_category_with_the_limit_as_placeholder(
    user_client, user, food, car
):
    CategoryFactory(owner=user, name="Old", is_archived=True)
    services.set_allotment(budget=budget_of(user), category=food, month=MARCH, amount=D("280"))

    html = user_client.get(URL).content.decode()

    assert re.findall(r'name="(allot-\d+)"', html) == [f"allot-{car.pk}", f"allot-{food.pk}"]
    assert (
        f'name="allot-{food.pk}" id="id_allot-{food.pk}" value="280.00" placeholder="300.00"'
        in html
    )
    assert f'name="allot-{car.pk}" id="id_allot-{car.pk}" value="" placeholder="100.00"' in html
    assert "Old" not in html


def test_it_shows_limit_carried_in_spent_and_available(user_client, user, food):
    budget = budget_of(user)
    services.change_category(category=food, rollover="unspent", rollover_from=FEBRUARY)
    ExpenseFactory(category=food, date=datetime.date(2026, 2, 10), amount=D("250.00"))
    ExpenseFactory(category=food, date=datetime.date(2026, 3, 10), amount=D("20.00"))
    services.set_allotment(budget=budget, category=food, month=MARCH, amount=D("100.00"))

    html = user_client.get(URL).content.decode()

    # limit, carried in, (the box), spent, available
    assert cells(row_of(html, "Food</label>")) == ["300.00", "50.00", "", "20.00", "130.00"]
    assert "Carried in" in html


def test_it_saves_every_allotment_in_one_post(user_client, user, food, car):
    budget = budget_of(user)
    services.set_allotment(budget=budget, category=car, month=MARCH, amount=D("90.00"))

    response = user_client.post(URL, {f"allot-{food.pk}": "280", f"allot-{car.pk}": ""})

    assert response.status_code == 302
    assert response["Location"] == URL
    assert stored(budget) == {"Food": D("280.00")}
    assert "Allotments for March 2026 saved." in user_client.get(URL).content.decode()


def test_zero_is_an_allotment_not_the_limit(user_client, user, food):
    user_client.post(URL, {f"allot-{food.pk}": "0"})
    assert stored(budget_of(user)) == {"Food": D("0.00")}


def test_a_category_whose_field_is_not_posted_keeps_its_allotment(user_client, user, food, car):
    budget = budget_of(user)
    services.set_allotment(budget=budget, category=car, month=MARCH, amount=D("90.00"))

    user_client.post(URL, {f"allot-{food.pk}": "10"})

    assert stored(budget) == {"Food": D("10.00"), "Car": D("90.00")}


def test_it_saves_only_the_month_of_the_page(user_client, user, food):
    user_client.post(URL, {f"allot-{food.pk}": "10"})
    assert list(Allotment.objects.values_list("month", flat=True)) == [MARCH]


@pytest.mark.parametrize(
    ("amount", "error"),
    [
        ("-1", "Enter an amount of zero or more."),
        ("1.234", "Use at most 2 decimal places."),
        ("abc", "Enter an amount such as 12.50."),
        ("NaN", "Enter an amount such as 12.50."),
        ("10000000000", "Enter an amount below 10,000,000,000."),
    ],
)
def test_a_bad_amount_is_an_error_next_to_its_field_and_nothing_is_saved(
    user_client, user, food, car, amount, error
):
    response = user_client.post(URL, {f"allot-{food.pk}": amount, f"allot-{car.pk}": "50"})

    assert response.status_code == 200
    row = row_of(response.content.decode(), "Food</label>")
    assert (
        f'<div class="invalid-feedback d-block text-start" id="id_allot-{food.pk}_error">{error}</div>'
        in row
    )
    assert f'value="{amount}"' in row
    assert 'value="50"' in row_of(response.content.decode(), "Car</label>")
    assert stored(budget_of(user)) == {}


def test_an_archived_or_someone_elses_category_in_the_post_is_ignored(
    user_client, user, food, others_category
):
    old = CategoryFactory(owner=user, name="Old", is_archived=True)

    response = user_client.post(
        URL, {f"allot-{others_category.pk}": "5", f"allot-{old.pk}": "5", f"allot-{food.pk}": "7"}
    )

    assert response.status_code == 302
    assert list(Allotment.objects.values_list("category__name", "amount")) == [("Food", D("7.00"))]


def test_it_shows_only_the_signed_in_budgets_categories(user_client, others_category):
    html = user_client.get(URL).content.decode()
    assert "Not yours" not in html
    assert "No active categories yet" in html


def test_copy_last_months_allotments(user_client, user, food, car):
    budget = budget_of(user)
    services.set_allotment(budget=budget, category=food, month=FEBRUARY, amount=D("280.00"))
    services.set_allotment(budget=budget, category=car, month=MARCH, amount=D("5.00"))

    response = user_client.post(URL, {"action": "copy_previous"}, follow=True)

    assert stored(budget) == {"Food": D("280.00")}
    assert "Allotments for March 2026 copied from February 2026." in response.content.decode()


def test_set_each_to_the_average_spending_of_the_last_3_months(user_client, user, food, car):
    for month, amount in [(12, "90.00"), (1, "100.00"), (2, "110.01")]:
        year = 2025 if month == 12 else 2026
        ExpenseFactory(category=food, date=datetime.date(year, month, 3), amount=D(amount))
    ExpenseFactory(category=food, date=datetime.date(2026, 3, 3), amount=D("999.00"))

    response = user_client.post(URL, {"action": "average"}, follow=True)

    assert stored(budget_of(user)) == {"Food": D("100.00"), "Car": D("0.00")}
    assert "average spending of December 2025 to February 2026" in response.content.decode()


def test_reset_to_the_monthly_limits(user_client, user, food, car):
    budget = budget_of(user)
    services.set_allotment(budget=budget, category=food, month=MARCH, amount=D("1.00"))
    services.set_allotment(budget=budget, category=food, month=FEBRUARY, amount=D("2.00"))

    response = user_client.post(URL, {"action": "reset"}, follow=True)

    assert stored(budget) == {}
    assert stored(budget, FEBRUARY) == {"Food": D("2.00")}
    assert cells(row_of(response.content.decode(), "Food</label>"))[-1] == "300.00"


def test_an_unknown_action_is_a_400(user_client, user, food):
    response = user_client.post(URL, {"action": "everything", f"allot-{food.pk}": "1"})
    assert response.status_code == 400
    assert stored(budget_of(user)) == {}


def test_it_links_to_the_months_around_it_and_the_summary(user_client, food):
    html = user_client.get(URL).content.decode()
    assert 'href="/budget/2026-02/"' in html
    assert 'href="/budget/2026-04/"' in html
    assert 'href="/summary/2026-03/"' in html


def test_the_summary_links_to_the_budget_page(user_client, food):
    assert 'href="/budget/2026-03/"' in user_client.get("/summary/2026-03/").content.decode()


def test_it_shows_income_and_unallocated(user_client, user, food, car):
    MonthlyIncomeFactory(owner=user, month=MARCH, amount=D("1000.00"))
    html = user_client.get(URL).content.decode()
    assert "1,000.00 USD" in html
    assert "400.00 USD" in html  # allotted
    assert '<span class="money">600.00 USD</span>' in html  # unallocated


@pytest.fixture
def viewer_client(user, food):
    viewer = MembershipFactory(budget=budget_of(user), role=Role.VIEWER)
    client = Client()
    client.force_login(viewer.user)
    client.post(f"/budgets/{viewer.budget_id}/switch/")
    return client


def test_a_viewer_sees_the_allotments_without_fields(viewer_client, user, food):
    services.set_allotment(budget=budget_of(user), category=food, month=MARCH, amount=D("280"))

    response = viewer_client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert cells(row_of(html, "Food</label>"))[1] == "280.00"
    assert '<input type="number"' not in html
    assert "Copy last month" not in html


@pytest.mark.parametrize("action", [None, "copy_previous", "average", "reset"])
def test_a_viewer_cannot_post(viewer_client, user, food, action):
    budget = budget_of(user)
    services.set_allotment(budget=budget, category=food, month=MARCH, amount=D("280"))
    data = {"action": action} if action else {f"allot-{food.pk}": "1"}

    response = viewer_client.post(URL, data)

    assert response.status_code == 403
    assert ROLE_CANNOT_CHANGE in response.content.decode()
    assert stored(budget) == {"Food": D("280.00")}


def test_an_editor_can_post(user, food):
    editor = MembershipFactory(budget=budget_of(user), role=Role.EDITOR)
    client = Client()
    client.force_login(editor.user)
    client.post(f"/budgets/{editor.budget_id}/switch/")

    assert client.post(URL, {f"allot-{food.pk}": "12"}).status_code == 302
    assert stored(budget_of(user)) == {"Food": D("12.00")}


@pytest.mark.parametrize("count", [1, 40])
def test_query_count_is_constant(user_client, user, count, django_assert_max_num_queries):
    budget = budget_of(user)
    for category in CategoryFactory.create_batch(
        count, owner=user, rollover="all", rollover_from=FEBRUARY
    ):
        ExpenseFactory(category=category, date=datetime.date(2026, 2, 10))
        ExpenseFactory(category=category, date=datetime.date(2026, 3, 10))
        services.set_allotment(budget=budget, category=category, month=MARCH, amount=D("9"))
    MonthlyIncomeFactory(owner=user, month=MARCH)
    # session, user, membership, categories, allotments, monthly totals, income, month's allotments
    with django_assert_max_num_queries(8):
        response = user_client.get(URL)
    assert response.content.decode().count('name="allot-') == count


def test_a_category_name_is_escaped(user_client, user):
    category = CategoryFactory(owner=user, name='Tom & "Jerry" <b>')
    html = user_client.get(URL).content.decode()
    assert (
        f'<label for="id_allot-{category.pk}">Tom &amp; &quot;Jerry&quot; &lt;b&gt;</label>' in html
    )
    assert "<b>" not in html


def test_a_box_with_an_error_says_so_to_screen_readers(user_client, food):
    html = user_client.post(URL, {f"allot-{food.pk}": "-5"}).content.decode()
    assert f'is-invalid" aria-invalid="true" aria-describedby="id_allot-{food.pk}_error">' in html


def test_the_heading_says_the_dates_when_months_start_on_the_25th(user_client, user):
    from ledger.tests.factories import budget_of

    services.change_month_start_day(budget=budget_of(user), day=25)

    page = user_client.get("/budget/2026-03/").content.decode()

    assert 'Budget · March 2026 <span class="month-dates">(25 Feb – 24 Mar)</span>' in page
