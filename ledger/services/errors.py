"""What the services refuse: each error's text is the message a person reads.

Views turn these into form errors, the API into `{"detail": ...}`, commands into
CommandError; the wording comes from `ledger.rules`.
"""

from ledger.rules import CATEGORY_IN_USE


class BudgetRuleError(Exception):
    """A write that the budget's rules refuse; nothing was stored."""


class DuplicateCategoryName(BudgetRuleError):
    """The owner already has a category with this name (ignoring case)."""


class TooManyCategories(BudgetRuleError):
    """A budget holds at most `rules.MAX_CATEGORIES_PER_BUDGET` categories."""


class CategoryNotAllowed(BudgetRuleError):
    """An expense may only go into an active category of its own owner."""


class CategoryInUse(BudgetRuleError):
    """Raised when deleting a category that still holds expenses."""

    def __init__(self, category, expense_count: int):
        self.category = category
        self.expense_count = expense_count
        super().__init__(CATEGORY_IN_USE.format(name=category.name, count=expense_count))


class InvalidMove(BudgetRuleError, ValueError):
    """Raised when expenses cannot be moved to the chosen category."""


class NotAMonth(BudgetRuleError, ValueError):
    """A monthly income's month must be the first day of a month."""


class DateOutOfRange(BudgetRuleError, ValueError):
    """A date written must lie from 1900-01-01 to 2999-12-31 (issue 24)."""


class InvalidTokenName(BudgetRuleError, ValueError):
    """An API token's name must be 1 to 100 characters once trimmed."""


class InvalidMonthStartDay(BudgetRuleError, ValueError):
    """A budget month starts on a day from 1 to 28 (every month has those days)."""


class InvalidSchedule(BudgetRuleError, ValueError):
    """A recurring expense's schedule breaks a rule; `errors` maps each field to its message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(next(iter(errors.values())))


class OccurrenceNotPending(BudgetRuleError):
    """Only a recurring expense's next pending occurrence can be recorded or skipped."""
