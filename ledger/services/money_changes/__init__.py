"""One unit of work for every money write (issue 23): `money_changes()`.

Every service that writes rows holding money (expenses today) does it inside one unit
of work, and nothing else writes the tables derived from those rows (`MonthlyTotal`):

    with money_changes() as changes:
        old = changes.lock(expenses=queryset, categories=[target.pk])  # 1. locks, first
        ...write the rows (create, update, delete)...                   # 2. the write
        changes.remove(old)                                             # 3. what left
        changes.add(new_rows)                                           #    what came
        changes.touch(category_id, month)   # an allotment, limit or rollover changed
    # the block ended: every derived table got its deltas ONCE, in the same transaction

The block is one transaction: an exception rolls back the rows and applies nothing.

Locks, one order for every writer (so two writers never deadlock and never interleave):
  1. the stored rows a write changes or deletes (`lock(expenses=...)` returns them as
     they are stored, before the write changes them);
  2. the categories, in id order, before any row of theirs is written: every category
     in ONE `lock()` call (the rows' own and `categories=`). A later call may only add
     higher ids, and `add`/`remove`/`touch` refuse a category not locked (MoneyChangesError);
  3. when the block ends, the budget rows of the changed rows, in id order
     (FOR NO KEY UPDATE), to read each budget's month start day.
  A new month start day (services/month_start.py) takes the categories, then the budget
  row, and rebuilds while holding them: no writer can add a row to a month of the old
  start day after the rebuild has read the rows.

What a unit keeps in step, and how to add to it (per-account totals, deposits,
transfers, refunds, amounts in a base currency): tables.py (DERIVED_TABLES, AFTER_APPLY)
and rows.py (the kinds of rows). After the changes are applied, `changes.changed_months`
is {category id: the earliest budget month whose figures changed}, for what is stored
from those figures onwards (an AFTER_APPLY updater reads it).

Modules: unit.py (MoneyChanges, money_changes, rebuild_totals), rows.py (ExpenseRow),
tables.py (the registry), monthly_totals.py (MonthlyTotal: the only code writing it).
"""

from ledger.services.money_changes.monthly_totals import (
    differing_totals,
    stored_totals,
    totals_from_rows,
)
from ledger.services.money_changes.rows import ExpenseRow, pks_in_batches
from ledger.services.money_changes.unit import (
    FROM_THE_FIRST_MONTH,
    MoneyChanges,
    MoneyChangesError,
    money_changes,
    rebuild_totals,
)

__all__ = [
    "FROM_THE_FIRST_MONTH",
    "ExpenseRow",
    "MoneyChangesError",
    "MoneyChanges",
    "differing_totals",
    "money_changes",
    "pks_in_batches",
    "rebuild_totals",
    "stored_totals",
    "totals_from_rows",
]
