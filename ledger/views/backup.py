import json

from django import forms
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from ledger.backup import BackupError, export_ledger, has_data, import_ledger

MAX_BACKUP_BYTES = 50 * 1024 * 1024


class RestoreForm(forms.Form):
    file = forms.FileField(label="Backup file (.json)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BACKUP_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_BACKUP_BYTES // (1024 * 1024)} MB."
            )
        try:
            self.backup = json.loads(upload.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise forms.ValidationError("This is not a Budget backup file (not JSON).") from None
        return upload


@require_http_methods(["GET", "POST"])
def backup(request):
    """Download the whole ledger as JSON, or restore a backup into an empty account."""
    form = RestoreForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            counts = import_ledger(request.user, form.backup)
        except BackupError as error:
            for message in error.errors:
                form.add_error("file", message)
        else:
            messages.success(
                request,
                "Restored {categories} categories, {expenses} expenses and {incomes} "
                "monthly incomes.".format(**counts),
            )
            return redirect("backup")
    context = {"form": form, "account_is_empty": not has_data(request.user)}
    return render(request, "ledger/backup.html", context)


@require_GET
def download(request):
    """The user's full ledger as a JSON file."""
    response = JsonResponse(export_ledger(request.user), json_dumps_params={"indent": 1})
    filename = f"budget-{request.user.get_username()}-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
