from django.urls import path, register_converter

from ledger.months import MonthConverter
from ledger.views import accounts, exports, health, imports
from ledger.views import backup as backup_views

register_converter(MonthConverter, "month")

urlpatterns = [
    path("health", health.health, name="health"),
    path("accounts/signup/", accounts.SignupView.as_view(), name="signup"),
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
