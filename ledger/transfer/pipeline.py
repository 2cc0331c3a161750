"""The import, start to end, in one direction: bytes → table → typed rows → preview.

`read` runs the pure stages once each, with the user's choices (an upload's
`choices`, or the command's options) over what their profile for this header row
remembers, over what is detected. `preview.classify` then reads the budget, and
`ledger.services.import_expenses` stores what it says.
"""

from dataclasses import dataclass, replace

from ledger.transfer.columns import ColumnMap, find_direction_column, guess_columns
from ledger.transfer.preview import Remembered, header_key, remembered
from ledger.transfer.reading import read_file
from ledger.transfer.rows import Choices, TypedRows, type_rows
from ledger.transfer.table import Table

# What a user can choose; an upload keeps these in `ImportUpload.choices`.
CHOICE_KEYS = ("delimiter", "has_header", "columns", "date_format", "decimal", "spending")


@dataclass
class Reading:
    table: Table
    columns: ColumnMap
    typed: TypedRows | None  # None while the columns are not known
    remembered: Remembered
    header_key: str | None

    @property
    def profile_used(self) -> bool:
        return self.remembered.profile is not None

    def choices_to_remember(self, chosen: dict) -> dict:
        """What the next file with this header row should be read with."""
        typed = self.typed
        return {
            "delimiter": self.table.delimiter,
            "has_header": self.table.header_index is not None,
            "columns": self.columns.as_dict(),
            "date_format": typed.date_format.value,
            "decimal": typed.decimal.value,
            "spending": chosen.get("spending") or None,
        }


def detect_columns(table: Table) -> ColumnMap:
    """Columns named by the header, plus a type column found by its values."""
    if table.header_index is None:
        return ColumnMap()
    columns = guess_columns(table.header)
    cells = [cells for _, cells in table.data_records()[:2000]]
    direction = find_direction_column(cells, columns)
    return replace(columns, direction=direction) if direction is not None else columns


def read(
    budget, data: bytes = b"", filename: str = "", chosen: dict | None = None, table=None
) -> Reading:
    """Read and type the file for `budget`; ImportFileError when the file is refused.

    `table` is the file's table as read on upload (`Reading.table`, kept with the upload):
    then the file is not read again, only typed with the user's current choices.
    """
    chosen = {key: value for key, value in (chosen or {}).items() if value not in (None, "")}
    parsed = table is None
    if parsed:
        table = read_file(data, filename, chosen.get("delimiter"))
    known = remembered(budget, table)
    remembered_delimiter = (known.profile or {}).get("delimiter")
    if (
        parsed
        and remembered_delimiter
        and "delimiter" not in chosen
        and table.source == "CSV"
        and remembered_delimiter != table.delimiter
    ):
        table = read_file(data, filename, remembered_delimiter)
    settings = {**(known.profile or {}), **chosen}
    if "has_header" in chosen:
        table = table.with_header(bool(chosen["has_header"]))
    if settings.get("columns") and ("columns" in chosen or known.profile):
        columns = ColumnMap.from_dict(settings["columns"])
    else:
        columns = detect_columns(table)
    if any(index >= max(table.width, 1) for index in columns.chosen()):
        columns = detect_columns(table)
    typed = None
    if columns.complete:
        choices = Choices(
            date_format=chosen.get("date_format") or (known.profile or {}).get("date_format"),
            decimal=chosen.get("decimal") or (known.profile or {}).get("decimal"),
            spending=settings.get("spending"),
            last_date_format=known.last_date_format,
            last_decimal=known.last_decimal,
        )
        typed = type_rows(table, columns, choices)
    return Reading(table, columns, typed, known, header_key(table))
