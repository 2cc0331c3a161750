"""/api/openapi.json is a contract: valid OpenAPI 3.1, one short id per operation, examples
that pass their own schemas."""

import json
import re

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

OPERATION_ID = re.compile(r"^[a-z]+(?:_[a-z]+)*$")


@pytest.fixture
def schema(client):
    return client.get("/api/openapi.json").json()


def _operations(schema):
    return [
        (method.upper(), path, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]


def _validator(schema, subschema):
    # The document's components beside the subschema, so "#/components/..." refs resolve.
    return Draft202012Validator(
        {**subschema, "components": schema["components"]}, format_checker=FormatChecker()
    )


def _schemas_with_examples(node, where="#"):
    """(where, schema) for every JSON Schema in `node` that carries a list of `examples`."""
    if isinstance(node, dict):
        if isinstance(node.get("examples"), list):
            yield where, node
        for key, value in node.items():
            yield from _schemas_with_examples(value, f"{where}/{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _schemas_with_examples(value, f"{where}/{n}")


def test_it_is_valid_openapi(schema):
    validate(schema)  # raises OpenAPIValidationError on the first error


def test_month_parameters_keep_their_example_as_a_map(schema):
    parameter = schema["paths"]["/api/summary/{month}"]["get"]["parameters"][0]

    assert parameter["name"] == "month"
    assert parameter["examples"] == {"2026-03": {"value": "2026-03"}}


def test_every_operation_has_its_own_short_snake_case_id(schema):
    ids = {(method, path): op["operationId"] for method, path, op in _operations(schema)}

    assert len(set(ids.values())) == len(ids)
    for operation_id in ids.values():
        assert OPERATION_ID.match(operation_id), operation_id
        assert len(operation_id) <= 30, operation_id


def test_put_and_patch_of_a_category_have_different_ids(schema):
    category = schema["paths"]["/api/categories/{category_id}"]

    assert category["put"]["operationId"] == "update_category"
    assert category["patch"]["operationId"] == "partial_update_category"


def test_put_and_patch_of_an_expense_follow_the_same_naming(schema):
    expense = schema["paths"]["/api/expenses/{expense_id}"]

    assert expense["put"]["operationId"] == "update_expense"
    assert expense["patch"]["operationId"] == "partial_update_expense"


def test_the_operation_ids_name_what_each_does(schema):
    assert sorted(op["operationId"] for _, _, op in _operations(schema)) == [
        "clear_allotment",
        "create_category",
        "create_expense",
        "create_recurring",
        "delete_category",
        "delete_expense",
        "delete_recurring",
        "export_expenses_csv",
        "get_category",
        "get_expense",
        "get_income",
        "get_recurring",
        "get_summary",
        "list_allotments",
        "list_budgets",
        "list_categories",
        "list_expenses",
        "list_incomes",
        "list_recurring",
        "partial_update_budget",
        "partial_update_category",
        "partial_update_expense",
        "partial_update_recurring",
        "report_trends",
        "set_allotment",
        "set_income",
        "upcoming_recurring",
        "update_category",
        "update_expense",
        "update_recurring",
    ]


def test_every_example_validates_against_its_own_schema(schema):
    found = list(_schemas_with_examples(schema))

    assert len(found) > 20  # every request and response field is documented with one
    for where, subschema in found:
        validator = _validator(schema, subschema)
        for example in subschema["examples"]:
            errors = [error.message for error in validator.iter_errors(example)]
            assert not errors, f"{where}: {example!r}: {errors}"


def test_every_parameter_example_validates_against_its_schema(schema):
    checked = 0
    for method, path, operation in _operations(schema):
        for parameter in operation.get("parameters", []):
            validator = _validator(schema, parameter["schema"])
            for name, example in parameter.get("examples", {}).items():
                errors = [error.message for error in validator.iter_errors(example["value"])]
                assert not errors, f"{method} {path} {parameter['name']} {name}: {errors}"
                checked += 1

    # The month of the expense list, the income, the summary and the three allotment
    # routes; the reports' from, to, year.
    assert checked == 9


@pytest.mark.parametrize("amount", [19.99, 0.07, 9999999999.99, "19.99"])
def test_a_validator_accepts_any_amount_in_cents(schema, amount):
    money = schema["components"]["schemas"]["ExpenseCreate"]["properties"]["amount"]

    assert _validator(schema, money).is_valid(amount)


def test_money_numbers_carry_no_multiple_of(schema):
    # Validators compute 19.99 / 0.01 in floating point and refuse it.
    assert '"multipleOf"' not in json.dumps(schema)


def test_a_money_number_with_three_places_is_refused(api, category):
    response = api.post(
        "/api/expenses/",
        {"category_id": category.pk, "amount": 12.345, "date": "2026-03-15"},
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "amount"]
