"""Request and response shapes of /api/recurring/ (issue 17)."""

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator, StrictBool

from ledger.api.fields import BodyId, Day, Description, MoneyText, PositiveMoney, json_int
from ledger.models.recurring import COUNT_MAX, INTERVAL_MAX
from ledger.rules import RECORD_PAST_MAX

Frequency = Literal["weekly", "monthly", "yearly"]


def _whole(low: int, high: int):
    # A JSON integer: lax pydantic would also take "3" and true.
    return Annotated[int, Field(ge=low, le=high), BeforeValidator(json_int)]


Interval = _whole(1, INTERVAL_MAX)
Count = _whole(1, COUNT_MAX)
DayOfMonth = _whole(1, 31)
RecordPast = _whole(0, RECORD_PAST_MAX)


class RecurringWrite(Schema):
    category_id: BodyId = Field(..., examples=[7], description="One of your active categories.")
    amount: PositiveMoney = Field(..., examples=["950.00"], description="More than 0.")
    description: Description = Field("", examples=["Rent"])
    frequency: Frequency = Field(..., examples=["monthly"])
    interval: Interval = Field(1, examples=[1], description="Every N weeks, months or years.")
    start: Day = Field(..., description="The first occurrence (or where counting starts).")
    end: Day | None = Field(None, description="The last possible date; or `count`, not both.")
    count: Count | None = Field(None, examples=[12], description="How many times in all.")
    day_of_month: DayOfMonth | None = Field(
        None,
        examples=[31],
        description="Monthly only (default: the start's day); a day the month lacks means its "
        "last day.",
    )
    last_day: StrictBool = Field(False, description="Monthly only: the last day of each month.")
    auto_post: StrictBool = Field(False, description="Record each occurrence by itself.")
    active: StrictBool = Field(True, description="False pauses it.")


class RecurringCreate(RecurringWrite):
    record_past: RecordPast = Field(
        0, description="Also record this many of the occurrences dated before today."
    )


class RecurringUpdate(Schema):
    """Any of the fields; those left out keep their value (null clears end, count or
    day_of_month)."""

    category_id: BodyId = Field(None, examples=[7])
    amount: PositiveMoney = Field(None, examples=["990.00"])
    description: Description = Field(None, examples=["Rent"])
    frequency: Frequency = Field(None, examples=["monthly"])
    interval: Interval = Field(None, examples=[1])
    start: Day = None
    end: Day | None = None
    count: Count | None = None
    day_of_month: DayOfMonth | None = None
    last_day: StrictBool = Field(None, examples=[False])
    auto_post: StrictBool = Field(None, examples=[True])
    active: StrictBool = Field(None, examples=[True])


class RecurringRead(Schema):
    id: int = Field(..., examples=[3])
    category_id: int = Field(..., examples=[7])
    amount: MoneyText
    description: str = Field(..., examples=["Rent"])
    frequency: Frequency
    interval: int = Field(..., examples=[1])
    start: dt.date = Field(..., examples=["2026-01-31"])
    end: dt.date | None = None
    count: int | None = None
    day_of_month: int | None = None
    last_day: bool
    auto_post: bool
    active: bool
    next_date: dt.date | None = Field(
        None,
        alias="next_due",
        examples=["2026-03-31"],
        description="The next occurrence not yet recorded or skipped; null when it has ended.",
    )


class UpcomingRead(Schema):
    recurring_id: int = Field(..., examples=[3])
    date: dt.date = Field(..., examples=["2026-03-31"])
    amount: MoneyText
    category_id: int = Field(..., examples=[7])


class UpcomingFilter(Schema):
    days: int = Field(30, ge=1, le=366, description="How many days ahead, today included.")
