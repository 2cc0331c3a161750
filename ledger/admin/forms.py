"""Forms behind the admin: an expense stays inside its owner's budget.

The admin sees every user's rows, so these forms check what the scoped web
pages get for free: an expense's category belongs to the expense's owner. The
rules themselves are the services' (`check_expense_category`,
`check_category_name`): the forms ask them first, so a refusal is a field error.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models.functions import Lower

from ledger import services
from ledger.models import Category, Expense, MonthlyIncome
from ledger.rules import MONTH_FIRST_DAY, category_label

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
        if category is None or owner_id is None:
            return cleaned
        if category.owner_id != owner_id:
            owner = get_user_model().objects.get(pk=owner_id)
            self.add_error("category", FOREIGN_CATEGORY.format(owner=owner.get_username()))
            return cleaned
        # Runs before the form copies its data onto the instance: it still holds the stored row.
        stays = self.instance.pk and self.instance.owner_id == owner_id
        try:
            services.check_expense_category(
                owner_id=owner_id,
                category=category,
                current_category_id=self.instance.category_id if stays else None,
            )
        except services.CategoryNotAllowed as error:
            self.add_error("category", str(error))
        return cleaned

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError("The amount must be more than 0.")
        return amount


class CategoryAdminForm(forms.ModelForm):
    """A category's name is unique among its owner's, ignoring case."""

    class Meta:
        model = Category
        fields = ["owner", "name", "limit", "is_archived"]

    def clean(self):
        cleaned = super().clean()
        owner = cleaned.get("owner") or (self.instance.owner if self.instance.pk else None)
        name = cleaned.get("name")
        if owner is not None and name:
            category = self.instance if self.instance.pk else None
            try:
                services.check_category_name(owner=owner, name=name, category=category)
            except services.DuplicateCategoryName as error:
                self.add_error("name", str(error))
        return cleaned


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
            raise forms.ValidationError(MONTH_FIRST_DAY.format(month=month))
        return month


class MoveExpensesForm(forms.Form):
    """The target of the "move to another category" action: one of the owner's active categories."""

    category = forms.ModelChoiceField(queryset=Category.objects.none(), label="Move to")

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.for_user(owner).active()
