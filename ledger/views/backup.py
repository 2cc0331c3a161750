from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from ledger.forms.backup import RestoreForm
from ledger.selectors import has_ledger_data
from ledger.transfer.backup import BackupError, export_ledger, import_ledger


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
    context = {"form": form, "account_is_empty": not has_ledger_data(request.user)}
    return render(request, "ledger/backup.html", context)


@require_GET
def download(request):
    """The user's full ledger as a JSON file."""
    response = JsonResponse(export_ledger(request.user), json_dumps_params={"indent": 1})
    filename = f"budget-{request.user.get_username()}-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
