"""A report's tables as CSV (issue 18): the figures under each chart, cells neutralised.

Each table is a header and rows of strings; money has two places, names that
could start a formula get a leading `'` (as the expense export does).
"""

import csv
import io

from django.http import HttpResponse

from ledger.months import format_month
from ledger.transfer.csv_export import neutralise

# The whole budget's report has these tables; a category's has `months` instead of `income`.
TABLES = ("spending", "income", "budget")
CATEGORY_TABLES = ("spending", "months", "budget")


def _money(value) -> str:
    return f"{value:.2f}"


def spending_table(report) -> list[list[str]]:
    """Category by month, with each row's total and monthly average, and a total row."""
    header = ["category", *map(format_month, report.months), "total", "average"]
    rows = [
        [neutralise(c.name), *map(_money, c.spent), _money(c.total_spent), _money(c.average)]
        for c in report.categories
    ]
    total = ["Total", *map(_money, report.spent), _money(report.total_spent)]
    return [header, *rows, [*total, _money(report.average_spent)]]


def income_table(report) -> list[list[str]]:
    """Per month: income, spent, saved (income - spent) and the running total of savings."""
    rows = [
        [format_month(month), _money(income), _money(spent), _money(saved), _money(savings)]
        for month, income, spent, saved, savings in zip(
            report.months, report.income, report.spent, report.saved, report.savings, strict=True
        )
    ]
    total = ["Total", _money(report.total_income), _money(report.total_spent)]
    return [
        ["month", "income", "spent", "saved", "savings"],
        *rows,
        [*total, _money(report.total_saved), _money(report.total_saved)],
    ]


def budget_table(report) -> list[list[str]]:
    """Per category: allotted and spent over the range, the difference, and months over."""
    rows = [
        [
            neutralise(c.name),
            _money(c.total_allotted),
            _money(c.total_spent),
            _money(c.difference),
            str(c.months_over),
        ]
        for c in report.categories
    ]
    total = [
        "Total",
        _money(report.total_allotted),
        _money(report.total_spent),
        _money(report.total_difference),
        str(report.months_over),
    ]
    return [["category", "allotted", "spent", "difference", "months over"], *rows, total]


def months_table(report) -> list[list[str]]:
    """One category's months: allotted, spent, the difference and whether it went over."""
    [trend] = report.categories
    rows = [
        [format_month(month), _money(allotted), _money(spent), _money(allotted - spent), over]
        for month, allotted, spent, over in zip(
            report.months,
            trend.allotted,
            trend.spent,
            ("yes" if over else "no" for over in trend.over),
            strict=True,
        )
    ]
    total = ["Total", _money(trend.total_allotted), _money(trend.total_spent)]
    return [
        ["month", "allotted", "spent", "difference", "over"],
        *rows,
        [*total, _money(trend.difference), str(trend.months_over)],
    ]


BUILDERS = {
    "spending": spending_table,
    "income": income_table,
    "budget": budget_table,
    "months": months_table,
}


def report_csv_response(report, table: str, name: str = "report") -> HttpResponse:
    """A download of one of the report's tables (`table` is one of TABLES)."""
    out = io.StringIO()
    csv.writer(out).writerows(BUILDERS[table](report))
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    filename = f"{name}-{table}-{format_month(report.first)}-{format_month(report.last)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
