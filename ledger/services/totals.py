"""Keeping the exact monthly totals (issue 15) in step with the expense rows.

Every function that writes expenses calls one of these in its own transaction,
so `MonthlyTotal` always equals the sum of the rows. Why the services and not
database triggers: which budget month a date belongs to depends on the budget's
start day (issue 16), and `ledger.months.month_of` is the one place that knows
it; a trigger would repeat that rule twice more, in two SQL dialects.

Writers lock the categories they change (`lock_categories`), so a rebuild and
a concurrent single write cannot interleave on PostgreSQL; SQLite has one
writer at a time anyway. They then read the budget's start day through
`start_day_of`, which locks the budget row: a change of the start day
(`services.change_month_start_day`) holds that lock while it rebuilds, so no
writer adds to a month of the old start day after the rebuild has read the rows.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import BigIntegerField, Count, F, Sum
from django.db.models.functions import Cast, Round

from ledger.models import Budget, Category, Expense, MonthlyTotal
from ledger.months import month_of
from ledger.services.balances import refresh_balances

Key = tuple[int, date]  # (category id, budget month)


def to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def lock_categories(category_ids: Iterable[int]) -> None:
    """Take the write lock of these categories' totals (in id order, so writers never deadlock)."""
    ids = sorted({pk for pk in category_ids if pk is not None})
    if ids:
        list(Category.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))


def add_expense_rows(*, budget_id: int, start_day: int, rows, sign: int = 1) -> None:
    """Add (sign=1) or take away (sign=-1) expense rows `(category_id, date, amount)`."""
    deltas: dict[Key, list[int]] = defaultdict(lambda: [0, 0])
    for category_id, day, amount in rows:
        delta = deltas[(category_id, month_of(day, start_day))]
        delta[0] += sign * to_cents(amount)
        delta[1] += sign
    apply_deltas(budget_id=budget_id, deltas=deltas)


def apply_deltas(*, budget_id: int, deltas: dict[Key, list[int]]) -> None:
    """Add `[cents, count]` to each (category, month) total in one statement per 500 rows;
    a total whose count drops to 0 is removed."""
    values = [
        (budget_id, category_id, month, cents, count)
        for (category_id, month), (cents, count) in deltas.items()
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
        for start in range(0, len(values), 500):
            batch = values[start : start + 500]
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
    shrunk = [(category_id, month) for category_id, month, _, count in _deltas(values) if count < 0]
    if shrunk:
        MonthlyTotal.objects.filter(
            budget_id=budget_id,
            count=0,
            category_id__in={category_id for category_id, _ in shrunk},
            month__in={month for _, month in shrunk},
        ).delete()
    changed_balances(budget_id, ((category_id, month) for _, category_id, month, _, _ in values))


def changed_balances(budget_id: int, keys) -> None:
    """The stored envelope balances after a change of these (category, month) totals."""
    earliest: dict[int, date] = {}
    for category_id, month in keys:
        earliest[category_id] = min(month, earliest.get(category_id, month))
    refresh_balances(budget_id=budget_id, earliest=earliest)


def _deltas(values):
    return ((category_id, month, cents, count) for _, category_id, month, cents, count in values)


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


def rebuild_totals(*, budget: Budget, category_ids=None) -> int:
    """Recompute a budget's totals (or some categories') from the expense rows; return how
    many (category, month) totals it now holds. Call inside a transaction."""
    categories = Category.objects.filter(budget=budget)
    if category_ids is not None:
        categories = categories.filter(pk__in=category_ids)
    lock_categories(categories.values_list("pk", flat=True))
    return replace_totals(budget=budget, category_ids=category_ids)


def replace_totals(*, budget: Budget, category_ids=None) -> int:
    """`rebuild_totals` for a caller that already keeps the writers out (holds the locks)."""
    totals = totals_from_rows(budget, category_ids)
    stale = MonthlyTotal.objects.filter(budget=budget)
    if category_ids is not None:
        stale = stale.filter(category_id__in=category_ids)
    stale.delete()
    MonthlyTotal.objects.bulk_create(
        (
            MonthlyTotal(
                budget=budget, category_id=category_id, month=month, spent_cents=cents, count=count
            )
            for (category_id, month), (cents, count) in totals.items()
        ),
        batch_size=1000,
    )
    ids = category_ids
    if ids is None:
        ids = Category.objects.filter(budget=budget).values_list("pk", flat=True)
    refresh_balances(budget_id=budget.pk, earliest=dict.fromkeys(ids))
    return len(totals)


def locked_rows(expenses) -> list[tuple]:
    """`(id, category_id, budget_id, date, amount)` of the expenses, locked until commit."""
    return list(
        expenses.order_by()
        .select_for_update(of=("self",))
        .values_list("pk", "category_id", "budget_id", "date", "amount")
    )


def in_batches(rows, size: int = 500):
    """The ids of `locked_rows` rows, `size` at a time (SQLite caps the parameters of a query)."""
    for start in range(0, len(rows), size):
        yield [row[0] for row in rows[start : start + size]]


def add_rows(rows, sign: int = 1) -> None:
    """Add rows `(id, category_id, budget_id, date, amount)` to their months' totals."""
    by_budget = defaultdict(list)
    for _pk, category_id, budget_id, day, amount in rows:
        by_budget[budget_id].append((category_id, day, amount))
    for budget_id, items in by_budget.items():
        add_expense_rows(
            budget_id=budget_id, start_day=start_day_of(budget_id), rows=items, sign=sign
        )


def start_day_of(budget_id: int) -> int:
    """The budget's month start day as stored now, its row locked until commit (a writer
    calls it after locking its categories; see the module's docstring)."""
    return (
        Budget.objects.select_for_update(no_key=True)
        .values_list("month_start_day", flat=True)
        .get(pk=budget_id)
    )


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
