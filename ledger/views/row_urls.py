"""Links for the rows of a table, reversed once per table instead of once per row."""

from django.urls import reverse

# An id no table holds: reversed once, it marks where each row's id goes.
_ID_MARK = 918_273_645_546_372_819


def url_around_id(name: str) -> dict[str, str]:
    """`reverse(name, args=[id])` split around the id: the template writes start, id, end."""
    start, end = reverse(name, args=[_ID_MARK]).split(str(_ID_MARK))
    return {"start": start, "end": end}
