"""The budget's data: categories with monthly limits, expenses, monthly income.

A budget owns the data and its members share it (issue 14). Every rule the
forms enforce is backed by a database constraint, and every query for a
budget's data starts from the model's `for_budget` scoping method;
`ledger.access` says which budgets a request may read or change.
"""

from ledger.models.budgets import Budget, Invitation, Membership, Role
from ledger.models.envelopes import Allotment, EnvelopeBalance, MonthlyTotal, Rollover
from ledger.models.imports import ImportProfile, ImportUpload, RememberedCategory
from ledger.models.ledger import Category, Expense, MonthlyIncome
from ledger.models.recurring import Frequency, RecurringExpense, SkippedOccurrence
from ledger.models.scoping import BudgetScopedQuerySet, DayOfMonth
from ledger.models.submissions import FormSubmission
from ledger.models.tokens import ApiToken

__all__ = [
    "Allotment",
    "ApiToken",
    "Budget",
    "BudgetScopedQuerySet",
    "Category",
    "DayOfMonth",
    "EnvelopeBalance",
    "Expense",
    "FormSubmission",
    "Frequency",
    "ImportProfile",
    "ImportUpload",
    "Invitation",
    "Membership",
    "MonthlyIncome",
    "MonthlyTotal",
    "RecurringExpense",
    "RememberedCategory",
    "Role",
    "Rollover",
    "SkippedOccurrence",
]
