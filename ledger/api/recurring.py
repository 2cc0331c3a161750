"""/api/recurring/: the budget's recurring expenses, and the occurrences to come."""

from ninja import Query, Router, Status
from ninja.errors import ValidationError
from ninja.pagination import paginate

from ledger import access, selectors, services
from ledger.api.lookup import get_owned_or_404
from ledger.api.pagination import Pagination
from ledger.api.schemas.errors import BODY_ERRORS, ERRORS, NOT_FOUND
from ledger.api.schemas.recurring import (
    RecurringCreate,
    RecurringRead,
    RecurringUpdate,
    RecurringWrite,
    UpcomingFilter,
    UpcomingRead,
)
from ledger.models import Category, RecurringExpense
from ledger.rules import CHOOSE_ACTIVE_CATEGORY

router = Router(tags=["recurring"])


def _schedule_error(errors: dict[str, str]) -> ValidationError:
    """A 422 naming each body field, in the shape of ninja's own validation errors."""
    return ValidationError(
        [
            {
                "type": "value_error",
                "loc": ["body", "payload", "category_id" if field == "category" else field],
                "msg": message,
            }
            for field, message in errors.items()
        ]
    )


def _fields(budget, payload: dict) -> dict:
    """The payload as the services take it: `category_id` becomes the budget's category."""
    if "category_id" in payload:
        category_id = payload.pop("category_id")
        category = Category.objects.for_budget(budget).filter(pk=category_id).first()
        if category is None:
            raise _schedule_error({"category": CHOOSE_ACTIVE_CATEGORY})
        payload["category"] = category
    return payload


def _owned(budget, recurring_id: int) -> RecurringExpense:
    return get_owned_or_404(
        RecurringExpense.objects.for_budget(budget).select_related("category"), recurring_id
    )


@router.get(
    "",
    response={200: list[RecurringRead], **ERRORS},
    summary="List recurring expenses",
    description="Your recurring expenses, the next due first (ended ones last).",
)
@paginate(Pagination)
def list_recurring(request):
    return selectors.recurring.schedules(access.request_budget(request))


@router.post(
    "",
    response={201: RecurringRead, **BODY_ERRORS},
    summary="Create a recurring expense",
    description="A schedule: weekly (on the start's weekday), monthly (on `day_of_month`, the "
    "start's day, or `last_day`) or yearly, every `interval`, from `start`, until `end` or "
    "for `count` times. Occurrences from today on are pending; `record_past` records that "
    "many earlier ones now. A bad schedule is a 422 naming the field; nothing is stored.",
)
def create_recurring(request, payload: RecurringCreate):
    budget = access.request_budget(request, access.WRITE)
    fields = _fields(budget, payload.dict())
    try:
        recurring = services.create_recurring_expense(
            budget=budget, created_by=request.auth, **fields
        )
    except services.InvalidSchedule as error:
        raise _schedule_error(error.errors) from None
    return Status(201, recurring)


@router.get(
    "upcoming",
    response={200: list[UpcomingRead], **ERRORS},
    summary="List upcoming occurrences",
    description="The occurrences not yet recorded or skipped, due ones first, up to `days` "
    "days ahead (1 to 366, today included).",
)
def upcoming_recurring(request, filters: Query[UpcomingFilter]):
    occurrences = selectors.recurring.upcoming(access.request_budget(request), filters.days)
    return [
        {
            "recurring_id": o.recurring.pk,
            "date": o.date,
            "amount": o.amount,
            "category_id": o.recurring.category_id,
        }
        for o in occurrences
    ]


@router.get(
    "{int:recurring_id}",
    response={200: RecurringRead, **NOT_FOUND, **ERRORS},
    summary="Get a recurring expense",
    description="One of your recurring expenses; anyone else's is a 404.",
)
def get_recurring(request, recurring_id: int):
    return _owned(access.request_budget(request), recurring_id)


def _change(request, recurring_id: int, changes: dict) -> RecurringExpense:
    budget = access.request_budget(request, access.WRITE)
    recurring = _owned(budget, recurring_id)
    try:
        return services.change_recurring_expense(recurring=recurring, **_fields(budget, changes))
    except services.InvalidSchedule as error:
        raise _schedule_error(error.errors) from None


@router.put(
    "{int:recurring_id}",
    response={200: RecurringRead, **NOT_FOUND, **BODY_ERRORS},
    summary="Replace a recurring expense",
    description="Set every field, as when creating it. Changes apply to the occurrences not "
    "yet recorded or skipped; recorded expenses stay as they are.",
)
def update_recurring(request, recurring_id: int, payload: RecurringWrite):
    return _change(request, recurring_id, payload.dict())


@router.patch(
    "{int:recurring_id}",
    response={200: RecurringRead, **NOT_FOUND, **BODY_ERRORS},
    summary="Change a recurring expense",
    description="Change any of the fields; those left out keep their value.",
)
def partial_update_recurring(request, recurring_id: int, payload: RecurringUpdate):
    return _change(request, recurring_id, payload.dict(exclude_unset=True))


@router.delete(
    "{int:recurring_id}",
    response={204: None, **NOT_FOUND, **ERRORS},
    summary="Delete a recurring expense",
    description="It records nothing more; the expenses it recorded stay.",
)
def delete_recurring(request, recurring_id: int):
    recurring = _owned(access.request_budget(request, access.WRITE), recurring_id)
    services.delete_recurring_expense(recurring=recurring)
    return Status(204, None)
