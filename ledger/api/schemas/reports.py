"""Request and response shapes of /api/reports/."""

from ninja import Field, Schema

from ledger.api.fields import MONTH_PATTERN, MoneyText, Month

YEAR_PATTERN = r"^\d{4}$"


class TrendsQuery(Schema):
    start: str | None = Field(
        None,
        alias="from",
        pattern=MONTH_PATTERN,
        description="The first month (YYYY-MM); default 11 months before `to`.",
        examples=["2026-01"],
    )
    to: str | None = Field(
        None,
        pattern=MONTH_PATTERN,
        description="The last month (YYYY-MM); default this budget month.",
        examples=["2026-12"],
    )
    year: str | None = Field(
        None,
        pattern=YEAR_PATTERN,
        description="Instead of from/to: the twelve budget months named this year.",
        examples=["2026"],
    )


class TrendCategory(Schema):
    id: int = Field(..., examples=[7])
    name: str = Field(..., examples=["Groceries"])
    is_archived: bool = Field(..., examples=[False])
    spent: list[MoneyText]
    allotted: list[MoneyText]
    average: MoneyText = Field(..., description="The monthly average of spending over the range.")
    months_over: int = Field(..., description="In how many months the category went over.")


class TrendsRead(Schema):
    months: list[Month]
    income: list[MoneyText]
    spent: list[MoneyText]
    categories: list[TrendCategory]
