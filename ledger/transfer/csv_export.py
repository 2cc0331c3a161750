"""Expenses out as CSV (`date,category,amount,description`), streamed row by row.

Rows come oldest first (date, then entry order), like a bank statement, so an
export reads top to bottom and imports back in the same order. Memory stays
flat whatever the history: one query, read through a server-side iterator in
chunks, each line written as soon as it is produced.
"""

import csv
from dataclasses import dataclass
from datetime import date

from django.http import StreamingHttpResponse

from ledger.models import Expense
from ledger.months import MAX_YEAR, MIN_YEAR, format_month, month_range, parse_month, year_range
from ledger.rules import looks_like_formula

HEADER = ["date", "category", "amount", "description"]
# A spreadsheet runs a cell that starts with one of these as a formula.
CHUNK_SIZE = 2000


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet shows as text: a leading `'` when it could start a formula."""
    return "'" + cell if looks_like_formula(cell) else cell


@dataclass(frozen=True)
class ExportPeriod:
    """The date range [start, end) to export (None: unbounded) and the name of the file."""

    start: date | None
    end: date | None
    label: str

    @property
    def filename(self) -> str:
        return f"expenses-{self.label}.csv"


def parse_export_period(
    month: str | None = None, year: str | None = None, everything=False, *, start_day: int
):
    """The period chosen by exactly one of `month` (YYYY-MM), `year` (YYYY: the twelve budget
    months named that year) or `everything`, for months starting on `start_day`.

    Raises ValueError with a message for the client on anything else.
    """
    chosen = [month is not None, year is not None, bool(everything)]
    if sum(chosen) != 1:
        raise ValueError("Choose exactly one of month=YYYY-MM, year=YYYY or all=1.")
    if month is not None:
        first = parse_month(month)
        return ExportPeriod(*month_range(first, start_day), format_month(first))
    if year is not None:
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            raise ValueError(f"{year!r} is not a year in the form YYYY.")
        number = int(year)
        if not MIN_YEAR <= number <= MAX_YEAR:
            raise ValueError(f"{year!r} is not a year in the form YYYY.")
        return ExportPeriod(*year_range(number, start_day), year)
    return ExportPeriod(None, None, "all")


def expense_rows(budget, start: date | None = None, end: date | None = None, category_id=None):
    """The budget's expenses in [start, end) as (date, category name, amount, description) tuples.

    One query (the category name comes through a join), read in chunks.
    """
    expenses = Expense.objects.for_budget(budget)
    if start is not None:
        expenses = expenses.filter(date__gte=start)
    if end is not None:
        expenses = expenses.filter(date__lt=end)
    if category_id is not None:
        expenses = expenses.filter(category_id=category_id)
    return (
        expenses.order_by("date", "id")
        .values_list("date", "category__name", "amount", "description")
        .iterator(chunk_size=CHUNK_SIZE)
    )


def iter_expense_csv_rows(budget, start=None, end=None, category_id=None):
    """The CSV rows (lists of strings) of the export, header first, cells neutralised."""
    yield HEADER
    for day, category, amount, description in expense_rows(budget, start, end, category_id):
        yield [day.isoformat(), neutralise(category), f"{amount:.2f}", neutralise(description)]


class _Echo:
    """A file-like object whose write() hands back the line csv.writer produced."""

    def write(self, value):
        return value


def iter_expense_csv_lines(budget, start=None, end=None, category_id=None):
    """The export as encoded CSV lines (UTF-8, CRLF line ends as RFC 4180 says)."""
    writer = csv.writer(_Echo())
    for row in iter_expense_csv_rows(budget, start, end, category_id):
        yield writer.writerow(row).encode("utf-8")


def expense_csv_response(budget, period: ExportPeriod, category_id=None) -> StreamingHttpResponse:
    """A streamed CSV download of the budget's expenses in `period` (web page and API alike)."""
    response = StreamingHttpResponse(
        iter_expense_csv_lines(budget, period.start, period.end, category_id),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{period.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
