"""Changing the day a budget's months start on (issue 16).

Incomes, allotments and rollover months are stored under their month's name
(`YYYY-MM`), so they keep it; only which dates each month holds changes, and
with it the monthly totals of spending, rebuilt here from the expense rows.
"""

from ledger.models import Budget, Category
from ledger.rules import MONTH_START_DAY_MAX, MONTH_START_DAY_MIN, MONTH_START_DAY_RANGE
from ledger.services.errors import InvalidMonthStartDay
from ledger.services.money_changes import money_changes


def check_month_start_day(day) -> int:
    """`day` if a month may start on it (1-28); InvalidMonthStartDay otherwise."""
    if isinstance(day, bool) or not isinstance(day, int):
        raise InvalidMonthStartDay(MONTH_START_DAY_RANGE)
    if not MONTH_START_DAY_MIN <= day <= MONTH_START_DAY_MAX:
        raise InvalidMonthStartDay(MONTH_START_DAY_RANGE)
    return day


def change_month_start_day(*, budget: Budget, day: int, progress=None) -> int:
    """Make `budget`'s months start on `day` and rebuild its monthly totals, in one
    transaction; return how many (category, month) totals it now holds.

    `progress(done, total)` is called after each category's totals are rebuilt.
    Locks: the budget's categories first, then the budget row (the order every
    expense writer takes them in), so no write lands between the change and the
    rebuild; categories made meanwhile are rebuilt too, without waiting on them.
    """
    check_month_start_day(day)
    with money_changes() as changes:
        changes.lock(categories=Category.objects.filter(budget=budget).values_list("pk", flat=True))
        Budget.objects.filter(pk=budget.pk).update(month_start_day=day)
        budget.month_start_day = day
        category_ids = list(
            Category.objects.filter(budget=budget).order_by("pk").values_list("pk", flat=True)
        )
        count = 0
        for done, category_id in enumerate(category_ids, start=1):
            counts = changes.rebuild(budget=budget, category_ids=[category_id])
            count += counts["monthly_totals"]
            if progress is not None:
                progress(done, len(category_ids))
    return count
