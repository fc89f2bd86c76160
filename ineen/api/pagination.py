"""Pagination for the API's lists: page numbers, a bounded page size, and two hooks a plain queryset
cannot carry: an audit record of exactly the rows on the page, and extra fields next to the items
(the "information available — contact <organisation>" signal of governed lists)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000  # keeps OFFSET bounded; nobody pages this far through their own cases


@dataclass
class Listing:
    """What a paginated view returns: the rows (already through the access policy), a callback that
    gets the rows of the page once they are loaded, and extra response fields."""

    queryset: QuerySet | list
    on_page: Callable[[list], None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class WithheldOut(Schema):
    organisation: str = Field(description="De organisatie die meer informatie heeft.")
    message: str = Field(description="Wat de gebruiker ziet, zonder inhoud.")


class Page(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Paginanummer, vanaf 1.")
        page_size: int = Field(
            DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"Aantal per pagina, hoogstens {MAX_PAGE_SIZE}."
        )

    class Output(Schema):
        items: list[Any]
        count: int = Field(description="Aantal dat u mag zien, over alle pagina's.")
        page: int
        page_size: int
        pages: int

    def paginate_queryset(self, queryset, pagination, request, **params):
        listing = queryset if isinstance(queryset, Listing) else Listing(queryset)
        size = pagination.page_size
        offset = (pagination.page - 1) * size
        items = list(listing.queryset[offset : offset + size])
        if listing.on_page is not None:
            listing.on_page(items)
        if 0 < len(items) < size or (not items and pagination.page == 1):
            count = offset + len(items)  # the last page: the count is known without asking again
        else:
            rows = listing.queryset
            count = len(rows) if isinstance(rows, list) else rows.count()
        return {
            "items": items,
            "count": count,
            "page": pagination.page,
            "page_size": size,
            "pages": (count + size - 1) // size,
            **listing.extra,
        }


class GovernedPage(Page):
    """A page of governed items (source organisation, basis, visibility): the readable ones, and for the
    rest only which organisations hold them."""

    class Output(Page.Output):
        withheld: list[WithheldOut] = Field(
            description="Organisaties met informatie in deze casus die u niet mag lezen (nooit de inhoud)."
        )
