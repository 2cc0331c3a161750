"""`limit`/`offset` pagination answering `{"items": [...], "count": N}`."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 500
# Beyond any real history, and far below what the databases' LIMIT/OFFSET can hold.
MAX_OFFSET = 10**9


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(
            100, ge=1, le=MAX_LIMIT, description=f"How many items, 1 to {MAX_LIMIT}."
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
