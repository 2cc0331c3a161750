from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from ledger import access, services
from ledger.management.budget_choice import add_budget_argument, member_for
from ledger.rules import CATEGORY_NAME_MAX
from ledger.transfer.columns import FIELDS, folded_name
from ledger.transfer.encoding import MAX_FILE_BYTES, ImportFileError
from ledger.transfer.pipeline import read
from ledger.transfer.preview import classify
from ledger.transfer.values import DATE_FORMATS

LISTED = 20  # refused rows and duplicates printed; the counts cover them all
COLUMN_OPTIONS = {field: "type" if field == "direction" else field for field in FIELDS}
DELIMITER_NAMES = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t", "|": "|"}


class Command(BaseCommand):
    help = (
        "Import expenses from a bank file (CSV, OFX/QFX or QIF) into one of a user's budgets. "
        "The encoding, "
        "delimiter, header row, columns, date format, decimal mark and sign rule are detected; "
        "only money out becomes expenses. --dry-run only shows the preview."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="username of an owner or editor")
        add_budget_argument(parser)
        parser.add_argument(
            "--category", help="default category for rows without one (created when missing)"
        )
        parser.add_argument("--dry-run", action="store_true", help="preview only, store nothing")
        parser.add_argument("--date-format", choices=list(DATE_FORMATS), help="default: detected")
        parser.add_argument("--delimiter", choices=list(DELIMITER_NAMES), help="default: detected")
        parser.add_argument("--decimal", choices=[".", ","], help="default: detected")
        parser.add_argument(
            "--spending",
            choices=["negative", "positive"],
            help="which sign money out carries (default: the sign most rows carry)",
        )
        parser.add_argument("--no-header", action="store_true", help="the first line is data")
        parser.add_argument("--include-duplicates", action="store_true")
        for option in COLUMN_OPTIONS.values():
            parser.add_argument(
                f"--{option}-column", help=f"header name or number (1 = first) of the {option}"
            )

    def handle(self, *args, **options):
        member = member_for(options["user"], options["budget"], access.WRITE)
        budget = member.budget
        path = Path(options["file"])
        data = self._bytes(path)
        chosen = {
            "delimiter": DELIMITER_NAMES.get(options["delimiter"] or ""),
            "date_format": options["date_format"],
            "decimal": options["decimal"],
            "spending": options["spending"],
        }
        if options["no_header"]:
            chosen["has_header"] = False
        try:
            reading = read(budget, data, path.name, chosen)
            columns = self._columns(reading, options)
            if columns is not None:
                reading = read(budget, data, path.name, {**chosen, "columns": columns})
        except ImportFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        if reading.typed is None:
            raise CommandError(
                "No date and amount columns found: name them with --date-column and "
                "--amount-column (or --debit-column and --credit-column). Nothing was imported."
            )
        self._show_detected(reading)
        default = (options["category"] or "").strip()[:CATEGORY_NAME_MAX]
        include = options["include_duplicates"]
        if options["dry_run"]:
            preview = classify(
                budget, reading.typed, default_category=default, include_duplicates=include
            )
            self._show_preview(preview)
            return
        try:
            result = services.import_expenses(
                budget=budget,
                created_by=member.user,
                reading=reading,
                default_category=default,
                include_duplicates=include,
                remember=reading.choices_to_remember(chosen),
                progress=self._progress,
            )
        except (DatabaseError, services.BudgetRuleError) as error:
            raise CommandError(f"The import failed and nothing was stored: {error}") from None
        if result.categories_created:
            self.stdout.write(f"New categories: {', '.join(result.categories_created)}")
        if result.refused and not result.imported:
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(result.summary()))

    def _bytes(self, path):
        try:
            if path.stat().st_size > MAX_FILE_BYTES:  # refused before reading it
                raise CommandError(f"{path} is larger than {MAX_FILE_BYTES // 2**20} MB.")
            return path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None

    def _columns(self, reading, options) -> dict | None:
        """The detected columns with the --*-column options applied; None when none is given."""
        given = {field: options[f"{option}_column"] for field, option in COLUMN_OPTIONS.items()}
        if not any(given.values()):
            return None
        header = [folded_name(cell) for cell in reading.table.header]
        width = reading.table.width
        columns = reading.columns.as_dict()
        for field, chosen in given.items():
            if chosen is None:
                continue
            option = COLUMN_OPTIONS[field]
            if chosen.isdigit() and 1 <= int(chosen) <= width:
                index = int(chosen) - 1
            elif folded_name(chosen) in header:
                index = header.index(folded_name(chosen))
            else:
                raise CommandError(f"--{option}-column {chosen!r}: no such column.")
            columns = {key: (None if value == index else value) for key, value in columns.items()}
            columns[field] = index
        return columns

    def _show_detected(self, reading):
        out, table, typed = self.stdout.write, reading.table, reading.typed
        header = table.header
        out(f"Format: {table.source}" + (f", encoding {table.encoding}" if table.encoding else ""))
        if table.source == "CSV":
            delimiter = {"\t": "tab"}.get(table.delimiter, table.delimiter)
            line = table.header_line
            out(f"Delimiter: “{delimiter}”; header: " + (f"line {line}" if line else "none"))
        named = []
        for field, index in reading.columns.as_dict().items():
            if index is not None:
                name = header[index] if index < len(header) else f"column {index + 1}"
                named.append(f"{field} = {name}")
        out("Columns: " + ", ".join(named))
        date_note = " (ambiguous: --date-format to change)" if typed.date_format.ambiguous else ""
        mark_note = " (ambiguous: --decimal to change)" if typed.decimal.ambiguous else ""
        out(f"Dates: {DATE_FORMATS[typed.date_format.value]}{date_note}")
        out(f"Decimal mark: {typed.decimal.value!r}{mark_note}")
        out(f"Sign rule: {typed.sign_rule.text}")
        if reading.profile_used:
            out("Read as your last file with this header row.")

    def _progress(self, done, total):
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        self.stderr.write(f"\rImporting [{bar}] {done}/{total}", ending="")
        if done == total:
            self.stderr.write("")

    def _show_preview(self, preview):
        out = self.stdout.write
        out(f"Would import {len(preview.rows)} expense(s), total {preview.total}.")
        if preview.shortened:
            out(f"{preview.shortened} description(s) shortened to 255 characters with “…”.")
        for row in preview.duplicates[:LISTED]:
            out(f"  line {row.line}: already stored (same date, amount and description)")
        for error in preview.errors[:LISTED]:
            out(f"  line {error.line}: refused: {error.reason}")
        if len(preview.errors) > LISTED:
            out(f"  ...and {len(preview.errors) - LISTED} more")
        if preview.new_categories:
            out(f"Would create categories: {', '.join(preview.new_categories)}")
        if preview.archived_categories:
            out(f"Would add to archived categories: {', '.join(preview.archived_categories)}")
        out(
            self.style.WARNING(
                f"Dry run, nothing stored: would import {len(preview.rows)} expense(s); "
                f"leave out {len(preview.incoming)} money-in row(s); skip "
                f"{len(preview.duplicates)} duplicate(s); refuse {len(preview.errors)} row(s)."
            )
        )
