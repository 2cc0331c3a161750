"""Request and response shapes of /api/expenses/."""

import datetime as dt

from ninja import Field, Schema

from ledger.api.fields import BodyId, Day, Description, MoneyText, Month, ObjectId, PositiveMoney


class ExpenseCreate(Schema):
    category_id: BodyId = Field(..., examples=[7], description="One of your active categories.")
    amount: PositiveMoney = Field(..., examples=["12.50"], description="More than 0.")
    date: Day
    description: Description = Field("", examples=["Weekly shop"])


class ExpenseUpdate(Schema):
    """Any of the fields; those left out keep their value."""

    category_id: BodyId = Field(None, examples=[7])
    amount: PositiveMoney = Field(None, examples=["14.00"])
    date: Day = None
    description: Description = Field(None, examples=["Weekly shop and bread"])


class ExpenseRead(Schema):
    id: int = Field(..., examples=[42])
    category_id: int = Field(..., examples=[7])
    category_name: str = Field(..., alias="category.name", examples=["Groceries"])
    amount: MoneyText
    date: dt.date = Field(..., examples=["2026-03-15"])
    description: str = Field(..., examples=["Weekly shop"])
    created_by: str | None = Field(
        None, description="The username of the member who recorded it.", examples=["alice"]
    )

    @staticmethod
    def resolve_created_by(expense) -> str | None:
        return expense.created_by.get_username() if expense.created_by_id else None


class ExpenseFilter(Schema):
    month: Month = Field(
        None, description="The month to list, YYYY-MM; default: the current month."
    )
    category: ObjectId | None = Field(None, description="Only this category's expenses.")
