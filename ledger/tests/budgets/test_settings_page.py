"""/budgets/<id>/settings/: an owner sets the day the budget's months start on."""

from datetime import date

import pytest
from django.utils import timezone

from ledger.models import Budget, MonthlyTotal, Role
from ledger.tests.factories import MembershipFactory, budget_of
from ledger.tests.month_start_data import populated_budget

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 3, 24))


def _url(budget):
    return f"/budgets/{budget.pk}/settings/"


def test_it_shows_the_day_and_this_months_dates(user_client, user):
    budget = budget_of(user)

    response = user_client.get(_url(budget))

    assert response.status_code == 200
    assert response.context["form"]["month_start_day"].value() == 1
    assert "this month is <strong>March 2026, 1 Mar – 31 Mar</strong>" in response.text


def test_it_says_what_this_month_becomes_for_every_day(user_client, user):
    response = user_client.get(_url(budget_of(user)))

    previews = response.context["previews"]
    assert sorted(previews) == list(range(1, 29))
    assert previews[24] == "April 2026, 24 Mar – 23 Apr"  # named after the month it ends in
    assert previews[25] == "March 2026, 25 Feb – 24 Mar"
    assert previews[5] == "March 2026, 5 Mar – 4 Apr"
    assert 'id="month-start-previews"' in response.text


def test_saving_sets_the_day_and_rebuilds_the_totals(user_client, user):
    budget = populated_budget(user)

    response = user_client.post(_url(budget), {"month_start_day": "25"}, follow=True)

    assert response.redirect_chain == [(_url(budget), 302)]
    assert Budget.objects.get(pk=budget.pk).month_start_day == 25
    assert "Months now start on day 25: this month is March 2026, 25 Feb – 24 Mar." in response.text
    food_march = MonthlyTotal.objects.get(
        budget=budget, category__name="Food", month=date(2026, 3, 1)
    )
    assert str(food_march.spent) == "299.99"


@pytest.mark.parametrize("value", ["0", "29", "-1", "abc", "", "2.5", "1e1"])
def test_a_day_not_from_1_to_28_is_a_field_error(user_client, user, value):
    budget = budget_of(user)

    response = user_client.post(_url(budget), {"month_start_day": value})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "month_start_day": ["Choose a day from 1 to 28: every month has those days."]
    }
    assert Budget.objects.get(pk=budget.pk).month_start_day == 1


@pytest.mark.parametrize("role", [Role.EDITOR, Role.VIEWER])
def test_it_is_for_owners_only(client, role):
    member = MembershipFactory(role=role)
    client.force_login(member.user)

    assert client.get(_url(member.budget)).status_code == 403
    assert client.post(_url(member.budget), {"month_start_day": "25"}).status_code == 403
    assert Budget.objects.get(pk=member.budget_id).month_start_day == 1


def test_someone_elses_budget_is_a_404(user_client):
    theirs = MembershipFactory(role=Role.OWNER).budget

    assert user_client.get(_url(theirs)).status_code == 404
    assert user_client.post(_url(theirs), {"month_start_day": "25"}).status_code == 404
    assert Budget.objects.get(pk=theirs.pk).month_start_day == 1


def test_the_budgets_page_links_to_it_for_owners(user_client, user):
    budget = budget_of(user)

    response = user_client.get("/budgets/")

    assert f'href="{_url(budget)}"' in response.text
