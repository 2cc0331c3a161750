from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from ledger import access
from ledger.models import Category
from ledger.transfer.csv_export import expense_csv_response, parse_export_period


@require_GET
def export_expenses_csv(request):
    """Download the expenses of `?month=YYYY-MM`, `?year=YYYY` or `?all=1` as CSV.

    `&category=<id>` narrows it to one of the budget's categories (another's is a 404).
    """
    budget = access.request_budget(request)
    try:
        period = parse_export_period(
            month=request.GET.get("month"),
            year=request.GET.get("year"),
            everything=request.GET.get("all") == "1",
            start_day=budget.month_start_day,
        )
    except ValueError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    category_id = request.GET.get("category") or None
    if category_id is not None and (
        not category_id.isascii() or not category_id.isdigit() or len(category_id) > 18
    ):
        raise Http404("No such category.")
    if category_id is not None:
        category_id = get_object_or_404(Category.objects.for_budget(budget), pk=category_id).pk
    return expense_csv_response(budget, period, category_id)
