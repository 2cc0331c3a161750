"""Request and response shapes of /api/budgets/."""

from datetime import datetime

from ninja import Field, Schema

from ledger.api.fields import CategoryName, MonthStartDay


class BudgetRead(Schema):
    id: int
    name: str
    role: str
    created: datetime
    month_start_day: int = Field(
        ..., description="The day of the calendar month each budget month starts on (1-28)."
    )


class BudgetChange(Schema):
    name: CategoryName = Field(
        None,
        examples=["Home"],
        description="1 to 100 characters, unique (ignoring case) among the budgets each "
        "member belongs to: a clash is a 422 on `name`.",
    )
    month_start_day: MonthStartDay = Field(
        None,
        examples=[25],
        description="1 to 28. A month runs from this day to the day before it in the next "
        "calendar month, named after the calendar month holding most of its days.",
    )
