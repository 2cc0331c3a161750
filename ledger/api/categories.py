"""/api/categories/: the caller's categories and their monthly limits."""

from ninja import Router, Status
from ninja.pagination import paginate

from ledger import services
from ledger.api.lookup import get_owned_or_404
from ledger.api.pagination import Pagination
from ledger.api.schemas import (
    BODY_ERRORS,
    CONFLICT,
    ERRORS,
    NOT_FOUND,
    CategoryCreate,
    CategoryRead,
    CategoryUpdate,
)
from ledger.models import Category

router = Router(tags=["categories"])


@router.get(
    "",
    response={200: list[CategoryRead], **ERRORS},
    summary="List categories",
    description="Your categories, active and archived, by name. `archived=false` leaves out archived ones.",
)
@paginate(Pagination)
def list_categories(request, archived: bool | None = None):
    categories = Category.objects.for_user(request.auth)
    if archived is not None:
        categories = categories.filter(is_archived=archived)
    return categories


@router.post(
    "",
    response={201: CategoryRead, **CONFLICT, **BODY_ERRORS},
    summary="Create a category",
    description="A category with a name (unique among yours, ignoring case) and a monthly limit of 0 or more.",
)
def create_category(request, payload: CategoryCreate):
    category = services.create_category(owner=request.auth, name=payload.name, limit=payload.limit)
    return Status(201, category)  # a name already used (in any case) is a 409


@router.get(
    "{int:category_id}",
    response={200: CategoryRead, **NOT_FOUND, **ERRORS},
    summary="Get a category",
    description="One of your categories; anyone else's is a 404.",
)
def get_category(request, category_id: int):
    return get_owned_or_404(Category.objects.for_user(request.auth), category_id)


# PUT and PATCH take the same fields; each has its own operation id, so a generated client
# gets both.
_CHANGE_CATEGORY = {
    "response": {200: CategoryRead, **NOT_FOUND, **CONFLICT, **BODY_ERRORS},
    "summary": "Change a category",
    "description": "Change any of name, limit and is_archived; fields left out keep their "
    "value. Archived categories take no new expenses but stay in past summaries.",
}


@router.patch("{int:category_id}", operation_id="partial_update_category", **_CHANGE_CATEGORY)
@router.put("{int:category_id}", operation_id="update_category", **_CHANGE_CATEGORY)
def update_category(request, category_id: int, payload: CategoryUpdate):
    category = get_owned_or_404(Category.objects.for_user(request.auth), category_id)
    return services.change_category(category=category, **payload.dict(exclude_unset=True))


@router.delete(
    "{int:category_id}",
    response={204: None, **NOT_FOUND, **CONFLICT, **ERRORS},
    summary="Delete a category",
    description="Deletes a category that holds no expenses. One with expenses is refused with "
    "409 and kept: archive it or move its expenses first.",
)
def delete_category(request, category_id: int):
    category = get_owned_or_404(Category.objects.for_user(request.auth), category_id)
    services.delete_category(category=category)  # CategoryInUse answers 409
    return Status(204, None)
