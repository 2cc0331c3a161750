"""The rows of the summary table, written in Python.

Through the template engine, a 50-row table cost most of its page: every `{% include %}`,
`{% url %}`, `|date` and `{{ variable }}` goes through Django's template machinery at a few
microseconds each, hundreds of times a page (the summary's rows took 6 of its 14 ms at
1,000,000 expenses, see docs/benchmarks.md). These tags write the same markup, byte for byte,
with `str.format`: each value is escaped here, as autoescaping did, and each URL is reversed
once per table instead of once per row.

Each tag returns what its `{% for %}` loop rendered, whitespace included, so the page is
unchanged; the row markup below reads like the template lines it replaced.
"""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from ledger.months import format_month
from ledger.templatetags.money import amount, balance

register = template.Library()

# A primary key no table holds: reversed once, it splits a URL around the pk.
_PK_PLACEHOLDER = 918_273_645_546_372_819


def url_maker(name: str):
    """`url_maker("expense-edit")(42)` == `reverse("expense-edit", args=[42])`, one reverse a table."""
    head, tail = escape(reverse(name, args=[_PK_PLACEHOLDER])).split(str(_PK_PLACEHOLDER))
    return lambda pk: f"{head}{pk}{tail}"


def decimal_text(value) -> str:
    """A Decimal as `{{ value }}` shows it (en-us: no grouping, `.`), without localize()."""
    return f"{value:f}"


# ---- the monthly summary --------------------------------------------------------------------

_PERCENT_NONE = '<span class="bar-label text-danger-emphasis">no limit set</span>\n'
_PERCENT_BAR = """<div class="d-flex align-items-center gap-2">
  <progress class="budget-bar{css}" max="100" value="{value}" aria-label="{name}: {percent}% used"></progress>
  <span class="bar-label">{percent}%</span>
</div>
"""
_SUMMARY_ROW = """
        <tr{row_css}>
          <th scope="row" class="fw-normal">
            <a href="{url}">{name}</a>
            {archived}
            {over}
            <div class="d-sm-none mt-1">{bar}</div>
          </th>
          <td class="num">{allotted}</td>
          <td class="num">{spent}</td>
          <td class="num">{balance}</td>
          <td class="percent-cell d-none d-sm-table-cell">{bar}</td>
        </tr>
        """
_ARCHIVED_BADGE = '<span class="badge text-bg-secondary">archived</span>'
_OVER_BADGE = (
    '<span class="badge text-bg-danger">over<span class="d-none d-sm-inline"> budget</span></span>'
)


def percent_bar(name: str, percent, is_over_budget: bool) -> str:
    """How much of a category's limit is used: a bar and its figure, or "no limit set"."""
    if percent is None:
        return _PERCENT_NONE
    css = " over" if is_over_budget else " warn" if percent >= 80 else ""
    return _PERCENT_BAR.format(
        css=css,
        value="100" if percent > 100 else str(percent),
        name=name,
        percent=decimal_text(percent),
    )


@register.simple_tag
def summary_rows(lines, month):
    """The summary table's body: one row per category line, linking to its month's expenses."""
    list_url = escape(f"{reverse('expense-list')}?month={format_month(month)}&category=")
    rows = []
    for line in lines:
        name = escape(line.name)
        is_over = line.is_over_budget
        rows.append(
            _SUMMARY_ROW.format(
                row_css=' class="over-budget"' if is_over else "",
                url=f"{list_url}{line.id}",
                name=name,
                archived=_ARCHIVED_BADGE if line.is_archived else "",
                over=_OVER_BADGE if is_over else "",
                bar=percent_bar(name, line.percent_used, is_over),
                allotted=amount(line.allotted),
                spent=amount(line.spent),
                balance=balance(line.balance, "bare"),
            )
        )
    return mark_safe("".join(rows))  # every value above is escaped or our own markup
