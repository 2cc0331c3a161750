"""The month's budget page: the summary's figures with each category's limit and allotment."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models.functions import Lower

from ledger.models import Allotment, Category
from ledger.selectors.summary import CategoryLine, MonthSummary, monthly_summary


@dataclass(frozen=True)
class PlanLine:
    """One active category on a month's budget page: its envelope, limit and allotment."""

    line: CategoryLine
    monthly_limit: Decimal
    allotment: Decimal | None  # set for the month; None means "the monthly limit"


@dataclass(frozen=True)
class MonthPlan:
    """A month's budget page: the month's summary and a line per active category."""

    summary: MonthSummary
    lines: list[PlanLine]


def month_plan(budget, month: date) -> MonthPlan:
    """What `month`'s budget page shows: the summary's figures, each active category's
    monthly limit and the allotment set for it in `month` (or None)."""
    categories = list(Category.objects.for_budget(budget).order_by(Lower("name"), "id"))
    summary = monthly_summary(budget, month, categories)
    allotments = dict(
        Allotment.objects.for_budget(budget)
        .filter(month=month)
        .values_list("category_id", "amount")
    )
    limits = {category.pk: category.limit for category in categories}
    lines = [
        PlanLine(line=line, monthly_limit=limits[line.id], allotment=allotments.get(line.id))
        for line in summary.lines
        if not line.is_archived
    ]
    return MonthPlan(summary=summary, lines=lines)


def month_allotments(budget, month: date) -> list[tuple[Category, Decimal | None]]:
    """`(category, allotment or None)` for each active category of `budget` in `month`, by
    name; None means the month gives it its monthly limit."""
    categories = list(Category.objects.for_budget(budget).active().order_by(Lower("name"), "id"))
    amounts = dict(
        Allotment.objects.for_budget(budget)
        .filter(month=month)
        .values_list("category_id", "amount")
    )
    return [(category, amounts.get(category.pk)) for category in categories]
