import pytest

from ledger.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def category(user):
    """An active category of `user` (limit 300.00)."""
    from ledger.tests.factories import CategoryFactory

    return CategoryFactory(owner=user, name="Groceries")


@pytest.fixture
def others_category(other_user):
    """A category that belongs to someone else."""
    from ledger.tests.factories import CategoryFactory

    return CategoryFactory(owner=other_user, name="Not yours")


@pytest.fixture
def api_token(user):
    from ledger.tests.factories import ApiTokenFactory

    return ApiTokenFactory(owner=user)


@pytest.fixture
def auth_headers(api_token):
    """Headers for the test client that authenticate as `user` with an API token."""
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token.raw}"}


@pytest.fixture
def api(client, auth_headers):
    """A JSON client for /api/ signed in as `user` by token: api.get(path), api.post(path, data)..."""
    from ledger.tests.api_client import ApiClient

    return ApiClient(client, auth_headers)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing test passwords with the real hasher costs most of the suite's set-up time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
