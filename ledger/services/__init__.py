"""Changes to a budget, with their rules: one function for each kind of write.

Views, forms, the admin, the API, the backup restore and the commands call these
(as `services.<name>`, keyword arguments only) and only translate the errors
they raise (`errors.py`) into form errors, JSON or command errors; nothing else
writes a ledger model (`ledger/tests/security/test_write_path.py` checks it). One module
per record: `categories`, `expenses`, `income`, `allotments`, `tokens`, `backup`,
`imports`, `month_start` (the day a budget's months start on), `recurring`; `totals`
keeps the monthly totals in step with every expense write.
The budget that owns the rows comes in as `budget=`; `budgets` holds the
budgets, their members and invitations. Callers check the member's role first
(`ledger.access`).
"""

from ledger.services.allotments import (
    allot_average_spending,
    clear_allotment,
    copy_previous_allotments,
    remove_allotment,
    reset_allotments,
    set_allotment,
    set_month_allotments,
)
from ledger.services.backup import BudgetNotEmpty, restore_backup
from ledger.services.categories import (
    archive_category,
    change_category,
    check_category_name,
    create_category,
    delete_categories,
    delete_category,
    move_category_expenses,
    move_expenses,
    move_expenses_and_delete_category,
    restore_category,
)
from ledger.services.errors import (
    BudgetRuleError,
    CategoryInUse,
    CategoryNotAllowed,
    DateOutOfRange,
    DuplicateCategoryName,
    InvalidMonthStartDay,
    InvalidMove,
    InvalidSchedule,
    InvalidTokenName,
    NotAMonth,
    OccurrenceNotPending,
    TooManyCategories,
)
from ledger.services.expenses import (
    change_expense,
    check_expense_category,
    record_expense,
    remove_expense,
    remove_expenses,
)
from ledger.services.imports import (
    ImportResult,
    NewExpense,
    import_expenses,
    import_typed_expenses,
)
from ledger.services.income import (
    change_month_income,
    copy_previous_month_income,
    remove_month_income,
    remove_month_incomes,
    set_month_income,
)
from ledger.services.money_changes import rebuild_totals
from ledger.services.month_start import change_month_start_day, check_month_start_day
from ledger.services.recurring import (
    SCHEDULE_FIELDS,
    change_recurring_expense,
    create_recurring_expense,
    delete_recurring_expense,
    post_all_due,
    post_due,
    record_occurrence,
    record_past_occurrences,
    schedule_errors,
    skip_occurrence,
)
from ledger.services.tokens import issue_api_token, revoke_api_token, use_api_token
from ledger.services.uploads import discard_upload, save_upload, update_upload_choices

__all__ = [
    "SCHEDULE_FIELDS",
    "BudgetNotEmpty",
    "discard_upload",
    "save_upload",
    "update_upload_choices",
    "BudgetRuleError",
    "CategoryInUse",
    "CategoryNotAllowed",
    "DuplicateCategoryName",
    "NewExpense",
    "ImportResult",
    "InvalidMonthStartDay",
    "InvalidMove",
    "InvalidSchedule",
    "OccurrenceNotPending",
    "TooManyCategories",
    "change_recurring_expense",
    "create_recurring_expense",
    "delete_recurring_expense",
    "post_all_due",
    "post_due",
    "record_occurrence",
    "record_past_occurrences",
    "schedule_errors",
    "skip_occurrence",
    "InvalidTokenName",
    "DateOutOfRange",
    "NotAMonth",
    "archive_category",
    "allot_average_spending",
    "clear_allotment",
    "copy_previous_allotments",
    "remove_allotment",
    "reset_allotments",
    "set_allotment",
    "set_month_allotments",
    "change_category",
    "change_expense",
    "change_month_income",
    "change_month_start_day",
    "check_category_name",
    "check_expense_category",
    "check_month_start_day",
    "copy_previous_month_income",
    "create_category",
    "delete_categories",
    "delete_category",
    "import_expenses",
    "import_typed_expenses",
    "issue_api_token",
    "move_category_expenses",
    "move_expenses",
    "move_expenses_and_delete_category",
    "rebuild_totals",
    "record_expense",
    "remove_expense",
    "remove_expenses",
    "remove_month_income",
    "remove_month_incomes",
    "restore_backup",
    "restore_category",
    "revoke_api_token",
    "set_month_income",
    "use_api_token",
]
