from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ledger.models import ApiToken


class Command(BaseCommand):
    help = "Create a personal API token for a user and print it (the token is the last word)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for.")

    def handle(self, *args, username, name, **options):
        name = name.strip()
        if not name or len(name) > 100:
            raise CommandError("The token name must be 1 to 100 characters.")
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        _, raw = ApiToken.objects.issue(user, name)
        self.stdout.write(f"Created API token {name!r} for {username}. It is shown only once:")
        self.stdout.write(raw)
