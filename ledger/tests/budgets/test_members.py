"""/budgets/<id>/members/: an owner sees the members, changes roles, removes members."""

import pytest

from ledger.models import Membership, Role
from ledger.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(user):
    """`user` owns a budget "Home"."""
    return MembershipFactory(user=user, role=Role.OWNER, budget__name="Home")


@pytest.fixture
def partner(mine):
    return MembershipFactory(budget=mine.budget, role=Role.EDITOR, user__username="bob")


def _url(member, *rest):
    return "/".join([f"/budgets/{member.budget_id}/members", *rest]) + "/"


def test_it_lists_the_members_with_their_roles(user_client, mine, partner):
    response = user_client.get(_url(mine))

    assert response.status_code == 200
    assert [(m.user.username, m.role) for m in response.context["members"]] == sorted(
        [(mine.user.username, "owner"), ("bob", "editor")]
    )


@pytest.mark.parametrize("role", [Role.EDITOR, Role.VIEWER])
def test_other_members_see_who_the_members_are_and_change_nothing(client, partner, role):
    partner.role = role
    partner.save()
    client.force_login(partner.user)

    response = client.get(_url(partner))

    assert response.status_code == 200
    assert [m.user.username for m in response.context["members"]] == sorted(
        [
            partner.user.username,
            response.context["budget"].memberships.get(role="owner").user.username,
        ]
    )
    assert b"/role/" not in response.content
    assert b"/invitations/" not in response.content
    assert b"Only the budget's owners change roles" in response.content


def test_it_checks_membership(other_user, client, mine):
    client.force_login(other_user)

    assert client.get(_url(mine)).status_code == 404
    assert client.get("/budgets/987654321/members/").status_code == 404


def test_it_changes_a_role(user_client, mine, partner):
    response = user_client.post(_url(mine, str(partner.user_id), "role"), {"role": "viewer"})

    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.role == Role.VIEWER


def test_it_refuses_an_unknown_role(user_client, mine, partner):
    response = user_client.post(_url(mine, str(partner.user_id), "role"), {"role": "king"})

    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.role == Role.EDITOR


def test_the_last_owner_cannot_be_demoted(user_client, mine):
    response = user_client.post(
        _url(mine, str(mine.user_id), "role"), {"role": "editor"}, follow=True
    )

    assert b"A budget needs at least one owner" in response.content
    mine.refresh_from_db()
    assert mine.role == Role.OWNER


def test_an_owner_may_step_down_when_another_owner_remains(user_client, mine, partner):
    partner.role = Role.OWNER
    partner.save()

    user_client.post(_url(mine, str(mine.user_id), "role"), {"role": "viewer"})

    mine.refresh_from_db()
    assert mine.role == Role.VIEWER
    assert b"/role/" not in user_client.get(_url(mine)).content


def test_an_editor_cannot_change_roles(client, mine, partner):
    client.force_login(partner.user)

    response = client.post(_url(mine, str(partner.user_id), "role"), {"role": "owner"})

    assert response.status_code == 403
    partner.refresh_from_db()
    assert partner.role == Role.EDITOR


def test_a_member_of_another_budget_is_a_404(user_client, mine, other_user):
    stranger = MembershipFactory(user=other_user)

    response = user_client.post(_url(mine, str(other_user.pk), "role"), {"role": "viewer"})

    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.role == Role.EDITOR


def test_it_removes_a_member(user_client, mine, partner):
    response = user_client.post(_url(mine, str(partner.user_id), "remove"))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=partner.pk).exists()


def test_the_last_owner_cannot_be_removed(user_client, mine, partner):
    response = user_client.post(_url(mine, str(mine.user_id), "remove"), follow=True)

    assert b"A budget needs at least one owner" in response.content
    assert Membership.objects.filter(pk=mine.pk).exists()


def test_a_viewer_cannot_remove_anyone(client, mine, partner):
    viewer = MembershipFactory(budget=mine.budget, role=Role.VIEWER)
    client.force_login(viewer.user)

    response = client.post(_url(mine, str(partner.user_id), "remove"))

    assert response.status_code == 403
    assert Membership.objects.filter(budget=mine.budget).count() == 3


def test_it_rejects_get_on_remove(user_client, mine, partner):
    assert user_client.get(_url(mine, str(partner.user_id), "remove")).status_code == 405
    assert Membership.objects.filter(pk=partner.pk).exists()


def test_it_renames_the_budget(user_client, mine):
    response = user_client.post(f"/budgets/{mine.budget_id}/rename/", {"name": "Our home"})

    assert response.status_code == 302
    mine.budget.refresh_from_db()
    assert mine.budget.name == "Our home"


def test_an_editor_cannot_rename(client, mine, partner):
    client.force_login(partner.user)

    response = client.post(f"/budgets/{mine.budget_id}/rename/", {"name": "Mine now"})

    assert response.status_code == 403
    mine.budget.refresh_from_db()
    assert mine.budget.name == "Home"


def test_deleting_asks_for_the_name(user_client, mine):
    response = user_client.post(f"/budgets/{mine.budget_id}/delete/", {"confirm": "home"})

    assert response.status_code == 200
    assert response.context["delete_form"].errors["confirm"]
    assert Membership.objects.filter(pk=mine.pk).exists()


def test_it_deletes_the_budget(user_client, mine):
    response = user_client.post(f"/budgets/{mine.budget_id}/delete/", {"confirm": "Home"})

    assert response.status_code == 302
    assert not Membership.objects.exists()
