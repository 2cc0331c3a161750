from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ledger import services


class Command(BaseCommand):
    help = "Create a personal API token for a user and print it (the token is the last word)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for.")

    def handle(self, *args, username, name, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        try:
            token, raw = services.issue_api_token(owner=user, name=name)
        except services.InvalidTokenName as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Created API token {token.name!r} for {username}. It is shown only once:"
        )
        self.stdout.write(raw)
