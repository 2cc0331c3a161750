"""/budgets/: my budgets with my role, starting a new one, switching the current one."""

import pytest

from ledger.models import Budget, Membership, Role
from ledger.tests.factories import BudgetFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_it_lists_my_budgets_with_my_role(user_client, user):
    MembershipFactory(user=user, budget__name="Home", role=Role.OWNER)
    MembershipFactory(user=user, budget__name="Parents", role=Role.VIEWER)
    MembershipFactory(budget__name="Someone else's")

    response = user_client.get("/budgets/")

    assert response.status_code == 200
    rows = [(m.budget.name, m.role) for m in response.context["memberships"]]
    assert rows == [("Home", "owner"), ("Parents", "viewer")]
    assert b"Someone else" not in response.content


def test_it_needs_login(client):
    response = client.get("/budgets/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_creates_a_budget_with_me_as_owner(user_client, user):
    response = user_client.post("/budgets/new/", {"name": "  Household  "})

    assert response.status_code == 302
    budget = Budget.objects.get()
    assert budget.name == "Household"
    assert list(budget.memberships.values_list("user", "role")) == [(user.pk, "owner")]
    nav = user_client.get("/budgets/").context["current"]
    assert nav.budget == budget


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_it_refuses_a_bad_name(user_client, name):
    response = user_client.post("/budgets/new/", {"name": name})

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not Budget.objects.exists()


def test_it_rejects_get_on_new(user_client):
    assert user_client.get("/budgets/new/").status_code == 405
    assert not Budget.objects.exists()


def test_switching_sets_the_current_budget(user_client, user):
    first = MembershipFactory(user=user, role=Role.OWNER)
    second = MembershipFactory(user=user, role=Role.VIEWER)
    assert user_client.get("/budgets/").context["current"] == first

    response = user_client.post(f"/budgets/{second.budget_id}/switch/", {"next": "/expenses/"})

    assert response.status_code == 302
    assert response["Location"] == "/expenses/"
    assert user_client.get("/budgets/").context["current"] == second


def test_switching_ignores_a_next_on_another_site(user_client, user):
    member = MembershipFactory(user=user)

    response = user_client.post(
        f"/budgets/{member.budget_id}/switch/", {"next": "https://evil.example/"}
    )

    assert response["Location"] == "/"


def test_switching_to_someone_elses_budget_is_a_404(user_client, user):
    mine = MembershipFactory(user=user)
    theirs = BudgetFactory()

    response = user_client.post(f"/budgets/{theirs.pk}/switch/")

    assert response.status_code == 404
    assert user_client.get("/budgets/").context["current"] == mine


def test_a_budget_i_left_is_no_longer_current(user_client, user):
    first = MembershipFactory(user=user, role=Role.OWNER)
    second = MembershipFactory(user=user)
    user_client.post(f"/budgets/{second.budget_id}/switch/")

    Membership.objects.filter(pk=second.pk).delete()

    assert user_client.get("/budgets/").context["current"] == first


def test_the_navbar_switcher_lists_my_budgets(user_client, user):
    MembershipFactory(user=user, budget__name="Home", role=Role.OWNER)
    MembershipFactory(user=user, budget__name="Holiday fund")

    page = user_client.get("/budgets/").content.decode()

    assert "Holiday fund <span" in page
    assert 'aria-label="Current budget: Home"' in page


def test_signing_up_creates_my_own_budget(client):
    data = {"username": "alice", "password1": "a-long-pass-42x", "password2": "a-long-pass-42x"}

    client.post("/accounts/signup/", data)

    member = Membership.objects.get(user__username="alice")
    assert (member.budget.name, member.role) == ("alice's budget", "owner")
