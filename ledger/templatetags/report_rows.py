"""The reports' month-by-month table cells, written in Python in this one place.

Ten years of fifty categories are 6,000 cells: a template loop over them cost ten times the
summary page (measured: 350 ms against 33 ms), so, as for the summary's rows
(`summary_rows.py`), they are plain strings here. Every name is escaped with
`conditional_escape`; the figures are digits, commas and points.
"""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ledger.templatetags.money import amount, balance

register = template.Library()

OVER_CELL = '<td class="num over-month">{}<span class="visually-hidden"> (over)</span></td>'
ARCHIVED = ' <span class="badge text-bg-secondary">archived</span>'


def _cells(values) -> str:
    return "".join(f'<td class="num">{value:,.2f}</td>' for value in values)


@register.simple_tag
def month_headers(report):
    """A `<th>` per month of the report: "Jan 2026"."""
    return mark_safe(
        "".join(f'<th scope="col" class="num">{month:%b %Y}</th>' for month in report.months)
    )


def _category_urls(report, query) -> dict[int, str]:
    """Each category's report URL, keeping the range (escaped for an attribute)."""
    suffix = conditional_escape(f"?{query}")
    return {t.id: f"{reverse('report-category', args=[t.id])}{suffix}" for t in report.categories}


@register.simple_tag
def budget_vs_actual_rows(report, query):
    """The budget-against-actual body: per category allotted, spent, the difference and the
    months it went over."""
    urls = _category_urls(report, query)
    return mark_safe(
        "\n".join(
            f'<tr><th scope="row"><a href="{urls[t.id]}">{conditional_escape(t.name)}</a></th>'
            f'<td class="num">{t.total_allotted:,.2f}</td><td class="num">{t.total_spent:,.2f}</td>'
            f'<td class="num">{balance(t.difference, "bare")}</td>'
            f'<td class="num">{t.months_over}</td></tr>'
            for t in report.categories
        )
    )


@register.simple_tag
def spending_rows(report, query):
    """The spending table's body: a row per category, its month cells (marked where it went
    over), its total and its monthly average; each name links to its category's report."""
    urls = _category_urls(report, query)
    rows = []
    for trend in report.categories:
        cells = "".join(
            # Spending is never negative: the plain format needs none of `amount`'s care.
            OVER_CELL.format(f"{spent:,.2f}") if over else f'<td class="num">{spent:,.2f}</td>'
            for spent, over in zip(trend.spent, trend.over, strict=True)
        )
        rows.append(
            f'<tr><th scope="row"><a href="{urls[trend.id]}">{conditional_escape(trend.name)}</a>'
            f"{ARCHIVED if trend.is_archived else ''}</th>{cells}"
            f'<td class="num fw-semibold">{amount(trend.total_spent)}</td>'
            f'<td class="num">{amount(trend.average)}</td></tr>'
        )
    return mark_safe("\n".join(rows))


@register.simple_tag
def month_totals(values):
    """A `<td>` per month holding `values` (the totals row)."""
    return mark_safe(_cells(values))


@register.simple_tag
def income_rows(report):
    """The income table's body: per month income, spent, saved and the running savings."""
    rows = []
    for month, income, spent, saved, savings in zip(
        report.months, report.income, report.spent, report.saved, report.savings, strict=True
    ):
        url = reverse("summary", kwargs={"month": month})
        rows.append(
            f'<tr><th scope="row"><a href="{url}">{month:%b %Y}</a></th>'
            f'<td class="num">{amount(income)}</td><td class="num">{amount(spent)}</td>'
            f'<td class="num">{balance(saved, "bare")}</td>'
            f'<td class="num">{balance(savings, "bare")}</td></tr>'
        )
    return mark_safe("\n".join(rows))
