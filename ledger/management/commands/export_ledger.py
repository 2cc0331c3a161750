import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ledger.transfer.backup import export_ledger


class Command(BaseCommand):
    help = "Write a full JSON backup of one user's ledger (to a file, or to standard output)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="username of the owner")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(options["user"])
        except User.DoesNotExist:
            raise CommandError(f"No user named {options['user']!r}.") from None
        text = json.dumps(export_ledger(user), indent=1, ensure_ascii=False) + "\n"
        if not options["output"]:
            self.stdout.write(text, ending="")
            return
        try:
            with open(options["output"], "w", encoding="utf-8") as file:
                file.write(text)
        except OSError as error:
            raise CommandError(f"Cannot write {options['output']}: {error.strerror}.") from None
        self.stderr.write(f"Wrote the backup of {user.get_username()} to {options['output']}.")
