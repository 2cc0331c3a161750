"""/expenses/out-of-range/: the rows stored with a date outside 1900-01-01..2999-12-31, to edit
or delete (issue 24)."""

import datetime
from decimal import Decimal

import pytest

from ledger.models import Allotment, Expense, MonthlyIncome
from ledger.tests.factories import ExpenseFactory, MembershipFactory, UserFactory, budget_of
from ledger.tests.far_dates import store_far_rows

pytestmark = pytest.mark.django_db
PAGE = "/expenses/out-of-range/"


@pytest.fixture
def far(user):
    return store_far_rows(budget_of(user))


def test_it_lists_every_row_out_of_range(user_client, far):
    page = user_client.get(PAGE).content.decode()

    for text in ("0001-01-01", "9999-12-31", "0001-01", "9999-12", far.schedule.description):
        assert text in page
    assert f"/expenses/{far.first.pk}/edit/" in page
    assert f"/expenses/{far.last.pk}/delete/" in page
    assert f"/recurring/{far.schedule.pk}/edit/" in page
    assert f"/categories/{far.category.pk}/edit/" in page
    assert "2026-03-10" not in page  # the expense in range


def test_it_says_when_every_date_is_in_range(user_client, category):
    ExpenseFactory(category=category)

    assert "Every date is in range." in user_client.get(PAGE).content.decode()


def test_the_expense_list_links_to_it_when_rows_are_out_of_range(user_client, far):
    assert PAGE in user_client.get("/expenses/").content.decode()


def test_the_expense_list_does_not_link_to_it_otherwise(user_client, category):
    ExpenseFactory(category=category)

    assert PAGE not in user_client.get("/expenses/").content.decode()


def test_an_expense_out_of_range_gets_a_date_in_range(user_client, far):
    response = user_client.post(
        f"/expenses/{far.first.pk}/edit/",
        {"category": far.category.pk, "amount": "10.00", "date": "2026-05-02"},
    )

    assert response.status_code == 302
    far.first.refresh_from_db()
    assert far.first.date == datetime.date(2026, 5, 2)


def test_editing_it_asks_for_a_date_in_range(user_client, far):
    response = user_client.post(
        f"/expenses/{far.first.pk}/edit/",
        {"category": far.category.pk, "amount": "12.00", "date": "0001-01-01"},
    )

    assert response.status_code == 200
    assert "Use a date from 1900-01-01 to 2999-12-31." in response.content.decode()
    far.first.refresh_from_db()
    assert far.first.amount == Decimal("10.00")


def test_deleting_an_expense_out_of_range_comes_back_here(user_client, far):
    response = user_client.post(f"/expenses/{far.last.pk}/delete/")

    assert response.status_code == 302
    assert response["Location"] == PAGE
    assert not Expense.objects.filter(pk=far.last.pk).exists()


def test_it_deletes_an_income_out_of_range(user_client, far):
    response = user_client.post(PAGE, {"income": far.income_first.pk})

    assert response.status_code == 302
    assert not MonthlyIncome.objects.filter(pk=far.income_first.pk).exists()
    assert MonthlyIncome.objects.filter(pk=far.income_last.pk).exists()


def test_it_deletes_an_allotment_out_of_range(user_client, far):
    user_client.post(PAGE, {"allotment": far.allotment.pk})

    assert not Allotment.objects.filter(pk=far.allotment.pk).exists()


def test_another_budgets_income_is_a_404(client, far):
    stranger = UserFactory()
    client.force_login(stranger)

    response = client.post(PAGE, {"income": far.income_first.pk})

    assert response.status_code == 404
    assert MonthlyIncome.objects.filter(pk=far.income_first.pk).exists()


def test_a_viewer_sees_the_rows_but_cannot_delete(client, far):
    viewer = UserFactory()
    MembershipFactory(user=viewer, budget=far.category.budget, role="viewer")
    client.force_login(viewer)
    client.post(f"/budgets/{far.category.budget.pk}/switch/")

    page = client.get(PAGE)
    refused = client.post(PAGE, {"income": far.income_first.pk})

    assert page.status_code == 200
    assert "0001-01-01" in page.content.decode()
    assert "Delete" not in page.content.decode()
    assert refused.status_code == 403
    assert MonthlyIncome.objects.filter(pk=far.income_first.pk).exists()


def test_it_reads_in_a_few_queries(user_client, far, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert user_client.get(PAGE).status_code == 200
