"""Monthly income writes: one amount (and a note) per budget and month."""

from datetime import date
from decimal import Decimal

from ledger.models import MonthlyIncome
from ledger.months import previous_month
from ledger.rules import MONTH_FIRST_DAY, MONTH_OUT_OF_RANGE, date_in_range
from ledger.services.errors import NotAMonth


def check_first_day(month: date) -> None:
    """Raise NotAMonth unless `month` is the first day of a month (how months are stored)."""
    if month.day != 1:
        raise NotAMonth(MONTH_FIRST_DAY.format(month=month))


def check_month(month: date) -> None:
    """Raise NotAMonth unless `month` is the first day of a month from 1900-01 to 2999-12
    (a month written, issue 24)."""
    check_first_day(month)
    if not date_in_range(month):
        raise NotAMonth(MONTH_OUT_OF_RANGE)


def set_month_income(*, budget, month: date, amount: Decimal, note: str = "") -> MonthlyIncome:
    """Create or replace `budget`'s income for `month` (the first day of a month)."""
    check_month(month)
    income, _ = MonthlyIncome.objects.update_or_create(
        budget=budget, month=month, defaults={"amount": amount, "note": note}
    )
    return income


def copy_previous_month_income(*, budget, month: date) -> MonthlyIncome | None:
    """Set `month`'s income to the month before's (amount and note); None when that is unset."""
    previous = MonthlyIncome.objects.for_budget(budget).filter(month=previous_month(month)).first()
    if previous is None:
        return None
    return set_month_income(budget=budget, month=month, amount=previous.amount, note=previous.note)


def change_month_income(
    *,
    income: MonthlyIncome,
    budget=None,
    month: date | None = None,
    amount: Decimal | None = None,
    note: str | None = None,
) -> MonthlyIncome:
    """Change a stored income's budget, month, amount or note; None keeps a value as it is."""
    if month is not None:
        check_month(month)
    for field, value in (("budget", budget), ("month", month), ("amount", amount), ("note", note)):
        if value is not None:
            setattr(income, field, value)
    income.save()
    return income


def remove_month_income(*, income: MonthlyIncome) -> None:
    """Delete one month's income (the month then shows no income)."""
    income.delete()


def remove_month_incomes(*, incomes) -> int:
    """Delete the monthly incomes of a queryset; return how many."""
    deleted, _ = incomes.delete()
    return deleted
