"""The unit of work every money write goes through: see the package's docstring."""

import threading
from collections import defaultdict
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from django.db import transaction

from ledger.models import Budget, Category
from ledger.months import month_of
from ledger.services.money_changes import tables
from ledger.services.money_changes.rows import ExpenseRow, as_row

FROM_THE_FIRST_MONTH = date.min  # a change of every month of a category (a new limit, a rebuild)

_open = threading.local()


class MoneyChangesError(RuntimeError):
    """A money write broke the unit of work's protocol (a programming error, never a user's)."""


class MoneyChanges:
    """One money write in the making; made by `money_changes()`, applied when it ends."""

    def __init__(self):
        self._locked: set[int] = set()
        self._changes: list[tuple[int, object]] = []  # (sign, row)
        self._touched: dict[int, date] = {}
        self._start_days: dict[int, int] | None = None
        self._changed_months: dict[int, date] | None = None

    # -- 1. locks ---------------------------------------------------------------------

    def lock(self, *, expenses=None, categories=()) -> list[ExpenseRow]:
        """Lock the stored rows of `expenses` (a queryset), then their categories and
        `categories`, in id order, until commit; return those rows as they are stored
        (what to `remove` once they are changed or deleted)."""
        rows = []
        if expenses is not None:
            rows = [
                ExpenseRow(budget_id, category_id, day, amount, pk)
                for pk, budget_id, category_id, day, amount in expenses.order_by()
                .select_for_update(of=("self",))
                .values_list("pk", "budget_id", "category_id", "date", "amount")
            ]
        self._lock_categories({row.category_id for row in rows} | set(categories))
        return rows

    def _lock_categories(self, ids) -> None:
        new = sorted({pk for pk in ids if pk is not None} - self._locked)
        if not new:
            return
        if self._locked and new[0] < max(self._locked):
            raise MoneyChangesError(
                "Categories are locked in id order: lock them all in one call to lock()."
            )
        list(Category.objects.select_for_update().filter(pk__in=new).order_by("pk").values("pk"))
        self._locked.update(new)

    def _check_locked(self, category_id) -> None:
        if category_id is not None and category_id not in self._locked:
            raise MoneyChangesError(
                f"Category {category_id} is not locked: call lock() before writing its rows."
            )

    # -- 2. what changed --------------------------------------------------------------

    def add(self, rows) -> None:
        """Count rows that entered the ledger (stored instances or row kinds)."""
        self._collect(rows, 1)

    def remove(self, rows) -> None:
        """Take away rows that left it (deleted, or as they were before a change)."""
        self._collect(rows, -1)

    def _collect(self, rows, sign: int) -> None:
        if self._start_days is not None:
            raise MoneyChangesError("This unit of work has applied its changes already.")
        locked, append = self._locked, self._changes.append
        for row in rows:
            row = as_row(row)
            if row.category_id not in locked:
                self._check_locked(row.category_id)
            append((sign, row))

    def touch(self, category_id: int, month: date = FROM_THE_FIRST_MONTH) -> None:
        """Say that what `category_id` is given changed from `month` on (an allotment, its
        limit or rollover): no total moves, but `changed_months` includes it."""
        self._check_locked(category_id)
        self._touched[category_id] = min(month, self._touched.get(category_id, month))

    def rebuild(self, *, budget, category_ids=None) -> dict[str, int]:
        """Recompute every derived table of `budget` (or of some of its categories) from the
        rows; return how many rows each now holds, by table name. The caller keeps the
        writers out: it holds the categories' locks, or the budget row (a new start day)."""
        counts = {
            table.name: table.rebuild(budget=budget, category_ids=category_ids)
            for table in tables.DERIVED_TABLES
        }
        if category_ids is None:
            category_ids = Category.objects.filter(budget=budget).values_list("pk", flat=True)
        for category_id in category_ids:
            self._touched[category_id] = FROM_THE_FIRST_MONTH
        return counts

    # -- 3. applied once, at the end ----------------------------------------------------

    def _apply(self) -> None:
        budget_ids = sorted({row.budget_id for _, row in self._changes})
        self._start_days = {}
        if budget_ids:
            # The start day as stored now, each budget row locked until commit, after the
            # categories: a new start day (services.month_start) takes the same locks in the
            # same order and rebuilds while it holds them.
            self._start_days = dict(
                Budget.objects.select_for_update(no_key=True)
                .filter(pk__in=budget_ids)
                .order_by("pk")
                .values_list("pk", "month_start_day")
            )
        for table in tables.DERIVED_TABLES:
            table.apply(table.deltas(self._changes, self._start_days))
        for updater in tables.AFTER_APPLY:
            updater(self)

    @property
    def changed_months(self) -> dict[int, date]:
        """{category id: the earliest budget month whose figures this unit changed}: months
        where its rows' sum or count moved, and what `touch` and `rebuild` said. Known once
        the unit has applied its changes (an AFTER_APPLY updater, or after the `with`)."""
        if self._start_days is None:
            raise MoneyChangesError("changed_months is known once the changes are applied.")
        if self._changed_months is None:
            net = defaultdict(lambda: [Decimal(0), 0])
            months = {}
            for sign, row in self._changes:
                if row.category_id is not None:
                    month = months.get((row.budget_id, row.date))
                    if month is None:
                        start_day = self._start_days[row.budget_id]
                        month = months[(row.budget_id, row.date)] = month_of(row.date, start_day)
                    moved = net[(row.category_id, month)]
                    moved[0] += sign * row.amount
                    moved[1] += sign
            earliest = dict(self._touched)
            for (category_id, month), (amount, count) in net.items():
                if amount or count:
                    earliest[category_id] = min(month, earliest.get(category_id, month))
            self._changed_months = earliest
        return self._changed_months


@contextmanager
def money_changes():
    """Open a unit of work in its own transaction (see the package's docstring); its
    changes are applied when the block ends, and nothing is if it raises."""
    if getattr(_open, "unit", None) is not None:
        raise MoneyChangesError("A unit of work is open already: pass it on, do not open another.")
    changes = MoneyChanges()
    _open.unit = changes
    try:
        with transaction.atomic():
            yield changes
            changes._apply()
    finally:
        _open.unit = None


def rebuild_totals(*, budget, category_ids=None) -> int:
    """Recompute a budget's derived tables (or some categories') from its rows, in one
    transaction; return how many (category, month) monthly totals it now holds."""
    with money_changes() as changes:
        categories = Category.objects.filter(budget=budget)
        if category_ids is not None:
            categories = categories.filter(pk__in=category_ids)
        changes.lock(categories=categories.values_list("pk", flat=True))
        counts = changes.rebuild(budget=budget, category_ids=category_ids)
    return counts["monthly_totals"]
