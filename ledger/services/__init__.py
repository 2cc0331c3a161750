"""Changes to a budget that carry rules: one function for each kind of write.

Views, forms, the admin, the API and the commands call these (as `services.<name>`);
none of them writes a ledger model around them. One module per record:
`categories`, `income`, `imports`.
"""

from ledger.services.categories import (
    CategoryInUse,
    InvalidMove,
    archive_category,
    delete_category,
    move_category_expenses,
    move_expenses,
    move_expenses_and_delete_category,
    restore_category,
)
from ledger.services.imports import ImportResult, import_expenses
from ledger.services.income import copy_previous_month_income, set_month_income

__all__ = [
    "CategoryInUse",
    "ImportResult",
    "InvalidMove",
    "archive_category",
    "copy_previous_month_income",
    "delete_category",
    "import_expenses",
    "move_category_expenses",
    "move_expenses",
    "move_expenses_and_delete_category",
    "restore_category",
    "set_month_income",
]
