"""The CSV import page: upload, map the columns, preview, confirm.

Between steps the upload waits in `ledger.transfer.uploads`, bound to its user.
"""

from django import forms
from django.contrib import messages
from django.db import DatabaseError
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from ledger import access, services
from ledger.transfer.csv_import import (
    DATE_FORMATS,
    DECIMAL_MARKS,
    DELIMITERS,
    MAX_FILE_BYTES,
    ColumnMap,
    FileFormat,
    ImportFileError,
    build_preview,
    check_columns,
    guess_columns,
    read_table,
)
from ledger.transfer.uploads import (
    CappedUploadHandler,
    discard_upload,
    load_upload,
    save_upload,
    update_upload,
)

PREVIEW_ROWS = 100  # rows shown per table; the counts cover them all
TOO_BIG = f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB."


# Forms -----------------------------------------------------------------------


class UploadForm(forms.Form):
    file = forms.FileField(label="CSV file")
    delimiter = forms.ChoiceField(
        choices=[("", "Guess from the first line"), *DELIMITERS.items()], required=False
    )
    date_format = forms.ChoiceField(choices=DATE_FORMATS.items(), label="Dates are written")
    decimal = forms.ChoiceField(choices=DECIMAL_MARKS.items(), label="Decimal separator")

    def __init__(self, *args, too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:  # checked before reading a byte of it
            raise forms.ValidationError(TOO_BIG)
        self.data_bytes = upload.read()
        return upload

    def clean(self):
        if self.too_large:
            self.errors.pop("file", None)
            self.add_error("file", TOO_BIG)
            return self.cleaned_data
        if "file" in self.cleaned_data:
            try:
                self.table = read_table(self.data_bytes, self.cleaned_data.get("delimiter") or None)
            except ImportFileError as error:
                self.add_error("file", str(error))
        return self.cleaned_data


class ColumnsForm(forms.Form):
    has_header = forms.BooleanField(required=False, label="The first line holds column names")
    date = forms.TypedChoiceField(coerce=int)
    amount = forms.TypedChoiceField(coerce=int)
    category = forms.TypedChoiceField(coerce=int)
    description = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(self, *args, table, **kwargs):
        super().__init__(*args, **kwargs)
        self.table = table
        header = table.records[0][1]
        choices = [
            (index, f"{index + 1}: {header[index]}" if index < len(header) else f"{index + 1}")
            for index in range(table.width)
        ]
        for name in ("date", "amount", "category"):
            self.fields[name].choices = choices
        self.fields["description"].choices = [("", "(none)"), *choices]

    def clean(self):
        data = super().clean()
        if not self.errors:
            self.column_map = ColumnMap(**data)
            try:
                check_columns(self.table, self.column_map)
            except ImportFileError as error:
                raise forms.ValidationError(str(error)) from None
        return data


class ConfirmForm(forms.Form):
    include_duplicates = forms.BooleanField(
        required=False, label="Also import the likely duplicates"
    )


# Views -----------------------------------------------------------------------


@csrf_exempt  # the upload handler must be in place before the CSRF check reads the body
def upload(request):
    """Step 1: choose a file and how it is written."""
    request.upload_handlers.insert(0, CappedUploadHandler(request))
    return _upload(request)


@csrf_protect
@require_http_methods(["GET", "POST"])
def _upload(request):
    _budget(request)
    if request.method == "GET":
        return render(request, "ledger/import_upload.html", {"form": UploadForm()})
    form = UploadForm(
        request.POST, request.FILES, too_large=getattr(request, "upload_too_large", False)
    )
    if not form.is_valid():
        return render(request, "ledger/import_upload.html", {"form": form})
    fmt = {key: form.cleaned_data[key] for key in ("date_format", "decimal")}
    fmt["delimiter"] = form.table.delimiter
    token = save_upload(request.user, form.data_bytes, {"format": fmt})
    return redirect("import-columns", token=token)


@require_http_methods(["GET", "POST"])
def columns(request, token):
    """Step 2: say which column holds the date, amount, category and description."""
    _budget(request)
    data, meta = load_upload(request.user, token)
    table = read_table(data, meta["format"]["delimiter"])
    if request.method == "POST":
        form = ColumnsForm(request.POST, table=table)
        if form.is_valid():
            meta["columns"] = form.cleaned_data
            update_upload(request.user, token, meta)
            return redirect("import-preview", token=token)
    else:
        guessed = guess_columns(table.records[0][1])
        form = ColumnsForm(initial={"has_header": bool(guessed), **guessed}, table=table)
    context = {"form": form, "token": token, "sample": table.records[:6], "width": table.width}
    return render(request, "ledger/import_columns.html", context)


@require_http_methods(["GET", "POST"])
def preview(request, token):
    """Step 3: see what the import will do, then confirm it."""
    budget = _budget(request)
    data, meta = load_upload(request.user, token)
    if "columns" not in meta:
        return redirect("import-columns", token=token)
    table = read_table(data, meta["format"]["delimiter"])
    fmt, column_map = FileFormat(**meta["format"]), ColumnMap(**meta["columns"])
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    context = {"token": token, "form": form, "shown": PREVIEW_ROWS}
    if form.is_bound and form.is_valid():
        skip_duplicates = not form.cleaned_data["include_duplicates"]
        try:
            result = services.import_expenses(
                budget,
                table,
                fmt,
                column_map,
                created_by=request.user,
                skip_duplicates=skip_duplicates,
            )
        except ImportFileError as error:
            context["file_error"] = str(error)
        except DatabaseError:
            context["file_error"] = "The import failed and nothing was stored. Please try again."
        else:
            discard_upload(request.user, token)
            messages.success(request, _summary(result))
            return redirect("import-upload")
        return render(request, "ledger/import_preview.html", context)
    try:
        found = build_preview(budget, table, fmt, column_map)
    except ImportFileError as error:
        context["file_error"] = str(error)
    else:
        context["preview"] = found
        context["hidden"] = {
            name: max(0, len(getattr(found, name)) - PREVIEW_ROWS)
            for name in ("rows", "errors", "duplicates")
        }
    return render(request, "ledger/import_preview.html", context)


def _budget(request):
    """The budget the import goes into; a POST needs a role that writes.

    The uploaded file waits in the uploader's own folder, the rows go into the budget.
    """
    return access.request_budget(request, access.WRITE if request.method == "POST" else access.READ)


def _summary(result) -> str:
    text = (
        f"Imported {result.imported} expense(s); skipped {result.skipped} likely duplicate(s); "
        f"refused {result.refused} row(s) with errors."
    )
    if result.categories_created:
        text += f" New categories: {', '.join(result.categories_created)}."
    return text
