"""Migration 0012 on a populated database: waiting uploads (raw files) are dropped, everything
else stays, and a new upload keeps its size."""

import pytest
from django.contrib.auth import get_user_model

from ledger.tests.migrating import latest_ledger_migrations, migrate_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("ledger", "0013_budget_next_due")]


@pytest.fixture
def old_apps():
    apps = migrate_to(BEFORE)
    yield apps
    migrate_to(latest_ledger_migrations())


def test_it_drops_raw_uploads_and_keeps_the_ledger(old_apps):
    user = get_user_model().objects.create_user("mia", password="not-used-here-42")
    Budget = old_apps.get_model("ledger", "Budget")
    Category = old_apps.get_model("ledger", "Category")
    ImportUpload = old_apps.get_model("ledger", "ImportUpload")
    budget = Budget.objects.create(name="Home")
    Category.objects.create(budget=budget, name="Food", limit="10.00")
    ImportUpload.objects.create(owner_id=user.pk, token="t" * 32, data=b"a,b\n1,2\n")

    apps = migrate_to(latest_ledger_migrations())

    assert not apps.get_model("ledger", "ImportUpload").objects.exists()
    assert list(apps.get_model("ledger", "Category").objects.values_list("name", flat=True)) == [
        "Food"
    ]
    upload = apps.get_model("ledger", "ImportUpload").objects.create(
        owner_id=user.pk, token="u" * 32, data=b"", size=12
    )
    assert upload.size == 12
