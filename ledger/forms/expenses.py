"""The expense form. Field names are part of the interface: `category`, `amount`, `date`,
`description`."""

from django import forms

from ledger.forms.fields import CategoryChoiceField, MoneyField
from ledger.models import Category, Expense
from ledger.rules import CHOOSE_ACTIVE_CATEGORY, DESCRIPTION_MAX


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
    description = forms.CharField(max_length=DESCRIPTION_MAX, required=False, strip=True)

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
