"""What every budget-owned model shares: the scoping queryset and a day-of-month SQL function."""

from django.db import models


class DayOfMonth(models.Func):
    """The day of the month of a date column, in plain SQL on every database.

    Django's own `__day` lookup calls a Python function on SQLite, which would
    make the CHECK constraint fail for any other SQLite client (backups, CLI).
    """

    output_field = models.IntegerField()
    arity = 1
    template = "EXTRACT(DAY FROM %(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite stores dates as 'YYYY-MM-DD' text.
        return self.as_sql(
            compiler, connection, template="CAST(substr(%(expressions)s, 9, 2) AS INTEGER)"
        )


class BudgetScopedQuerySet(models.QuerySet):
    def for_budget(self, budget):
        """This budget's rows only: the one door to a budget's data (None: no rows)."""
        if budget is None:
            return self.none()
        return self.filter(budget=budget)
