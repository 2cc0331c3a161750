"""/api/budgets/: the budgets the caller belongs to, with their role in each."""

from datetime import datetime

from ninja import Router, Schema

from ledger import access
from ledger.api.schemas import ERRORS

router = Router(tags=["budgets"])


class BudgetRead(Schema):
    id: int
    name: str
    role: str
    created: datetime


@router.get(
    "",
    response={200: list[BudgetRead], **ERRORS},
    summary="My budgets",
    description="Every budget the caller is a member of, oldest membership first, with the "
    "caller's role in it: `owner`, `editor` (changes the budget) or `viewer` (reads only).",
)
def list_budgets(request):
    return [
        {
            "id": member.budget_id,
            "name": member.budget.name,
            "role": member.role,
            "created": member.budget.created,
        }
        for member in access.memberships(request.auth)
    ]
