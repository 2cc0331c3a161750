"""Forms behind the admin: an expense stays inside its owner's budget.

The admin sees every user's rows, so these forms check what the scoped web
pages get for free: an expense's category belongs to the expense's owner.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models.functions import Lower

from ledger.models import Category, Expense, MonthlyIncome
from ledger.rules import category_label

FOREIGN_CATEGORY = "This category belongs to another user: choose one of {owner}'s categories."


def category_choices_by_owner(request) -> dict[int, list[tuple[int, str]]]:
    """Every owner's category choices, read in one query and kept for the request.

    The changelist renders one category <select> per row; reading the choices
    once keeps the page's query count independent of its row count.
    """
    cached = getattr(request, "_ledger_category_choices", None)
    if cached is None:
        cached = {}
        rows = Category.objects.order_by("owner_id", Lower("name"), "id").values_list(
            "owner_id", "id", "name", "is_archived"
        )
        for owner_id, pk, name, is_archived in rows:
            cached.setdefault(owner_id, []).append((pk, category_label(name, is_archived)))
        request._ledger_category_choices = cached
    return cached


class OwnCategoryMixin:
    """Refuses a category that belongs to someone other than the expense's owner."""

    def clean(self):
        cleaned = super().clean()
        category = cleaned.get("category")
        if "owner" in self.fields:
            owner = cleaned.get("owner")
            owner_id = owner.pk if owner else None
        else:  # a changelist row: the owner is not editable there
            owner_id = self.instance.owner_id
        if category is not None and owner_id is not None and category.owner_id != owner_id:
            owner = get_user_model().objects.get(pk=owner_id)
            self.add_error("category", FOREIGN_CATEGORY.format(owner=owner.get_username()))
        return cleaned

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError("The amount must be more than 0.")
        return amount


class ExpenseAdminForm(OwnCategoryMixin, forms.ModelForm):
    class Meta:
        model = Expense
        fields = ["owner", "category", "date", "amount", "description"]


class ExpenseChangelistForm(OwnCategoryMixin, forms.ModelForm):
    """One changelist row: its category <select> offers the row owner's categories only."""

    # A plain Select: the admin's related-object wrapper would add links per row.
    category = forms.ModelChoiceField(queryset=Category.objects.all(), widget=forms.Select)
    request = None  # set per request by ExpenseAdmin.get_changelist_form

    class Meta:
        model = Expense
        fields = ["amount", "category"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = category_choices_by_owner(self.request).get(self.instance.owner_id, [])
        self.fields["category"].choices = choices


class MonthlyIncomeAdminForm(forms.ModelForm):
    class Meta:
        model = MonthlyIncome
        fields = ["owner", "month", "amount", "note"]

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month is not None and month.day != 1:
            raise forms.ValidationError(
                f"Use the first day of the month, e.g. {month.replace(day=1):%Y-%m-%d}."
            )
        return month


class MoveExpensesForm(forms.Form):
    """The target of the "move to another category" action: one of the owner's categories."""

    category = forms.ModelChoiceField(queryset=Category.objects.none(), label="Move to")

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        field.queryset = Category.objects.for_user(owner)
        field.label_from_instance = lambda c: category_label(c.name, c.is_archived)
