"""Forms of the budgets pages: a budget's name and month start day, a member's role, an
invitation's role."""

from django import forms

from ledger.models import Invitation, Role
from ledger.rules import (
    BUDGET_NAME_MAX,
    MONTH_START_DAY_MAX,
    MONTH_START_DAY_MIN,
    MONTH_START_DAY_RANGE,
)


class BudgetNameForm(forms.Form):
    name = forms.CharField(max_length=BUDGET_NAME_MAX, help_text="E.g. “Household”.")


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class InvitationForm(forms.Form):
    role = forms.ChoiceField(
        choices=Invitation.ROLES,
        initial=Role.EDITOR,
        help_text="An editor changes the budget like you do; a viewer only looks.",
    )


class DeleteBudgetForm(forms.Form):
    """Deleting a budget deletes its data: the owner types its name to confirm."""

    confirm = forms.CharField(label="Type the budget's name to confirm", max_length=BUDGET_NAME_MAX)

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget = budget

    def clean_confirm(self):
        if self.cleaned_data["confirm"] != self.budget.name:
            raise forms.ValidationError("That is not this budget's name.")
        return self.cleaned_data["confirm"]


class MonthStartForm(forms.Form):
    """The day of the calendar month on which the budget's months start (issue 16)."""

    month_start_day = forms.IntegerField(
        label="Months start on day",
        min_value=MONTH_START_DAY_MIN,
        max_value=MONTH_START_DAY_MAX,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value", "step_size"), MONTH_START_DAY_RANGE
        ),
        help_text="1 for calendar months; 25 if you are paid on the 25th. A month is named after "
        "the calendar month that holds most of its days.",
    )
