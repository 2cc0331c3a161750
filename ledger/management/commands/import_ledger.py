import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ledger.transfer.backup import BackupError, import_ledger


class Command(BaseCommand):
    help = "Restore a JSON backup (from export_ledger) into a user's empty account."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="username of the (empty) account")

    def handle(self, *args, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(options["user"])
        except User.DoesNotExist:
            raise CommandError(f"No user named {options['user']!r}.") from None
        try:
            with open(options["file"], encoding="utf-8-sig") as file:
                data = json.load(file)
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from None
        except (UnicodeDecodeError, ValueError):
            raise CommandError("This is not a Budget backup file (not JSON).") from None
        try:
            counts = import_ledger(user, data)
        except BackupError as error:
            raise CommandError(
                "Nothing was restored:\n" + "\n".join(f"  {problem}" for problem in error.errors)
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                "Restored {categories} categories, {expenses} expenses and {incomes} "
                "monthly incomes.".format(**counts)
            )
        )
