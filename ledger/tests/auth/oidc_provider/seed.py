"""Create the provider's user and the Budget client (run inside the provider's settings)."""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ledger.tests.auth.oidc_provider.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402

if sys.argv[1] == "--add-redirect":
    app = Application.objects.get(client_id="budget")
    app.redirect_uris += " " + sys.argv[2]
    app.save(update_fields=["redirect_uris"])
    sys.exit()

redirect_uris, client_secret = sys.argv[1], sys.argv[2]
for username, email in [("olivia", "olivia@example.com"), ("erin", "erin@example.com")]:
    get_user_model().objects.create_user(username, email, "provider-password-1")
Application.objects.create(
    name="Budget",
    client_id="budget",
    client_secret=client_secret,
    client_type=Application.CLIENT_CONFIDENTIAL,
    authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
    redirect_uris=redirect_uris,
    algorithm=Application.RS256_ALGORITHM,
    skip_authorization=True,
)
