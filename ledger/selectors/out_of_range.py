"""Rows dated outside the dates a person may write (issue 24): stored before dates were
bounded, or by hand. Listed on /expenses/out-of-range/ to be edited or deleted."""

from dataclasses import dataclass

from django.db.models import Exists, Q

from ledger.models import Allotment, Budget, Category, Expense, MonthlyIncome, RecurringExpense
from ledger.rules import MAX_DATE, MIN_DATE


def _outside(*fields: str) -> Q:
    """Any of `fields` dated before MIN_DATE or after MAX_DATE."""
    found = Q()
    for field in fields:
        found |= Q(**{f"{field}__lt": MIN_DATE}) | Q(**{f"{field}__gt": MAX_DATE})
    return found


# What each kind of row is checked on: model -> its user-written date fields.
DATED = {
    Expense: ("date",),
    RecurringExpense: ("start", "end"),
    MonthlyIncome: ("month",),
    Allotment: ("month",),
    Category: ("rollover_from",),
}


@dataclass
class OutOfRange:
    expenses: list
    schedules: list
    incomes: list
    allotments: list
    categories: list

    def __bool__(self) -> bool:
        return any((self.expenses, self.schedules, self.incomes, self.allotments, self.categories))


def _rows(model, budget):
    return model.objects.for_budget(budget).filter(_outside(*DATED[model]))


def out_of_range_rows(budget) -> OutOfRange:
    """The budget's rows dated outside MIN_DATE..MAX_DATE, each kind in date order."""
    return OutOfRange(
        expenses=list(_rows(Expense, budget).select_related("category").order_by("date", "id")),
        schedules=list(
            _rows(RecurringExpense, budget).select_related("category").order_by("start", "id")
        ),
        incomes=list(_rows(MonthlyIncome, budget).order_by("month")),
        allotments=list(
            _rows(Allotment, budget).select_related("category").order_by("month", "category_id")
        ),
        categories=list(_rows(Category, budget)),
    )


def has_out_of_range_rows(budget) -> bool:
    """Whether the budget holds any row dated outside MIN_DATE..MAX_DATE (one query)."""
    found = Q()
    for model in DATED:
        found |= Q(Exists(_rows(model, budget)))
    return Budget.objects.filter(pk=budget.pk).filter(found).exists()
