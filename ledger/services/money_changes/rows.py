"""The kinds of rows a unit of work accounts for: what the derived tables read of a stored row.

Today one kind, `ExpenseRow`. A new kind of money row (a deposit, a transfer, a refund
with a negative amount, an amount in the base currency) gets a small frozen record here
(its budget, the category it counts against or None, its day, its amount, its id), an
entry in `FROM_MODEL` turning a stored instance into it, and the derived tables that
read it pick it out of the unit's rows by its type (see `tables.py`).
"""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from ledger.models import Expense


class ExpenseRow(NamedTuple):
    """One expense as the totals see it; `pk` is None for a row stored without its id.
    (A named tuple: an import makes 100,000 of them, three times faster than a dataclass.)"""

    budget_id: int
    category_id: int
    date: date
    amount: Decimal
    pk: int | None = None

    @classmethod
    def of(cls, expense: Expense) -> "ExpenseRow":
        return cls(expense.budget_id, expense.category_id, expense.date, expense.amount, expense.pk)


# A stored instance of each model that holds money, and how it becomes a row.
FROM_MODEL = {Expense: ExpenseRow.of}
ROW_KINDS = (ExpenseRow,)


def as_row(row):
    """`row` as a row kind: a row kind as it is, a stored model instance through FROM_MODEL."""
    if type(row) in ROW_KINDS:
        return row
    make = FROM_MODEL.get(type(row))
    if make is None:
        raise TypeError(f"A unit of work does not know rows of type {type(row).__name__}.")
    return make(row)


def pks_in_batches(rows, size: int = 500):
    """The ids of `rows`, `size` at a time (SQLite caps the parameters of one query)."""
    for start in range(0, len(rows), size):
        yield [row.pk for row in rows[start : start + size]]
