"""Finding the caller's own objects: anything else, or an id no table can hold, is a 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja.errors import ValidationError

from ledger.api.fields import MAX_ID


def get_owned_or_404(queryset, pk: int):
    """The object `pk` from a `for_user(...)` queryset, or Http404."""
    if not 1 <= pk <= MAX_ID:
        raise Http404("No such object.")
    return get_object_or_404(queryset, pk=pk)


def field_error(field: str, message: str, error_type: str = "value_error") -> ValidationError:
    """A 422 naming one body field, in the same shape as ninja's own validation errors."""
    return ValidationError(
        [{"type": error_type, "loc": ["body", "payload", field], "msg": message}]
    )
