"""The monthly summary page and the front door that leads to it."""

from django.conf import settings
from django.urls import reverse
from django.views.generic import RedirectView, TemplateView

from ledger import access, selectors
from ledger.months import current_month, next_month, previous_month
from ledger.views.expenses import expense_list_url
from ledger.views.mixins import BudgetMixin


class HomeView(RedirectView):
    """`/` shows this month's summary."""

    def get_redirect_url(self, *args, **kwargs):
        budget = access.request_budget(self.request)
        return reverse("summary", kwargs={"month": current_month(budget.month_start_day)})


def chart_data(summary) -> dict:
    """What the charts draw, as decimal strings (the table beside them holds the exact figures)."""
    return {
        "currency": settings.BUDGET_CURRENCY,
        "labels": [line.name for line in summary.lines],
        "allotted": [str(line.allotted) for line in summary.lines],
        "spent": [str(line.spent) for line in summary.lines],
    }


class SummaryView(BudgetMixin, TemplateView):
    """`/summary/YYYY-MM/`: allotted, used and balance per category, totals, income, charts."""

    template_name = "ledger/summary.html"

    def get_context_data(self, **kwargs):
        month = kwargs["month"]
        summary = selectors.monthly_summary(self.budget, month)
        return super().get_context_data(
            summary=summary,
            previous=previous_month(month),
            next=next_month(month),
            chart=chart_data(summary),
            # Each row links to its category's expenses: the URL up to the id, built once.
            category_expenses_url=f"{expense_list_url(month)}&category=",
            has_spending=summary.total_spent > 0,
            recurring=selectors.recurring.month_recurring(self.budget, month, summary),
            **kwargs,
        )
