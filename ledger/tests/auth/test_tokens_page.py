import pytest
from django.core.management import CommandError, call_command

from ledger import services
from ledger.models import ApiToken
from ledger.tests.factories import ApiTokenFactory, budget_of

pytestmark = pytest.mark.django_db

URL = "/settings/tokens/"


def test_it_lists_own_tokens(user_client, user, other_user):
    ApiTokenFactory(owner=user, name="Phone")
    ApiTokenFactory(owner=other_user, name="Their laptop")

    response = user_client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Phone" in page
    assert "Their laptop" not in page
    assert "never" in page


def test_it_needs_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_creates_a_token_and_shows_it_once(user_client, user, client):
    response = user_client.post(URL, {"name": "Phone"})

    assert response.status_code == 200
    token = ApiToken.objects.get(budget=budget_of(user))
    raw = response.context["new_token"]
    assert raw in response.content.decode()
    assert token.name == "Phone"
    assert token.token_hash == ApiToken.digest(raw)
    assert "no-store" in response["Cache-Control"]
    assert raw not in user_client.get(URL).content.decode()
    api_response = client.get("/api/categories/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api_response.status_code == 200


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_it_refuses_a_bad_name(user_client, name):
    response = user_client.post(URL, {"name": name})

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert response.context["new_token"] is None
    assert not ApiToken.objects.exists()


def test_it_revokes_a_token(user_client, user, client):
    token = ApiTokenFactory(owner=user)

    response = user_client.post(f"/settings/tokens/{token.pk}/revoke/")

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    api_response = client.get("/api/categories/", HTTP_AUTHORIZATION=f"Bearer {token.raw}")
    assert api_response.status_code == 401


def test_it_shows_revoked_tokens_as_revoked(user_client, user):
    services.revoke_api_token(token=ApiTokenFactory(owner=user))
    assert "revoked" in user_client.get(URL).content.decode()


def test_it_answers_404_for_another_users_token(user_client, other_user):
    token = ApiTokenFactory(owner=other_user)

    response = user_client.post(f"/settings/tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_it_rejects_revoking_with_get(user_client, user):
    token = ApiTokenFactory(owner=user)

    assert user_client.get(f"/settings/tokens/{token.pk}/revoke/").status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


# The create_api_token command


def test_the_command_prints_a_working_token_last(user, client, capsys):
    call_command("create_api_token", user.username, "--name", "CI")

    raw = capsys.readouterr().out.split()[-1]
    token = ApiToken.objects.get(budget=budget_of(user))
    assert token.name == "CI"
    assert token.token_hash == ApiToken.digest(raw)
    assert client.get("/api/income/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_the_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        call_command("create_api_token", "ghost")
    assert not ApiToken.objects.exists()


def test_the_command_refuses_an_empty_name(user):
    with pytest.raises(CommandError):
        call_command("create_api_token", user.username, "--name", " ")
    assert not ApiToken.objects.exists()
