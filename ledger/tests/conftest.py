import pytest

from ledger.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _monthly_totals_match_the_rows(request):
    """After every database test, the monthly totals equal a recomputation from the expense
    rows and the stored envelope balances a walk from the first month (`rebuild_totals
    --check`): whatever path a test wrote through kept them (issues 15 and 23).
    A test that breaks them on purpose is marked `totals_may_differ`."""
    uses_db = "db" in request.fixturenames or (
        (marker := request.node.get_closest_marker("django_db")) is not None
        and not marker.kwargs.get("transaction")
        and not (marker.args and marker.args[0])
    )
    if not uses_db or "transactional_db" in request.fixturenames:
        yield
        return
    request.getfixturevalue("db")
    yield
    if request.node.get_closest_marker("totals_may_differ"):
        return
    from ledger.models import Budget
    from ledger.services.balances import differing_balances
    from ledger.services.money_changes import differing_totals

    budgets = list(Budget.objects.order_by("pk"))
    differences = {budget.pk: differing_totals(budget)[:3] for budget in budgets}
    assert not any(differences.values()), f"monthly totals differ from the rows: {differences}"
    balances = {budget.pk: differing_balances(budget)[:3] for budget in budgets}
    assert not any(balances.values()), f"envelope balances differ from a new walk: {balances}"


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
