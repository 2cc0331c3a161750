"""Expenses in from a CSV file: read the file, map its columns, preview what will happen.

Nothing here writes: `build_preview` says which rows would be imported, which
are refused (with line number and reason), which look like duplicates and which
categories would be created. `ledger.services.import_expenses` stores a preview.

A file is refused as a whole (ImportFileError, nothing imported) when it is
not a readable CSV: too big, empty, binary, not UTF-8, too many columns or
rows, or text cells that a spreadsheet would run as formulas.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ledger.models import Category, Expense
from ledger.months import MAX_YEAR, MIN_YEAR
from ledger.rules import MAX_AMOUNT

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_COLUMNS = 50
MAX_ROWS = 200_000
DESCRIPTION_MAX = Expense._meta.get_field("description").max_length
CATEGORY_MAX = Category._meta.get_field("name").max_length
FORMULA_PREFIXES = ("=", "+", "-", "@")

DELIMITERS = {",": "Comma (,)", ";": "Semicolon (;)"}
DATE_FORMATS = {"ymd": "YYYY-MM-DD", "dmy": "DD/MM/YYYY", "mdy": "MM/DD/YYYY"}
DECIMAL_MARKS = {".": "Dot: 1,234.56", ",": "Comma: 1.234,56"}
FIELDS = ("date", "amount", "description", "category")


class ImportFileError(ValueError):
    """The file cannot be imported at all; the message says why, for the user."""


@dataclass(frozen=True)
class FileFormat:
    delimiter: str = ","  # "," or ";"
    date_format: str = "ymd"  # a key of DATE_FORMATS
    decimal: str = "."  # "." or ","


@dataclass(frozen=True)
class ColumnMap:
    """Which column (0-based) holds each field; description may be absent."""

    date: int
    amount: int
    category: int
    description: int | None = None
    has_header: bool = True


@dataclass
class Table:
    """The file's records as (line number, cells); the header is the first record."""

    records: list[tuple[int, list[str]]]
    delimiter: str

    @property
    def width(self) -> int:
        return max((len(cells) for _, cells in self.records), default=0)

    def data_records(self, has_header: bool):
        return self.records[1:] if has_header else self.records


@dataclass(frozen=True)
class ImportRow:
    line: int
    date: date
    amount: Decimal
    category: str
    description: str

    @property
    def key(self):
        """What makes two expenses likely duplicates."""
        return (self.date, self.amount, self.description)


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str


@dataclass(frozen=True)
class Duplicate:
    row: ImportRow
    of: str  # "an expense already stored" or "line N"


@dataclass
class Preview:
    """What confirming the import will do."""

    rows: list[ImportRow] = field(default_factory=list)  # valid and not duplicates
    duplicates: list[Duplicate] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new_categories: list[str] = field(default_factory=list)
    archived_categories: list[str] = field(default_factory=list)

    def to_import(self, skip_duplicates: bool = True) -> list[ImportRow]:
        if skip_duplicates:
            return self.rows
        return sorted(self.rows + [d.row for d in self.duplicates], key=lambda row: row.line)


# Reading the file ----------------------------------------------------------


def decode(data: bytes) -> str:
    """The file's text: UTF-8 with or without a BOM, else ImportFileError."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    if b"\x00" in data:
        raise ImportFileError("This is not a CSV file: it contains binary data.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"The file is not UTF-8 text (invalid byte at position {error.start}). "
            "Save it as “CSV UTF-8” and upload it again."
        ) from None
    if not text.strip():
        raise ImportFileError("The file is empty.")
    return text


def sniff_delimiter(text: str) -> str:
    """Comma or semicolon, whichever the first line uses more (comma on a tie)."""
    first_line = text.split("\n", 1)[0]
    return ";" if first_line.count(";") > first_line.count(",") else ","


def read_table(data: bytes, delimiter: str | None = None) -> Table:
    """Parse the file's records; `delimiter` None means "guess from the first line"."""
    text = decode(data)
    delimiter = delimiter or sniff_delimiter(text)
    # Cheap guard before parsing: a header with a million columns is refused at once.
    if text.split("\n", 1)[0].count(delimiter) >= MAX_COLUMNS:
        raise ImportFileError(f"Line 1 has more than {MAX_COLUMNS} columns.")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    try:
        for cells in reader:
            if len(cells) > MAX_COLUMNS:
                raise ImportFileError(
                    f"Line {reader.line_num} has more than {MAX_COLUMNS} columns."
                )
            if not any(cell.strip() for cell in cells):
                continue  # blank lines, common at the end of exports
            if len(records) > MAX_ROWS:  # the header plus MAX_ROWS rows are allowed
                raise ImportFileError(f"The file has more than {MAX_ROWS:,} rows.")
            records.append((reader.line_num, cells))
    except csv.Error as error:
        raise ImportFileError(f"Line {reader.line_num} is not valid CSV: {error}.") from None
    return Table(records, delimiter)


def guess_columns(header: list[str]) -> dict[str, int]:
    """The columns whose header names a field (date, amount, description, category)."""
    names = [cell.strip().lower() for cell in header]
    return {name: names.index(name) for name in FIELDS if name in names}


# Reading one row -----------------------------------------------------------

_DATE_PATTERNS = {
    "ymd": re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    "dmy": re.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})$"),
    "mdy": re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})$"),
}
_AMOUNT_PATTERNS = {
    ".": re.compile(r"^(?P<sign>[-+]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?$"),
    ",": re.compile(r"^(?P<sign>[-+]?)(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<frac>\d+))?$"),
}
# Spaces (also no-break ones) group thousands in many locales: "1 234,56".
_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_date(text: str, date_format: str) -> date:
    match = _DATE_PATTERNS[date_format].match(text.strip())
    if not match:
        raise ValueError(f"bad date {text!r} (expected {DATE_FORMATS[date_format]})")
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"bad date {text!r} (year out of range)")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"bad date {text!r} (no such day)") from None


def parse_amount(text: str, decimal: str) -> Decimal:
    match = _AMOUNT_PATTERNS[decimal].match(_SPACES.sub("", text))
    if not match:
        example = DECIMAL_MARKS[decimal].split(": ")[1]
        raise ValueError(f"bad amount {text!r} (expected a number like {example})")
    if match["sign"] == "-":
        raise ValueError(f"negative amount {text!r} (expenses are positive amounts)")
    fraction = match["frac"] or ""
    if len(fraction) > 2:
        raise ValueError(f"too many decimals in {text!r} (at most 2)")
    thousands = "," if decimal == "." else "."
    amount = Decimal(f"{match['int'].replace(thousands, '')}.{fraction:0<2}")
    if amount == 0:
        raise ValueError("zero amount (an expense is more than 0)")
    if amount > MAX_AMOUNT:
        raise ValueError(f"amount {text!r} is too large")
    return amount


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def parse_row(line: int, cells: list[str], fmt: FileFormat, columns: ColumnMap) -> ImportRow:
    """One record as an ImportRow; ValueError naming every problem otherwise."""
    problems = []
    day = amount = None
    try:
        day = parse_date(_cell(cells, columns.date), fmt.date_format)
    except ValueError as error:
        problems.append(str(error))
    try:
        amount = parse_amount(_cell(cells, columns.amount), fmt.decimal)
    except ValueError as error:
        problems.append(str(error))
    category = _cell(cells, columns.category)
    if not category:
        problems.append("empty category")
    elif len(category) > CATEGORY_MAX:
        problems.append(f"category longer than {CATEGORY_MAX} characters")
    description = _cell(cells, columns.description)
    if len(description) > DESCRIPTION_MAX:
        problems.append(f"description longer than {DESCRIPTION_MAX} characters")
    if problems:
        raise ValueError("; ".join(problems))
    return ImportRow(line, day, amount, category, description)


def formula_cells(table: Table, columns: ColumnMap) -> list[int]:
    """Line numbers whose category or description a spreadsheet would run as a formula."""
    lines = []
    for line, cells in table.data_records(columns.has_header):
        texts = (_cell(cells, columns.category), _cell(cells, columns.description))
        if any(text.startswith(FORMULA_PREFIXES) for text in texts):
            lines.append(line)
    return lines


# The preview ---------------------------------------------------------------


def check_columns(table: Table, columns: ColumnMap) -> None:
    """ImportFileError unless each field has its own column that exists in the file."""
    chosen = [columns.date, columns.amount, columns.category]
    if columns.description is not None:
        chosen.append(columns.description)
    if any(index < 0 or index >= table.width for index in chosen):
        raise ImportFileError("Each chosen column must exist in the file.")
    if len(set(chosen)) != len(chosen):
        raise ImportFileError("Choose a different column for each field.")


def build_preview(budget, table: Table, fmt: FileFormat, columns: ColumnMap) -> Preview:
    """What importing `table` for `budget` would do; ImportFileError when the file is refused.

    Two queries: the budget's categories, and their expenses in the file's date range.
    """
    check_columns(table, columns)
    records = table.data_records(columns.has_header)
    if not records:
        raise ImportFileError("The file has no rows to import.")
    formulas = formula_cells(table, columns)
    if formulas:
        shown = ", ".join(str(line) for line in formulas[:10])
        more = f" and {len(formulas) - 10} more" if len(formulas) > 10 else ""
        raise ImportFileError(
            f"Line(s) {shown}{more} hold a description or category starting with "
            "=, +, - or @, which a spreadsheet would run as a formula. "
            "Nothing was imported: remove those characters and upload the file again."
        )

    preview = Preview()
    valid = []
    for line, cells in records:
        try:
            valid.append(parse_row(line, cells, fmt, columns))
        except ValueError as error:
            preview.errors.append(RowError(line, str(error)))
    _sort_duplicates(budget, valid, preview)
    _find_categories(budget, preview.rows, preview)
    return preview


def _sort_duplicates(budget, valid: list[ImportRow], preview: Preview) -> None:
    """Split valid rows into new ones and likely duplicates (of stored expenses or earlier lines)."""
    stored = set()
    if valid:
        stored = set(
            Expense.objects.for_budget(budget)
            .filter(date__gte=min(row.date for row in valid))
            .filter(date__lte=max(row.date for row in valid))
            .values_list("date", "amount", "description")
        )
    first_line = {}
    for row in valid:
        if row.key in stored:
            preview.duplicates.append(Duplicate(row, "an expense already stored"))
        elif row.key in first_line:
            preview.duplicates.append(Duplicate(row, f"line {first_line[row.key]}"))
        else:
            first_line[row.key] = row.line
            preview.rows.append(row)


def _find_categories(budget, rows: list[ImportRow], preview: Preview) -> None:
    """Categories the rows name that do not exist yet, and archived ones they would use.

    Names match case-insensitively, archived categories included: the unique
    name rule would refuse a second category of the same name anyway.
    """
    existing = {
        name.lower(): (name, is_archived)
        for name, is_archived in Category.objects.for_budget(budget).values_list(
            "name", "is_archived"
        )
    }
    new = {}
    archived = {}
    for row in rows:
        key = row.category.lower()
        if key not in existing:
            new.setdefault(key, row.category)
        elif existing[key][1]:
            archived.setdefault(key, existing[key][0])
    preview.new_categories = list(new.values())
    preview.archived_categories = list(archived.values())
