"""Request and response shapes of the JSON API.

Requests take money as a JSON number or a string ("12.50"); responses give it
as a string with exactly two places, so no client ever parses a float.
Months are `YYYY-MM` (parsed by `ledger.months.parse_month`), dates `YYYY-MM-DD`.
"""

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, PlainSerializer, StrictBool, WithJsonSchema

from ledger.months import format_month, month_named, parse_month
from ledger.rules import (
    CENT,
    DATE_OUT_OF_RANGE,
    MAX_AMOUNT,
    MONEY,
    MONTH_OUT_OF_RANGE,
    MONTH_START_DAY_MAX,
    MONTH_START_DAY_MIN,
    date_in_range,
)

TENTH = Decimal("0.1")
# The largest key a bigint column holds: bigger ids can only be "not found", never a crash.
MAX_ID = 2**63 - 1
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The documented shapes, exactly what the validators accept (schemathesis holds us to it):
# years MIN_YEAR..MAX_YEAR (1000-9998), months 01-12.
_YEAR = r"(?:[1-8]\d{3}|9[0-8]\d{2}|99[0-8]\d|999[0-8])"
MONTH_PATTERN = rf"^{_YEAR}-(?:0[1-9]|1[0-2])$"
# What a client writes (issue 24): dates and months from 1900-01-01 to 2999-12-31.
_WRITABLE_YEAR = r"(?:19\d{2}|2\d{3})"
WRITABLE_MONTH_PATTERN = rf"^{_WRITABLE_YEAR}-(?:0[1-9]|1[0-2])$"
DAY_PATTERN = rf"^{_WRITABLE_YEAR}-\d{{2}}-\d{{2}}$"
# Money as a string: plain digits, at most 10 before the point and 2 after, no sign or exponent.
_MONEY_TEXT_RE = re.compile(r"^\d+(?:\.\d+)?$")
_MONEY_STRING = r"^(?:0|[1-9]\d{0,9})(?:\.\d{1,2})?$"
_POSITIVE_MONEY_STRING = r"^(?:[1-9]\d{0,9}(?:\.\d{1,2})?|0\.(?:0[1-9]|[1-9]\d?))$"


def _money_text(value: Decimal) -> str:
    return str(value.quantize(CENT))


def _parse_month(value):
    if isinstance(value, dt.date):
        return month_named(value)
    if not isinstance(value, str):
        raise ValueError("Enter a month as a YYYY-MM string.")
    return parse_month(value)


def _parse_day(value):
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _DAY_RE.match(value):
        raise ValueError("Enter a date as a YYYY-MM-DD string.")
    try:
        day = dt.date.fromisoformat(value)
        # The same years as months, so every expense lands in a month the app can show.
        parse_month(value[:7])
    except ValueError:
        raise ValueError(f"{value!r} is not a date that exists.") from None
    if not date_in_range(day):
        raise ValueError(DATE_OUT_OF_RANGE)
    return day


def _writable_month(month: dt.date) -> dt.date:
    if not date_in_range(month):
        raise ValueError(MONTH_OUT_OF_RANGE)
    return month


def _money_in(value):
    # Lax pydantic would take True as 1 and "1e2", " 12.5 " or "0012.50" as numbers: only a
    # JSON number or a plain decimal string is money.
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError('Enter an amount as a number or a string like "12.50".')
    if isinstance(value, str) and (
        not _MONEY_TEXT_RE.match(value) or (len(value) > 1 and value[0] == "0" and value[1] != ".")
    ):
        raise ValueError('Enter an amount as a number or a string like "12.50".')
    return value


def _money_schema(minimum: dict, string_pattern: str) -> dict:
    # No `multipleOf: 0.01` on the number: in binary floating point 19.99 is no multiple of
    # 0.01, so JSON-Schema validators would refuse valid amounts. The string's pattern states
    # the two places exactly; for a number the API description says it in words.
    return {
        "anyOf": [
            {"type": "number", **minimum, "maximum": float(MAX_AMOUNT)},
            {"type": "string", "pattern": string_pattern},
        ]
    }


def _json_int(value):
    if isinstance(value, bool | str):
        raise ValueError("Enter an id as a JSON integer.")
    return value


def _json_day(value):
    if isinstance(value, bool | str):
        raise ValueError("Enter the day as a JSON integer from 1 to 28.")
    return value


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
    if "\x00" in value:
        raise ValueError("Text cannot contain NUL characters.")
    return value


_MONEY_FIELD = {"max_digits": MONEY["max_digits"], "decimal_places": MONEY["decimal_places"]}

# Money sent by a client: a number or a decimal string, at most 2 places and 10 digits before the point.
PositiveMoney = Annotated[
    Decimal,
    Field(gt=0, **_MONEY_FIELD),
    BeforeValidator(_money_in),
    WithJsonSchema(_money_schema({"exclusiveMinimum": 0}, _POSITIVE_MONEY_STRING)),
]
MoneyOrZero = Annotated[
    Decimal,
    Field(ge=0, **_MONEY_FIELD),
    BeforeValidator(_money_in),
    WithJsonSchema(_money_schema({"minimum": 0}, _MONEY_STRING)),
]

# Money sent to a client: always a string with two places.
MoneyText = Annotated[
    Decimal,
    PlainSerializer(_money_text, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^-?\d+\.\d{2}$", "examples": ["12.50"]}),
]
PercentText = Annotated[
    Decimal | None,
    PlainSerializer(
        lambda v: None if v is None else str(v.quantize(TENTH)), return_type=str | None
    ),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": r"^\d+\.\d$"}, {"type": "null"}],
            "examples": ["41.7"],
        }
    ),
]
Month = Annotated[
    dt.date,
    BeforeValidator(_parse_month),
    PlainSerializer(format_month, return_type=str),
    WithJsonSchema({"type": "string", "pattern": MONTH_PATTERN, "examples": ["2026-03"]}),
]
# A month a client writes: an income's month, an allotment's, a category's rollover_from.
WritableMonth = Annotated[
    dt.date,
    BeforeValidator(_parse_month),
    AfterValidator(_writable_month),
    PlainSerializer(format_month, return_type=str),
    WithJsonSchema({"type": "string", "pattern": WRITABLE_MONTH_PATTERN, "examples": ["2026-03"]}),
]
# A date a client writes: 1900-01-01 to 2999-12-31.
Day = Annotated[
    dt.date,
    BeforeValidator(_parse_day),
    WithJsonSchema(
        {"type": "string", "format": "date", "pattern": DAY_PATTERN, "examples": ["2026-03-15"]}
    ),
]
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]
# In a JSON body an id is a JSON integer (7 or 7.0); lax pydantic would also take "7" and true.
BodyId = Annotated[int, Field(ge=1, le=MAX_ID), BeforeValidator(_json_int)]
# The day a budget's months start on (issue 16): a JSON integer, 1 to 28.
MonthStartDay = Annotated[
    int, Field(ge=MONTH_START_DAY_MIN, le=MONTH_START_DAY_MAX), BeforeValidator(_json_day)
]
# Documented as patterns, since the rules apply to the name after stripping: 1 to 100
# characters once the whitespace pydantic trims (Unicode White_Space) is gone, and no NUL.
_WS = r"[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_SOLID = r"[^\x00\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
CATEGORY_NAME_PATTERN = rf"^{_WS}*{_SOLID}(?:[^\x00]{{0,98}}{_SOLID})?{_WS}*$"
NO_NUL_PATTERN = r"^[^\x00]*$"
CategoryName = Annotated[
    str,
    Field(min_length=1, max_length=100),
    AfterValidator(_no_nul),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": CATEGORY_NAME_PATTERN,
            "description": "1 to 100 characters once surrounding whitespace is trimmed; no NUL.",
            "examples": ["Groceries"],
        }
    ),
]
Text255 = Annotated[
    str,
    Field(max_length=255, json_schema_extra={"pattern": NO_NUL_PATTERN}),
    AfterValidator(_no_nul),
]


class ErrorOut(Schema):
    detail: str | list = Field(..., examples=["Not found."])


# Errors any operation can answer: no or a bad token (401), a malformed parameter or body
# (422, ninja's validation errors); with a body also unreadable JSON (400) or too big (413).
ERRORS = {401: ErrorOut, 422: ErrorOut}
BODY_ERRORS = {**ERRORS, 400: ErrorOut, 413: ErrorOut}
NOT_FOUND = {404: ErrorOut}
CONFLICT = {409: ErrorOut}


# Categories

# What a category's envelope carries into the next month (issue 15).
RolloverChoice = Literal["none", "unspent", "all"]
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


# Expenses


class ExpenseCreate(Schema):
    category_id: BodyId = Field(..., examples=[7], description="One of your active categories.")
    amount: PositiveMoney = Field(..., examples=["12.50"], description="More than 0.")
    date: Day
    description: Text255 = Field("", examples=["Weekly shop"])


class ExpenseUpdate(Schema):
    """Any of the fields; those left out keep their value."""

    category_id: BodyId = Field(None, examples=[7])
    amount: PositiveMoney = Field(None, examples=["14.00"])
    date: Day = None
    description: Text255 = Field(None, examples=["Weekly shop and bread"])


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


# Income


class IncomeSet(Schema):
    month: WritableMonth
    amount: MoneyOrZero = Field(..., examples=["3000.00"], description="0 or more.")
    note: Text255 = Field("", examples=["Salary"])


class IncomeRead(Schema):
    month: Month
    amount: MoneyText
    note: str = Field(..., examples=["Salary"])
    updated_at: dt.datetime


# Allotments


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


# Summary


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
