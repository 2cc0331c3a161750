"""The served OpenAPI document, made valid OpenAPI 3.1 where django-ninja's is not.

django-ninja copies a query or path parameter's JSON Schema `examples` (a list)
onto the parameter itself, where OpenAPI 3.1 wants a map of Example Objects
(django-ninja issue 1636); openapi-spec-validator and Swagger UI refuse the list.
"""


def parameter_examples_as_map(schema: dict) -> dict:
    """`schema` with every parameter's list of examples turned into `{value: {"value": value}}`."""
    for path in schema["paths"].values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                examples = parameter.get("examples")
                if isinstance(examples, list):
                    parameter["examples"] = {str(value): {"value": value} for value in examples}
    return schema
