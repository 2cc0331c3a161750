"""/api/expenses/: the caller's expenses, listed one month at a time."""

from ninja import Query, Router, Status
from ninja.pagination import paginate

from ledger import access, selectors, services
from ledger.api.lookup import field_error, get_owned_or_404
from ledger.api.pagination import Pagination
from ledger.api.schemas.errors import BODY_ERRORS, ERRORS, NOT_FOUND, ErrorOut
from ledger.api.schemas.expenses import ExpenseCreate, ExpenseFilter, ExpenseRead, ExpenseUpdate
from ledger.models import Category, Expense
from ledger.months import current_month
from ledger.rules import CHOOSE_ACTIVE_CATEGORY
from ledger.transfer.csv_export import expense_csv_response, parse_export_period

router = Router(tags=["expenses"])


def _category(budget, category_id: int) -> Category:
    """The budget's category `category_id`; anything else is a 422 on `category_id`."""
    category = Category.objects.for_budget(budget).filter(pk=category_id).first()
    if category is None:
        raise _category_error()
    return category


def _category_error(message: str = CHOOSE_ACTIVE_CATEGORY):
    return field_error("category_id", message, "unknown_category")


def _owned_expense(budget, expense_id: int) -> Expense:
    expenses = Expense.objects.for_budget(budget).select_related("category", "created_by")
    return get_owned_or_404(expenses, expense_id)


@router.get(
    "",
    response={200: list[ExpenseRead], **ERRORS},
    summary="List a month's expenses",
    description="Your expenses dated in `month` (YYYY-MM, default: the current month; its dates "
    "follow the budget's `month_start_day`), newest first, optionally of one category.",
)
@paginate(Pagination)
def list_expenses(request, filters: Query[ExpenseFilter]):
    budget = access.request_budget(request)
    month = filters.month or current_month(budget.month_start_day)
    return selectors.month_expenses(budget, month, category_id=filters.category).select_related(
        "created_by"
    )


@router.get(
    "export.csv",
    response={200: None, 400: ErrorOut, **NOT_FOUND, **ERRORS},
    summary="Export expenses as CSV",
    description="Streams `date,category,amount,description` (oldest first) for exactly one of "
    "`month=YYYY-MM`, `year=YYYY` (the twelve budget months named that year) or `all=true`, "
    "optionally of one `category`. Cells that a spreadsheet would run as a formula get a "
    "leading `'`.",
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
        budget = access.request_budget(request)
        period = parse_export_period(
            month=month, year=year, everything=all, start_day=budget.month_start_day
        )
    except ValueError as error:
        return Status(400, {"detail": str(error)})
    if category is not None:
        category = get_owned_or_404(Category.objects.for_budget(budget), category).pk
    return expense_csv_response(budget, period, category)


@router.post(
    "",
    response={201: ExpenseRead, **BODY_ERRORS},
    summary="Record an expense",
    description="An amount more than 0, spent on `date` in one of your active categories "
    "(an unknown, archived or someone else's `category_id` is a 422).",
)
def create_expense(request, payload: ExpenseCreate):
    budget = access.request_budget(request, access.WRITE)
    fields = payload.dict()
    category = _category(budget, fields.pop("category_id"))
    try:
        expense = services.record_expense(
            budget=budget, created_by=request.auth, category=category, **fields
        )
    except services.CategoryNotAllowed as error:  # archived
        raise _category_error(str(error)) from None
    return Status(201, expense)


@router.get(
    "{int:expense_id}",
    response={200: ExpenseRead, **NOT_FOUND, **ERRORS},
    summary="Get an expense",
    description="One of your expenses; anyone else's is a 404.",
)
def get_expense(request, expense_id: int):
    return _owned_expense(access.request_budget(request), expense_id)


def _update(request, expense_id: int, changes: dict) -> Expense:
    budget = access.request_budget(request, access.WRITE)
    expense = _owned_expense(budget, expense_id)
    category_id = changes.pop("category_id", expense.category_id)
    if category_id != expense.category_id:
        # Staying in an archived category is fine; moving into one is not (the service says).
        changes["category"] = _category(budget, category_id)
    try:
        return services.change_expense(expense=expense, **changes)
    except services.CategoryNotAllowed as error:
        raise _category_error(str(error)) from None


@router.put(
    "{int:expense_id}",
    response={200: ExpenseRead, **NOT_FOUND, **BODY_ERRORS},
    summary="Replace an expense",
    description="Set every field of an expense, as when recording it.",
)
def update_expense(request, expense_id: int, payload: ExpenseCreate):
    return _update(request, expense_id, payload.dict())


@router.patch(
    "{int:expense_id}",
    response={200: ExpenseRead, **NOT_FOUND, **BODY_ERRORS},
    summary="Change an expense",
    description="Change any of category_id, amount, date and description; fields left out keep "
    "their value.",
)
def partial_update_expense(request, expense_id: int, payload: ExpenseUpdate):
    return _update(request, expense_id, payload.dict(exclude_unset=True))


@router.delete(
    "{int:expense_id}",
    response={204: None, **NOT_FOUND, **ERRORS},
    summary="Delete an expense",
    description="Delete one of your expenses.",
)
def delete_expense(request, expense_id: int):
    services.remove_expense(
        expense=_owned_expense(access.request_budget(request, access.WRITE), expense_id)
    )
    return Status(204, None)
