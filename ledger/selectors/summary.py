"""The monthly summary: each category's envelope for a month, and the month's totals.

Every function here costs a small constant number of queries, and each query
reads one month's rows (or one row per category) through an index, never the
whole history.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import BigIntegerField, CharField, DateField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from ledger import carry
from ledger.models import (
    Allotment,
    Category,
    EnvelopeBalance,
    MonthlyIncome,
    MonthlyTotal,
    Rollover,
)
from ledger.models.envelopes import cents_to_money
from ledger.months import months_between
from ledger.rules import ZERO

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class CategoryLine:
    """One category's row on a monthly summary: its envelope for the month (issue 15)."""

    id: int
    name: str
    allotted: Decimal
    spent: Decimal
    is_archived: bool
    carried_in: Decimal = ZERO
    rollover: str = Rollover.NONE

    @property
    def limit(self) -> Decimal:
        """What the month gives the category (the API's `limit`): its allotment."""
        return self.allotted

    @property
    def funds(self) -> Decimal:
        """What the envelope holds before spending: allotted plus carried in."""
        return self.allotted + self.carried_in

    @property
    def available(self) -> Decimal:
        return self.funds - self.spent

    @property
    def balance(self) -> Decimal:
        return self.available

    @property
    def is_over_budget(self) -> bool:
        return self.available < 0

    @property
    def percent_used(self) -> Decimal | None:
        """Spent as a percentage of allotted + carried in (one decimal); None when that is 0
        or less but money was spent."""
        if self.funds <= 0:
            return Decimal("0.0") if self.spent == 0 else None
        return (self.spent * HUNDRED / self.funds).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class MonthSummary:
    """Allotted, used and left for one month, per category and in total."""

    month: date
    income: Decimal
    income_is_set: bool
    lines: list[CategoryLine]
    overspent_from_last_month: Decimal = ZERO
    start_day: int = 1

    @property
    def total_limit(self) -> Decimal:
        return self.total_allotted

    @property
    def total_allotted(self) -> Decimal:
        return sum((line.allotted for line in self.lines), ZERO)

    @property
    def total_carried_in(self) -> Decimal:
        return sum((line.carried_in for line in self.lines), ZERO)

    @property
    def carries(self) -> bool:
        """Whether any category carries money in or out (the page then shows the column)."""
        return any(line.rollover != Rollover.NONE for line in self.lines)

    @property
    def total_spent(self) -> Decimal:
        return sum((line.spent for line in self.lines), ZERO)

    @property
    def total_available(self) -> Decimal:
        return self.total_allotted + self.total_carried_in - self.total_spent

    @property
    def total_balance(self) -> Decimal:
        return self.total_available

    @property
    def remaining(self) -> Decimal:
        """Income left after this month's spending."""
        return self.income - self.total_spent

    @property
    def income_spent_percent(self) -> Decimal | None:
        """Total spent as a percentage of income (one decimal); None when there is no income."""
        if self.income == 0:
            return None
        return (self.total_spent * HUNDRED / self.income).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def unallocated(self) -> Decimal:
        """Income not given to any category, less what last month's envelopes overspent."""
        return self.income - self.total_allotted - self.overspent_from_last_month


def month_income(budget, month: date) -> Decimal | None:
    """The income set for `month`, or None when none is set."""
    return (
        MonthlyIncome.objects.for_budget(budget)
        .filter(month=month)
        .values_list("amount", flat=True)
    ).first()


def envelope_history(budget, categories, month: date):
    """Per category id, what its envelope of `month` is made of: `(allotments, spent,
    openings)`, the first two dicts month -> amount holding `month` alone, and `openings`
    the available of the month before for a category that carries into `month` (None
    otherwise).

    Two queries whatever the history: the month's allotments, and the month's totals
    beside each carrying category's latest stored balance before `month`
    (`EnvelopeBalance`, kept by `ledger.services.balances`), one index probe each. The
    months between that balance and `month` have no data and are bridged in closed form.
    """
    allotments, spent = defaultdict(dict), defaultdict(dict)
    for category_id, amount in (
        Allotment.objects.for_budget(budget)
        .filter(month=month)
        .values_list("category_id", "amount")
    ):
        allotments[category_id][month] = amount
    carrying = {
        c.pk: c for c in categories if carry.carries_into(c.rollover, c.rollover_from, month)
    }
    openings = dict.fromkeys((c.pk for c in categories), None)
    for category_id, cents, *balance in _month_rows(budget, month, categories, carrying):
        if cents is not None:
            spent[category_id][month] = cents_to_money(cents)
        if category_id not in carrying:
            continue
        category = carrying[category_id]
        if balance[0] is None:  # no data since rollover_from: every month gave the limit
            previous, gap = None, months_between(category.rollover_from, month)
        else:  # "YYYY-MM-DD cents": the month of the latest balance before `month`, and it
            day, available = balance[0].split(" ")
            previous = Decimal(available).scaleb(-2)  # whole cents, as cents_to_money
            gap = months_between(date.fromisoformat(day), month) - 1
        openings[category_id] = carry.bridge(previous, gap, category.limit, category.rollover)
    return allotments, spent, openings


def _month_rows(budget, month: date, categories, carrying):
    """`(category id, spent cents of month or None[, balance])` per category, `balance`
    (for the categories that carry) the latest stored balance before `month` as
    "YYYY-MM-DD cents", None when there is none.

    One statement over the categories; each column is a probe of a unique (category,
    month) index. Written as SQL subqueries, the balance's month and amount in one text:
    the ORM's Subquery objects cost more to build than the whole statement costs to run,
    and each subquery is a probe per category (issue 23 allows the carry 0.5 ms).
    """
    quote = connection.ops.quote_name
    month_value = DateField().get_db_prep_value(month, connection)
    spent = RawSQL(
        _latest(MonthlyTotal, quote("spent_cents"), "="), [month_value], BigIntegerField()
    )
    columns = [spent]
    if carrying:
        # SQLite keeps a date as this text already; PostgreSQL's text of a date would follow
        # the session's DateStyle.
        day = quote("month")
        if connection.vendor == "postgresql":
            day = f"to_char({day}, 'YYYY-MM-DD')"
        balance = f"{day} || ' ' || CAST({quote('available_cents')} AS TEXT)"
        columns.append(RawSQL(_latest(EnvelopeBalance, balance, "<"), [month_value], CharField()))
    return (
        Category.objects.for_budget(budget)
        .filter(pk__in=[c.pk for c in categories])
        .order_by()
        .values_list("pk", *columns)
    )


def _latest(model, column: str, comparison: str) -> str:
    """SQL for `column` (an expression) of the category's `model` row of a month (`=`), or
    of its latest month before one (`<`); `model` has a unique (category, month)."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    category = quote(model._meta.get_field("category").column)
    outer = f"{quote(Category._meta.db_table)}.{quote(Category._meta.pk.column)}"
    return (
        f"(SELECT {column} FROM {table} WHERE {category} = {outer}"
        f" AND {quote('month')} {comparison} %s ORDER BY {quote('month')} DESC LIMIT 1)"
    )


def category_envelopes(budget, month: date, categories=None) -> list:
    """`(category, Envelope)` for each of the budget's categories (or those given) in `month`."""
    if categories is None:
        categories = list(Category.objects.for_budget(budget).order_by(Lower("name"), "id"))
    allotments, spent, openings = envelope_history(budget, categories, month)
    return [
        (
            category,
            carry.envelope(
                month=month,
                limit=category.limit,
                rollover=category.rollover,
                rollover_from=category.rollover_from,
                allotments=allotments[category.pk],
                spent=spent[category.pk],
                previous=openings[category.pk],
                opened=True,
            ),
        )
        for category in categories
    ]


def monthly_summary(budget, month: date, categories=None) -> MonthSummary:
    """The summary of `month`: active categories, plus archived ones that have spending in it.

    `categories`: all of the budget's, in name order, when the caller has them already."""
    lines, overspent = [], ZERO
    for category, envelope in category_envelopes(budget, month, categories):
        overspent += envelope.overspent_last_month
        if category.is_archived and envelope.spent <= 0:
            continue
        lines.append(
            CategoryLine(
                id=category.pk,
                name=category.name,
                allotted=envelope.allotted,
                spent=envelope.spent,
                is_archived=category.is_archived,
                carried_in=envelope.carried_in,
                rollover=category.rollover,
            )
        )
    income = month_income(budget, month)
    return MonthSummary(
        month=month,
        income=income if income is not None else ZERO,
        income_is_set=income is not None,
        lines=lines,
        overspent_from_last_month=overspent,
        start_day=budget.month_start_day,
    )
