import re
from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.utils import timezone

from ledger.models import Category, Expense, ImportUpload, MonthlyIncome, RememberedCategory
from ledger.rules import CATEGORY_NAME_MAX
from ledger.tests.factories import CategoryFactory, ExpenseFactory, MonthlyIncomeFactory, budget_of
from ledger.transfer.uploads import unpack_table

pytestmark = pytest.mark.django_db

BANK = (
    "Kontostand;1.234,56\n"
    "\n"
    "Buchungstag;Auftraggeber/Empfänger;Verwendungszweck;Betrag\n"
    "05.03.2026;REWE;Karte 0421;-3,20\n"
    "06.03.2026;Arbeitgeber;Gehalt;2.500,00\n"
    "07.03.2026;Vermieter;Miete;-1.045,90\n"
    "bad;x;y;-1\n"
)


def upload(client, content=BANK, name="bank.csv", **fields):
    data = content.encode("cp1252") if isinstance(content, str) else content
    form = {"file": SimpleUploadedFile(name, data, content_type="text/csv"), **fields}
    return client.post("/import/", form)


def token_of(response):
    return re.match(r"^/import/([\w-]+)/(?:columns|preview)/$", response["Location"])[1]


def count(response, name):
    return int(re.search(rf'id="count-{name}">([\d,]+)<'.encode(), response.content)[1])


def test_the_upload_page_renders(user_client):
    response = user_client.get("/import/")

    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    assert b'name="default_category"' in response.content
    assert re.findall(rb"<script(?![^>]*\bsrc=)[^>]*>", response.content) == []


def test_login_required(client):
    response = client.get("/import/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_walks_from_upload_straight_to_preview_and_confirm(user_client, user):
    response = upload(user_client, default_category="Bank")
    assert response["Location"].endswith("/preview/")
    token = token_of(response)

    response = user_client.get(f"/import/{token}/preview/")
    assert response.status_code == 200
    assert (count(response, "import"), count(response, "incoming"), count(response, "errors")) == (
        2,
        1,
        1,
    )
    assert b'id="detected-encoding">Windows-1252<' in response.content
    assert b"Negative amounts are spending" in response.content
    assert b"Incoming money, not imported" in response.content
    assert b"REWE \xe2\x80\x93 Karte 0421" in response.content
    assert not Expense.objects.exists()

    response = user_client.post(f"/import/{token}/preview/", follow=True)
    assert response.redirect_chain == [("/import/", 302)]
    assert (
        b"Imported 2 expense(s); left out 1 money-in row(s); skipped 0 duplicate(s); refused 1 row(s)."
        in response.content
    )
    stored = Expense.objects.for_budget(budget_of(user)).order_by("date")
    assert list(stored.values_list("amount", "category__name")) == [
        (Decimal("3.20"), "Bank"),
        (Decimal("1045.90"), "Bank"),
    ]
    assert user_client.get(f"/import/{token}/preview/").status_code == 404  # used up


def test_incoming_money_can_be_added_to_the_months_income(user_client, user):
    MonthlyIncomeFactory(owner=user, month=date(2026, 3, 1), amount=Decimal("100.00"), note="base")
    token = token_of(upload(user_client, default_category="Bank"))

    user_client.post(f"/import/{token}/preview/", {"income_2026-03": "on"})

    income = MonthlyIncome.objects.for_budget(budget_of(user)).get()
    assert (income.amount, income.note) == (Decimal("2600.00"), "base")


def test_the_income_is_left_alone_unless_asked(user_client, user):
    token = token_of(upload(user_client, default_category="Bank"))

    user_client.post(f"/import/{token}/preview/")

    assert not MonthlyIncome.objects.exists()


def test_a_rows_category_can_be_changed_before_confirming(user_client, user):
    token = token_of(upload(user_client, default_category="Bank"))

    user_client.post(f"/import/{token}/preview/", {"category_6": "Home"})

    stored = dict(
        Expense.objects.for_budget(budget_of(user)).values_list("description", "category__name")
    )
    assert stored == {"REWE – Karte 0421": "Bank", "Vermieter – Miete": "Home"}


def test_a_rows_category_box_takes_as_many_characters_as_a_category_name(user_client):
    token = token_of(upload(user_client, default_category="Bank"))

    page = user_client.get(f"/import/{token}/preview/").content.decode()

    boxes = re.findall(r'<input[^>]*name="category_\d+"[^>]*>', page)
    assert boxes
    assert all(f'maxlength="{CATEGORY_NAME_MAX}"' in box for box in boxes)


def test_a_later_import_suggests_the_category_of_the_same_description(user_client, user):
    token = token_of(upload(user_client, default_category="Bank"))
    user_client.post(f"/import/{token}/preview/", {"category_4": "Groceries"})
    later = BANK.replace("05.03.2026;REWE;Karte 0421;-3,20", "05.04.2026;REWE;Karte 0977;-8,10")

    token = token_of(upload(user_client, later, default_category="Bank"))
    response = user_client.get(f"/import/{token}/preview/")

    assert b'value="Groceries"' in response.content
    assert b"suggested from earlier imports" in response.content
    assert RememberedCategory.objects.for_budget(budget_of(user)).count() == 2


def test_the_sign_rule_and_formats_can_be_changed_on_the_preview(user_client, user):
    token = token_of(upload(user_client, default_category="Bank"))

    response = user_client.post(
        f"/import/{token}/preview/", {"update": "1", "spending": "flip", "default_category": "Misc"}
    )
    assert response["Location"] == f"/import/{token}/preview/"
    response = user_client.get(f"/import/{token}/preview/")

    assert (count(response, "import"), count(response, "incoming")) == (1, 2)
    assert b"Positive amounts are spending (flipped, as you chose)" in response.content
    assert b'value="Misc"' in response.content


def test_an_ambiguous_date_column_is_flagged_and_can_be_overridden(user_client, user):
    text = "Date,Amount,Memo\n05/03/2026,-1.00,Bus\n06/03/2026,-2.00,Tram\n"
    token = token_of(upload(user_client, text, default_category="T"))

    response = user_client.get(f"/import/{token}/preview/")
    assert b"ambiguous: check below" in response.content
    user_client.post(
        f"/import/{token}/preview/", {"update": "1", "date_format": "mdy", "default_category": "T"}
    )
    user_client.post(f"/import/{token}/preview/")

    assert sorted(Expense.objects.values_list("date", flat=True)) == [
        date(2026, 5, 3),
        date(2026, 6, 3),
    ]


def test_rows_without_a_category_are_refused_until_a_default_is_chosen(user_client):
    token = token_of(upload(user_client))

    response = user_client.get(f"/import/{token}/preview/")

    assert count(response, "import") == 0
    assert b"no category: choose a default category" in response.content


def test_confirm_skips_stored_duplicates_unless_included(user_client, user):
    bank = CategoryFactory(owner=user, name="Bank")
    ExpenseFactory(
        category=bank,
        date=date(2026, 3, 5),
        amount=Decimal("3.20"),
        description="REWE – Karte 0421",
    )
    token = token_of(upload(user_client, default_category="Bank"))

    response = user_client.get(f"/import/{token}/preview/")
    assert count(response, "duplicates") == 1
    user_client.post(f"/import/{token}/preview/", {"include_duplicates": "on"})

    assert Expense.objects.for_budget(budget_of(user)).count() == 3


def test_columns_are_asked_for_when_they_cannot_be_detected(user_client, user):
    response = upload(
        user_client, "when;what;how much\n2026-03-05;Bus;-2.00\n", default_category="T"
    )
    token = token_of(response)
    assert response["Location"] == f"/import/{token}/columns/"
    assert user_client.get(f"/import/{token}/preview/")["Location"] == f"/import/{token}/columns/"

    response = user_client.post(
        f"/import/{token}/columns/", {"has_header": "on", "date": 0, "description": 1, "amount": 2}
    )
    assert response["Location"] == f"/import/{token}/preview/"
    user_client.post(f"/import/{token}/preview/")

    assert Expense.objects.get().amount == Decimal("2.00")


def test_it_refuses_the_same_column_twice(user_client):
    token = token_of(upload(user_client, "a;b;c\n2026-03-05;Bus;-2.00\n"))

    response = user_client.post(
        f"/import/{token}/columns/", {"has_header": "on", "date": 0, "amount": 0}
    )

    assert b"Choose a different column for each field." in response.content


def test_it_refuses_a_column_that_does_not_exist(user_client):
    token = token_of(upload(user_client, "a;b;c\n2026-03-05;Bus;-2.00\n"))

    response = user_client.post(f"/import/{token}/columns/", {"date": 0, "amount": 9})

    assert b"Select a valid choice." in response.content


def test_uploads_live_in_the_database_bound_to_their_user(user_client, user):
    token = token_of(upload(user_client))

    kept = ImportUpload.objects.get(token=token)
    assert kept.owner == user
    assert kept.size == len(BANK.encode("cp1252"))
    assert unpack_table(bytes(kept.data)).records[0] == (1, ["Kontostand", "1.234,56"])


def test_the_file_is_parsed_once_on_upload_and_never_again(user_client):
    """Each later step reads the table kept with the upload (issue 22)."""
    token = token_of(upload(user_client, default_category="Bank"))

    with mock.patch("ledger.transfer.pipeline.read_file", side_effect=AssertionError("re-read")):
        preview = user_client.get(f"/import/{token}/preview/")
        columns = user_client.get(f"/import/{token}/columns/")
        confirmed = user_client.post(f"/import/{token}/preview/", {})

    assert (preview.status_code, columns.status_code, confirmed.status_code) == (200, 200, 302)
    assert Expense.objects.count() == 2


def test_an_expired_upload_is_a_404_and_is_swept_away(user_client, user):
    token = token_of(upload(user_client))
    ImportUpload.objects.filter(token=token).update(created_at=timezone.now() - timedelta(days=2))

    assert user_client.get(f"/import/{token}/preview/").status_code == 404
    upload(user_client)
    assert not ImportUpload.objects.filter(token=token).exists()


def test_another_users_upload_is_a_404(user_client, client, other_user):
    token = token_of(upload(user_client))
    client.force_login(other_user)

    assert client.get(f"/import/{token}/columns/").status_code == 404
    assert client.get(f"/import/{token}/preview/").status_code == 404
    assert client.post(f"/import/{token}/preview/").status_code == 404
    assert not Expense.objects.exists()


@pytest.mark.parametrize("token", ["nope", "../../etc/passwd", "a" * 32, "%2e%2e%2f" * 4])
def test_it_handles_a_bad_token(user_client, token):
    assert user_client.get(f"/import/{token}/columns/").status_code == 404


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", b"The submitted file is empty."),
        (b" \n", b"The file is empty."),
        (b"\x00\x01\x02binary", b"This is not a CSV file: it contains binary data."),
        (b"," * 1_000_000, b"Line 1 has more than 50 columns."),
    ],
)
def test_it_refuses_bad_files_next_to_the_field(user_client, content, message):
    response = upload(user_client, content)

    assert response.status_code == 200
    assert message in response.content
    assert b"is-invalid" in response.content
    assert not ImportUpload.objects.exists()


def test_it_stops_receiving_a_file_over_the_size_cap(user_client):
    with mock.patch("ledger.transfer.uploads.MAX_FILE_BYTES", 1000):
        response = upload(user_client, "date,amount\n" + "x" * 2000)

    assert b"The file is larger than 10 MB." in response.content
    assert not ImportUpload.objects.exists()


def test_it_checks_the_size_before_reading_the_file(user_client):
    with mock.patch("ledger.forms.imports.MAX_FILE_BYTES", 1000):
        response = upload(user_client, "date,amount\n" + "x" * 2000)

    assert b"The file is larger than 10 MB." in response.content
    assert not ImportUpload.objects.exists()


def test_it_refuses_a_bad_choice(user_client):
    response = upload(user_client, date_format="yyyy")

    assert response.status_code == 200
    assert b"Select a valid choice." in response.content


def test_formula_like_text_is_imported_as_text(user_client, user):
    text = (
        'Date,Amount,Memo\n2026-03-15,-1,"=HYPERLINK(""http://x"")"\n2026-03-16,-2,-SEPA transfer\n'
    )
    token = token_of(upload(user_client, text, default_category="Misc"))

    user_client.post(f"/import/{token}/preview/")

    assert sorted(Expense.objects.values_list("description", flat=True)) == [
        "-SEPA transfer",
        '=HYPERLINK("http://x")',
    ]


def test_an_ofx_file_goes_through_the_same_preview(user_client, user):
    from ledger.tests.imports.test_stages import OFX

    token = token_of(upload(user_client, OFX, name="bank.ofx", default_category="Bank"))
    response = user_client.get(f"/import/{token}/preview/")

    assert (count(response, "import"), count(response, "incoming")) == (2, 3)


def test_a_failure_during_confirm_stores_nothing(user_client, user):
    CategoryFactory(owner=user, name="Home")
    token = token_of(upload(user_client, default_category="Bank"))

    with mock.patch("ledger.services.imports._insert_expenses", side_effect=DatabaseError("boom")):
        response = user_client.post(f"/import/{token}/preview/")

    assert b"The import failed and nothing was stored." in response.content
    assert not Expense.objects.exists()
    assert list(Category.objects.values_list("name", flat=True)) == ["Home"]


def test_the_preview_costs_a_bounded_number_of_queries(user_client, django_assert_max_num_queries):
    token = token_of(upload(user_client, default_category="Bank"))

    with django_assert_max_num_queries(12):
        user_client.get(f"/import/{token}/preview/")
