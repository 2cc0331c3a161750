"""The monthly summary's table rows, written with `format_html` in this one place.

A template loop was measured first (see docs/benchmarks.md, "Where the time goes"): its
50 rows cost several times the 15% of the summary page that rendering them may take, so
they stay in Python. Every fragment is built with `format_html`, which escapes each value
as autoescaping would. The rows' markup is what the template loop wrote; the rest of the
table (caption, head, totals) is in `templates/ledger/_summary_table.html`.

The fields are positional: format_html's keyword arguments cost a tenth of the rows' time.
"""

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from ledger.templatetags.money import amount, balance

register = template.Library()

# {0} row class, {1}{2} link (URL start, category id), {3} name, {4} archived badge,
# {5} over-budget badge, {6} bar (twice: phones, then wider screens), {7} allotted,
# {8} spent, {9} available; with a carried-in column, {10} carried in.
ROW = """
    <tr{0}>
      <th scope="row" class="fw-normal">
        <a href="{1}{2}">{3}</a>
        {4}
        {5}
        <div class="d-sm-none mt-1">{6}</div>
      </th>
      <td class="num">{7}</td>
      <td class="num">{8}</td>
      <td class="num">{9}</td>
      <td class="percent-cell d-none d-sm-table-cell">{6}</td>
    </tr>"""
# A phone has no room for a fifth column: it says what was carried in under the name.
ROW_CARRIES = """
    <tr{0}>
      <th scope="row" class="fw-normal">
        <a href="{1}{2}">{3}</a>
        {4}
        {5}
        <div class="d-sm-none mt-1">{6}<div class="small text-body-secondary">carried in {10}</div></div>
      </th>
      <td class="num">{7}</td>
      <td class="num d-none d-sm-table-cell">{10}</td>
      <td class="num">{8}</td>
      <td class="num">{9}</td>
      <td class="percent-cell d-none d-sm-table-cell">{6}</td>
    </tr>"""
# {0} modifier class, {1} value (at most 100), {2} category name, {3} percent used.
BAR = """<div class="d-flex align-items-center gap-2">
  <progress class="budget-bar{0}" max="100" value="{1}" aria-label="{2}: {3}% used"></progress>
  <span class="bar-label">{3}%</span>
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
    """How much of a category's allotted + carried in is used: a bar and its figure, or
    "no limit set"."""
    if percent is None:
        return NO_LIMIT
    text = f"{percent:f}"  # as {{ percent }} shows it in en-us, without localize()
    modifier = OVER if is_over_budget else WARN if percent >= 80 else NOTHING
    return format_html(BAR, modifier, "100" if percent > 100 else text, name, text)


def row_fields(line, url_start):
    """What one category line fills into ROW, in its order (`url_start` is escaped)."""
    name = conditional_escape(line.name)
    is_over = line.is_over_budget
    return (
        OVER_BUDGET_ROW if is_over else NOTHING,
        url_start,
        line.id,
        name,
        ARCHIVED_BADGE if line.is_archived else NOTHING,
        OVER_BADGE if is_over else NOTHING,
        percent_bar(name, line.percent_used, is_over),
        amount(line.allotted),
        amount(line.spent),
        balance(line.available, "bare"),
        balance(line.carried_in, "bare"),
    )


@register.simple_tag
def summary_rows(lines, url_start, carries=False):
    """The summary table's body: one row per category line, linking to its month's expenses;
    with `carries`, a carried-in column after the allotted one."""
    url_start = conditional_escape(url_start)  # once for the table, not once a row
    row = ROW_CARRIES if carries else ROW
    return format_html_join("", row, (row_fields(line, url_start) for line in lines))
