"""The error answer every operation shares, and the statuses each kind of operation can give."""

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str | list = Field(..., examples=["Not found."])


# Errors any operation can answer: no or a bad token (401), a malformed parameter or body
# (422, ninja's validation errors); with a body also unreadable JSON (400) or too big (413).
ERRORS = {401: ErrorOut, 422: ErrorOut}
BODY_ERRORS = {**ERRORS, 400: ErrorOut, 413: ErrorOut}
NOT_FOUND = {404: ErrorOut}
CONFLICT = {409: ErrorOut}
