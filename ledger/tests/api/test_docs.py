import json
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

DOCS_PAGES = ["/api/docs", "/api/redoc"]


@pytest.mark.parametrize("path", DOCS_PAGES)
def test_the_docs_pages_render_without_login(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b"Budget API" in response.content


@pytest.mark.parametrize("path", DOCS_PAGES)
def test_the_docs_pages_load_nothing_from_another_site(client, path):
    page = client.get(path).content.decode()

    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert "cdn" not in page.lower()


@pytest.mark.parametrize("path", DOCS_PAGES)
def test_the_docs_pages_assets_are_local_files(client, path):
    page = client.get(path).content.decode()
    assets = re.findall(r"(?:src|href)=\"/static/([^\"]+)\"", page)

    assert any(asset.endswith(".js") for asset in assets)
    for asset in assets:
        assert finders.find(asset), asset


def test_swagger_ui_does_not_call_the_online_validator(client):
    assert '"validatorUrl": null' in client.get("/api/docs").content.decode()


def test_the_redoc_page_has_no_inline_script(client):
    page = client.get("/api/redoc").content.decode()
    assert re.findall(r"<script[^>]*>", page) == [
        '<script src="/static/ninja/redoc.standalone.js">'
    ]


def test_the_schema_lists_every_endpoint(client):
    schema = client.get("/api/openapi.json").json()

    assert sorted(schema["paths"]) == [
        "/api/allotments/{month}",
        "/api/allotments/{month}/{category_id}",
        "/api/budgets/",
        "/api/budgets/{budget_id}",
        "/api/categories/",
        "/api/categories/{category_id}",
        "/api/expenses/",
        "/api/expenses/export.csv",
        "/api/expenses/{expense_id}",
        "/api/income/",
        "/api/income/{month}",
        "/api/recurring/",
        "/api/recurring/upcoming",
        "/api/recurring/{recurring_id}",
        "/api/reports/trends",
        "/api/summary/{month}",
    ]


def test_every_route_has_tags_summary_and_description(client):
    schema = client.get("/api/openapi.json").json()

    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert len(operations) == 30
    for operation in operations:
        assert operation["tags"], operation["operationId"]
        assert operation["summary"], operation["operationId"]
        assert operation["description"], operation["operationId"]


def test_the_request_schemas_carry_examples(client):
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]

    for name in ["CategoryCreate", "CategoryUpdate", "ExpenseCreate", "IncomeSet", "AllotmentSet"]:
        for field, spec in schemas[name]["properties"].items():
            assert spec.get("examples"), f"{name}.{field}"


def test_the_schema_documents_both_kinds_of_auth(client):
    schemes = client.get("/api/openapi.json").json()["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["in"] == "cookie"


@pytest.mark.parametrize("path", [*DOCS_PAGES, "/api/openapi.json"])
def test_the_docs_refuse_writes_with_json_405(client, path):
    response = client.post(path)

    assert response.status_code == 405
    assert response.json() == {"detail": "Method not allowed; use GET, HEAD."}


@pytest.mark.parametrize("path", DOCS_PAGES)
def test_the_docs_pages_may_start_redocs_workers_under_the_csp(client, path):
    policy = client.get(path)["Content-Security-Policy"]

    assert "worker-src 'self' blob:" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def test_the_schema_has_no_duplicate_keys(client):
    # Swagger UI refuses a schema with a key twice in one object ("duplicated mapping key").
    def refuse_duplicates(pairs):
        keys = [key for key, _ in pairs]
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    json.loads(client.get("/api/openapi.json").content, object_pairs_hook=refuse_duplicates)


def test_the_csv_export_is_documented_as_csv(client):
    schema = client.get("/api/openapi.json").json()

    ok = schema["paths"]["/api/expenses/export.csv"]["get"]["responses"]["200"]
    assert "text/csv" in ok["content"]
