"""Invitation links: an owner makes one, someone signed in opens it and joins, once."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from ledger.models import Invitation, Membership, Role
from ledger.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
LINK = re.compile(r"https?://[^\s\"'<>]*?(/invitations/[^\s\"'<>]+)")


@pytest.fixture
def mine(user):
    return MembershipFactory(user=user, role=Role.OWNER, budget__name="Home")


def _invite(client, member, role="editor"):
    """Make an invitation link as `client`; return its path (the last link on the page)."""
    response = client.post(f"/budgets/{member.budget_id}/invitations/", {"role": role})
    assert response.status_code == 200
    return LINK.findall(response.content.decode())[-1]


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_it_makes_a_link_and_stores_only_its_hash(user_client, mine):
    path = _invite(user_client, mine, "viewer")

    invitation = Invitation.objects.get()
    token = path.split("/")[2]
    assert invitation.token_hash == Invitation.digest(token)
    assert token not in str(Invitation.objects.values().get())
    assert invitation.role == Role.VIEWER
    assert invitation.expires_at - timezone.now() > datetime.timedelta(days=6, hours=23)
    assert token not in user_client.get(f"/budgets/{mine.budget_id}/members/").content.decode()


def test_it_refuses_owner_as_an_invitation_role(user_client, mine):
    response = user_client.post(f"/budgets/{mine.budget_id}/invitations/", {"role": "owner"})

    assert response.status_code == 200
    assert response.context["invite_form"].errors["role"]
    assert not Invitation.objects.exists()


def test_an_editor_cannot_invite(client, mine):
    editor = MembershipFactory(budget=mine.budget, role=Role.EDITOR)
    client.force_login(editor.user)

    response = client.post(f"/budgets/{mine.budget_id}/invitations/", {"role": "editor"})

    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_an_owner_cannot_invite_into_a_budget_they_do_not_own(user_client, mine):
    theirs = MembershipFactory(role=Role.OWNER)

    response = user_client.post(f"/budgets/{theirs.budget_id}/invitations/", {"role": "editor"})

    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_the_link_shows_the_budget_and_the_role(user_client, mine, other_user):
    path = _invite(user_client, mine, "viewer")

    response = _client_for(other_user).get(path)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Join “Home”" in page
    assert "<strong>viewer</strong>" in page
    assert not Membership.objects.filter(user=other_user).exists()


def test_accepting_joins_the_budget_and_makes_it_current(user_client, mine, other_user):
    path = _invite(user_client, mine, "editor")
    guest = _client_for(other_user)

    response = guest.post(path)

    assert response.status_code == 302
    joined = Membership.objects.get(user=other_user)
    assert (joined.budget, joined.role) == (mine.budget, Role.EDITOR)
    assert guest.get("/budgets/").context["current"] == joined
    assert Invitation.objects.get().used_by == other_user


def test_a_link_works_once(user_client, mine, other_user):
    path = _invite(user_client, mine)
    _client_for(other_user).post(path)
    third = UserFactory()

    response = _client_for(third).post(path)

    assert response.status_code == 410
    assert b"This invitation has already been used." in response.content
    assert not Membership.objects.filter(user=third).exists()
    assert _client_for(third).get(path).status_code == 410


def test_an_expired_link_is_a_clear_page(user_client, mine, other_user):
    path = _invite(user_client, mine)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    response = _client_for(other_user).post(path)

    assert response.status_code == 410
    assert b"This invitation has expired." in response.content
    assert not Membership.objects.filter(user=other_user).exists()


def test_a_withdrawn_link_is_a_clear_page(user_client, mine, other_user):
    path = _invite(user_client, mine)
    invitation = Invitation.objects.get()

    assert (
        user_client.post(
            f"/budgets/{mine.budget_id}/invitations/{invitation.pk}/revoke/"
        ).status_code
        == 302
    )
    response = _client_for(other_user).get(path)

    assert response.status_code == 410
    assert b"This invitation was withdrawn." in response.content


@pytest.mark.parametrize("token", ["nope", "x" * 500, "%00"])
def test_an_unknown_link_is_a_404_page(client, other_user, token):
    client.force_login(other_user)

    response = client.post(f"/invitations/{token}/")

    assert response.status_code == 404
    assert b"This invitation link is not valid." in response.content


def test_a_member_opening_the_link_does_not_use_it(user_client, mine):
    path = _invite(user_client, mine)

    response = user_client.post(path)

    assert response.status_code == 409
    assert b"You are already a member of this budget." in response.content
    assert Invitation.objects.get().used_at is None


def test_it_needs_login(user_client, mine):
    path = _invite(user_client, mine)

    response = Client().get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_withdrawing_another_budgets_invitation_is_a_404(user_client, mine, other_user):
    theirs = MembershipFactory(user=other_user, role=Role.OWNER)
    _invite(_client_for(other_user), theirs)
    invitation = Invitation.objects.get()

    response = user_client.post(f"/budgets/{mine.budget_id}/invitations/{invitation.pk}/revoke/")

    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
