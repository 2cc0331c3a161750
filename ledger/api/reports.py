"""/api/reports/: the budget over a range of months, computed like the reports page."""

from ninja import Field, Query, Router, Schema, Status

from ledger import access
from ledger.api.schemas import ERRORS, MONTH_PATTERN, MoneyText, Month
from ledger.selectors.reports import MAX_MONTHS, RangeError, budget_report, report_range

router = Router(tags=["reports"])
YEAR_PATTERN = r"^\d{4}$"


class TrendsQuery(Schema):
    start: str | None = Field(
        None,
        alias="from",
        pattern=MONTH_PATTERN,
        description="The first month (YYYY-MM); default 11 months before `to`.",
        examples=["2026-01"],
    )
    to: str | None = Field(
        None,
        pattern=MONTH_PATTERN,
        description="The last month (YYYY-MM); default this budget month.",
        examples=["2026-12"],
    )
    year: str | None = Field(
        None,
        pattern=YEAR_PATTERN,
        description="Instead of from/to: the twelve budget months named this year.",
        examples=["2026"],
    )


class TrendCategory(Schema):
    id: int = Field(..., examples=[7])
    name: str = Field(..., examples=["Groceries"])
    is_archived: bool = Field(..., examples=[False])
    spent: list[MoneyText]
    allotted: list[MoneyText]
    average: MoneyText = Field(..., description="The monthly average of spending over the range.")
    months_over: int = Field(..., description="In how many months the category went over.")


class TrendsRead(Schema):
    months: list[Month]
    income: list[MoneyText]
    spent: list[MoneyText]
    categories: list[TrendCategory]


@router.get(
    "trends",
    response={200: TrendsRead, **ERRORS},
    summary="Income and spending over months",
    description="One entry per month from `from` to `to` (at most "
    f"{MAX_MONTHS} months; zeros for empty months): the income, the total spent and, per "
    "category, spent and allotted, with its monthly average. The same numbers as the reports "
    "page and, month by month, as the summary. 422 for a malformed month, `from` after `to` "
    "or too many months.",
)
def report_trends(request, query: Query[TrendsQuery]):
    budget = access.request_budget(request)
    try:
        first, last = report_range(
            budget.month_start_day, start=query.start, end=query.to, year=query.year
        )
    except RangeError as error:
        return Status(422, {"detail": str(error)})
    report = budget_report(budget, first, last)
    return {
        "months": report.months,
        "income": report.income,
        "spent": report.spent,
        "categories": [
            {
                "id": trend.id,
                "name": trend.name,
                "is_archived": trend.is_archived,
                "spent": trend.spent,
                "allotted": trend.allotted,
                "average": trend.average,
                "months_over": trend.months_over,
            }
            for trend in report.categories
        ],
    }
