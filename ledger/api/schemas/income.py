"""Request and response shapes of /api/income/."""

import datetime as dt

from ninja import Field, Schema

from ledger.api.fields import Description, MoneyOrZero, MoneyText, Month, WritableMonth


class IncomeSet(Schema):
    month: WritableMonth
    amount: MoneyOrZero = Field(..., examples=["3000.00"], description="0 or more.")
    note: Description = Field("", examples=["Salary"])


class IncomeRead(Schema):
    month: Month
    amount: MoneyText
    note: str = Field(..., examples=["Salary"])
    updated_at: dt.datetime
