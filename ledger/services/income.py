"""Monthly income writes."""

from datetime import date
from decimal import Decimal

from ledger.models import MonthlyIncome
from ledger.months import previous_month


def set_month_income(user, month: date, amount: Decimal, note: str = "") -> MonthlyIncome:
    """Create or update the user's income for `month` (the first day of a month)."""
    income, _ = MonthlyIncome.objects.update_or_create(
        owner=user, month=month, defaults={"amount": amount, "note": note}
    )
    return income


def copy_previous_month_income(user, month: date) -> MonthlyIncome | None:
    """Set `month`'s income to the month before's (amount and note); None when that is unset."""
    previous = MonthlyIncome.objects.for_user(user).filter(month=previous_month(month)).first()
    if previous is None:
        return None
    return set_month_income(user, month, previous.amount, previous.note)
