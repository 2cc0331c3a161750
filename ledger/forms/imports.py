"""The import page's forms: upload, columns, the preview's settings, confirm."""

from django import forms

from ledger.rules import CATEGORY_NAME_MAX
from ledger.transfer.columns import ColumnMap
from ledger.transfer.encoding import MAX_FILE_BYTES, too_big_message
from ledger.transfer.table import DELIMITERS
from ledger.transfer.values import DATE_FORMATS, DECIMAL_MARKS

DETECT = ("", "Detect from the file")
SPENDING = {
    "negative": "Negative amounts are spending",
    "positive": "Positive amounts are spending",
    "flip": "The other way round from what was detected",
}
COLUMN_LABELS = {
    "date": "Date",
    "amount": "Amount (signed, or with a type column)",
    "debit": "Money out (debit column)",
    "credit": "Money in (credit column)",
    "description": "Description",
    "payee": "Payee",
    "category": "Category",
    "direction": "Type (DEBIT/CREDIT, D/C...)",
}


def category_field():
    return forms.CharField(
        max_length=CATEGORY_NAME_MAX,
        required=False,
        label="Default category",
        help_text="For rows without a category: one of yours, or a new name (created on confirm).",
        widget=forms.TextInput(attrs={"list": "category-names", "autocomplete": "off"}),
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Bank file (CSV, OFX, QFX or QIF)",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.tsv,.ofx,.qfx,.qif"}),
    )
    default_category = category_field()
    delimiter = forms.ChoiceField(choices=[DETECT, *DELIMITERS.items()], required=False)
    date_format = forms.ChoiceField(
        choices=[DETECT, *DATE_FORMATS.items()], required=False, label="Dates are written"
    )
    decimal = forms.ChoiceField(
        choices=[DETECT, *DECIMAL_MARKS.items()], required=False, label="Decimal separator"
    )

    def __init__(self, *args, too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:  # checked before reading a byte of it
            raise forms.ValidationError(too_big_message())
        self.data_bytes = upload.read()
        self.filename = upload.name or ""
        return upload

    def clean(self):
        if self.too_large:
            self.errors.pop("file", None)
            self.add_error("file", too_big_message())
        # Whether the bytes are a readable file is decided once, by the view's `read`.
        return self.cleaned_data

    def choices(self) -> dict:
        keys = ("delimiter", "date_format", "decimal", "default_category")
        return {key: self.cleaned_data.get(key) or "" for key in keys}


class ColumnsForm(forms.Form):
    has_header = forms.BooleanField(required=False, label="The file has a row of column names")
    date = forms.TypedChoiceField(coerce=int, label=COLUMN_LABELS["date"])

    def __init__(self, *args, table, **kwargs):
        super().__init__(*args, **kwargs)
        self.table = table
        header = table.header
        choices = [
            (index, f"{index + 1}: {header[index]}" if index < len(header) else f"{index + 1}")
            for index in range(max(table.width, len(header)))
        ]
        self.fields["date"].choices = choices
        for name in ("amount", "debit", "credit", "description", "payee", "category", "direction"):
            self.fields[name] = forms.TypedChoiceField(
                coerce=int,
                required=False,
                empty_value=None,
                label=COLUMN_LABELS[name],
                choices=[("", "(none)"), *choices],
            )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        columns = ColumnMap(**{key: value for key, value in data.items() if key != "has_header"})
        if not columns.complete:
            self.add_error(
                "amount", "Choose the amount column, or the money-out and money-in columns."
            )
            return data
        chosen = columns.chosen()
        if len(set(chosen)) != len(chosen):
            raise forms.ValidationError("Choose a different column for each field.")
        self.column_map = columns
        return data


class SettingsForm(forms.Form):
    """What the preview lets the user change before confirming."""

    default_category = category_field()
    spending = forms.ChoiceField(
        choices=[("", "As detected"), *SPENDING.items()], required=False, label="Money out"
    )
    date_format = forms.ChoiceField(
        choices=[("", "As detected"), *DATE_FORMATS.items()], required=False, label="Dates"
    )
    decimal = forms.ChoiceField(
        choices=[("", "As detected"), *DECIMAL_MARKS.items()], required=False, label="Decimal mark"
    )


class ConfirmForm(forms.Form):
    include_duplicates = forms.BooleanField(
        required=False, label="Also import the rows that are already stored"
    )

    def __init__(self, *args, lines=(), months=(), **kwargs):
        super().__init__(*args, **kwargs)
        for line in lines:
            self.fields[f"category_{line}"] = forms.CharField(
                max_length=CATEGORY_NAME_MAX, required=False
            )
        self.months = list(months)
        for month in self.months:
            self.fields[f"income_{month:%Y-%m}"] = forms.BooleanField(required=False)

    def chosen_categories(self) -> dict[int, str]:
        return {
            int(name.split("_", 1)[1]): value.strip()
            for name, value in self.cleaned_data.items()
            if name.startswith("category_") and value and value.strip()
        }

    def income_months(self) -> list:
        return [month for month in self.months if self.cleaned_data.get(f"income_{month:%Y-%m}")]
