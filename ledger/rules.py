"""The budget's rules as literal values, in one place.

Models, forms, API schemas, the import, the export and the backup import these;
this module imports nothing of the app, so anything may import it.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

# Money: 12 digits, 2 of them after the point (DecimalField and the database column).
MONEY_DIGITS = 12
MONEY_PLACES = 2
MONEY = {"max_digits": MONEY_DIGITS, "decimal_places": MONEY_PLACES}
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_AMOUNT = Decimal("9999999999.99")  # the largest amount the money columns hold
# A budget month starts on this day of the calendar month (issue 16).
MONTH_START_DAY_MIN, MONTH_START_DAY_MAX = 1, 28

# Text
CATEGORY_NAME_MAX = 100
DESCRIPTION_MAX = 255

# Cells a spreadsheet would run as a formula: the CSV export writes them with a leading "'".
# The full-width forms count (spreadsheets fold them), so do "|" (DDE) and line breaks, and
# spaces or line breaks in front of any of them.
FORMULA_PREFIXES = ("=", "+", "-", "@", "|", "\t", "\r", "\n", "＝", "＋", "－", "＠", "｜")
_FORMULA_PADDING = " \t\r\n\u3000"


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could run this cell as a formula."""
    return text.startswith(FORMULA_PREFIXES) or text.lstrip(_FORMULA_PADDING).startswith(
        FORMULA_PREFIXES
    )


# Messages said in more than one place
DUPLICATE_CATEGORY_NAME = "You already have a category with this name."
CHOOSE_ACTIVE_CATEGORY = "Choose one of your active categories."
CATEGORY_IN_USE = (
    "Category {name!r} holds {count} expense(s): archive it or move its expenses first."
)
MOVE_TO_SAME_BUDGET = "Expenses can only move to a category of the same budget."
MOVE_TO_ACTIVE_CATEGORY = "Expenses can only move to an active category."
MOVE_TO_OTHER_CATEGORY = "Choose a different category to move the expenses to."
MONTH_FIRST_DAY = "Use the first day of the month, e.g. {month:%Y-%m}-01."
TOKEN_NAME_MAX = 100
TOKEN_NAME_LENGTH = f"The token name must be 1 to {TOKEN_NAME_MAX} characters."
RESTORE_NEEDS_EMPTY_BUDGET = "This budget already has data: restore into an empty budget."
ARCHIVED_SUFFIX = " (archived)"


def category_label(name: str, is_archived: bool) -> str:
    """A category's name as menus show it: "Food (archived)" for an archived one."""
    return f"{name}{ARCHIVED_SUFFIX}" if is_archived else name


# Counts (issue 22): what one person or one budget may hold, so that no page, report or
# restore costs more than these many rows do. Every path that creates them checks.
MAX_BUDGETS_PER_USER = 50  # memberships, in any role
MAX_CATEGORIES_PER_BUDGET = 500  # archived ones count
# The rows later issues add per budget are bounded the same way:
MAX_ACCOUNTS_PER_BUDGET = 100
MAX_RULES_PER_BUDGET = 1_000  # import and categorisation rules
MAX_PAYEES_PER_BUDGET = 20_000
TOO_MANY_BUDGETS = (
    f"You can belong to at most {MAX_BUDGETS_PER_USER} budgets: leave or delete one first."
)
TOO_MANY_CATEGORIES = (
    f"A budget can have at most {MAX_CATEGORIES_PER_BUDGET} categories (archived ones count): "
    "delete one first."
)

# Shared budgets
BUDGET_NAME_MAX = 100
# Budget names are unique (ignoring case) among the budgets each person belongs to (issue 24).
DUPLICATE_BUDGET_NAME = "You already belong to a budget with this name."
BUDGET_NAME_TAKEN_BY_MEMBER = "Another member of this budget belongs to a budget with this name."
INVITATION_DAYS = 7
ROLE_CANNOT_CHANGE = "Your role cannot change this budget."
MONTH_START_DAY_RANGE = (
    f"Choose a day from {MONTH_START_DAY_MIN} to {MONTH_START_DAY_MAX}: every month has those days."
)

# Dates a person or client may write (issue 24): expenses, schedules, income and allotment
# months, `rollover_from`, imports, restores, the admin and the API. Rows stored before the
# bound (or by hand) stay readable: /expenses/out-of-range/ lists them to edit or delete.
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2999, 12, 31)
DATE_OUT_OF_RANGE = "Use a date from 1900-01-01 to 2999-12-31."
MONTH_OUT_OF_RANGE = "Use a month from 1900-01 to 2999-12."


def date_in_range(day: date) -> bool:
    """Whether `day` (a date, or the first day of a month) may be written."""
    return MIN_DATE <= day <= MAX_DATE


def validate_writable_date(day: date) -> None:
    """Model-field validator (forms, the admin): a date from MIN_DATE to MAX_DATE."""
    if day is not None and not date_in_range(day):
        raise ValidationError(DATE_OUT_OF_RANGE, code="date_out_of_range")


def validate_writable_month(month: date) -> None:
    """Model-field validator for a month stored as its first day."""
    if month is not None and not date_in_range(month):
        raise ValidationError(MONTH_OUT_OF_RANGE, code="date_out_of_range")


# Recurring expenses (issue 17)
RECORD_PAST_MAX = 100
NOT_THE_NEXT_OCCURRENCE = "This is not the next occurrence due: it was recorded or skipped already."

# Text and money limits as forms, API schemas, models and the admin spell them (issue 23):
# every length and digit count the app checks is one of these or a constant above.
MONEY_WHOLE_DIGITS = MONEY_DIGITS - MONEY_PLACES  # digits before the point: 10
NOTE_MAX = DESCRIPTION_MAX  # a month's income note
FILENAME_MAX = 255  # an uploaded file's name, as an import remembers it
MONEY_TOO_LARGE = f"Enter an amount below {10**MONEY_WHOLE_DIGITS:,}."
MONEY_TOO_PRECISE = f"Use at most {MONEY_PLACES} decimal places."
