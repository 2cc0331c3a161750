"""Hostile input that no other module covers: every answer is a 4xx or a form error, nothing is
stored, and user text comes back escaped. docs/robustness.md maps each input to its proof.
"""

import datetime
import json
from decimal import Decimal

import pytest

from ledger.models import Category, Expense, MonthlyIncome
from ledger.tests.factories import CategoryFactory, ExpenseFactory, MonthlyIncomeFactory, budget_of

pytestmark = pytest.mark.django_db

HUGE_ID = "99999999999999999999"  # past a bigint: PostgreSQL would raise DataError on lookup
TEN_KB = "x" * 10_240
MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


def _stored_nothing():
    return not (Expense.objects.exists() or MonthlyIncome.objects.exists())


# Web forms: hostile values are a form error (200), nothing stored


@pytest.mark.parametrize(
    ("limit", "error"),
    [
        ("1e400", "Enter an amount below 10,000,000,000."),
        ("1234567890123", "Enter an amount below 10,000,000,000."),
        ("   ", "Enter an amount such as 12.50."),
        ("12,50", "Enter an amount such as 12.50."),
    ],
)
def test_category_form_refuses_hostile_limits(user_client, limit, error):
    response = user_client.post("/categories/new/", {"name": "Rent", "limit": limit})

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Category.objects.exists()


def test_category_form_refuses_a_10_kb_name(user_client):
    response = user_client.post("/categories/new/", {"name": TEN_KB, "limit": "1"})

    assert response.status_code == 200
    assert "at most 100 characters" in response.content.decode()
    assert not Category.objects.exists()


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"amount": "1e400"}, "Enter an amount below 10,000,000,000."),
        ({"amount": "1234567890123"}, "Enter an amount below 10,000,000,000."),
        ({"amount": "   "}, "Enter an amount such as 12.50."),
        ({"date": "2026-13-01"}, "Enter a real date as YYYY-MM-DD."),
        ({"date": "99999-01-01"}, "Enter a real date as YYYY-MM-DD."),
        ({"category": HUGE_ID}, "Choose one of your active categories."),
        ({"category": "-1"}, "Choose one of your active categories."),
        ({"description": TEN_KB}, "at most 255 characters"),
    ],
)
def test_expense_form_refuses_hostile_values(user_client, category, change, error):
    data = {"category": category.pk, "amount": "12.00", "date": "2026-03-01", "description": ""}

    response = user_client.post("/expenses/new/", {**data, **change})

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Expense.objects.exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"amount": "1e400", "note": ""}, "Enter an amount below 10,000,000,000."),
        ({"amount": "1234567890123", "note": ""}, "Enter an amount below 10,000,000,000."),
        ({"amount": "abc", "note": ""}, "Enter an amount such as 12.50."),
        ({"amount": "   ", "note": ""}, "Enter an amount such as 12.50."),
        ({"amount": "10", "note": TEN_KB}, "at most 255 characters"),
    ],
)
def test_income_form_refuses_hostile_values(user_client, data, error):
    response = user_client.post("/income/2026-03/", data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not MonthlyIncome.objects.exists()


def test_category_form_refuses_another_users_category_id_in_edit_url(user_client, others_category):
    response = user_client.post(
        f"/categories/{others_category.pk}/edit/", {"name": "Mine now", "limit": "1"}
    )

    assert response.status_code == 404
    others_category.refresh_from_db()
    assert others_category.name == "Not yours"


# Web URLs and query strings: huge, non-integer and impossible values are 404s


@pytest.mark.parametrize(
    "path",
    [
        f"/expenses/{HUGE_ID}/edit/",
        f"/expenses/{HUGE_ID}/delete/",
        f"/categories/{HUGE_ID}/edit/",
        f"/categories/{HUGE_ID}/delete/",
        "/expenses/-1/edit/",
        "/expenses/1.5/edit/",
        "/income/99999-01/",
        "/summary/99999-01/",
        "/summary/2026-02-30/",
        "/income/0000-01/",
        f"/expenses/?page={HUGE_ID}",
        f"/expenses/?category={HUGE_ID}",
        "/expenses/?category=-1",
        "/expenses/?month=99999-01",
        "/expenses/?month=2026-02-30",
    ],
)
def test_web_pages_answer_404_for_hostile_ids_and_months(user_client, category, path):
    ExpenseFactory(category=category)

    assert user_client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        f"/expenses/{HUGE_ID}/edit/",
        f"/expenses/{HUGE_ID}/delete/",
        f"/categories/{HUGE_ID}/edit/",
        f"/categories/{HUGE_ID}/delete/",
        f"/categories/{HUGE_ID}/restore/",
        f"/settings/tokens/{HUGE_ID}/revoke/",
    ],
)
def test_web_posts_to_huge_ids_are_404s(user_client, category, path):
    expense = ExpenseFactory(category=category)

    assert user_client.post(path, {"name": "x", "limit": "1"}).status_code == 404
    assert Expense.objects.get() == expense


@pytest.mark.parametrize(
    "query",
    [
        f"month={HUGE_ID}",
        "month=99999-01",
        f"year={HUGE_ID}",
        "year=-2026",
        f"category={HUGE_ID}",
        "all=1&category=abc",
    ],
)
def test_csv_export_refuses_hostile_filters(user_client, category, query):
    ExpenseFactory(category=category)

    assert user_client.get(f"/expenses/export.csv?{query}").status_code in (400, 404)


# User text comes back escaped in HTML


def test_markup_in_a_category_name_is_escaped(user_client, user):
    CategoryFactory(owner=user, name=MARKUP)

    for path in ("/categories/", "/summary/2026-03/", "/expenses/new/"):
        page = user_client.get(path).content.decode()
        assert ESCAPED in page, path
        assert MARKUP not in page, path


def test_markup_in_an_expense_description_is_escaped(user_client, category):
    ExpenseFactory(category=category, description=MARKUP, date=datetime.date(2026, 3, 15))

    page = user_client.get("/expenses/?month=2026-03").content.decode()

    assert ESCAPED in page
    assert MARKUP not in page


def test_markup_in_an_income_note_is_escaped(user_client, user):
    MonthlyIncomeFactory(owner=user, note=MARKUP)

    page = user_client.get("/income/2026-03/").content.decode()

    assert MARKUP not in page
    assert "&lt;script&gt;" in page


def test_markup_in_a_form_error_echo_is_escaped(user_client):
    response = user_client.post("/categories/new/", {"name": MARKUP, "limit": "NaN"})

    assert MARKUP not in response.content.decode()
    assert not Category.objects.exists()


# Accounts


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"username": TEN_KB}, "at most 150 characters"),
        ({"username": "   "}, "This field is required."),
        ({"username": "<b>bold</b>"}, "Enter a valid username."),
        ({"password1": "", "password2": ""}, "This field is required."),
    ],
)
def test_signup_refuses_hostile_fields(client, django_user_model, data, error):
    form = {"username": "newcomer", "password1": "a-long-pass-42!", "password2": "a-long-pass-42!"}

    response = client.post("/accounts/signup/", {**form, **data})

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not django_user_model.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"username": TEN_KB, "password": TEN_KB},
        {"username": "", "password": ""},
        {"username": MARKUP, "password": "x"},
    ],
)
def test_login_refuses_hostile_fields(client, user, data):
    response = client.post("/accounts/login/", data)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert MARKUP not in response.content.decode()


# Import page: hostile column mapping and choices


@pytest.fixture
def import_token(user_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = b"date,amount,description,category\n2026-03-15,1.50,Bread,Food\n"
    response = user_client.post(
        "/import/",
        {
            "file": SimpleUploadedFile("bank.csv", csv, content_type="text/csv"),
            "delimiter": "",
            "date_format": "ymd",
            "decimal": ".",
        },
    )
    return response["Location"].split("/")[2]


@pytest.mark.parametrize("column", [HUGE_ID, "-1", "abc", "", "1.5"])
def test_import_column_mapping_refuses_hostile_columns(user_client, import_token, column):
    form = {"has_header": "on", "date": 0, "amount": column, "description": 2, "category": 3}

    response = user_client.post(f"/import/{import_token}/columns/", form)

    assert response.status_code == 200
    assert b"invalid-feedback" in response.content
    assert not Expense.objects.exists()


@pytest.mark.parametrize("token", [HUGE_ID, "x" * 10_240, "<script>"])
def test_import_pages_answer_404_for_hostile_tokens(user_client, token):
    assert user_client.get(f"/import/{token}/columns/").status_code == 404
    assert user_client.post(f"/import/{token}/preview/").status_code == 404


# API: ids, query strings and bodies


@pytest.mark.parametrize(
    "path",
    [
        f"/api/expenses/{HUGE_ID}",
        f"/api/categories/{HUGE_ID}",
        "/api/expenses/-1",
        "/api/expenses/1.5",
        "/api/expenses/abc",
    ],
)
@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_api_answers_404_for_hostile_ids(api, category, path, method):
    expense = ExpenseFactory(category=category)

    response = getattr(api, method)(path)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert Expense.objects.get() == expense


@pytest.mark.parametrize(
    "params",
    [
        {"category": HUGE_ID},
        {"category": "-1"},
        {"category": "abc"},
        {"month": "99999-01"},
        {"month": HUGE_ID},
        {"limit": HUGE_ID},
        {"offset": HUGE_ID},
    ],
)
def test_api_refuses_hostile_query_values(api, params):
    response = api.get("/api/expenses/", **params)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "query"


@pytest.mark.parametrize(
    "path", ["/api/income/99999-01", f"/api/income/{HUGE_ID}", "/api/summary/99999-01"]
)
def test_api_refuses_hostile_months_in_paths(api, path):
    assert api.get(path).status_code == 422


@pytest.mark.parametrize(
    "params",
    [
        {"month": "99999-01"},
        {"year": HUGE_ID},
        {"all": "maybe"},
        {"all": "true", "category": HUGE_ID},
    ],
)
def test_api_export_refuses_hostile_filters(api, params):
    response = api.get("/api/expenses/export.csv", **params)

    assert response.status_code in (400, 404, 422)
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "amount", [1e400, "1e400", "1234567890123", "NaN", "Infinity", "-1", "", "   "]
)
def test_api_refuses_hostile_income_amounts(api, amount):
    # 1e400 is sent as the JSON number text, which Python reads as infinity.
    body = json.dumps({"month": "2026-03", "amount": 0}).replace("0}", f"{json.dumps(amount)}}}")

    response = api.post("/api/income/", body)

    assert response.status_code == 422
    assert not MonthlyIncome.objects.exists()


def test_api_reads_a_json_1e400_as_a_refused_amount(api, category):
    body = f'{{"category_id": {category.pk}, "amount": 1e400, "date": "2026-03-15"}}'  # not a float

    response = api.post("/api/expenses/", body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "amount"]
    assert not Expense.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        '{"name": "A", "limit": 1} trailing',
        "[]",
        "null",
        '"text"',
        "42",
        '{"name": ["A"], "limit": {"x": 1}}',
        '{"name": "A", "limit": "1", "name": "B"}',  # duplicate keys: the last one wins, valid
    ],
)
def test_api_refuses_malformed_and_wrongly_typed_json(api, body):
    response = api.post("/api/categories/", body)

    if body.endswith('"B"}'):
        assert response.status_code == 201
        assert Category.objects.get().name == "B"
        return
    assert response.status_code in (400, 422)
    assert "detail" in response.json()
    assert not Category.objects.exists()


def test_api_refuses_a_10_kb_category_name(api):
    response = api.post("/api/categories/", {"name": TEN_KB, "limit": "1"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "name"]
    assert not Category.objects.exists()


def test_api_refuses_a_10_kb_description(api, category):
    body = {"category_id": category.pk, "amount": "1", "date": "2026-03-15", "description": TEN_KB}

    response = api.post("/api/expenses/", body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "description"]
    assert not Expense.objects.exists()


def test_api_answers_413_for_a_2_mb_body(api, category):
    # Below Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB), above the API's own cap.
    body = {"category_id": category.pk, "amount": "1", "date": "2026-03-15"}
    body["padding"] = "x" * (2 * 1024 * 1024)

    response = api.post("/api/expenses/", body)

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}
    assert not Expense.objects.exists()


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_api_refuses_a_body_of_the_wrong_content_type(client, auth_headers, content_type):
    response = client.post(
        "/api/categories/",
        "name=A&limit=1",
        content_type=content_type,
        **auth_headers,
    )

    assert 400 <= response.status_code < 500
    assert "detail" in response.json()
    assert not Category.objects.exists()


@pytest.mark.parametrize("name", ["FOOD", "food", "  Food  ", "FoOd"])
def test_api_refuses_a_duplicate_name_in_any_case(api, user, name):
    CategoryFactory(owner=user, name="Food")

    response = api.post("/api/categories/", {"name": name, "limit": "1"})

    assert response.status_code == 409
    assert Category.objects.get(budget=budget_of(user)).name == "Food"


def test_api_answers_markup_as_json_text_never_html(api, user):
    CategoryFactory(owner=user, name=MARKUP, limit=Decimal("1"))

    response = api.get("/api/categories/")

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["items"][0]["name"] == MARKUP


# Other web forms


@pytest.mark.parametrize("target", [HUGE_ID, "abc", "-1"])
def test_move_before_delete_refuses_hostile_targets(user_client, category, target):
    ExpenseFactory(category=category)

    response = user_client.post(
        f"/categories/{category.pk}/delete/", {"action": "move", "target": target}
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Expense.objects.get().category == category


def test_whitespace_only_description_is_stored_empty(user_client, category):
    data = {"category": category.pk, "amount": "1", "date": "2026-03-01", "description": "   "}

    user_client.post("/expenses/new/", data)

    assert Expense.objects.get().description == ""


@pytest.mark.parametrize("name", [TEN_KB, "\x00"])
def test_token_page_refuses_hostile_names(user_client, name):
    from ledger.models import ApiToken

    response = user_client.post("/settings/tokens/", {"name": name})

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_token_names_are_escaped(user_client, user):
    from ledger.tests.factories import ApiTokenFactory

    ApiTokenFactory(owner=user, name=MARKUP[:100])

    page = user_client.get("/settings/tokens/").content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_backup_restore_refuses_a_file_over_the_cap(user_client, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ledger.forms import backup

    monkeypatch.setattr(backup, "MAX_BACKUP_BYTES", 1024)
    upload = SimpleUploadedFile("backup.json", b"{" + b" " * 2048 + b"}", "application/json")

    response = user_client.post("/settings/backup/", {"file": upload})

    assert response.status_code == 200
    assert b"The file is larger than" in response.content
    assert not Category.objects.exists()


@pytest.mark.parametrize("limit", [1e400, 1234567890123, -1, 0.001, True, "1e2", "Infinity"])
def test_api_refuses_hostile_category_limits(api, limit):
    body = (
        json.dumps({"name": "A", "limit": limit})
        if limit != 1e400
        else '{"name": "A", "limit": 1e400}'
    )

    response = api.post("/api/categories/", body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "limit"]
    assert not Category.objects.exists()


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_login_refuses_a_username_longer_than_any_account_can_have(client, user, url):
    # It used to reach authenticate(): django-axes then failed to record the attempt
    # in a 255-character column, a 500 on PostgreSQL.
    response = client.post(url, {"username": "u" * 300, "password": "x"})

    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert "_auth_user_id" not in client.session
