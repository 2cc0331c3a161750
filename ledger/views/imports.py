"""The import page: upload, (columns when they cannot be detected), preview, confirm.

The file is parsed once, on upload: its table and the user's choices wait in the
database between steps, and each later step types that table with the current choices
(`ledger.transfer.pipeline.read(table=...)`), never reading the file again.
"""

from django.contrib import messages
from django.db import DatabaseError
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from ledger import access, services
from ledger.forms.imports import SPENDING, ColumnsForm, ConfirmForm, SettingsForm, UploadForm
from ledger.models import Category
from ledger.rules import CATEGORY_NAME_MAX
from ledger.transfer.encoding import ImportFileError
from ledger.transfer.pipeline import read
from ledger.transfer.preview import classify
from ledger.transfer.uploads import CappedUploadHandler, load_upload, unpack_table
from ledger.transfer.values import DATE_FORMATS
from ledger.views.once import submitted_once

PREVIEW_ROWS = 100  # rows shown per table; the counts cover them all


def _category_names(budget):
    return list(Category.objects.for_budget(budget).active().values_list("name", flat=True))


def _budget(request):
    """The budget the import goes into: the current one. Every step is a form that writes,
    so every step needs a role that writes (a viewer gets the 403 page at once).

    The uploaded file waits as the uploader's own (`ImportUpload`), the rows go into the budget.
    """
    return access.request_budget(request, access.WRITE)


@csrf_exempt  # the upload handler must be in place before the CSRF check reads the body
def upload(request):
    """Step 1: choose a file (and, if you like, a default category and formats)."""
    request.upload_handlers.insert(0, CappedUploadHandler(request))
    return _upload(request)


@csrf_protect
@require_http_methods(["GET", "POST"])
def _upload(request):
    budget = _budget(request)
    context = {"category_names": _category_names(budget)}
    if request.method == "GET":
        return render(request, "ledger/import_upload.html", {**context, "form": UploadForm()})
    form = UploadForm(
        request.POST, request.FILES, too_large=getattr(request, "upload_too_large", False)
    )
    if not form.is_valid():
        return render(request, "ledger/import_upload.html", {**context, "form": form})
    try:
        reading = read(budget, form.data_bytes, form.filename, form.choices())
    except ImportFileError as error:  # refused whole: nothing is kept
        form.add_error("file", str(error))
        return render(request, "ledger/import_upload.html", {**context, "form": form})
    kept = services.save_upload(
        user=request.user,
        table=reading.table,
        size=len(form.data_bytes),
        filename=form.filename,
        choices=form.choices(),
    )
    target = "import-preview" if reading.typed is not None else "import-columns"
    return redirect(target, token=kept.token)


@require_http_methods(["GET", "POST"])
def columns(request, token):
    """Step 2, when needed: say which column holds what."""
    budget = _budget(request)
    kept = load_upload(request.user, token)
    try:
        reading = read(budget, chosen=kept.choices, table=unpack_table(bytes(kept.data)))
    except ImportFileError as error:
        return render(
            request, "ledger/import_preview.html", {"token": token, "file_error": str(error)}
        )
    table = reading.table
    if request.method == "POST":
        form = ColumnsForm(request.POST, table=table)
        if form.is_valid():
            choices = {**kept.choices, "columns": form.column_map.as_dict()}
            choices["has_header"] = form.cleaned_data["has_header"]
            services.update_upload_choices(upload=kept, choices=choices)
            return redirect("import-preview", token=token)
    else:
        initial = {"has_header": table.header_index is not None, **reading.columns.as_dict()}
        form = ColumnsForm(initial=initial, table=table)
    start = table.header_index or 0
    context = {"form": form, "token": token, "sample": table.records[start : start + 6]}
    return render(request, "ledger/import_columns.html", context)


@require_http_methods(["GET", "POST"])
@submitted_once  # the confirm form's token: the import runs once
def preview(request, token):
    """Step 3: see what the import will do, change what needs changing, then confirm."""
    budget = _budget(request)
    kept = load_upload(request.user, token)
    context = {"token": token, "shown": PREVIEW_ROWS, "budget": budget}
    try:
        reading = read(budget, chosen=kept.choices, table=unpack_table(bytes(kept.data)))
    except ImportFileError as error:
        return render(request, "ledger/import_preview.html", {**context, "file_error": str(error)})
    if reading.typed is None:
        return redirect("import-columns", token=token)
    if request.method == "POST" and "update" in request.POST:
        return _update_settings(request, kept, token)
    default = kept.choices.get("default_category", "")
    found = classify(budget, reading.typed, default_category=default)
    shown_lines = [planned.row.line for planned in found.rows[:PREVIEW_ROWS]]
    months = [month.month for month in found.income_months]
    form = ConfirmForm(
        request.POST if request.method == "POST" else None, lines=shown_lines, months=months
    )
    if form.is_bound and form.is_valid():
        try:
            result = services.import_expenses(
                budget=budget,
                created_by=request.user,
                reading=reading,
                default_category=default,
                chosen_categories=form.chosen_categories(),
                include_duplicates=form.cleaned_data["include_duplicates"],
                income_months=form.income_months(),
                remember=reading.choices_to_remember(kept.choices),
            )
        except services.BudgetRuleError as error:  # e.g. too many new categories
            context["file_error"] = f"Nothing was imported: {error}"
            return render(request, "ledger/import_preview.html", context)
        except DatabaseError:
            context["file_error"] = "The import failed and nothing was stored. Please try again."
            return render(request, "ledger/import_preview.html", context)
        services.discard_upload(upload=kept)
        messages.success(request, _summary(result))
        return redirect("import-upload")
    settings_form = SettingsForm(
        initial={key: kept.choices.get(key, "") for key in SettingsForm.base_fields}
    )
    context |= {
        "preview": found,
        "typed": reading.typed,
        "reading": reading,
        "form": form,
        "settings_form": settings_form,
        "date_label": DATE_FORMATS[reading.typed.date_format.value],
        "spending_labels": SPENDING,
        "category_names": _category_names(budget),
        "category_name_max": CATEGORY_NAME_MAX,
        "hidden": {
            "rows": max(0, len(found.rows) - PREVIEW_ROWS),
            "errors": max(0, len(found.errors) - PREVIEW_ROWS),
            "duplicates": max(0, len(found.duplicates) - PREVIEW_ROWS),
            "incoming": max(0, len(found.incoming) - PREVIEW_ROWS),
        },
    }
    return render(request, "ledger/import_preview.html", context)


def _update_settings(request, kept, token):
    form = SettingsForm(request.POST)
    if form.is_valid():
        choices = {**kept.choices, **{key: form.cleaned_data[key] for key in form.fields}}
        services.update_upload_choices(upload=kept, choices=choices)
        return redirect("import-preview", token=token)
    messages.error(
        request, "; ".join(str(error) for errors in form.errors.values() for error in errors)
    )
    return redirect("import-preview", token=token)


def _summary(result) -> str:
    text = result.summary()
    if result.categories_created:
        text += f" New categories: {', '.join(result.categories_created)}."
    for month, amount in result.income_added:
        text += f" Added {amount} to the income of {month:%B %Y}."
    return text
