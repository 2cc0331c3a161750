"""/api/allotments/: what each category is given in one month (issue 15).

No allotment means "the monthly limit"; setting one gives the category that
amount for the month instead, clearing it goes back to the limit.
"""

from ninja import Router, Status

from ledger import access, selectors, services
from ledger.api.fields import Month, WritableMonth
from ledger.api.lookup import get_owned_or_404
from ledger.api.schemas.allotments import AllotmentRead, AllotmentSet
from ledger.api.schemas.errors import BODY_ERRORS, ERRORS, NOT_FOUND, ErrorOut
from ledger.models import Category

router = Router(tags=["allotments"])


def _allotment(category: Category, amount) -> dict:
    return {
        "category_id": category.pk,
        "allotted": category.limit if amount is None else amount,
        "is_set": amount is not None,
    }


@router.get(
    "{month}",
    response={200: list[AllotmentRead], **ERRORS},
    summary="List a month's allotments",
    description="Per active category, by name: what it is given in `month` (YYYY-MM), and "
    "whether that is an allotment set for the month (`is_set`) or its monthly limit.",
)
def list_allotments(request, month: Month):
    budget = access.request_budget(request)
    return [
        _allotment(category, amount)
        for category, amount in selectors.month_allotments(budget, month)
    ]


@router.put(
    "{month}/{int:category_id}",
    response={200: AllotmentRead, 409: ErrorOut, **NOT_FOUND, **BODY_ERRORS},
    summary="Set a category's allotment",
    description="Give one of your active categories `amount` (0 or more) in `month` instead of "
    "its monthly limit. Someone else's category is a 404, an archived one a 409.",
)
def set_allotment(request, month: WritableMonth, category_id: int, payload: AllotmentSet):
    budget = access.request_budget(request, access.WRITE)
    category = get_owned_or_404(Category.objects.for_budget(budget), category_id)
    allotment = services.set_allotment(
        budget=budget, category=category, month=month, amount=payload.amount
    )  # an archived category (CategoryNotAllowed) is a 409
    return _allotment(category, allotment.amount)


@router.delete(
    "{month}/{int:category_id}",
    response={204: None, **NOT_FOUND, **ERRORS},
    summary="Clear a category's allotment",
    description="Back to the monthly limit in `month`; nothing to clear is fine too.",
)
def clear_allotment(request, month: Month, category_id: int):
    budget = access.request_budget(request, access.WRITE)
    category = get_owned_or_404(Category.objects.for_budget(budget), category_id)
    services.clear_allotment(budget=budget, category=category, month=month)
    return Status(204, None)
