"""/api/reports/: the budget over a range of months, computed like the reports page."""

from ninja import Query, Router, Status

from ledger import access
from ledger.api.schemas.errors import ERRORS
from ledger.api.schemas.reports import TrendsQuery, TrendsRead
from ledger.selectors.reports import MAX_MONTHS, RangeError, budget_report, report_range

router = Router(tags=["reports"])


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
