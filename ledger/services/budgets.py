"""Budgets, their members and invitations: creating, sharing, leaving.

Every budget keeps at least one owner: the last owner cannot leave, be removed
or be demoted (LastOwner). Callers check the acting member's role with
`ledger.access` first; these functions enforce the rules about the budget itself.
"""

import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from ledger.models import Budget, Invitation, Membership, Role
from ledger.rules import (
    BUDGET_NAME_MAX,
    BUDGET_NAME_TAKEN_BY_MEMBER,
    DUPLICATE_BUDGET_NAME,
    INVITATION_DAYS,
    MAX_BUDGETS_PER_USER,
    TOO_MANY_BUDGETS,
)


class BudgetError(Exception):
    """A change the budget's rules refuse; the message is for the person who asked."""


class LastOwner(BudgetError):
    def __init__(self):
        super().__init__("A budget needs at least one owner: make someone else an owner first.")


class TooManyBudgets(BudgetError):
    def __init__(self):
        super().__init__(TOO_MANY_BUDGETS)


def check_budget_room(*, user) -> None:
    """TooManyBudgets when `user` already belongs to `MAX_BUDGETS_PER_USER` budgets."""
    if Membership.objects.filter(user=user).count() >= MAX_BUDGETS_PER_USER:
        raise TooManyBudgets()


class AlreadyMember(BudgetError):
    def __init__(self):
        super().__init__("You are already a member of this budget.")


class DuplicateBudgetName(BudgetError):
    """A person would belong to two budgets of the same name (ignoring case)."""


class InvitationUnusable(BudgetError):
    MESSAGES = {
        "used": "This invitation has already been used.",
        "revoked": "This invitation was withdrawn.",
        "expired": "This invitation has expired.",
    }

    def __init__(self, state: str):
        super().__init__(self.MESSAGES[state])
        self.state = state


def own_budget_name(user) -> str:
    """The name of a user's first budget: "alice's budget" (a username too long for the
    budget's name is cut short with an ellipsis: usernames take 150 characters, names 100)."""
    suffix = "'s budget"
    username = user.get_username()
    if len(username) + len(suffix) > BUDGET_NAME_MAX:
        username = username[: BUDGET_NAME_MAX - len(suffix) - 1] + "…"
    return username + suffix


def budget_names(user_ids, exclude_budget_id: int | None = None) -> set[str]:
    """The names (folded to lower case) of the budgets these users belong to."""
    budgets = Budget.objects.filter(memberships__user__in=user_ids).exclude(pk=exclude_budget_id)
    return {name.lower() for name in budgets.values_list("name", flat=True)}


def free_budget_name(name: str, taken: set[str]) -> str:
    """`name`, or the first of "name (2)", "name (3)"... not in `taken` (lower-case names)."""
    candidate, number = name, 1
    while candidate.lower() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = name[: BUDGET_NAME_MAX - len(suffix)].rstrip() + suffix
    return candidate


@transaction.atomic
def create_budget(*, user, name: str) -> Budget:
    """Create a budget named `name` with `user` as its owner; TooManyBudgets past the bound,
    DuplicateBudgetName when `user` already belongs to a budget of that name."""
    check_budget_room(user=user)
    if name.lower() in budget_names([user.pk]):
        raise DuplicateBudgetName(DUPLICATE_BUDGET_NAME)
    budget = Budget.objects.create(name=name)
    Membership.objects.create(budget=budget, user=user, role=Role.OWNER)
    return budget


def create_own_budget(*, user) -> Budget:
    """A new user's own budget, "<username>'s budget" (with a "(2)" when they belong to one
    of that name already)."""
    return create_budget(
        user=user, name=free_budget_name(own_budget_name(user), budget_names([user.pk]))
    )


def rename_budget(*, budget: Budget, name: str, user=None) -> Budget:
    """Give `budget` a new name, unique among the budgets of each of its members (`user`,
    the one renaming it, is told "you already belong to..." first)."""
    if user is not None and name.lower() in budget_names([user.pk], exclude_budget_id=budget.pk):
        raise DuplicateBudgetName(DUPLICATE_BUDGET_NAME)
    members = Membership.objects.filter(budget=budget).values_list("user_id", flat=True)
    if name.lower() in budget_names(list(members), exclude_budget_id=budget.pk):
        raise DuplicateBudgetName(BUDGET_NAME_TAKEN_BY_MEMBER)
    budget.name = name
    budget.save(update_fields=["name"])
    return budget


def delete_budget(*, budget: Budget) -> None:
    """Delete `budget` with everything in it (the page asks for its name first)."""
    budget.delete()


def invite_member(*, budget: Budget, role: str, invited_by) -> tuple[Invitation, str]:
    """A single-use link into `budget` as `role`, valid for 7 days.

    Returns (Invitation, the link's token): only the token's hash is stored.
    """
    raw = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        budget=budget,
        role=role,
        token_hash=Invitation.digest(raw),
        created_by=invited_by,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    return invitation, raw


@transaction.atomic
def add_member(*, budget: Budget, user, role: str) -> Membership:
    """Make `user` a member of `budget` in `role` directly (the admin's way to mend a budget
    left without an owner); AlreadyMember or TooManyBudgets when it cannot."""
    if Membership.objects.filter(budget=budget, user=user).exists():
        raise AlreadyMember()
    check_budget_room(user=user)
    return Membership.objects.create(budget=budget, user=user, role=role)


def revoke_invitation(*, invitation: Invitation) -> None:
    """Withdraw an invitation nobody has used yet; a used one stays as it is."""
    Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
        revoked_at=timezone.now()
    )


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user) -> Membership:
    """Make `user` a member of the invitation's budget, in its role; the link is then used.

    InvitationUnusable when it is used, revoked or expired (also when another
    account accepted it a moment ago), AlreadyMember when `user` already is one.
    """
    if Membership.objects.filter(budget=invitation.budget_id, user=user).exists():
        raise AlreadyMember()
    check_budget_room(user=user)
    now = timezone.now()
    # The conditional update is the single-use guarantee: of two accepts at once, one wins.
    claimed = (
        Invitation.objects.pending().filter(pk=invitation.pk).update(used_at=now, used_by=user)
    )
    if not claimed:
        invitation.refresh_from_db()
        raise InvitationUnusable(invitation.state)
    try:
        with transaction.atomic():
            member = Membership.objects.create(
                budget_id=invitation.budget_id, user=user, role=invitation.role
            )
    except IntegrityError:  # joined by another link at the same moment
        raise AlreadyMember() from None
    _rename_on_a_clash(member)
    return member


def _rename_on_a_clash(member: Membership) -> None:
    """After `member` joins: when they already belong to a budget of this name, the joined
    budget takes the first "name (2)", "name (3)"... free for every one of its members."""
    budget = Budget.objects.select_for_update().get(pk=member.budget_id)
    if budget.name.lower() not in budget_names([member.user_id], exclude_budget_id=budget.pk):
        return
    members = Membership.objects.filter(budget=budget).values_list("user_id", flat=True)
    budget.name = free_budget_name(budget.name, budget_names(list(members), budget.pk))
    budget.save(update_fields=["name"])
    member.budget = budget


def _other_owners(member: Membership) -> bool:
    # Locking the budget's owners makes two owners demoting each other at once wait in turn.
    owners = Membership.objects.owners().select_for_update().filter(budget=member.budget_id)
    return any(owner.pk != member.pk for owner in owners)


@transaction.atomic
def change_role(*, member: Membership, role: str) -> Membership:
    """Give `member` the role `role`; LastOwner when that would leave no owner."""
    if member.role == Role.OWNER and role != Role.OWNER and not _other_owners(member):
        raise LastOwner()
    member.role = role
    member.save(update_fields=["role"])
    return member


@transaction.atomic
def remove_member(*, member: Membership) -> None:
    """Take `member` out of the budget; what they recorded stays. LastOwner for the last owner."""
    if member.role == Role.OWNER and not _other_owners(member):
        raise LastOwner()
    member.delete()


def leave_budget(*, member: Membership) -> None:
    """`member` leaves the budget themselves (the last owner cannot)."""
    remove_member(member=member)


def own_budget(*, user) -> Budget:
    """The first budget `user` owns, created ("<username>'s budget") when they own none."""
    member = Membership.objects.owners().filter(user=user).select_related("budget").first()
    return member.budget if member else create_own_budget(user=user)
