from django.core.management.base import BaseCommand, CommandError

from ledger import access
from ledger.management.budget_choice import add_budget_argument, member_for
from ledger.transfer.backup import BackupError, import_ledger, load_backup


class Command(BaseCommand):
    help = "Restore a JSON backup (from export_ledger) into an empty budget the user owns."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="username of the budget's owner")
        add_budget_argument(parser)

    def handle(self, *args, **options):
        member = member_for(options["user"], options["budget"], access.MANAGE)
        try:
            with open(options["file"], "rb") as file:
                data = load_backup(file)
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from None
        except ValueError as error:  # not JSON, or nested too deeply
            raise CommandError(str(error)) from None
        try:
            counts = import_ledger(member.budget, data, created_by=member.user)
        except BackupError as error:
            raise CommandError(
                "Nothing was restored:\n" + "\n".join(f"  {problem}" for problem in error.errors)
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                "Restored {categories} categories, {expenses} expenses, {incomes} "
                "monthly incomes and {allotments} allotments.".format(**counts)
            )
        )
