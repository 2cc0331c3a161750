"""The month's income form: `amount` and `note`."""

from django import forms

from ledger.forms.fields import MoneyField
from ledger.models import MonthlyIncome
from ledger.rules import NOTE_MAX


class IncomeForm(forms.ModelForm):
    """A month's income; the month comes from the URL, never from the form."""

    amount = MoneyField(positive=False)
    note = forms.CharField(max_length=NOTE_MAX, required=False, strip=True)

    class Meta:
        model = MonthlyIncome
        fields = ["amount", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].with_currency("Income")
