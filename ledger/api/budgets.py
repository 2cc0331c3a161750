"""/api/budgets/: the budgets the caller belongs to, with their role in each; an owner sets
the day its months start on."""

from django.http import Http404
from ninja import Router

from ledger import access, services
from ledger.api.fields import ObjectId
from ledger.api.lookup import field_error
from ledger.api.schemas.budgets import BudgetChange, BudgetRead
from ledger.api.schemas.errors import BODY_ERRORS, ERRORS, NOT_FOUND, ErrorOut
from ledger.services import budgets as budget_services

router = Router(tags=["budgets"])


def _read(member) -> dict:
    return {
        "id": member.budget_id,
        "name": member.budget.name,
        "role": member.role,
        "created": member.budget.created,
        "month_start_day": member.budget.month_start_day,
    }


@router.get(
    "",
    response={200: list[BudgetRead], **ERRORS},
    summary="My budgets",
    description="Every budget the caller is a member of (with a token: the token's budget "
    "only), oldest membership first, with the "
    "caller's role in it: `owner`, `editor` (changes the budget) or `viewer` (reads only), "
    "and the day its months start on.",
)
def list_budgets(request):
    token_member = getattr(request, "token_member", None)
    members = access.memberships(request.auth)
    if token_member is not None:  # a token reaches its own budget only
        return [_read(member) for member in members if member.budget_id == token_member.budget_id]
    return [_read(member) for member in members]


def _owned_member(request, budget_id: int):
    """The caller's membership of `budget_id` as an owner: another budget is a 404 (a token
    reaches only its own budget), a member who is not an owner a 403."""
    token_member = getattr(request, "token_member", None)
    if token_member is not None and token_member.budget_id != budget_id:
        raise Http404("No such budget.")
    return access.membership(request.auth, budget_id, access.MANAGE)


@router.patch(
    "{int:budget_id}",
    response={200: BudgetRead, 403: ErrorOut, **NOT_FOUND, **BODY_ERRORS},
    summary="Change a budget's settings",
    description="Owners only. `name` renames it; `month_start_day` (1-28) makes every month start on that day; "
    "the monthly totals are rebuilt at once, while incomes, allotments and rollovers keep "
    "their months.",
)
def partial_update_budget(request, budget_id: ObjectId, payload: BudgetChange):
    member = _owned_member(request, budget_id)
    changes = payload.dict(exclude_unset=True)
    if changes.get("name") is not None:
        try:
            budget_services.rename_budget(
                budget=member.budget, name=changes["name"], user=request.auth
            )
        except budget_services.DuplicateBudgetName as error:
            raise field_error("name", str(error)) from None
    if changes.get("month_start_day") is not None:
        services.change_month_start_day(budget=member.budget, day=changes["month_start_day"])
    return _read(member)
