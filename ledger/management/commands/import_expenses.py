from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from ledger import access, services
from ledger.management.budget_choice import add_budget_argument, member_for
from ledger.transfer.csv_import import (
    DATE_FORMATS,
    FIELDS,
    MAX_FILE_BYTES,
    ColumnMap,
    FileFormat,
    ImportFileError,
    build_preview,
    guess_columns,
    read_table,
)

LISTED = 20  # refused rows and duplicates printed; the counts cover them all


class Command(BaseCommand):
    help = (
        "Import expenses from a CSV file into one of a user's budgets. Columns are found by their header "
        "names (date, amount, description, category); --dry-run only shows the preview."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="username of an owner or editor")
        add_budget_argument(parser)
        parser.add_argument("--date-format", choices=list(DATE_FORMATS), default="ymd")
        parser.add_argument("--delimiter", choices=[",", ";"], help="default: guessed")
        parser.add_argument("--decimal", choices=[".", ","], default=".")
        parser.add_argument("--no-header", action="store_true", help="the first line is data")
        parser.add_argument("--include-duplicates", action="store_true")
        parser.add_argument("--dry-run", action="store_true", help="preview only, store nothing")
        for field in FIELDS:
            parser.add_argument(
                f"--{field}-column", help=f"header name or number (1 = first) of the {field}"
            )

    def handle(self, *args, **options):
        member = member_for(options["user"], options["budget"], access.WRITE)
        table = self._read(Path(options["file"]), options["delimiter"])
        fmt = FileFormat(table.delimiter, options["date_format"], options["decimal"])
        columns = self._columns(table, options)
        try:
            if options["dry_run"]:
                self._show_preview(build_preview(member.budget, table, fmt, columns))
                return
            result = services.import_expenses(
                member.budget,
                table,
                fmt,
                columns,
                created_by=member.user,
                skip_duplicates=not options["include_duplicates"],
                progress=self._progress,
            )
        except ImportFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        except DatabaseError as error:
            raise CommandError(f"The import failed and nothing was stored: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.imported}, skipped {result.skipped} likely duplicate(s), "
                f"refused {result.refused} row(s) with errors."
            )
        )
        if result.categories_created:
            self.stdout.write(f"New categories: {', '.join(result.categories_created)}")

    def _read(self, path, delimiter):
        try:
            if path.stat().st_size > MAX_FILE_BYTES:  # refused before reading it
                raise CommandError(f"{path} is larger than {MAX_FILE_BYTES // 2**20} MB.")
            return read_table(path.read_bytes(), delimiter)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        except ImportFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from None

    def _columns(self, table, options):
        header = [cell.strip().lower() for cell in table.records[0][1]]
        found = {} if options["no_header"] else guess_columns(table.records[0][1])
        for field in FIELDS:
            chosen = options[f"{field}_column"]
            if chosen is None:
                continue
            if chosen.isdigit() and 1 <= int(chosen) <= table.width:
                found[field] = int(chosen) - 1
            elif not options["no_header"] and chosen.strip().lower() in header:
                found[field] = header.index(chosen.strip().lower())
            else:
                raise CommandError(f"--{field}-column {chosen!r}: no such column.")
        missing = [field for field in ("date", "amount", "category") if field not in found]
        if missing:
            raise CommandError(
                f"No {' or '.join(missing)} column found: name the header so, or use "
                + ", ".join(f"--{field}-column" for field in missing)
                + "."
            )
        return ColumnMap(**found, has_header=not options["no_header"])

    def _progress(self, done, total):
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        self.stderr.write(f"\rImporting [{bar}] {done}/{total}", ending="")
        if done == total:
            self.stderr.write("")

    def _show_preview(self, preview):
        out = self.stdout.write
        out(f"Would import {len(preview.rows)} expense(s).")
        out(f"Would skip {len(preview.duplicates)} likely duplicate(s).")
        for duplicate in preview.duplicates[:LISTED]:
            out(f"  line {duplicate.row.line}: same date, amount and description as {duplicate.of}")
        out(f"Would refuse {len(preview.errors)} row(s) with errors.")
        for error in preview.errors[:LISTED]:
            out(f"  line {error.line}: {error.reason}")
        if len(preview.errors) > LISTED:
            out(f"  ...and {len(preview.errors) - LISTED} more")
        if preview.new_categories:
            out(f"Would create categories: {', '.join(preview.new_categories)}")
        if preview.archived_categories:
            out(f"Would add to archived categories: {', '.join(preview.archived_categories)}")
        out(self.style.WARNING("Dry run: nothing was stored."))
