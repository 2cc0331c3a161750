"""Who may read or change which budget: the one door for every request.

A request acts on one budget: the session's current budget on the web pages
(switched with `POST /budgets/<id>/switch/`, the user's first budget by
default). Someone who is not a member of a budget gets a 404 for it, exactly
like a budget that does not exist; a member whose role does not allow a change
gets `RoleForbidden` (a 403 page, or JSON `{"detail": ...}` from the API).

Resolving who acts on which budget only reads: it posts nothing and changes no
row, whoever asks (a viewer, a token) and with whatever method. Due recurring
expenses are posted by `ledger.due_posting` once the request's member is known,
before the view runs. The one write left here is first-use set-up: a signed-in
user who belongs to no budget at all gets their own when a page needs one.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ledger.models import Membership, Role
from ledger.rules import ROLE_CANNOT_CHANGE
from ledger.services.budgets import create_own_budget

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
    """Every budget `user` may read, as their memberships (budget loaded, with its
    `next_due`), oldest first."""
    return list(Membership.objects.for_user(user))


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


def forget_memberships(request) -> None:
    """Read the request's memberships again on the next call (after they changed)."""
    request.__dict__.pop("_ledger_memberships", None)


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
    by `createsuperuser` or the admin, or who left their last budget): it is new,
    so nothing in it is due. RoleForbidden when the role does not allow `need`.
    """
    member = getattr(request, "token_member", None) or current_membership(request)
    if member is None:
        create_own_budget(user=request.user)
        forget_memberships(request)
        member = current_membership(request)
    return require(member, need)


def request_budget(request, need: str = READ):
    """The budget this request acts on (see `request_member`)."""
    return request_member(request, need).budget


def switch(request, member: Membership) -> None:
    """Make `member`'s budget the current one for the rest of this session."""
    request.session[SESSION_KEY] = member.budget_id
    forget_memberships(request)


def navigation(request) -> dict:
    """What the navbar's budget switcher shows: my memberships and the current one."""
    if not request.user.is_authenticated:
        return {"memberships": [], "current": None}
    return {"memberships": _request_memberships(request), "current": current_membership(request)}
