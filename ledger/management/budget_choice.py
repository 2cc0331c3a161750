"""The user and budget a management command acts on: `USER [--budget ID]`."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.http import Http404

from ledger import access
from ledger.services.budgets import own_budget


def add_budget_argument(parser) -> None:
    parser.add_argument(
        "--budget", type=int, help="id of one of the user's budgets (default: their first)"
    )


def member_for(username: str, budget_id: int | None, need: str = access.READ):
    """The membership of `username` in budget `budget_id` (or their first budget, made
    for them when they have none).

    CommandError when there is no such user, they are not a member, or their role
    does not allow `need`.
    """
    User = get_user_model()
    try:
        user = User.objects.get_by_natural_key(username)
    except User.DoesNotExist:
        raise CommandError(f"No user named {username!r}.") from None
    try:
        if budget_id is not None:
            return access.membership(user, budget_id, need)
        mine = access.memberships(user)
        if not mine:  # like a first visit to the pages: the user's own budget
            own_budget(user=user)
            mine = access.memberships(user)
        return access.require(mine[0], need)
    except Http404:
        raise CommandError(f"{username} is not a member of budget {budget_id}.") from None
    except access.RoleForbidden as error:
        raise CommandError(error.message) from None
