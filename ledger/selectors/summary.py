"""The monthly summary: each category's envelope for a month, and the month's totals.

Every function here costs a small constant number of queries, and each query
reads one month's rows (or one row per category) through an index, never the
whole history.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DateField, Q, Sum, Value
from django.db.models.functions import Lower

from ledger import carry
from ledger.models import Allotment, Category, MonthlyIncome, MonthlyTotal, Rollover
from ledger.models.envelopes import cents_to_money
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
    """Per category id, `(allotments, spent, spent_before)` over the months the carry chain
    of `month` reads: allotments and spent as dicts month -> amount, and for categories on
    rollover `all` the spending from their `rollover_from` to the month before, added up.

    Two queries on the (budget, month) indexes of the allotments and the monthly
    totals. Only `unspent` categories read their totals month by month (their
    chain stops at 0 each month); `all` adds up in the database, one row per
    category, so the answer stays small however long the history.
    """
    carrying = [c for c in categories if carry.carries_into(c.rollover, c.rollover_from, month)]
    first = min((c.rollover_from for c in carrying), default=month)
    allotments = defaultdict(dict)
    for category_id, day, amount in (
        Allotment.objects.for_budget(budget)
        .filter(month__gte=first, month__lte=month)
        .values_list("category_id", "month", "amount")
    ):
        allotments[category_id][day] = amount
    spent, spent_before = defaultdict(dict), {}
    for category_id, day, cents in _carry_totals(budget, month, categories, carrying):
        if day is None:
            spent_before[category_id] = cents_to_money(cents)
        else:
            spent[category_id][day] = cents_to_money(cents)
    return allotments, spent, spent_before


def _since_rollover_from(categories) -> Q:
    """Totals of these categories from each one's rollover_from on (one term per month)."""
    by_start = defaultdict(list)
    for category in categories:
        by_start[category.rollover_from].append(category.pk)
    condition = Q(pk__in=[])
    for start, ids in by_start.items():
        condition |= Q(category_id__in=ids, month__gte=start)
    return condition


def _carry_totals(budget, month: date, categories, carrying):
    """`(category id, month, cents)` rows: each category's total of `month`, the months of
    `unspent` categories' chains, and one row (month None) per `all` category with its
    spending before `month` added up."""
    # By category, so both parts read the (budget, category, month, spent) index in order.
    totals = (
        MonthlyTotal.objects.for_budget(budget)
        .filter(category_id__in=[c.pk for c in categories])
        .order_by()
    )
    unspent = [c for c in carrying if c.rollover == Rollover.UNSPENT]
    rows = totals.filter(Q(month=month) | (_since_rollover_from(unspent) & Q(month__lt=month)))
    rows = rows.values_list("category_id", "month", "spent_cents")
    carry_all = [c for c in carrying if c.rollover == Rollover.ALL]
    if not carry_all:
        return rows
    sums = (
        totals.filter(_since_rollover_from(carry_all), month__lt=month)
        .values("category_id")
        .annotate(before=Value(None, output_field=DateField()), cents=Sum("spent_cents"))
        .values_list("category_id", "before", "cents")
    )
    return rows.union(sums, all=True)


def category_envelopes(budget, month: date, categories=None) -> list:
    """`(category, Envelope)` for each of the budget's categories (or those given) in `month`."""
    if categories is None:
        categories = list(Category.objects.for_budget(budget).order_by(Lower("name"), "id"))
    allotments, spent, spent_before = envelope_history(budget, categories, month)
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
                spent_before=spent_before.get(category.pk),
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
