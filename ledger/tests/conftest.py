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
