"""The navigation bar every signed-in page shares."""

import pytest

from ledger.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_links_every_section_and_shows_the_user(user_client, user):
    html = user_client.get("/categories/").content.decode()
    for href in ['href="/"', 'href="/expenses/"', 'href="/categories/"', 'href="/income/"']:
        assert href in html
    assert user.username in html
    assert 'action="/accounts/logout/"' in html
    assert 'method="post"' in html


def test_it_hides_admin_from_non_staff(user_client):
    assert 'href="/admin/"' not in user_client.get("/categories/").content.decode()


def test_it_shows_admin_to_staff(client):
    client.force_login(UserFactory(is_staff=True))
    assert 'href="/admin/"' in client.get("/categories/").content.decode()


def test_the_login_page_uses_the_site_style(client):
    html = client.get("/accounts/login/").content.decode()
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in html
    assert 'class="form-control' in html
    assert 'name="username"' in html


def test_dark_mode_script_is_loaded(client):
    assert "/static/js/theme.js" in client.get("/accounts/login/").content.decode()
