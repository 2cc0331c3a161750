"""Sums of money in the database, exact to the cent on SQLite and PostgreSQL."""

from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Sum, Value
from django.db.models.functions import Coalesce, Round

from ledger.rules import CENT, MONEY, ZERO


class MoneyTotal(DecimalField):
    """The output field of a database sum of money: an exact two-place Decimal on every database."""

    def from_db_value(self, value, expression, connection):
        # SQLite hands back Decimal('0') or Decimal('12.3000000000000') for a sum.
        return value if value is None else Decimal(value).quantize(CENT)


def sum_of_money(field: str):
    """SUM of a money column (0.00 when there are no rows), exact to the cent.

    SQLite keeps decimals as floats, and a float sum of many large amounts
    drifts by a cent (found while testing the summary). Whole cents add up
    exactly; SQLite then answers with 15 significant digits, so totals stay
    exact there below 10**13, and on PostgreSQL always.
    """
    return Coalesce(money_sum(field), Value(ZERO), output_field=MoneyTotal(**MONEY))


def money_sum(field: str):
    """SUM of a money column in whole cents (exact on SQLite too); NULL when there are no rows."""
    return ExpressionWrapper(
        Sum(Round(F(field) * 100)) / Value(100), output_field=MoneyTotal(**MONEY)
    )


def total_amount(expenses) -> Decimal:
    """The sum of the amounts of an expense queryset, 0 when it is empty."""
    return expenses.order_by().aggregate(total=sum_of_money("amount"))["total"]
