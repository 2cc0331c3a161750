"""/api/summary/: a month's allotted, spent and left, computed like the summary page."""

from ninja import Router

from ledger import access, selectors
from ledger.api.fields import Month
from ledger.api.schemas.errors import ERRORS
from ledger.api.schemas.summary import SummaryRead

router = Router(tags=["summary"])


@router.get(
    "{month}",
    response={200: SummaryRead, **ERRORS},
    summary="A month's summary",
    description="Per category and in total: limit, spent, balance and percent used in `month` "
    "(YYYY-MM), with the month's income, what remains of it after spending and what is not "
    "yet allotted. Active categories, plus archived ones with spending in the month. "
    "The same numbers as the summary page. A month's dates follow the budget's "
    "`month_start_day` (`GET /api/budgets/`): with 25, `2026-03` runs from 2026-02-25 to "
    "2026-03-24.",
)
def get_summary(request, month: Month):
    return selectors.monthly_summary(access.request_budget(request), month)
