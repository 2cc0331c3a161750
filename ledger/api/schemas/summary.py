"""The response shape of /api/summary/."""

from ninja import Field, Schema

from ledger.api.fields import MoneyText, Month, PercentText, RolloverChoice


class SummaryLine(Schema):
    id: int = Field(..., examples=[7])
    name: str = Field(..., examples=["Groceries"])
    limit: MoneyText = Field(..., description="The same as `allotted`.")
    allotted: MoneyText = Field(
        ..., description="The allotment set for the month, else the monthly limit."
    )
    carried_in: MoneyText = Field(
        ..., description="What the month before carried in (negative: a debt); 0 without rollover."
    )
    spent: MoneyText
    available: MoneyText = Field(..., description="Allotted plus carried in, less spent.")
    balance: MoneyText = Field(..., description="The same as `available`.")
    percent_used: PercentText = Field(
        ...,
        description="Spent as a percentage of allotted plus carried in; null when that is 0 or "
        "less but money was spent.",
    )
    rollover: RolloverChoice = Field(..., examples=["none"])
    is_archived: bool = Field(..., examples=[False])


class SummaryRead(Schema):
    month: Month
    income: MoneyText
    income_is_set: bool = Field(..., examples=[True])
    total_limit: MoneyText = Field(..., description="The categories' allotted, added up.")
    total_carried_in: MoneyText
    total_spent: MoneyText
    total_available: MoneyText
    total_balance: MoneyText = Field(..., description="The same as `total_available`.")
    overspent_from_last_month: MoneyText = Field(
        ...,
        description="What `unspent` envelopes overspent last month, taken from this month's income.",
    )
    remaining: MoneyText = Field(..., description="Income left after this month's spending.")
    unallocated: MoneyText = Field(
        ...,
        description="Income not given to any category: income less total allotted less "
        "`overspent_from_last_month`.",
    )
    categories: list[SummaryLine] = Field(..., alias="lines")
