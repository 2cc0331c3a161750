"""Single sign-on, end to end against a real OpenID Connect provider on the loopback (no mock)."""

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model

from ledger.models import Membership
from ledger.tests.auth.oidc import CALLBACK, oidc_provider, provider_sign_in  # noqa: F401
from ledger.tests.auth.signin_steps import is_signed_in, sign_in_with_password
from ledger.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
START = "/accounts/oidc/oidc/login/"


@pytest.fixture
def sso(settings, oidc_provider):  # noqa: F811
    settings.SOCIALACCOUNT_PROVIDERS = oidc_provider.app_settings()
    settings.SOCIALACCOUNT_REQUESTS_TIMEOUT = 60  # the provider's runserver on a loaded machine
    return oidc_provider


def single_sign_on(client, username, process="login"):
    """Start at Budget, sign in at the provider, come back: Budget's last answer."""
    start = client.post(START, {"process": process})
    assert start.status_code == 302, start.content[:300]
    assert start["Location"].startswith("http://127.0.0.1:")
    back = provider_sign_in(start["Location"], username, stop_at=f"http://testserver{CALLBACK}")
    return client.get(back.removeprefix("http://testserver"))


def test_the_login_page_offers_the_provider_by_its_name(client, sso):
    page = client.get("/accounts/login/")
    assert b"Pocket ID" in page.content
    assert b'name="password"' in page.content


def test_the_first_sign_in_creates_the_user_and_their_own_budget(client, sso):
    response = single_sign_on(client, "olivia")
    assert response.status_code == 302
    assert is_signed_in(client)
    olivia = User.objects.get(username="olivia")
    assert SocialAccount.objects.get(user=olivia).provider == "oidc"
    assert Membership.objects.get(user=olivia, role="owner").budget.name == "olivia's budget"
    assert client.get("/categories/").status_code == 200

    client.post("/accounts/logout/")
    assert single_sign_on(client, "olivia").status_code == 302  # the second time: the same user
    assert User.objects.filter(username__startswith="olivia").count() == 1


def test_a_matching_email_alone_never_signs_in_as_an_existing_user(client, sso):
    erin = UserFactory(username="erin", email="erin@example.com")
    EmailAddress.objects.create(user=erin, email=erin.email, verified=True, primary=True)

    response = single_sign_on(client, "erin")
    assert client.session.get("_auth_user_id") != str(erin.pk)
    assert not SocialAccount.objects.filter(user=erin).exists()
    # allauth asks for another username (erin is taken) instead of joining the accounts.
    assert response.status_code == 302
    assert response["Location"] == "/accounts/3rdparty/signup/"


def test_a_signed_in_user_links_the_identity_in_settings(client, sso):
    erin = UserFactory(username="erin", email="erin@example.com")
    sign_in_with_password(client, erin)
    connections = client.get("/accounts/3rdparty/")
    assert connections.status_code == 200
    assert b"Pocket ID" in connections.content

    single_sign_on(client, "erin", process="connect")
    assert SocialAccount.objects.get(user=erin).provider == "oidc"

    client.post("/accounts/logout/")
    single_sign_on(client, "erin")
    assert client.session["_auth_user_id"] == str(erin.pk)


def test_oidc_only_hides_the_password_forms(client, sso, settings):
    settings.SOCIALACCOUNT_ONLY = True
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert b'name="password"' not in page.content
    assert b"Pocket ID" in page.content
    erin = UserFactory(username="erin")
    sign_in_with_password(client, erin)
    assert not is_signed_in(client)
