"""The admin, for bulk edits across users: list editing, moving expenses, CSV import/export.

List pages load related rows with the page (list_select_related and one
choices query), so their query count does not grow with the number of rows.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV

from ledger import services
from ledger.admin.forms import (
    CategoryAdminForm,
    ExpenseAdminForm,
    ExpenseChangelistForm,
    MonthlyIncomeAdminForm,
    MoveExpensesForm,
)
from ledger.admin.resources import CategoryResource, ExpenseResource, MonthlyIncomeResource
from ledger.admin.writes import save_category, save_expense, save_income
from ledger.models import ApiToken, Category, Expense, MonthlyIncome
from ledger.months import format_month


class CategoryWithOwnerFilter(admin.RelatedFieldListFilter):
    """Category filter labelled "name (owner)": many users have a "Groceries".

    Once an owner is picked, only that owner's categories are offered.
    """

    def field_choices(self, field, request, model_admin):
        categories = Category.objects.select_related("owner").order_by("owner__username", "name")
        owner_id = request.GET.get("owner__id__exact")
        if owner_id and owner_id.isdigit():
            categories = categories.filter(owner_id=owner_id)
        return [(c.pk, f"{c.name} ({c.owner.get_username()})") for c in categories]


class BudgetModelAdmin(ImportExportModelAdmin):
    """Every save and delete (change form, list editing, bulk delete) goes through the services."""

    formats = [CSV]
    list_per_page = 100
    store = None  # the `ledger.admin.writes` function that stores one instance

    def save_model(self, request, obj, form, change):
        self.store(obj, is_create=not change)


@admin.register(Category)
class CategoryAdmin(BudgetModelAdmin):
    resource_classes = [CategoryResource]
    form = CategoryAdminForm
    store = staticmethod(save_category)
    list_display = ["name", "owner", "limit", "is_archived", "expense_count", "updated_at"]
    list_editable = ["limit", "is_archived"]
    list_filter = ["owner", "is_archived"]
    search_fields = ["name", "owner__username"]
    list_select_related = ["owner"]
    readonly_fields = ["created_at", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        # A category keeps its owner: its expenses are that owner's.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "owner"] if obj is not None else fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(expense_count=Count("expenses"))

    def delete_model(self, request, obj):
        services.delete_category(category=obj)

    def delete_queryset(self, request, queryset):
        services.delete_categories(categories=queryset)

    @admin.display(description="expenses", ordering="expense_count")
    def expense_count(self, category):
        return category.expense_count

    def delete_view(self, request, object_id, extra_context=None):
        # PROTECT would refuse anyway; say why and what to do instead of
        # listing every protected expense.
        category = self.get_object(request, object_id)
        # Only someone allowed to delete it may learn its name and expense count;
        # anyone else gets Django's own 403 below.
        if (
            category is not None
            and category.expense_count
            and self.has_delete_permission(request, category)
        ):
            error = services.CategoryInUse(category, category.expense_count)
            self.message_user(request, str(error), messages.ERROR)
            opts = self.model._meta
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[category.pk])
            return HttpResponseRedirect(url)
        return super().delete_view(request, object_id, extra_context)


@admin.register(Expense)
class ExpenseAdmin(BudgetModelAdmin):
    resource_classes = [ExpenseResource]
    form = ExpenseAdminForm
    store = staticmethod(save_expense)
    list_display = ["date", "description", "amount", "category", "owner"]
    list_display_links = ["date", "description"]
    list_editable = ["amount", "category"]
    list_filter = ["owner", ("category", CategoryWithOwnerFilter), "date"]
    search_fields = ["description", "category__name", "owner__username"]
    date_hierarchy = "date"
    list_select_related = ["category", "owner"]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["move_to_category"]

    def delete_model(self, request, obj):
        services.remove_expense(expense=obj)

    def delete_queryset(self, request, queryset):
        services.remove_expenses(expenses=queryset)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "category":
            formfield.queryset = formfield.queryset.select_related("owner")
            formfield.label_from_instance = lambda c: f"{c.name} ({c.owner.get_username()})"
        return formfield

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", ExpenseChangelistForm)
        form = super().get_changelist_form(request, **kwargs)
        # Every row reads its owner's choices from one per-request cache.
        return type(form.__name__, (form,), {"request": request})

    @admin.action(description="Move selected expenses to another category", permissions=["change"])
    def move_to_category(self, request, queryset):
        owner_ids = list(queryset.order_by().values_list("owner_id", flat=True).distinct()[:2])
        if len(owner_ids) != 1:
            self.message_user(
                request,
                "Select expenses of one owner only: expenses move to a category of their owner.",
                messages.ERROR,
            )
            return None
        owner = get_user_model().objects.get(pk=owner_ids[0])
        form = MoveExpensesForm(request.POST if "apply" in request.POST else None, owner=owner)
        if form.is_bound and form.is_valid():
            target = form.cleaned_data["category"]
            try:
                moved = services.move_expenses(expenses=queryset, target=target)
            except services.InvalidMove as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(request, f"Moved {moved} expense(s) to {target.name}.")
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Move expenses to another category",
            "opts": self.model._meta,
            "form": form,
            "owner": owner,
            "expenses": queryset.select_related("category").order_by("-date", "-id"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action": "move_to_category",
            "media": self.media,
        }
        return TemplateResponse(request, "admin/ledger/expense/move_expenses.html", context)


@admin.register(MonthlyIncome)
class MonthlyIncomeAdmin(BudgetModelAdmin):
    resource_classes = [MonthlyIncomeResource]
    form = MonthlyIncomeAdminForm
    store = staticmethod(save_income)
    list_display = ["month_label", "owner", "amount", "note"]
    list_editable = ["amount"]
    list_filter = ["owner", "month"]
    search_fields = ["owner__username", "note"]
    date_hierarchy = "month"
    list_select_related = ["owner"]
    readonly_fields = ["created_at", "updated_at"]

    @admin.display(description="month", ordering="month")
    def month_label(self, income):
        return format_month(income.month)

    def delete_model(self, request, obj):
        services.remove_month_income(income=obj)

    def delete_queryset(self, request, queryset):
        services.remove_month_incomes(incomes=queryset)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are read-only here: made by their owner, never deleted (revoke them instead, with
    the action or on the owner's tokens page); the hash is never shown."""

    list_display = ["name", "owner", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("owner", admin.RelatedOnlyFieldListFilter), "revoked_at"]
    list_select_related = ["owner"]
    search_fields = ["name", "prefix", "owner__username"]
    fields = ["name", "owner", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_revoke_permission(self, request):
        return request.user.has_perm("ledger.change_apitoken")

    @admin.action(description="Revoke selected tokens", permissions=["revoke"])
    def revoke(self, request, queryset):
        tokens = list(queryset.active())
        for token in tokens:
            services.revoke_api_token(token=token)
        self.message_user(request, f"Revoked {len(tokens)} token(s).")
