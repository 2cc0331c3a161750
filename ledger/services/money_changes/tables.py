"""What a unit of work keeps in step with the rows: the derived tables, then the updaters.

THE EXTENSION POINT. A derived table is a table of figures summed from ledger rows
(today `MonthlyTotal`; per-account monthly net totals come next). It is an object with

    name                                  a short key ("monthly_totals")
    model                                 the Django model it writes (only it writes that model)
    deltas(changes, start_days) -> dict   the changes to make, from the unit's `(sign, row)`
                                          pairs (sign +1 added, -1 removed) and each budget's
                                          month start day (read under the budget's lock);
                                          rows of kinds it does not read are skipped
    apply(deltas) -> None                 write them, once per unit (batched statements); drop
                                          what falls to nothing
    rebuild(budget=, category_ids=) -> int   replace its rows for a budget (or some of its
                                          categories) by a recomputation; return how many

and an instance of it in DERIVED_TABLES. A new kind of row (rows.py) feeds it with no
change to the unit of work or the services.

An updater in AFTER_APPLY is called with the unit, in its transaction, once every derived
table holds the new figures: it reads `changes.changed_months` ({category id: the earliest
budget month whose figures changed}) and brings what it stores up to date from there (the
stored carry-over balances of the envelopes belong here).
"""

from collections.abc import Callable

from ledger.services.balances import refresh_changed_balances
from ledger.services.money_changes.monthly_totals import MonthlyTotals

DERIVED_TABLES = (MonthlyTotals(),)

# The stored carry-over balances of the envelopes (ledger.services.balances).
AFTER_APPLY: list[Callable] = [refresh_changed_balances]
