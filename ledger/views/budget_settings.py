"""/budgets/<id>/settings/: the day the budget's months start on (owners only, issue 16)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import dateformat
from django.views.decorators.http import require_http_methods

from ledger import access, services
from ledger.forms.budgets import MonthStartForm
from ledger.months import current_month, month_dates
from ledger.rules import MONTH_START_DAY_MAX, MONTH_START_DAY_MIN


def this_month_with(start_day: int) -> str:
    """What this month is when months start on `start_day`: "December 2026, 25 Nov – 24 Dec"."""
    month = current_month(start_day)
    return f"{dateformat.format(month, 'F Y')}, {month_dates(month, start_day)}"


@require_http_methods(["GET", "HEAD", "POST"])
def budget_settings(request, budget_id):
    """Show and change the month start day; the page says what this month's dates become."""
    member = access.membership(request.user, budget_id, access.MANAGE)
    budget = member.budget
    form = MonthStartForm(
        request.POST if request.method == "POST" else None,
        initial={"month_start_day": budget.month_start_day},
    )
    if form.is_valid():
        day = form.cleaned_data["month_start_day"]
        services.change_month_start_day(budget=budget, day=day)
        messages.success(
            request, f"Months now start on day {day}: this month is {this_month_with(day)}."
        )
        return redirect("budget-settings", budget.pk)
    context = {
        "budget": budget,
        "form": form,
        "current": this_month_with(budget.month_start_day),
        "previews": {
            day: this_month_with(day) for day in range(MONTH_START_DAY_MIN, MONTH_START_DAY_MAX + 1)
        },
    }
    return render(request, "ledger/budgets/settings.html", context)
