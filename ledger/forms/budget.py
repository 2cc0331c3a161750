"""Forms for the budget pages. Field names are part of the interface:
Category `name`, `limit`, `rollover`, `rollover_from`; Expense `category`, `amount`, `date`, `description`;
Income `amount`, `note`.

The database constraints back every rule here; the forms say it first, in words.
"""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from ledger import services
from ledger.models import Category, Expense, MonthlyIncome, Rollover
from ledger.months import current_month, format_month, parse_month
from ledger.rules import CHOOSE_ACTIVE_CATEGORY, MONEY_DIGITS, MONEY_PLACES, category_label

MONEY_ERRORS = {
    # Django's DecimalField also refuses NaN and Infinity with this message.
    "invalid": "Enter an amount such as 12.50.",
    "max_digits": "Enter an amount below 10,000,000,000.",
    "max_whole_digits": "Enter an amount below 10,000,000,000.",
    "max_decimal_places": "Use at most 2 decimal places.",
}


class MoneyField(forms.DecimalField):
    """A Decimal amount with at most 10 digits before the point and 2 after it."""

    def __init__(self, *, positive: bool, **kwargs):
        self.positive = positive
        kwargs.setdefault("max_digits", MONEY_DIGITS)
        kwargs.setdefault("decimal_places", MONEY_PLACES)
        kwargs["error_messages"] = {**MONEY_ERRORS, **kwargs.get("error_messages", {})}
        kwargs["widget"] = forms.NumberInput(
            attrs={"step": "0.01", "min": "0.01" if positive else "0", "inputmode": "decimal"}
        )
        super().__init__(**kwargs)

    def with_currency(self, label: str) -> None:
        """Say the currency in the label: "Amount (USD)"."""
        self.label = f"{label} ({settings.BUDGET_CURRENCY})"

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.positive and value <= 0:
            raise ValidationError("Enter an amount greater than zero.", code="min_value")
        if not self.positive and value < 0:
            raise ValidationError("Enter an amount of zero or more.", code="min_value")


class CategoryForm(forms.ModelForm):
    """Name, monthly limit and carry-over (issue 15) of one of the budget's categories.

    `rollover_from` is a month as `YYYY-MM`; left empty with a rollover, it is this month.
    """

    name = forms.CharField(max_length=100, strip=True)
    limit = MoneyField(positive=False, label="Monthly limit", initial=Decimal("0.00"))
    rollover = forms.ChoiceField(
        choices=Rollover.choices,
        required=False,
        initial=Rollover.NONE,
        label="Carry over to the next month",
        help_text="Nothing, what is left (an overspend comes out of next month's income), "
        "or what is left or overspent (an overspend carries as a debt).",
        error_messages={"invalid_choice": "Choose nothing, what is left, or everything."},
    )
    rollover_from = forms.CharField(
        required=False,
        strip=True,
        label="Carry over from",
        help_text="YYYY-MM: that month starts afresh and the months after it carry over; "
        "empty means this month.",
        widget=forms.TextInput(attrs={"placeholder": "YYYY-MM", "autocomplete": "off"}),
    )

    class Meta:
        model = Category
        fields = ["name", "limit", "rollover"]

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget = budget
        self.instance.budget = budget
        self.fields["limit"].with_currency("Monthly limit")
        if self.instance.rollover_from is not None:
            self.initial.setdefault("rollover_from", format_month(self.instance.rollover_from))

    def clean_rollover_from(self):
        text = self.cleaned_data["rollover_from"]
        if not text:
            return None
        try:
            return parse_month(text)
        except ValueError:
            raise ValidationError(
                "Enter a month as YYYY-MM, such as 2026-01.", code="invalid"
            ) from None

    def clean(self):
        cleaned = super().clean()
        # A client that posts only name and limit (as before issue 15) keeps the carry-over.
        rollover = cleaned["rollover"] = cleaned.get("rollover") or self.instance.rollover
        if rollover == Rollover.NONE:
            cleaned["rollover_from"] = None
        elif "rollover_from" not in self.data:
            cleaned["rollover_from"] = self.instance.rollover_from or self.this_month()
        elif cleaned.get("rollover_from", False) is None:
            cleaned["rollover_from"] = self.this_month()
        return cleaned

    def this_month(self):
        return current_month(self.budget.month_start_day)

    def clean_name(self):
        name = self.cleaned_data["name"]
        # Said here beside the other fields' errors; the service checks it again as it saves.
        category = self.instance if self.instance.pk else None
        try:
            services.check_category_name(budget=self.budget, name=name, category=category)
        except services.DuplicateCategoryName as error:
            raise ValidationError(str(error), code="unique") from None
        return name


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return category_label(obj.name, obj.is_archived)


class ExpenseForm(forms.ModelForm):
    """One expense of the budget.

    The category must be one of the budget's active categories. When an
    existing expense sits in a category that has since been archived, that one
    category stays selectable for it, so the expense can still be edited
    without being forced to move.
    """

    category = CategoryChoiceField(
        queryset=Category.objects.none(),
        empty_label="Choose a category",
        error_messages={"invalid_choice": CHOOSE_ACTIVE_CATEGORY},
    )
    amount = MoneyField(positive=True)
    date = forms.DateField(
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a real date as YYYY-MM-DD."},
    )
    description = forms.CharField(max_length=255, required=False, strip=True)

    class Meta:
        model = Expense
        fields = ["category", "amount", "date", "description"]

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.budget = budget
        categories = Category.objects.for_budget(budget)
        allowed = categories.active()
        if self.instance.pk:
            allowed = categories.filter(is_archived=False) | categories.filter(
                pk=self.instance.category_id
            )
        self.fields["category"].queryset = allowed
        self.fields["amount"].with_currency("Amount")


class IncomeForm(forms.ModelForm):
    """A month's income; the month comes from the URL, never from the form."""

    amount = MoneyField(positive=False)
    note = forms.CharField(max_length=255, required=False, strip=True)

    class Meta:
        model = MonthlyIncome
        fields = ["amount", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].with_currency("Income")


class CategoryDeleteForm(forms.Form):
    """What to do with a category: delete it, archive it, or move its expenses then delete it."""

    DELETE, ARCHIVE, MOVE = "delete", "archive", "move"
    action = forms.ChoiceField(choices=[(DELETE, "Delete"), (ARCHIVE, "Archive"), (MOVE, "Move")])
    target = forms.ModelChoiceField(
        queryset=Category.objects.none(),
        required=False,
        label="Move its expenses to",
        empty_label="Choose a category",
        error_messages={"invalid_choice": "Choose another of your active categories."},
    )

    def __init__(self, *args, category, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            Category.objects.for_budget(category.budget_id).active().exclude(pk=category.pk)
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.MOVE and not cleaned.get("target"):
            self.add_error("target", "Choose the category that receives the expenses.")
        return cleaned
