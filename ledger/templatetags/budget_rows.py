"""The month's budget page table rows, written with `format_html` in this one place.

Like the summary's rows (`summary_rows.py`, docs/benchmarks.md "Where the time goes"):
a template loop over 50 categories cost several times the rest of the page, so the
rows are built here; each value is escaped by `format_html`. The rest of the table
(caption, head, totals) is in `templates/ledger/budget_month.html`.
"""

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from ledger.templatetags.money import amount, balance

register = template.Library()

# {0} row class, {1} box id, {2} name, {3} phone's carried-in line, {4} limit,
# {5} carried-in cell, {6} the allotment (box or figure), {7} spent, {8} available.
ROW = """
          <tr{0}>
            <th scope="row" class="fw-normal">
              <label for="{1}">{2}</label>
              <div class="d-sm-none small text-body-secondary">limit {4}{3}<br>spent {7}</div>
            </th>
            <td class="num d-none d-sm-table-cell">{4}</td>{5}
            <td class="num allot-cell">{6}</td>
            <td class="num d-none d-md-table-cell">{7}</td>
            <td class="num">{8}</td>
          </tr>"""
CARRIED_LINE = "<br>carried in {}"
CARRIED_CELL = '\n            <td class="num d-none d-sm-table-cell">{}</td>'
# {0} name, {1} id, {2} text in the box, {3} placeholder (the limit), {4} error class,
# {5} error attributes, {6} the errors.
BOX = (
    '<input type="number" name="{0}" id="{1}" value="{2}" placeholder="{3}" step="0.01" min="0"'
    ' inputmode="decimal" class="form-control form-control-sm text-end{4}"{5}>{6}'
)
ERROR = '<div class="invalid-feedback d-block text-start" id="{0}_error">{1}</div>'
INVALID = mark_safe(" is-invalid")
OVER_BUDGET_ROW = mark_safe(' class="over-budget"')
NOTHING = mark_safe("")


def allotment_box(entry):
    """The amount box of one category, with its errors beside it."""
    if not entry.errors:
        return format_html(
            BOX, entry.name, entry.id, entry.value, entry.plan.monthly_limit, NOTHING, NOTHING, ""
        )
    described = format_html(' aria-invalid="true" aria-describedby="{}_error"', entry.id)
    errors = format_html_join("", ERROR, ((entry.id, error) for error in entry.errors))
    return format_html(
        BOX, entry.name, entry.id, entry.value, entry.plan.monthly_limit, INVALID, described, errors
    )


def row_fields(entry, carries: bool, can_write: bool):
    """What one category's entry fills into ROW, in its order."""
    line = entry.plan.line
    carried = balance(line.carried_in, "bare")
    return (
        OVER_BUDGET_ROW if line.is_over_budget else NOTHING,
        entry.id,
        conditional_escape(line.name),
        format_html(CARRIED_LINE, carried) if carries else NOTHING,
        amount(entry.plan.monthly_limit),
        format_html(CARRIED_CELL, carried) if carries else NOTHING,
        allotment_box(entry) if can_write else amount(line.allotted),
        amount(line.spent),
        balance(line.available, "bare"),
    )


@register.simple_tag
def budget_rows(entries, carries, can_write):
    """The budget table's body: per active category its limit, carried in (with `carries`),
    the allotment (a box for those who may change it), spent and available."""
    return format_html_join("", ROW, (row_fields(entry, carries, can_write) for entry in entries))
