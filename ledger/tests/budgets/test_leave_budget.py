"""POST /budgets/<id>/leave/: a member leaves; the last owner cannot."""

import pytest

from ledger.models import Membership, Role
from ledger.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_it_works(client, user):
    owner = MembershipFactory(role=Role.OWNER)
    me = MembershipFactory(budget=owner.budget, user=user, role=Role.VIEWER)
    client.force_login(user)

    response = client.post(f"/budgets/{me.budget_id}/leave/")

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=me.pk).exists()
    assert client.get(f"/budgets/{me.budget_id}/switch/").status_code == 405
    assert client.post(f"/budgets/{me.budget_id}/switch/").status_code == 404


def test_the_last_owner_cannot_leave(user_client, user):
    me = MembershipFactory(user=user, role=Role.OWNER)
    MembershipFactory(budget=me.budget, role=Role.EDITOR)

    response = user_client.post(f"/budgets/{me.budget_id}/leave/", follow=True)

    assert b"A budget needs at least one owner" in response.content
    assert Membership.objects.filter(pk=me.pk).exists()


def test_it_checks_membership(user_client):
    theirs = MembershipFactory(role=Role.EDITOR)

    response = user_client.post(f"/budgets/{theirs.budget_id}/leave/")

    assert response.status_code == 404
    assert Membership.objects.filter(pk=theirs.pk).exists()


def test_it_rejects_get(user_client, user):
    me = MembershipFactory(user=user)

    assert user_client.get(f"/budgets/{me.budget_id}/leave/").status_code == 405
    assert Membership.objects.filter(pk=me.pk).exists()
