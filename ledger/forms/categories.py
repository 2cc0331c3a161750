"""Category forms. Field names are part of the interface: `name`, `limit`, `rollover`,
`rollover_from`; deleting asks for `action` and `target`.

The database constraints back every rule here; the forms say it first, in words.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from ledger import services
from ledger.forms.fields import MoneyField
from ledger.models import Category, Rollover
from ledger.months import current_month, format_month, parse_month
from ledger.rules import CATEGORY_NAME_MAX, validate_writable_month


class CategoryForm(forms.ModelForm):
    """Name, monthly limit and carry-over (issue 15) of one of the budget's categories.

    `rollover_from` is a month as `YYYY-MM`; left empty with a rollover, it is this month.
    """

    name = forms.CharField(max_length=CATEGORY_NAME_MAX, strip=True)
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
            month = parse_month(text)
        except ValueError:
            raise ValidationError(
                "Enter a month as YYYY-MM, such as 2026-01.", code="invalid"
            ) from None
        if month != self.instance.rollover_from:  # one stored before the bounds may stay
            validate_writable_month(month)
        return month

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
