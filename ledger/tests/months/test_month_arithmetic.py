"""Only ledger/months.py turns a date into a month or a month into dates (issue 16).

The check reads every module's syntax tree (tests and migrations aside) and reports:
`.replace(day=...)` on a date, arithmetic on a `.month` or `.day`, a `date(...)` built from
another date's year or month, `relativedelta(months=...)`, and a call of a months.py
function that maps dates and months without the budget's start day. The tests at the end
run the checker on small snippets, so it is known to catch each of these.
"""

import ast
from pathlib import Path

import pytest

import ledger

ROOT = Path(ledger.__file__).parent
SKIPPED = ("tests", "migrations")
# months.py functions that map dates and months, with the number of positional
# arguments that include the start day.
NEEDS_START_DAY = {
    "month_of": 2,
    "month_range": 2,
    "month_last_day": 2,
    "current_month": 1,
    "year_range": 2,
    "in_month": 2,
    "month_label": 2,
    "month_dates": 2,
}


def _name(node) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _is_part_of_a_date(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr in ("month", "day")


def problems_in(source: str) -> list[str]:
    """What in `source` computes months or their dates outside months.py, as 'line: what'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.BinOp) and (
            _is_part_of_a_date(node.left) or _is_part_of_a_date(node.right)
        ):
            found.append(f"{node.lineno}: arithmetic on a date's month or day")
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        keywords = {keyword.arg for keyword in node.keywords}
        if name == "replace" and "day" in keywords:
            found.append(f"{node.lineno}: .replace(day=...)")
        elif name == "relativedelta" and "months" in keywords:
            found.append(f"{node.lineno}: relativedelta(months=...)")
        elif name == "date" and any(
            isinstance(arg, ast.Attribute) and arg.attr in ("year", "month") for arg in node.args
        ):
            found.append(f"{node.lineno}: date(...) from another date's year or month")
        elif name in NEEDS_START_DAY and (
            len(node.args) < NEEDS_START_DAY[name] and "start_day" not in keywords
        ):
            found.append(f"{node.lineno}: {name}(...) without the start day")
    return found


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in SKIPPED or path == ROOT / "months.py":
            continue
        yield path


def test_nothing_outside_months_py_computes_a_month():
    found = {
        str(path.relative_to(ROOT)): problems
        for path in _modules()
        if (problems := problems_in(path.read_text()))
    }

    assert found == {}


def test_the_check_reads_the_whole_app():
    names = {str(path.relative_to(ROOT)) for path in _modules()}

    assert {"views/summary.py", "api/expenses.py", "transfer/csv_export.py"} <= names
    assert "months.py" not in names


@pytest.mark.parametrize(
    "source",
    [
        "first = day.replace(day=1)",
        "after = date(day.year, day.month + 1, 1)",
        "month = date(day.year, day.month, 1)",
        "index = 12 * day.year + day.month",
        "late = today.day >= start and today.day - 1",
        "later = day + relativedelta(months=1)",
        "month = month_of(timezone.localdate())",
        "month = months.current_month()",
        "start, end = month_range(month)",
        "rows = Expense.objects.in_month(month)",
    ],
)
def test_it_catches_month_arithmetic(source):
    assert problems_in(source)


@pytest.mark.parametrize(
    "source",
    [
        "month = month_of(day, budget.month_start_day)",
        "month = current_month(start_day=budget.month_start_day)",
        "start, end = month_range(month, start_day)",
        "rows = Expense.objects.in_month(month, budget.month_start_day)",
        "if month.month == 1: level *= 1.02",
        "month = months.month_named(value)",
    ],
)
def test_it_lets_the_months_module_do_it(source):
    assert problems_in(source) == []
