"""Text to a table: line endings, the delimiter, the header row after any preamble.

Pure: no database. A bank file often starts with lines about the account
(number, balance, period, blank lines): the header is the first row that names
a date and an amount (or debit and credit columns). A file without such a row is
read as data from its first row, to be mapped by column number.
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass, field, replace

from ledger.transfer.columns import header_score
from ledger.transfer.encoding import ImportFileError

MAX_COLUMNS = 50
MAX_ROWS = 200_000
MAX_CELLS = 3_000_000  # cells kept (200,000 rows of 15): bounds a table's memory (~200 MB)
DELIMITERS = {",": "Comma (,)", ";": "Semicolon (;)", "\t": "Tab", "|": "Vertical bar (|)"}
HEADER_SEARCH = 40  # rows looked at for a header


@dataclass
class Table:
    """The file's non-blank records as (line number, cells), and where its header is."""

    records: list[tuple[int, list[str]]]
    delimiter: str
    header_index: int | None = 0  # index into records; None: no header row
    source: str = "CSV"  # or "OFX", "QIF"
    spending_hint: str | None = None  # "negative" when the format fixes the sign (OFX, QIF)
    encoding: str = ""
    _data: list = field(default=None, repr=False, compare=False)
    _data_key: tuple = field(default=None, repr=False, compare=False)

    @property
    def header(self) -> list[str]:
        return [] if self.header_index is None else self.records[self.header_index][1]

    @property
    def header_line(self) -> int | None:
        return None if self.header_index is None else self.records[self.header_index][0]

    @property
    def width(self) -> int:
        return max((len(cells) for _, cells in self.data_records()), default=len(self.header))

    def data_records(self) -> list[tuple[int, list[str]]]:
        """The records after the header, without repeats of the header row (computed once)."""
        key = (self.header_index, len(self.records))
        if self._data_key != key:
            self._data = self._without_header()
            self._data_key = key
        return self._data

    def _without_header(self):
        if self.header_index is None:
            return self.records
        header = [cell.strip().lower() for cell in self.header]
        first = header[0] if header else None
        return [
            (line, cells)
            for line, cells in self.records[self.header_index + 1 :]
            if not cells
            or cells[0].strip().lower() != first
            or [cell.strip().lower() for cell in cells] != header
        ]

    def with_header(self, has_header: bool) -> "Table":
        """The same records with the header found (True) or none at all (False)."""
        if has_header == (self.header_index is not None):
            return self
        index = find_header(self.records) if has_header else None
        if has_header and index is None:
            index = 0
        return replace(self, header_index=index)


def normalise_newlines(text: str) -> str:
    """CR LF and a lone CR (old Mac exports) become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sniff_delimiter(text: str) -> str:
    """The delimiter among , ; tab | that splits the first lines most consistently."""
    lines = [line for line in text.split("\n", 60)[:60] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        counts = Counter(line.count(delimiter) for line in lines)
        counts.pop(0, None)
        if not counts:
            continue
        width, rows = max(counts.items(), key=lambda item: (item[1] * (item[0] > 0), item[0]))
        score = (rows, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def find_header(records: list[tuple[int, list[str]]]) -> int | None:
    """The index of the first record naming a date and some money, else None."""
    best_index, best_score = None, 0
    for index, (_, cells) in enumerate(records[:HEADER_SEARCH]):
        score = header_score(cells)
        if score >= 4 and score > best_score:  # a complete mapping (2) and two names
            return index
        if score > best_score and score >= 2:
            best_index, best_score = index, score
    return best_index


def read_table(text: str, delimiter: str | None = None) -> Table:
    """Split the text into records; `delimiter` None means "sniff it"."""
    text = normalise_newlines(text)
    delimiter = delimiter or sniff_delimiter(text)
    records, cell_count = [], 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            if len(cells) > MAX_COLUMNS:
                raise ImportFileError(
                    f"Line {reader.line_num} has more than {MAX_COLUMNS} columns."
                )
            if not any(cell.strip() for cell in cells):
                continue  # blank lines, common before the header and at the end
            if len(records) > MAX_ROWS:  # a header plus MAX_ROWS rows are allowed
                raise ImportFileError(f"The file has more than {MAX_ROWS:,} rows.")
            cells = _trim(cells)
            cell_count += len(cells)
            if cell_count > MAX_CELLS:
                raise ImportFileError(
                    f"The file has more than {MAX_CELLS:,} cells (line {reader.line_num:,})."
                )
            records.append((reader.line_num, cells))
    except csv.Error as error:
        raise ImportFileError(f"Line {reader.line_num} is not valid CSV: {error}.") from None
    if not records:
        raise ImportFileError("The file is empty.")
    return Table(records, delimiter, find_header(records))


def _trim(cells: list[str]) -> list[str]:
    """Drop trailing empty cells: "a,b,," is two columns."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]
