"""Who may read or change which budget: the one door for every request.

A request acts on one budget: the session's current budget on the web pages
(switched with `POST /budgets/<id>/switch/`, the user's first budget by
default). Someone who is not a member of a budget gets a 404 for it, exactly
like a budget that does not exist; a member whose role does not allow a change
gets `RoleForbidden` (a 403 page, or JSON `{"detail": ...}` from the API).

Resolving the budget also posts its due recurring expenses (issue 17), so they
appear without cron: see `post_due_recurring`.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.db.models import OuterRef
from django.http import Http404

from ledger.models import Membership, Role
from ledger.models.recurring import due_exists
from ledger.rules import ROLE_CANNOT_CHANGE
from ledger.services.budgets import create_own_budget
from ledger.services.recurring import post_due

logger = logging.getLogger("budget.recurring")

READ = "read"
WRITE = "write"
MANAGE = "manage"  # members, renaming, deleting, restoring backups

ALLOWED = {
    Role.OWNER: {READ, WRITE, MANAGE},
    Role.EDITOR: {READ, WRITE},
    Role.VIEWER: {READ},
}
SESSION_KEY = "ledger_budget_id"
OWNERS_ONLY = "Only the budget's owners can do this."


class RoleForbidden(PermissionDenied):
    """The member's role does not allow this change (a 403, never a 404: they can see it)."""

    def __init__(self, message: str = ROLE_CANNOT_CHANGE):
        super().__init__(message)
        self.message = message


def memberships(user) -> list:
    """Every budget `user` may read, as their memberships (budget loaded), oldest first;
    `recurring_due` says whether the budget has an auto-posting occurrence due."""
    return list(
        Membership.objects.for_user(user).annotate(recurring_due=due_exists(OuterRef("budget")))
    )


def allows(membership: Membership, need: str) -> bool:
    return need in ALLOWED.get(membership.role, set())


def require(membership: Membership, need: str) -> Membership:
    """`membership` if its role allows `need`, else RoleForbidden."""
    if not allows(membership, need):
        raise RoleForbidden(OWNERS_ONLY if need == MANAGE else ROLE_CANNOT_CHANGE)
    return membership


def membership(user, budget_id, need: str = READ) -> Membership:
    """`user`'s membership of budget `budget_id` allowing `need`.

    Http404 when `user` is not a member (or there is no such budget),
    RoleForbidden when their role does not allow `need`.
    """
    if not isinstance(budget_id, int) or not 1 <= budget_id <= 2**63 - 1:
        raise Http404("No such budget.")
    found = Membership.objects.for_user(user).filter(budget_id=budget_id).first()
    if found is None:
        raise Http404("No such budget.")
    return require(found, need)


def _request_memberships(request) -> list:
    if not hasattr(request, "_ledger_memberships"):
        request._ledger_memberships = memberships(request.user)
    return request._ledger_memberships


def current_membership(request):
    """The membership of the budget this request acts on, or None for a user with no budget.

    The session's budget while the user is still a member of it, else their first budget.
    """
    mine = _request_memberships(request)
    chosen = request.session.get(SESSION_KEY)
    for member in mine:
        if member.budget_id == chosen:
            return member
    return mine[0] if mine else None


def request_member(request, need: str = READ) -> Membership:
    """The membership this request acts as, allowing `need`: the one door for pages and API.

    An API token acts on its own budget; a session on its current budget. A
    signed-in user who belongs to no budget gets their own one first (users made
    by `createsuperuser` or the admin, or who deleted their last budget).
    RoleForbidden when the role does not allow `need`.
    """
    member = getattr(request, "token_member", None) or current_membership(request)
    if member is None:
        create_own_budget(user=request.user)
        request.__dict__.pop("_ledger_memberships", None)
        member = current_membership(request)
    post_due_recurring(request, member)
    return require(member, need)


def post_due_recurring(request, member: Membership) -> None:
    """Post the due occurrences of the budget's auto-posting recurring expenses, once a request.

    The first request of any member (a viewer's or an API token's too: posting is the
    schedule's doing, recorded as by whoever made it) after an occurrence falls due
    records it. Costs no query when nothing is due: the membership (or token) query
    asks with an EXISTS on an index. Posting is idempotent (unique occurrences), so
    two workers racing here record each occurrence once; if the database refuses
    (busy), the page is served anyway and the next request tries again.
    """
    if not getattr(member, "recurring_due", True):
        return
    member.recurring_due = False  # once a request, whatever happens
    try:
        post_due(budget=member.budget)
    except DatabaseError:
        logger.exception("Posting the recurring expenses of budget %s failed", member.budget_id)


def request_budget(request, need: str = READ):
    """The budget this request acts on (see `request_member`)."""
    return request_member(request, need).budget


def switch(request, member: Membership) -> None:
    """Make `member`'s budget the current one for the rest of this session."""
    request.session[SESSION_KEY] = member.budget_id
    request.__dict__.pop("_ledger_memberships", None)


def navigation(request) -> dict:
    """What the navbar's budget switcher shows: my memberships and the current one."""
    if not request.user.is_authenticated:
        return {"memberships": [], "current": None}
    return {"memberships": _request_memberships(request), "current": current_membership(request)}
