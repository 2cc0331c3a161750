import pytest

from ledger.tests.factories import ApiTokenFactory, SuperuserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(SuperuserFactory())
    return client


def test_it_lists_tokens_without_their_hash(admin_client):
    token = ApiTokenFactory(name="Phone")

    response = admin_client.get("/admin/ledger/apitoken/")

    assert response.status_code == 200
    assert b"Phone" in response.content
    assert token.token_hash.encode() not in response.content
    assert token.raw.encode() not in response.content


def test_tokens_cannot_be_added_or_changed_in_the_admin(admin_client):
    token = ApiTokenFactory()

    assert admin_client.get("/admin/ledger/apitoken/add/").status_code == 403
    page = admin_client.get(f"/admin/ledger/apitoken/{token.pk}/change/")
    assert page.status_code == 200
    assert b'name="name"' not in page.content


def test_the_revoke_action_revokes_the_selected_tokens(admin_client):
    chosen, other = ApiTokenFactory(), ApiTokenFactory()
    response = admin_client.post(
        "/admin/ledger/apitoken/",
        {"action": "revoke", "_selected_action": [chosen.pk]},
        follow=True,
    )
    assert "Revoked 1 token(s)." in response.content.decode()
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert chosen.revoked_at is not None
    assert other.revoked_at is None


def test_tokens_cannot_be_deleted_in_the_admin(admin_client):
    token = ApiTokenFactory()
    assert admin_client.get(f"/admin/ledger/apitoken/{token.pk}/delete/").status_code == 403
