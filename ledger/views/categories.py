"""Category pages: the list with this month's spending, create, edit, delete or archive."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.views import View
from django.views.generic import CreateView, FormView, TemplateView, UpdateView

from ledger import selectors, services
from ledger.forms.categories import CategoryDeleteForm, CategoryForm
from ledger.models import Category
from ledger.months import current_month
from ledger.rules import DUPLICATE_CATEGORY_NAME
from ledger.views.mixins import BudgetMixin, OwnedMixin, OwnerFormMixin
from ledger.views.once import submitted_once
from ledger.views.row_urls import url_around_id


class CategoryListView(BudgetMixin, TemplateView):
    """Active and archived categories, each with what was spent in it this month."""

    template_name = "ledger/category_list.html"

    def get_context_data(self, **kwargs):
        month = current_month(self.budget.month_start_day)
        categories = list(selectors.categories_with_spent(self.budget, month))
        return super().get_context_data(
            month=month,
            active=[c for c in categories if not c.is_archived],
            archived=[c for c in categories if c.is_archived],
            edit_url=url_around_id("category-edit"),
            delete_url=url_around_id("category-delete"),
            restore_url=url_around_id("category-restore"),
            **kwargs,
        )


class CategoryFormMixin(OwnerFormMixin):
    """The category form page, for a new category and for a change: only the service differs."""

    model = Category
    form_class = CategoryForm
    template_name = "ledger/category_form.html"
    success_url = reverse_lazy("category-list")
    error_field = "name"
    integrity_error = DUPLICATE_CATEGORY_NAME
    FIELDS = ("name", "limit", "rollover", "rollover_from")

    def write(self, data):
        return self.store(**{name: data[name] for name in self.FIELDS})

    def store(self, **fields) -> Category:
        raise NotImplementedError


class CategoryCreateView(CategoryFormMixin, CreateView):
    @submitted_once
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    success_message = "Category “{object.name}” added."

    def store(self, **fields):
        return services.create_category(budget=self.budget, **fields)


class CategoryUpdateView(OwnedMixin, CategoryFormMixin, UpdateView):
    success_message = "Category “{object.name}” saved."

    def store(self, **fields):
        return services.change_category(category=self.object, **fields)


class CategoryDeleteView(BudgetMixin, FormView):
    writes = True
    """Delete an empty category; one with expenses is archived or emptied into another first."""

    form_class = CategoryDeleteForm
    template_name = "ledger/category_confirm_delete.html"

    def get(self, request, *args, **kwargs):
        self.category = self.get_category(kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.category = self.get_category(kwargs["pk"])
        return super().post(request, *args, **kwargs)

    def get_category(self, pk):
        return get_object_or_404(Category.objects.for_budget(self.budget), pk=pk)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "category": self.category}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category,
            expense_count=selectors.expense_count(self.category),
            schedule_count=self.category.recurring_expenses.count(),
            **kwargs,
        )

    def form_valid(self, form):
        action, target = form.cleaned_data["action"], form.cleaned_data.get("target")
        name = self.category.name
        try:
            if action == form.ARCHIVE:
                services.archive_category(category=self.category)
                messages.success(self.request, f"Category “{name}” archived.")
            elif action == form.MOVE:
                moved = services.move_expenses_and_delete_category(
                    source=self.category, target=target
                )
                messages.success(
                    self.request,
                    f"Moved {moved} expense(s) to “{target.name}” and deleted “{name}”.",
                )
            else:
                services.delete_category(category=self.category)
                messages.success(self.request, f"Category “{name}” deleted.")
        except services.CategoryInUse as exc:
            form.add_error(
                None,
                f"“{name}” holds {exc.expense_count} expense(s): archive it or move them first.",
            )
            return self.form_invalid(form)
        return redirect("category-list")


class CategoryRestoreView(BudgetMixin, View):
    writes = True
    """Bring an archived category back for new expenses (POST only)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        category = get_object_or_404(Category.objects.for_budget(self.budget), pk=pk)
        services.restore_category(category=category)
        messages.success(request, f"Category “{category.name}” restored.")
        return redirect("category-list")
