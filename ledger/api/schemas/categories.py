"""Request and response shapes of /api/categories/."""

from ninja import Field, Schema
from pydantic import StrictBool

from ledger.api.fields import (
    CategoryName,
    MoneyOrZero,
    MoneyText,
    Month,
    RolloverChoice,
    WritableMonth,
)

ROLLOVER_HELP = (
    "What the envelope carries into the next month: `none` (each month starts afresh), "
    "`unspent` (what is left; an overspend comes out of next month's income) or `all` "
    "(what is left or overspent, as a debt)."
)
ROLLOVER_FROM_HELP = (
    "The month (YYYY-MM) the rollover starts from: it carries nothing in, the months after "
    "it do. Left out or null: kept, or this budget month when rollover is switched on. "
    "Only with a rollover other than `none`."
)


class CategoryCreate(Schema):
    name: CategoryName
    limit: MoneyOrZero = Field(
        ..., examples=["300.00"], description="The monthly limit, 0 or more."
    )
    rollover: RolloverChoice = Field("none", examples=["unspent"], description=ROLLOVER_HELP)
    rollover_from: WritableMonth | None = Field(
        None, examples=["2026-01"], description=ROLLOVER_FROM_HELP
    )

    model_config = {"str_strip_whitespace": True}


class CategoryUpdate(Schema):
    """Any of the fields; those left out keep their value."""

    # Typed without None: an explicit null is refused instead of reaching a NOT NULL column.
    name: CategoryName = Field(None, examples=["Food"])
    limit: MoneyOrZero = Field(None, examples=["350.00"])
    is_archived: StrictBool = Field(None, examples=[True])
    rollover: RolloverChoice = Field(None, examples=["all"], description=ROLLOVER_HELP)
    rollover_from: WritableMonth | None = Field(
        None, examples=["2026-01"], description=ROLLOVER_FROM_HELP
    )

    model_config = {"str_strip_whitespace": True}


class CategoryRead(Schema):
    id: int = Field(..., examples=[7])
    name: str = Field(..., examples=["Groceries"])
    limit: MoneyText
    is_archived: bool = Field(..., examples=[False])
    rollover: RolloverChoice = Field(..., examples=["none"], description=ROLLOVER_HELP)
    rollover_from: Month | None = Field(
        ...,
        examples=["2026-01"],
        description="The month the rollover starts from; null without rollover.",
    )
