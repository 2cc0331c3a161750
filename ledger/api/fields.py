"""The field types every API schema shares, built once from `ledger.rules`.

Requests take money as a JSON number or a string ("12.50"); responses give it
as a string with exactly two places, so no client ever parses a float.
Months are `YYYY-MM` (parsed by `ledger.months.parse_month`), dates `YYYY-MM-DD`.
The request and response shapes of each resource are in `ledger.api.schemas.<resource>`.
"""

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field
from pydantic import AfterValidator, BeforeValidator, PlainSerializer, WithJsonSchema

from ledger.months import format_month, month_named, parse_month
from ledger.rules import (
    CATEGORY_NAME_MAX,
    CENT,
    DATE_OUT_OF_RANGE,
    DESCRIPTION_MAX,
    MAX_AMOUNT,
    MONEY,
    MONEY_PLACES,
    MONEY_WHOLE_DIGITS,
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
# Money as a string: plain digits, at most MONEY_WHOLE_DIGITS (10) before the point and
# MONEY_PLACES (2) after, no sign or exponent.
_MONEY_TEXT_RE = re.compile(r"^\d+(?:\.\d+)?$")
_WHOLE = rf"[1-9]\d{{0,{MONEY_WHOLE_DIGITS - 1}}}"
_PLACES = rf"\.\d{{1,{MONEY_PLACES}}}"
# The amounts from 0.01 to 0.99, spelled for two places.
_CENTS = r"0\.(?:0[1-9]|[1-9]\d?)"
_MONEY_STRING = rf"^(?:0|{_WHOLE})(?:{_PLACES})?$"
_POSITIVE_MONEY_STRING = rf"^(?:{_WHOLE}(?:{_PLACES})?|{_CENTS})$"


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


def json_int(value):
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


# Money sent by a client: a number or a decimal string, at most 2 places and 10 digits before
# the point.
PositiveMoney = Annotated[
    Decimal,
    Field(gt=0, **MONEY),
    BeforeValidator(_money_in),
    WithJsonSchema(_money_schema({"exclusiveMinimum": 0}, _POSITIVE_MONEY_STRING)),
]
MoneyOrZero = Annotated[
    Decimal,
    Field(ge=0, **MONEY),
    BeforeValidator(_money_in),
    WithJsonSchema(_money_schema({"minimum": 0}, _MONEY_STRING)),
]

# Money sent to a client: always a string with two places.
MoneyText = Annotated[
    Decimal,
    PlainSerializer(_money_text, return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": rf"^-?\d+\.\d{{{MONEY_PLACES}}}$", "examples": ["12.50"]}
    ),
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
BodyId = Annotated[int, Field(ge=1, le=MAX_ID), BeforeValidator(json_int)]
# The day a budget's months start on (issue 16): a JSON integer, 1 to 28.
MonthStartDay = Annotated[
    int, Field(ge=MONTH_START_DAY_MIN, le=MONTH_START_DAY_MAX), BeforeValidator(_json_day)
]
# Documented as patterns, since the rules apply to the name after stripping: 1 to
# CATEGORY_NAME_MAX characters once the whitespace pydantic trims (Unicode White_Space) is gone, and no NUL.
_WS = r"[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_SOLID = r"[^\x00\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
CATEGORY_NAME_PATTERN = rf"^{_WS}*{_SOLID}(?:[^\x00]{{0,{CATEGORY_NAME_MAX - 2}}}{_SOLID})?{_WS}*$"
NO_NUL_PATTERN = r"^[^\x00]*$"
CategoryName = Annotated[
    str,
    Field(min_length=1, max_length=CATEGORY_NAME_MAX),
    AfterValidator(_no_nul),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": CATEGORY_NAME_PATTERN,
            "description": f"1 to {CATEGORY_NAME_MAX} characters once surrounding whitespace "
            "is trimmed; no NUL.",
            "examples": ["Groceries"],
        }
    ),
]
# An expense's or recurring expense's description, a month's income note.
Description = Annotated[
    str,
    Field(max_length=DESCRIPTION_MAX, json_schema_extra={"pattern": NO_NUL_PATTERN}),
    AfterValidator(_no_nul),
]

# What a category's envelope carries into the next month (issue 15).
RolloverChoice = Literal["none", "unspent", "all"]
