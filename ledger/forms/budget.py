"""Forms for the budget pages. Field names are part of the interface:
Category `name`, `limit`; Expense `category`, `amount`, `date`, `description`;
Income `amount`, `note`.

The database constraints back every rule here; the forms say it first, in words.
"""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from ledger import services
from ledger.models import Category, Expense, MonthlyIncome
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
    """Name and monthly limit of one of the owner's categories."""

    name = forms.CharField(max_length=100, strip=True)
    limit = MoneyField(positive=False, label="Monthly limit", initial=Decimal("0.00"))

    class Meta:
        model = Category
        fields = ["name", "limit"]

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.instance.owner = owner
        self.fields["limit"].with_currency("Monthly limit")

    def clean_name(self):
        name = self.cleaned_data["name"]
        # Said here beside the other fields' errors; the service checks it again as it saves.
        category = self.instance if self.instance.pk else None
        try:
            services.check_category_name(owner=self.owner, name=name, category=category)
        except services.DuplicateCategoryName as error:
            raise ValidationError(str(error), code="unique") from None
        return name


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return category_label(obj.name, obj.is_archived)


class ExpenseForm(forms.ModelForm):
    """One expense of the owner.

    The category must be one of the owner's active categories. When an
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

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.owner = owner
        categories = Category.objects.for_user(owner)
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
            Category.objects.for_user(category.owner).active().exclude(pk=category.pk)
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.MOVE and not cleaned.get("target"):
            self.add_error("target", "Choose the category that receives the expenses.")
        return cleaned
