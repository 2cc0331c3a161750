"""/api/categories/: the caller's categories and their monthly limits."""

from ninja import Router, Status
from ninja.pagination import paginate

from ledger import access, services
from ledger.api.lookup import field_error, get_owned_or_404
from ledger.api.pagination import Pagination
from ledger.api.schemas.categories import CategoryCreate, CategoryRead, CategoryUpdate
from ledger.api.schemas.errors import BODY_ERRORS, CONFLICT, ERRORS, NOT_FOUND
from ledger.models import Category, Rollover

router = Router(tags=["categories"])
ROLLOVER_FROM_NEEDS_ROLLOVER = "A rollover month needs a rollover other than none."


def _check_rollover(rollover: str, rollover_from) -> None:
    """A month to roll over from is a 422 on `rollover_from` when nothing rolls over."""
    if rollover == Rollover.NONE and rollover_from is not None:
        raise field_error("rollover_from", ROLLOVER_FROM_NEEDS_ROLLOVER)


@router.get(
    "",
    response={200: list[CategoryRead], **ERRORS},
    summary="List categories",
    description="Your categories, active and archived, by name. `archived=false` leaves out archived ones.",
)
@paginate(Pagination)
def list_categories(request, archived: bool | None = None):
    categories = Category.objects.for_budget(access.request_budget(request))
    if archived is not None:
        categories = categories.filter(is_archived=archived)
    return categories


@router.post(
    "",
    response={201: CategoryRead, **CONFLICT, **BODY_ERRORS},
    summary="Create a category",
    description="A category with a name (unique among yours, ignoring case), a monthly limit "
    "of 0 or more and optionally a rollover (default `none`).",
)
def create_category(request, payload: CategoryCreate):
    budget = access.request_budget(request, access.WRITE)
    _check_rollover(payload.rollover, payload.rollover_from)
    category = services.create_category(
        budget=budget,
        name=payload.name,
        limit=payload.limit,
        rollover=payload.rollover,
        rollover_from=payload.rollover_from,
    )
    return Status(201, category)  # a name already used (in any case) is a 409


@router.get(
    "{int:category_id}",
    response={200: CategoryRead, **NOT_FOUND, **ERRORS},
    summary="Get a category",
    description="One of your categories; anyone else's is a 404.",
)
def get_category(request, category_id: int):
    return get_owned_or_404(
        Category.objects.for_budget(access.request_budget(request)), category_id
    )


# PUT and PATCH take the same fields; each has its own operation id, so a generated client
# gets both.
_CHANGE_CATEGORY = {
    "response": {200: CategoryRead, **NOT_FOUND, **CONFLICT, **BODY_ERRORS},
    "summary": "Change a category",
    "description": "Change any of name, limit, is_archived, rollover and rollover_from; fields "
    "left out keep their value. Archived categories take no new expenses but stay in past "
    "summaries. Switching rollover to `none` forgets its month.",
}


@router.patch("{int:category_id}", operation_id="partial_update_category", **_CHANGE_CATEGORY)
@router.put("{int:category_id}", operation_id="update_category", **_CHANGE_CATEGORY)
def update_category(request, category_id: int, payload: CategoryUpdate):
    category = get_owned_or_404(
        Category.objects.for_budget(access.request_budget(request, access.WRITE)), category_id
    )
    # The fields sent, as values (dict() would write the month back as text).
    changes = {field: getattr(payload, field) for field in payload.model_fields_set}
    if changes.get("rollover_from", "") is None:
        del changes["rollover_from"]  # null: kept (or this month when switched on)
    _check_rollover(changes.get("rollover", category.rollover), changes.get("rollover_from"))
    return services.change_category(category=category, **changes)


@router.delete(
    "{int:category_id}",
    response={204: None, **NOT_FOUND, **CONFLICT, **ERRORS},
    summary="Delete a category",
    description="Deletes a category that holds no expenses. One with expenses is refused with "
    "409 and kept: archive it or move its expenses first.",
)
def delete_category(request, category_id: int):
    category = get_owned_or_404(
        Category.objects.for_budget(access.request_budget(request, access.WRITE)), category_id
    )
    services.delete_category(category=category)  # CategoryInUse answers 409
    return Status(204, None)
