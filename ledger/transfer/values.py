"""Dates and amounts as banks write them: detect the format from a whole column, then parse.

Pure functions, no database. A format is detected from every distinct value of a
column (a day above 12 settles day/month order; "1,234.56" settles the decimal
mark), never guessed row by row. When the column cannot settle it, the caller
passes the user's earlier choice (`fallback`) and the result says it was ambiguous.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from ledger.rules import MAX_AMOUNT, MAX_DATE, MIN_DATE

DATE_FORMATS = {"ymd": "YYYY-MM-DD", "dmy": "DD/MM/YYYY", "mdy": "MM/DD/YYYY"}
DECIMAL_MARKS = {".": "Dot: 1,234.56", ",": "Comma: 1.234,56"}

# Dates -------------------------------------------------------------------------

# A time after the date ("2026-03-02 14:21:05", "2026-03-02T14:21:05Z") is dropped.
_TIME = re.compile(r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[AP]M)?)$")
_NUMERIC = re.compile(r"^(\d{1,4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2,4})\.?$")
_DAY_NAME_YEAR = re.compile(r"^(\d{1,2})\.?[-/ ]+([^\W\d_]+)\.?[-/ ,]+(\d{2,4})$")
_NAME_DAY_YEAR = re.compile(r"^([^\W\d_]+)\.?[-/ ]+(\d{1,2})(?:st|nd|rd|th)?,?[-/ ]+(\d{2,4})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # 20260315, as OFX writes dates

# Month names and their usual abbreviations, in the languages the header names cover.
_MONTH_WORDS = {
    1: "jan january januar janvier janv enero ene gennaio gen januari janeiro tammikuu",
    2: "feb february februar fevrier fev febrero febbraio februari fevereiro fevr helmikuu",
    3: "mar march marz maerz mrz mars marzo maart marco maaliskuu",
    4: "apr april avril avr abril abr aprile huhtikuu",
    5: "may mai mayo maggio mag mei maio toukokuu",
    6: "jun june juni juin junio giugno giu junho kesakuu",
    7: "jul july juli juillet juil julio luglio lug julho heinakuu",
    8: "aug august aout agosto ago augustus elokuu",
    9: "sep sept september septembre septiembre settembre set setembro syyskuu",
    10: "oct october oktober octobre octubre ottobre ott okt outubro out lokakuu",
    11: "nov november novembre noviembre novembro marraskuu",
    12: "dec december dezember decembre diciembre dic dicembre dez dezembro joulukuu",
}
MONTH_NAMES = {word: month for month, words in _MONTH_WORDS.items() for word in words.split()}


def fold(text: str) -> str:
    """Lower case without accents: "Débit" and "DEBIT" fold to "debit"."""
    text = text.strip().lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        return 2000 + year if year < 70 else 1900 + year
    return year


def _parts(text: str) -> tuple[str, tuple] | None:
    """("numeric", (a, b, c)) or ("named", (day, month, year)) or None."""
    text = _TIME.sub("", text.strip()).strip()
    if match := _NUMERIC.match(text):
        return "numeric", match.groups()
    if match := _COMPACT.match(text):
        year, month, day = match.groups()
        return "named", (int(day), int(month), int(year))
    for pattern, order in ((_DAY_NAME_YEAR, "dmy"), (_NAME_DAY_YEAR, "mdy")):
        if match := pattern.match(text):
            first, second, year = match.groups()
            day, name = (first, second) if order == "dmy" else (second, first)
            month = MONTH_NAMES.get(fold(name)) or MONTH_NAMES.get(fold(name)[:3])
            if month is None:
                return None
            return "named", (int(day), month, _year(year))
    return None


def parse_date(text: str, date_format: str) -> date:
    """The date `text` holds, read in `date_format` order (a key of DATE_FORMATS).

    Any of the separators - / . and a space, two- or four-digit years, month names
    and a trailing time are accepted; ValueError says why a value is not a date.
    """
    parts = _parts(text)
    if parts is None:
        raise ValueError(f"bad date {text!r}")
    kind, values = parts
    if kind == "named":
        day, month, year = values
    else:
        first, second, third = values
        if date_format == "ymd":
            if len(first) != 4:
                raise ValueError(f"bad date {text!r} (expected {DATE_FORMATS[date_format]})")
            year, month, day = int(first), int(second), int(third)
        else:
            if len(first) > 2:
                raise ValueError(f"bad date {text!r} (expected {DATE_FORMATS[date_format]})")
            year = _year(third)
            day, month = (int(first), int(second))
            if date_format == "mdy":
                if "." in text:  # 05.03.2026 is always day first
                    raise ValueError(f"bad date {text!r} (expected {DATE_FORMATS[date_format]})")
                day, month = month, day
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        raise ValueError(f"bad date {text!r} (not from {MIN_DATE} to {MAX_DATE})")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"bad date {text!r} (no such day)") from None


@dataclass(frozen=True)
class Detected:
    """A format found for a column: `value`, and whether the column left it open."""

    value: str
    ambiguous: bool = False


def detect_date_format(values, fallback: str | None = None) -> Detected:
    """The order (ymd, dmy, mdy) in which every value of the column reads as a date.

    Several orders fit when no day is above 12: then `fallback` (the user's last
    import) when it fits, else day first, and `ambiguous` is set. Values that fit
    no order do not vote (they are refused row by row later).
    """
    distinct = {value.strip() for value in values if value and value.strip()}
    if distinct and all((_parts(value) or ("numeric",))[0] == "named" for value in distinct):
        return Detected(fallback or "dmy")  # month names or compact dates: no order to settle
    fitting = []
    for date_format in DATE_FORMATS:
        readable = 0
        for value in distinct:
            try:
                parse_date(value, date_format)
                readable += 1
            except ValueError:
                pass
        fitting.append((readable, date_format))
    best = max(readable for readable, _ in fitting) if fitting else 0
    candidates = [date_format for readable, date_format in fitting if readable == best]
    if best == 0 or len(candidates) == 1:
        return Detected(candidates[0] if best else (fallback or "ymd"))
    if fallback in candidates:
        return Detected(fallback, ambiguous=True)
    return Detected("dmy" if "dmy" in candidates else candidates[0], ambiguous=True)


# Amounts -----------------------------------------------------------------------

# Currency signs and codes before or after the number, and every kind of space.
_CURRENCY = re.compile(r"[$€£¥₹₽₺₩₪฿₫₴₦]|\b(?:[A-Z]{3}|Fr|SFr|kr|zł|Kč|Ft|R\$|US\$)\b\.?")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009'’`]")  # also the Swiss 12'300.00
_NUMBER = {
    ".": re.compile(r"^(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?$"),
    ",": re.compile(r"^(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<frac>\d+))?$"),
}
_SIGNED = re.compile(
    r"^(?P<open>\()?(?P<sign>[-+−–]?)(?P<body>[\d.,]+)(?P<trail>[-+−–])?(?P<close>\))?$"
)


def _bare(text: str) -> str:
    return _SPACES.sub("", _CURRENCY.sub("", text))


def parse_amount(text: str, decimal: str) -> Decimal | None:
    """The signed amount in `text` (None when the cell is empty); ValueError when unreadable.

    Accepts thousands separators, currency signs or codes before or after,
    accounting negatives "(45.00)" and a trailing minus "9,90-".
    """
    bare = _bare(text)
    if not bare:
        if text.strip():  # only letters: "abc", "EUR"
            example = DECIMAL_MARKS[decimal].split(": ")[1]
            raise ValueError(f"bad amount {text.strip()!r} (expected a number like {example})")
        return None
    match = _SIGNED.match(bare)
    number = match and _NUMBER[decimal].match(match["body"])
    if not number or bool(match["open"]) != bool(match["close"]):
        example = DECIMAL_MARKS[decimal].split(": ")[1]
        raise ValueError(f"bad amount {text.strip()!r} (expected a number like {example})")
    fraction = number["frac"] or ""
    if len(fraction) > 2:
        raise ValueError(f"too many decimals in {text.strip()!r} (at most 2)")
    thousands = "," if decimal == "." else "."
    try:
        amount = Decimal(f"{number['int'].replace(thousands, '')}.{fraction:0<2}")
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        raise ValueError(f"bad amount {text.strip()!r}") from None
    if amount > MAX_AMOUNT:
        raise ValueError(f"amount {text.strip()!r} is too large")
    negative = match["open"] or (match["sign"] or match["trail"] or "+") in "-−–"
    return -amount if negative else amount


_THREE_AFTER_ONE_MARK = re.compile(r"^[^\d]*\d{1,3}[.,]\d{3}[^\d]*$")  # "1,234": which mark?


def _mark_evidence(value: str) -> str | None:
    """The decimal mark one value proves, or None when it proves nothing ("1,234", "12")."""
    body = re.sub(r"[^\d.,]", "", _bare(value))
    last_dot, last_comma = body.rfind("."), body.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        return "." if last_dot > last_comma else ","
    mark = "." if last_dot >= 0 else "," if last_comma >= 0 else None
    if mark is None:
        return None
    if body.count(mark) > 1:
        return "," if mark == "." else "."  # "1.234.567": grouping, so the other mark
    digits_after = len(body) - body.rfind(mark) - 1
    return None if digits_after == 3 else mark


def detect_decimal_mark(values, fallback: str | None = None) -> Detected:
    """The decimal mark most of the column's values prove; `fallback` or "." when none does."""
    votes = {".": 0, ",": 0}
    for value in set(values):
        mark = _mark_evidence(value or "")
        if mark:
            votes[mark] += 1
    if votes["."] == votes[","]:
        open_question = any(_THREE_AFTER_ONE_MARK.match(_bare(value or "")) for value in values)
        return Detected(fallback or ".", ambiguous=open_question)
    return Detected("." if votes["."] > votes[","] else ",")
