"""The reports (issue 18): the budget, or one category, over a range of months."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ledger import access
from ledger.models import Category
from ledger.months import current_month
from ledger.selectors.reports import RangeError, budget_report, report_range
from ledger.transfer.report_csv import CATEGORY_TABLES, TABLES, report_csv_response

TEMPLATE = "ledger/reports.html"


def chart_data(report) -> dict:
    """What the charts draw, as decimal strings (the tables under them hold the same figures)."""
    single = len(report.categories) == 1
    return {
        "currency": settings.BUDGET_CURRENCY,
        "months": [f"{month:%b %Y}" for month in report.months],
        "categories": [
            {
                "name": c.name,
                "spent": [str(v) for v in c.spent],
                # Per month only on a category's own report, the one chart that draws it.
                "allotted": [str(v) for v in c.allotted] if single else [],
                "total_spent": str(c.total_spent),
                "total_allotted": str(c.total_allotted),
            }
            for c in report.categories
        ],
        "income": [str(v) for v in report.income],
        "spent": [str(v) for v in report.spent],
        "savings": [str(v) for v in report.savings],
    }


def _show(request, budget, category=None):
    tables = TABLES if category is None else CATEGORY_TABLES
    context = {"category": category, "tables": tables}
    try:
        first, last = report_range(
            budget.month_start_day,
            start=request.GET.get("from"),
            end=request.GET.get("to"),
            year=request.GET.get("year"),
        )
    except RangeError as error:
        return render(request, TEMPLATE, {**context, "error": str(error)}, status=400)
    report = budget_report(budget, first, last, category=category)
    wanted = request.GET.get("format")
    if wanted is not None:
        table = request.GET.get("table", "")
        if wanted != "csv" or table not in tables:
            message = f"Download a table with format=csv&table= one of {', '.join(tables)}."
            return render(request, TEMPLATE, {**context, "error": message}, status=400)
        name = "report" if category is None else f"report-category-{category.pk}"
        return report_csv_response(report, table, name)
    this_month = current_month(budget.month_start_day)
    return render(
        request,
        TEMPLATE,
        {
            **context,
            "report": report,
            "start_day": budget.month_start_day,
            "chart": chart_data(report),
            "this_year": this_month.year,
            "query": _query(request, first, last),
            "month_rows": _month_rows(report) if category is not None else [],
        },
    )


def _month_rows(report):
    """(month, allotted, spent, allotted - spent, over) of the one category in `report`."""
    [trend] = report.categories
    return [
        (month, allotted, spent, allotted - spent, over)
        for month, allotted, spent, over in zip(
            report.months, trend.allotted, trend.spent, trend.over, strict=True
        )
    ]


def _query(request, first, last) -> str:
    """The range as a query string, for the CSV links."""
    if request.GET.get("year"):
        return f"year={request.GET['year']}"
    return f"from={first:%Y-%m}&to={last:%Y-%m}"


@require_safe
def reports(request):
    """`/reports/?from=YYYY-MM&to=YYYY-MM` (or `?year=YYYY`): the whole budget."""
    return _show(request, access.request_budget(request))


@require_safe
def category_report(request, pk):
    """`/reports/category/<id>/`: one of the budget's categories (another budget's is a 404)."""
    budget = access.request_budget(request)
    return _show(request, budget, get_object_or_404(Category.objects.for_budget(budget), pk=pk))
