"""Reads for the reports (issue 18): a budget over a range of months, from the monthly totals.

A few queries whatever the range and however many expenses: the categories,
the stored balances the first month opens with, the range's allotments and
monthly totals, and the incomes. Each month's figures are those of that month's
summary (`selectors.monthly_summary`): the same envelopes, walked once.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models.functions import Lower

from ledger import carry
from ledger.models import Allotment, Category, MonthlyIncome, MonthlyTotal
from ledger.models.envelopes import cents_to_money
from ledger.months import (
    MAX_YEAR,
    MIN_YEAR,
    add_months,
    current_month,
    format_month,
    next_month,
    parse_month,
)
from ledger.rules import CENT, ZERO
from ledger.selectors.summary import envelope_history

MAX_MONTHS = 120
DEFAULT_MONTHS = 12


class RangeError(ValueError):
    """A range of months a report cannot show; the message is for the person who asked."""


def month_list(first: date, last: date) -> list[date]:
    """Every month from `first` to `last`, both included."""
    months, month = [], first
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def _step_back(month: date, count: int) -> date:
    return add_months(month, -count)


def report_range(start_day: int, start=None, end=None, year=None) -> tuple[date, date]:
    """The first and last month a report shows, from `from`/`to` (YYYY-MM) or `year` (YYYY).

    Without them: the last 12 budget months up to this one. RangeError for a
    malformed month or year, `from` after `to`, or more than 120 months.
    """
    if year not in (None, ""):
        if start or end:
            raise RangeError("Choose either year=YYYY or from/to, not both.")
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            raise RangeError(f"{year!r} is not a year in the form YYYY.")
        if not MIN_YEAR <= int(year) <= MAX_YEAR:
            raise RangeError(f"{year!r} is not a year in the form YYYY.")
        return date(int(year), 1, 1), date(int(year), 12, 1)
    try:
        last = parse_month(end) if end else current_month(start_day)
        first = parse_month(start) if start else _step_back(last, DEFAULT_MONTHS - 1)
    except ValueError as error:
        raise RangeError(str(error)) from None
    if first > last:
        raise RangeError(
            f"The range starts after it ends ({format_month(first)} > {format_month(last)})."
        )
    if len(month_list(first, last)) > MAX_MONTHS:
        raise RangeError(f"A report shows at most {MAX_MONTHS} months; choose a shorter range.")
    return first, last


def _total(values) -> Decimal:
    return sum(values, ZERO)


def _average(total: Decimal, count: int) -> Decimal:
    return (total / count).quantize(CENT, ROUND_HALF_UP) if count else ZERO


@dataclass(frozen=True)
class CategoryTrend:
    """One category over the months: allotted and spent each month, and whether it went over.

    A month where the category is not on the summary (archived, nothing spent)
    counts as nothing allotted and not over.
    """

    id: int
    name: str
    is_archived: bool
    allotted: list[Decimal]
    spent: list[Decimal]
    over: list[bool]

    @cached_property
    def total_spent(self) -> Decimal:
        return _total(self.spent)

    @cached_property
    def total_allotted(self) -> Decimal:
        return _total(self.allotted)

    @cached_property
    def average(self) -> Decimal:
        """The monthly average of spending over the range (to the cent)."""
        return _average(self.total_spent, len(self.spent))

    @cached_property
    def months_over(self) -> int:
        return sum(self.over)

    @cached_property
    def difference(self) -> Decimal:
        """Total allotted - total spent (negative: more was spent than allotted)."""
        return self.total_allotted - self.total_spent


@dataclass(frozen=True)
class Report:
    """A budget over `months`: income, and per category allotted, spent and overspends."""

    months: list[date]
    income: list[Decimal]
    categories: list[CategoryTrend]
    start_day: int = 1

    @cached_property
    def first(self) -> date:
        return self.months[0]

    @cached_property
    def last(self) -> date:
        return self.months[-1]

    @cached_property
    def spent(self) -> list[Decimal]:
        """Each month's total spending (the summary's `total_spent`)."""
        return [_total(c.spent[n] for c in self.categories) for n in range(len(self.months))]

    @cached_property
    def allotted(self) -> list[Decimal]:
        return [_total(c.allotted[n] for c in self.categories) for n in range(len(self.months))]

    @cached_property
    def saved(self) -> list[Decimal]:
        """Income - spent, each month (the summary's `remaining`)."""
        return [income - spent for income, spent in zip(self.income, self.spent, strict=True)]

    @cached_property
    def savings(self) -> list[Decimal]:
        """The running total of what was saved, from the first month of the range."""
        running, total = [], ZERO
        for saved in self.saved:
            total += saved
            running.append(total)
        return running

    @cached_property
    def total_income(self) -> Decimal:
        return _total(self.income)

    @cached_property
    def total_spent(self) -> Decimal:
        return _total(self.spent)

    @cached_property
    def total_allotted(self) -> Decimal:
        return _total(self.allotted)

    @cached_property
    def total_saved(self) -> Decimal:
        return self.total_income - self.total_spent

    @cached_property
    def total_difference(self) -> Decimal:
        """Total allotted - total spent over the range."""
        return self.total_allotted - self.total_spent

    @cached_property
    def average_spent(self) -> Decimal:
        return _average(self.total_spent, len(self.months))

    @cached_property
    def months_over(self) -> int:
        """How many months at least one category went over."""
        return sum(any(c.over[n] for c in self.categories) for n in range(len(self.months)))


def _by_category_month(rows):
    found = defaultdict(dict)
    for category_id, month, value in rows:
        found[category_id][month] = value
    return found


def _trend(category, months, allotments, spent, keep=False, opening=None) -> CategoryTrend | None:
    """The category's row, or None when it is archived and spent nothing in the range
    (unless `keep`). `opening`: its available of the month before the first (the summary's),
    so the chain starts there."""
    allotted, spending, over = [], [], []
    for _, envelope in carry.envelope_series(
        first=months[0],
        last=months[-1],
        limit=category.limit,
        rollover=category.rollover,
        rollover_from=category.rollover_from,
        allotments=allotments,
        spent=spent,
        previous=opening,
        opened=True,
    ):
        # The summary leaves out an archived category in a month it spent nothing.
        shown = not category.is_archived or envelope.spent > 0
        allotted.append(envelope.allotted if shown else ZERO)
        spending.append(envelope.spent)
        over.append(shown and envelope.available < 0)
    if category.is_archived and not keep and not any(amount > 0 for amount in spending):
        return None
    return CategoryTrend(
        id=category.pk,
        name=category.name,
        is_archived=category.is_archived,
        allotted=allotted,
        spent=spending,
        over=over,
    )


def budget_report(budget, first: date, last: date, category=None) -> Report:
    """The report of `first`..`last` (both included): every category, or only `category`."""
    months = month_list(first, last)
    categories = Category.objects.for_budget(budget).order_by(Lower("name"), "id")
    if category is not None:
        categories = categories.filter(pk=category.pk)
    categories = list(categories)
    # The available before the first month as the summary computes it (from the stored
    # balances): the chain then walks only the months shown, not years before them.
    opening = envelope_history(budget, categories, first)[2]
    allotments = Allotment.objects.for_budget(budget).filter(month__gte=first, month__lte=last)
    totals = MonthlyTotal.objects.for_budget(budget).filter(month__gte=first, month__lte=last)
    if category is not None:
        allotments, totals = allotments.filter(category=category), totals.filter(category=category)
    allotted = _by_category_month(allotments.values_list("category_id", "month", "amount"))
    spent = _by_category_month(
        (category_id, month, cents_to_money(cents))
        for category_id, month, cents in totals.values_list("category_id", "month", "spent_cents")
    )
    incomes = dict(
        MonthlyIncome.objects.for_budget(budget)
        .filter(month__gte=first, month__lte=last)
        .values_list("month", "amount")
    )
    keep = category is not None  # a category's own report shows it, spent or not
    trends = [
        _trend(c, months, allotted[c.pk], spent[c.pk], keep, opening[c.pk]) for c in categories
    ]
    return Report(
        months=months,
        income=[incomes.get(month, ZERO) for month in months],
        categories=[trend for trend in trends if trend is not None],
        start_day=budget.month_start_day,
    )
