from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from ledger import access
from ledger.forms.backup import RestoreForm
from ledger.selectors import has_ledger_data
from ledger.transfer.backup import BackupError, export_ledger, import_ledger
from ledger.views.once import run_once


@require_http_methods(["GET", "POST"])
def backup(request):
    """Download the whole budget as JSON, or restore a backup into an empty budget (owners)."""
    member = access.request_member(
        request, access.MANAGE if request.method == "POST" else access.READ
    )
    form = RestoreForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        return run_once(request, lambda: _restore(request, member, form))
    return _page(request, member, form)


def _restore(request, member, form):
    try:
        counts = import_ledger(member.budget, form.backup, created_by=request.user)
    except BackupError as error:
        for message in error.errors:
            form.add_error("file", message)
        return _page(request, member, form)
    messages.success(
        request,
        "Restored {categories} categories, {expenses} expenses, {incomes} "
        "monthly incomes and {allotments} allotments.".format(**counts),
    )
    return redirect("backup")


def _page(request, member, form):
    context = {
        "form": form,
        "account_is_empty": not has_ledger_data(member.budget),
        "can_restore": access.allows(member, access.MANAGE),
    }
    return render(request, "ledger/backup.html", context)


@require_GET
def download(request):
    """The current budget's full ledger as a JSON file."""
    budget = access.request_budget(request)
    response = JsonResponse(export_ledger(budget), json_dumps_params={"indent": 1})
    filename = f"budget-{slugify(budget.name) or budget.pk}-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
