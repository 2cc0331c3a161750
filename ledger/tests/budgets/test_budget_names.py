"""Budget names are unique (ignoring case) among the budgets each person belongs to (issue 24):
naming one that clashes is refused; joining one that clashes gives it a "(2)"."""

import pytest

from ledger.models import Budget, Invitation, Role
from ledger.rules import BUDGET_NAME_TAKEN_BY_MEMBER, DUPLICATE_BUDGET_NAME
from ledger.services import budgets as budget_services
from ledger.tests.factories import MembershipFactory, UserFactory, budget_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(user):
    return MembershipFactory(user=user, role=Role.OWNER, budget__name="Home").budget


def test_creating_a_budget_with_a_name_i_have_is_refused(user_client, home):
    response = user_client.post("/budgets/new/", {"name": "  home "})

    assert response.status_code == 200
    assert DUPLICATE_BUDGET_NAME in response.content.decode()
    assert Budget.objects.filter(name__iexact="home").count() == 1


def test_another_persons_budget_of_that_name_is_no_clash(user_client, home, other_user):
    MembershipFactory(user=other_user, role=Role.OWNER, budget__name="Holiday")

    response = user_client.post("/budgets/new/", {"name": "Holiday"})

    assert response.status_code == 302
    assert Budget.objects.filter(name="Holiday").count() == 2


def test_renaming_to_a_name_i_have_is_refused(user_client, user, home):
    flat = MembershipFactory(user=user, role=Role.OWNER, budget__name="Flat").budget

    response = user_client.post(f"/budgets/{flat.pk}/rename/", {"name": "HOME"})

    assert DUPLICATE_BUDGET_NAME in response.content.decode()
    flat.refresh_from_db()
    assert flat.name == "Flat"


def test_renaming_to_its_own_name_in_other_letters_is_fine(user_client, home):
    response = user_client.post(f"/budgets/{home.pk}/rename/", {"name": "HOME"})

    assert response.status_code == 302
    home.refresh_from_db()
    assert home.name == "HOME"


def test_renaming_to_a_name_another_member_has_is_refused(user_client, home, other_user):
    MembershipFactory(user=other_user, budget=home, role=Role.EDITOR)
    MembershipFactory(user=other_user, role=Role.OWNER, budget__name="Cabin")

    response = user_client.post(f"/budgets/{home.pk}/rename/", {"name": "cabin"})

    assert BUDGET_NAME_TAKEN_BY_MEMBER in response.content.decode()
    home.refresh_from_db()
    assert home.name == "Home"


def test_the_api_refuses_a_name_i_have_naming_the_field(api, user, home):
    mine = budget_of(user)

    response = api.patch(f"/api/budgets/{mine.pk}", {"name": "Home"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "name"
    assert response.json()["detail"][0]["msg"] == DUPLICATE_BUDGET_NAME


def test_the_api_renames_a_budget(api, user):
    mine = budget_of(user)

    response = api.patch(f"/api/budgets/{mine.pk}", {"name": "Flat"})

    assert response.status_code == 200
    assert response.json()["name"] == "Flat"


def test_joining_a_budget_whose_name_i_have_gives_it_a_suffix(client, home, other_user):
    theirs = MembershipFactory(user=other_user, role=Role.OWNER, budget__name="home").budget
    _, raw = budget_services.invite_member(budget=theirs, role="editor", invited_by=other_user)
    client.force_login(home.memberships.get().user)

    response = client.post(f"/invitations/{raw}/", follow=True)

    theirs.refresh_from_db()
    assert theirs.name == "home (2)"
    assert "You joined “home (2)”" in response.content.decode()
    assert Invitation.objects.get().used_at is not None


def test_the_suffix_is_free_for_every_member(user, home, other_user):
    MembershipFactory(user=user, role=Role.OWNER, budget__name="Home (2)")
    theirs = MembershipFactory(user=other_user, role=Role.OWNER, budget__name="Home").budget
    MembershipFactory(user=other_user, role=Role.OWNER, budget__name="Home (3)")
    invitation, _ = budget_services.invite_member(
        budget=theirs, role="viewer", invited_by=other_user
    )

    budget_services.accept_invitation(invitation=invitation, user=user)

    theirs.refresh_from_db()
    assert theirs.name == "Home (4)"


def test_a_long_name_keeps_its_suffix_within_100_characters(user, other_user):
    long = "x" * 100
    MembershipFactory(user=user, role=Role.OWNER, budget__name=long)
    theirs = MembershipFactory(user=other_user, role=Role.OWNER, budget__name=long).budget
    invitation, _ = budget_services.invite_member(
        budget=theirs, role="viewer", invited_by=other_user
    )

    budget_services.accept_invitation(invitation=invitation, user=user)

    theirs.refresh_from_db()
    assert theirs.name == "x" * 96 + " (2)"


def test_a_new_users_own_budget_avoids_a_clash(other_user):
    newcomer = UserFactory(username="sam")
    theirs = MembershipFactory(user=other_user, role=Role.OWNER, budget__name="sam's budget")
    invitation, _ = budget_services.invite_member(
        budget=theirs.budget, role="viewer", invited_by=other_user
    )
    budget_services.accept_invitation(invitation=invitation, user=newcomer)

    own = budget_services.create_own_budget(user=newcomer)

    assert own.name == "sam's budget (2)"
