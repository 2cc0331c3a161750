"""/api/expenses/: the caller's expenses, listed one month at a time."""

from django.utils import timezone
from ninja import Query, Router, Status
from ninja.pagination import paginate

from ledger import selectors
from ledger.api.lookup import field_error, get_owned_or_404
from ledger.api.pagination import Pagination
from ledger.api.schemas import (
    BODY_ERRORS,
    ERRORS,
    NOT_FOUND,
    ErrorOut,
    ExpenseCreate,
    ExpenseFilter,
    ExpenseRead,
    ExpenseUpdate,
)
from ledger.models import Category, Expense
from ledger.months import month_of
from ledger.transfer.csv_export import expense_csv_response, parse_export_period

router = Router(tags=["expenses"])


def _active_category(user, category_id: int) -> Category:
    """The user's active category `category_id`; anything else is a 422 on `category_id`."""
    category = Category.objects.for_user(user).active().filter(pk=category_id).first()
    if category is None:
        raise field_error(
            "category_id", "Choose one of your active categories.", "unknown_category"
        )
    return category


def _owned_expense(user, expense_id: int) -> Expense:
    return get_owned_or_404(Expense.objects.for_user(user).select_related("category"), expense_id)


@router.get(
    "",
    response={200: list[ExpenseRead], **ERRORS},
    summary="List a month's expenses",
    description="Your expenses dated in `month` (YYYY-MM, default: the current month), newest "
    "first, optionally of one category.",
)
@paginate(Pagination)
def list_expenses(request, filters: Query[ExpenseFilter]):
    month = filters.month or month_of(timezone.localdate())
    return selectors.month_expenses(request.auth, month, category_id=filters.category)


@router.get(
    "export.csv",
    response={200: None, 400: ErrorOut, **NOT_FOUND, **ERRORS},
    summary="Export expenses as CSV",
    description="Streams `date,category,amount,description` (oldest first) for exactly one of "
    "`month=YYYY-MM`, `year=YYYY` or `all=true`, optionally of one `category`. Cells that a "
    "spreadsheet would run as a formula get a leading `'`.",
    openapi_extra={
        "responses": {
            200: {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}
        }
    },
)
def export_expenses_csv(
    request,
    month: str | None = None,
    year: str | None = None,
    all: bool = False,  # noqa: A002 - the public query parameter's name
    category: int | None = None,
):
    try:
        period = parse_export_period(month=month, year=year, everything=all)
    except ValueError as error:
        return Status(400, {"detail": str(error)})
    if category is not None:
        category = get_owned_or_404(Category.objects.for_user(request.auth), category).pk
    return expense_csv_response(request.auth, period, category)


@router.post(
    "",
    response={201: ExpenseRead, **BODY_ERRORS},
    summary="Record an expense",
    description="An amount more than 0, spent on `date` in one of your active categories "
    "(an unknown, archived or someone else's `category_id` is a 422).",
)
def create_expense(request, payload: ExpenseCreate):
    category = _active_category(request.auth, payload.category_id)
    expense = Expense.objects.create(
        owner=request.auth,
        category=category,
        amount=payload.amount,
        date=payload.date,
        description=payload.description,
    )
    return Status(201, expense)


@router.get(
    "{int:expense_id}",
    response={200: ExpenseRead, **NOT_FOUND, **ERRORS},
    summary="Get an expense",
    description="One of your expenses; anyone else's is a 404.",
)
def get_expense(request, expense_id: int):
    return _owned_expense(request.auth, expense_id)


def _update(request, expense_id: int, changes: dict) -> Expense:
    expense = _owned_expense(request.auth, expense_id)
    category_id = changes.pop("category_id", expense.category_id)
    if category_id != expense.category_id:
        # Staying in an archived category is fine; moving into one is not.
        expense.category = _active_category(request.auth, category_id)
    for field, value in changes.items():
        setattr(expense, field, value)
    expense.save()
    return expense


@router.put(
    "{int:expense_id}",
    response={200: ExpenseRead, **NOT_FOUND, **BODY_ERRORS},
    summary="Replace an expense",
    description="Set every field of an expense, as when recording it.",
)
def replace_expense(request, expense_id: int, payload: ExpenseCreate):
    return _update(request, expense_id, payload.dict())


@router.patch(
    "{int:expense_id}",
    response={200: ExpenseRead, **NOT_FOUND, **BODY_ERRORS},
    summary="Change an expense",
    description="Change any of category_id, amount, date and description; fields left out keep "
    "their value.",
)
def update_expense(request, expense_id: int, payload: ExpenseUpdate):
    return _update(request, expense_id, payload.dict(exclude_unset=True))


@router.delete(
    "{int:expense_id}",
    response={204: None, **NOT_FOUND, **ERRORS},
    summary="Delete an expense",
    description="Delete one of your expenses.",
)
def delete_expense(request, expense_id: int):
    _owned_expense(request.auth, expense_id).delete()
    return Status(204, None)
