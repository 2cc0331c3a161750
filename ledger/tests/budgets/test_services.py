"""ledger.services.budgets called directly: budgets, roles, the last-owner rule, invitations."""

import datetime

import pytest
from django.utils import timezone

from ledger.models import Budget, Invitation, Membership, Role
from ledger.services import budgets as services
from ledger.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_create_budget_makes_the_user_its_owner(user):
    budget = services.create_budget(user=user, name="Home")

    assert Membership.objects.get(budget=budget).user == user
    assert Membership.objects.get(budget=budget).role == Role.OWNER


def test_create_own_budget_is_named_after_the_user():
    alice = UserFactory(username="alice")

    assert services.create_own_budget(user=alice).name == "alice's budget"


def test_a_username_too_long_for_a_budget_name_is_cut_short():
    # Usernames take 150 characters, budget names 100: PostgreSQL refused the whole sign-up.
    long = UserFactory(username="u" * 150)

    budget = services.create_own_budget(user=long)

    assert budget.name == "u" * 90 + "…'s budget"
    assert len(budget.name) == 100


def test_change_role_keeps_the_last_owner():
    owner = MembershipFactory(role=Role.OWNER)
    MembershipFactory(budget=owner.budget, role=Role.EDITOR)

    with pytest.raises(services.LastOwner):
        services.change_role(member=owner, role=Role.VIEWER)

    assert Membership.objects.get(pk=owner.pk).role == Role.OWNER


def test_change_role_lets_one_of_two_owners_step_down():
    owner = MembershipFactory(role=Role.OWNER)
    MembershipFactory(budget=owner.budget, role=Role.OWNER)

    services.change_role(member=owner, role=Role.EDITOR)

    assert Membership.objects.get(pk=owner.pk).role == Role.EDITOR


def test_remove_member_keeps_the_last_owner():
    owner = MembershipFactory(role=Role.OWNER)

    with pytest.raises(services.LastOwner):
        services.leave_budget(member=owner)

    assert Membership.objects.filter(pk=owner.pk).exists()


def test_invitations_are_single_use(user):
    owner = MembershipFactory(role=Role.OWNER)
    invitation, raw = services.invite_member(
        budget=owner.budget, role=Role.VIEWER, invited_by=owner.user
    )
    assert Invitation.objects.find(raw) == invitation

    services.accept_invitation(invitation=invitation, user=user)
    with pytest.raises(services.InvitationUnusable) as error:
        services.accept_invitation(invitation=invitation, user=UserFactory())

    assert error.value.state == "used"
    assert Membership.objects.filter(budget=owner.budget).count() == 2


def test_an_expired_invitation_cannot_be_accepted(user):
    owner = MembershipFactory(role=Role.OWNER)
    invitation, _ = services.invite_member(
        budget=owner.budget, role=Role.EDITOR, invited_by=owner.user
    )
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    with pytest.raises(services.InvitationUnusable):
        services.accept_invitation(invitation=invitation, user=user)

    assert not Membership.objects.filter(user=user).exists()


def test_delete_budget_deletes_its_memberships():
    owner = MembershipFactory(role=Role.OWNER)

    services.delete_budget(budget=owner.budget)

    assert not Budget.objects.exists()
    assert not Membership.objects.exists()
