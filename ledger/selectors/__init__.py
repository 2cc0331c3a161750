"""Reads that build pages and API answers, one module per area, mirroring `ledger/services/`:
`summary` (the month's envelopes), `plan` (the budget page), `expenses`, `categories`,
`income`, `budgets`, `reports` (ranges of months), `recurring` (schedules and occurrences),
and `money` (exact sums in the database). Views and API routes call these; the arithmetic of
the carry lives in `ledger/carry.py`.
"""

from ledger.selectors import recurring, reports
from ledger.selectors.budgets import has_ledger_data
from ledger.selectors.categories import categories_with_spent, expense_count
from ledger.selectors.expenses import month_expenses
from ledger.selectors.income import month_income_record
from ledger.selectors.money import money_sum, sum_of_money, total_amount
from ledger.selectors.plan import MonthPlan, PlanLine, month_allotments, month_plan
from ledger.selectors.summary import (
    CategoryLine,
    MonthSummary,
    category_envelopes,
    envelope_history,
    month_income,
    monthly_summary,
)

__all__ = [
    "CategoryLine",
    "MonthPlan",
    "MonthSummary",
    "PlanLine",
    "categories_with_spent",
    "category_envelopes",
    "envelope_history",
    "expense_count",
    "has_ledger_data",
    "money_sum",
    "month_allotments",
    "month_expenses",
    "month_income",
    "month_income_record",
    "month_plan",
    "monthly_summary",
    "recurring",
    "reports",
    "sum_of_money",
    "total_amount",
]
