from django.urls import path, register_converter

from ledger.months import MonthConverter
from ledger.views import backup as backup_views
from ledger.views import (
    budget_month,
    budget_settings,
    budgets,
    categories,
    expenses,
    exports,
    health,
    imports,
    income,
    out_of_range,
    recurring,
    reports,
    summary,
    tokens,
)

register_converter(MonthConverter, "month")

urlpatterns = [
    path("health", health.health, name="health"),
    path("", summary.HomeView.as_view(), name="home"),
    path("summary/<month:month>/", summary.SummaryView.as_view(), name="summary"),
    path("budget/<month:month>/", budget_month.BudgetMonthView.as_view(), name="budget-month"),
    path("categories/", categories.CategoryListView.as_view(), name="category-list"),
    path("categories/new/", categories.CategoryCreateView.as_view(), name="category-create"),
    path(
        "categories/<int:pk>/edit/",
        categories.CategoryUpdateView.as_view(),
        name="category-edit",
    ),
    path(
        "categories/<int:pk>/delete/",
        categories.CategoryDeleteView.as_view(),
        name="category-delete",
    ),
    path(
        "categories/<int:pk>/restore/",
        categories.CategoryRestoreView.as_view(),
        name="category-restore",
    ),
    path("expenses/", expenses.ExpenseListView.as_view(), name="expense-list"),
    path(
        "expenses/out-of-range/", out_of_range.OutOfRangeView.as_view(), name="expense-out-of-range"
    ),
    path("expenses/new/", expenses.ExpenseCreateView.as_view(), name="expense-create"),
    path("expenses/<int:pk>/edit/", expenses.ExpenseUpdateView.as_view(), name="expense-edit"),
    path("expenses/<int:pk>/delete/", expenses.ExpenseDeleteView.as_view(), name="expense-delete"),
    path("income/", income.CurrentIncomeView.as_view(), name="income-current"),
    path("income/<month:month>/", income.IncomeView.as_view(), name="income"),
    path("settings/tokens/", tokens.token_list, name="tokens"),
    path("settings/tokens/<int:pk>/revoke/", tokens.token_revoke, name="token-revoke"),
]

# Data in and out (issue 8).
urlpatterns += [
    path("expenses/export.csv", exports.export_expenses_csv, name="expense-export-csv"),
    path("import/", imports.upload, name="import-upload"),
    path("import/<str:token>/columns/", imports.columns, name="import-columns"),
    path("import/<str:token>/preview/", imports.preview, name="import-preview"),
    path("settings/backup/", backup_views.backup, name="backup"),
    path("settings/backup/download/", backup_views.download, name="backup-download"),
]

# Shared budgets (issue 14).
urlpatterns += [
    path("budgets/", budgets.budget_list, name="budget-list"),
    path("budgets/new/", budgets.budget_create, name="budget-create"),
    path("budgets/<int:budget_id>/switch/", budgets.budget_switch, name="budget-switch"),
    path("budgets/<int:budget_id>/rename/", budgets.budget_rename, name="budget-rename"),
    path("budgets/<int:budget_id>/delete/", budgets.budget_delete, name="budget-delete"),
    path("budgets/<int:budget_id>/leave/", budgets.budget_leave, name="budget-leave"),
    path("budgets/<int:budget_id>/members/", budgets.members, name="budget-members"),
    path(
        "budgets/<int:budget_id>/settings/",
        budget_settings.budget_settings,
        name="budget-settings",
    ),
    path(
        "budgets/<int:budget_id>/members/<int:user_id>/role/",
        budgets.member_role,
        name="budget-member-role",
    ),
    path(
        "budgets/<int:budget_id>/members/<int:user_id>/remove/",
        budgets.member_remove,
        name="budget-member-remove",
    ),
    path(
        "budgets/<int:budget_id>/invitations/",
        budgets.invitation_create,
        name="budget-invitation-create",
    ),
    path(
        "budgets/<int:budget_id>/invitations/<int:pk>/revoke/",
        budgets.invitation_revoke,
        name="budget-invitation-revoke",
    ),
    path("invitations/<str:token>/", budgets.invitation, name="invitation"),
]

# Reports (issue 18).
urlpatterns += [
    path("reports/", reports.reports, name="reports"),
    path("reports/category/<int:pk>/", reports.category_report, name="report-category"),
]

# Recurring expenses (issue 17).
urlpatterns += [
    path("recurring/", recurring.RecurringListView.as_view(), name="recurring-list"),
    path("recurring/new/", recurring.RecurringCreateView.as_view(), name="recurring-create"),
    path(
        "recurring/<int:pk>/edit/", recurring.RecurringUpdateView.as_view(), name="recurring-edit"
    ),
    path(
        "recurring/<int:pk>/delete/",
        recurring.RecurringDeleteView.as_view(),
        name="recurring-delete",
    ),
    path(
        "recurring/<int:pk>/record/",
        recurring.RecordOccurrenceView.as_view(),
        name="recurring-record",
    ),
    path("recurring/<int:pk>/skip/", recurring.SkipOccurrenceView.as_view(), name="recurring-skip"),
]
