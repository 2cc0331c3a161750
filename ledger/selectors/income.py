"""Reads of the month's income record."""

from datetime import date

from ledger.models import MonthlyIncome


def month_income_record(budget, month: date) -> MonthlyIncome | None:
    """The budget's income record for `month`, or None."""
    return MonthlyIncome.objects.for_budget(budget).filter(month=month).first()
