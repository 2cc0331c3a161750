"""Request and response shapes of /api/allotments/."""

from ninja import Field, Schema

from ledger.api.fields import MoneyOrZero, MoneyText


class AllotmentRead(Schema):
    category_id: int = Field(..., examples=[7])
    allotted: MoneyText = Field(
        ..., description="What the category is given in the month: its allotment, else its limit."
    )
    is_set: bool = Field(
        ..., examples=[True], description="Whether an allotment is set (false: the monthly limit)."
    )


class AllotmentSet(Schema):
    amount: MoneyOrZero = Field(
        ..., examples=["280.00"], description="0 or more, at most two decimal places."
    )
