"""Query plans of the selectors that build the month pages, read from the database itself.

`EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN ANALYZE` on PostgreSQL, for the exact SQL
Django sends (captured with an execute wrapper, parameters and all).
"""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def captured_sql():
    """Collect (sql, params) of every query run inside the block, as sent to the driver."""
    queries = []

    def record(execute, sql, params, many, context):
        queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield queries


def explain(sql, params, analyze=False):
    """The plan of one query as a list of lines."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return [row[-1] for row in cursor.fetchall()]
        prefix = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " if analyze else "EXPLAIN "
        cursor.execute(prefix + sql, params)
        return [row[0] for row in cursor.fetchall()]


def selector_queries(budget, month):
    """(name, sql, params) of each query the month pages and API run, in order."""
    from ledger import selectors

    expenses = selectors.month_expenses(budget, month)
    calls = [
        ("monthly_summary", lambda: selectors.monthly_summary(budget, month)),
        ("categories_with_spent", lambda: list(selectors.categories_with_spent(budget, month))),
        ("month_expenses page 1", lambda: list(expenses[:50])),
        ("month_expenses count", lambda: expenses.count()),
        ("month_expenses page 100", lambda: list(expenses[4950:5000])),
        ("total_amount(month_expenses)", lambda: selectors.total_amount(expenses)),
    ]
    found = []
    for name, call in calls:
        with captured_sql() as queries:
            call()
        for index, (sql, params) in enumerate(queries):
            label = name if len(queries) == 1 else f"{name} ({index + 1}/{len(queries)})"
            found.append((label, sql, params))
    return found
