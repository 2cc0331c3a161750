"""The form that names a new personal API token and picks the budget it acts on."""

from django import forms

from ledger.rules import TOKEN_NAME_MAX


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=TOKEN_NAME_MAX,
        help_text="What the token is for, e.g. “phone” or “spreadsheet sync”.",
    )
    budget = forms.ModelChoiceField(
        queryset=None,
        empty_label=None,
        required=False,  # left out: the current budget
        help_text="The token reads and changes this budget only, in your role there.",
        error_messages={"invalid_choice": "Choose one of your budgets."},
    )

    def __init__(self, *args, budgets, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget"].queryset = budgets
        self.fields["budget"].initial = current
