"""The monthly summary's table rows, written with `format_html` in this one place.

A template loop was measured first (see docs/benchmarks.md, "Where the time goes"): its
50 rows cost several times the 15% of the summary page that rendering them may take, so
they stay in Python. Every fragment is built with `format_html`, which escapes each value
as autoescaping would. The rows' markup is what the template loop wrote; the rest of the
table (caption, head, totals) is in `templates/ledger/_summary_table.html`.
"""

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from ledger.templatetags.money import amount, balance

register = template.Library()

ROW = """
    <tr{row_class}>
      <th scope="row" class="fw-normal">
        <a href="{url_start}{id}">{name}</a>
        {archived}
        {over}
        <div class="d-sm-none mt-1">{bar}</div>
      </th>
      <td class="num">{allotted}</td>
      <td class="num">{spent}</td>
      <td class="num">{balance}</td>
      <td class="percent-cell d-none d-sm-table-cell">{bar}</td>
    </tr>"""
BAR = """<div class="d-flex align-items-center gap-2">
  <progress class="budget-bar{modifier}" max="100" value="{value}" aria-label="{name}: {percent}% used"></progress>
  <span class="bar-label">{percent}%</span>
</div>"""
NO_LIMIT = mark_safe('<span class="bar-label text-danger-emphasis">no limit set</span>')
OVER_BUDGET_ROW = mark_safe(' class="over-budget"')
ARCHIVED_BADGE = mark_safe('<span class="badge text-bg-secondary">archived</span>')
OVER_BADGE = mark_safe(
    '<span class="badge text-bg-danger">over<span class="d-none d-sm-inline"> budget</span></span>'
)
NOTHING = mark_safe("")
OVER, WARN = mark_safe(" over"), mark_safe(" warn")


def percent_bar(name, percent, is_over_budget: bool):
    """How much of a category's limit is used: a bar and its figure, or "no limit set"."""
    if percent is None:
        return NO_LIMIT
    text = f"{percent:f}"  # as {{ percent }} shows it in en-us, without localize()
    return format_html(
        BAR,
        modifier=OVER if is_over_budget else WARN if percent >= 80 else NOTHING,
        value="100" if percent > 100 else text,
        name=name,
        percent=text,
    )


def row_values(line, url_start):
    """What one category line fills into ROW (`url_start` and the fragments are escaped)."""
    name = conditional_escape(line.name)
    is_over = line.is_over_budget
    return {
        "row_class": OVER_BUDGET_ROW if is_over else NOTHING,
        "url_start": url_start,
        "id": line.id,
        "name": name,
        "archived": ARCHIVED_BADGE if line.is_archived else NOTHING,
        "over": OVER_BADGE if is_over else NOTHING,
        "bar": percent_bar(name, line.percent_used, is_over),
        "allotted": amount(line.allotted),
        "spent": amount(line.spent),
        "balance": balance(line.balance, "bare"),
    }


@register.simple_tag
def summary_rows(lines, url_start):
    """The summary table's body: one row per category line, linking to its month's expenses."""
    url_start = conditional_escape(url_start)  # once for the table, not once a row
    return format_html_join("", ROW, (row_values(line, url_start) for line in lines))
