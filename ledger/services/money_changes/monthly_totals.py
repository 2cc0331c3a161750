"""`MonthlyTotal` (issue 15) as a derived table of the unit of work: per category and budget
month, the cents and the count of its expenses. This module is the only code that writes it
(ledger/tests/security/test_write_path.py checks that), and only the unit of work calls the
writes: `apply` once per unit, `rebuild` for `rebuild_totals` and a new month start day.

Why the services and not database triggers: which budget month a date belongs to depends on
the budget's start day (issue 16), and `ledger.months.month_of` is the one place that knows
it; a trigger would repeat that rule twice more, in two SQL dialects.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import BigIntegerField, Count, F, Sum
from django.db.models.functions import Cast, Round

from ledger.models import Budget, Expense, MonthlyTotal
from ledger.months import month_of
from ledger.services.money_changes.rows import ExpenseRow

Key = tuple[int, date]  # (category id, budget month)
BATCH = 500  # totals per statement


def to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


class MonthlyTotals:
    """The derived table `MonthlyTotal`, kept from `ExpenseRow`s."""

    name = "monthly_totals"
    model = MonthlyTotal

    def deltas(self, changes, start_days: dict[int, int]) -> dict[tuple, list[int]]:
        """`[cents, count]` to add per (budget, category, month), from the unit's
        `(sign, row)` changes; rows of other kinds are not this table's."""
        deltas: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
        months = {}  # (budget, day) -> month: an import's 100,000 rows hold a few hundred days
        for sign, row in changes:
            if type(row) is not ExpenseRow:
                continue
            budget_id, category_id, day, amount, _ = row
            month = months.get((budget_id, day))
            if month is None:
                month = months[(budget_id, day)] = month_of(day, start_days[budget_id])
            delta = deltas[(budget_id, category_id, month)]
            delta[0] += sign * to_cents(amount)
            delta[1] += sign
        return deltas

    def apply(self, deltas: dict[tuple, list[int]]) -> None:
        """Add the deltas in one statement per 500 totals; a total whose count drops to 0
        is removed."""
        values = [
            (budget_id, category_id, month, cents, count)
            for (budget_id, category_id, month), (cents, count) in deltas.items()
            if cents or count
        ]
        if not values:
            return
        quote = connection.ops.quote_name
        table = quote(MonthlyTotal._meta.db_table)
        columns = [
            quote(MonthlyTotal._meta.get_field(name).column)
            for name in ("budget", "category", "month", "spent_cents", "count")
        ]
        spent, count = quote("spent_cents"), quote("count")
        adapt = connection.ops.adapt_datefield_value
        with connection.cursor() as cursor:
            for start in range(0, len(values), BATCH):
                batch = values[start : start + BATCH]
                cursor.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                    + ", ".join(["(%s, %s, %s, %s, %s)"] * len(batch))
                    + f" ON CONFLICT ({columns[1]}, {columns[2]}) DO UPDATE SET"
                    f" {spent} = {table}.{spent} + excluded.{spent},"
                    f" {count} = {table}.{count} + excluded.{count}",
                    [v for b, c, m, s, n in batch for v in (b, c, adapt(m), s, n)],
                )
        # Only a total that lost expenses can have dropped to none: look at those alone, not at
        # every total of the budget.
        shrunk = [(category_id, month) for _, category_id, month, _, count in values if count < 0]
        if shrunk:
            MonthlyTotal.objects.filter(
                count=0,
                category_id__in={category_id for category_id, _ in shrunk},
                month__in={month for _, month in shrunk},
            ).delete()

    def rebuild(self, *, budget: Budget, category_ids=None) -> int:
        """Replace a budget's totals (or some categories') by a recomputation from the
        expense rows; return how many (category, month) totals it now holds."""
        totals = totals_from_rows(budget, category_ids)
        stale = MonthlyTotal.objects.filter(budget=budget)
        if category_ids is not None:
            stale = stale.filter(category_id__in=category_ids)
        stale.delete()
        MonthlyTotal.objects.bulk_create(
            (
                MonthlyTotal(
                    budget=budget,
                    category_id=category_id,
                    month=month,
                    spent_cents=cents,
                    count=count,
                )
                for (category_id, month), (cents, count) in totals.items()
            ),
            batch_size=1000,
        )
        return len(totals)


# Reads: the proof that the table equals its rows (`rebuild_totals --check`, the tests' fixture).


def totals_from_rows(budget: Budget, category_ids=None) -> dict[Key, tuple[int, int]]:
    """(cents, count) per (category, budget month), summed from the expense rows."""
    rows = Expense.objects.filter(budget=budget)
    if category_ids is not None:
        rows = rows.filter(category_id__in=category_ids)
    by_day = (
        rows.order_by()
        .values("category_id", "date")
        .annotate(cents=Sum(Cast(Round(F("amount") * 100), BigIntegerField())), count=Count("pk"))
        .values_list("category_id", "date", "cents", "count")
    )
    totals: dict[Key, list[int]] = defaultdict(lambda: [0, 0])
    for category_id, day, cents, count in by_day:
        total = totals[(category_id, month_of(day, budget.month_start_day))]
        total[0] += int(cents)
        total[1] += count
    return {key: (cents, count) for key, (cents, count) in totals.items()}


def stored_totals(budget: Budget, category_ids=None) -> dict[Key, tuple[int, int]]:
    """(cents, count) per (category, month) as kept in `MonthlyTotal`."""
    stored = MonthlyTotal.objects.filter(budget=budget)
    if category_ids is not None:
        stored = stored.filter(category_id__in=category_ids)
    return {
        (category_id, month): (cents, count)
        for category_id, month, cents, count in stored.values_list(
            "category_id", "month", "spent_cents", "count"
        )
    }


def differing_totals(budget: Budget) -> list[tuple[Key, tuple[int, int], tuple[int, int]]]:
    """The (category, month) totals of `budget` that differ from the expense rows:
    `(key, stored (cents, count), recomputed (cents, count))`, by month."""
    stored, recomputed = stored_totals(budget), totals_from_rows(budget)
    return sorted(
        (
            (key, stored.get(key, (0, 0)), recomputed.get(key, (0, 0)))
            for key in stored.keys() | recomputed.keys()
            if stored.get(key, (0, 0)) != recomputed.get(key, (0, 0))
        ),
        key=lambda item: (item[0][1], item[0][0]),
    )
