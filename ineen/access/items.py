"""The reading rule for governed items (case content with a source, a basis, a visibility and the persons
it concerns): who may read which item, the one split into readable items and the organisations holding
the rest, and what may be shown to a client. Part of the access policy (`policy` re-exports these)."""

from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django.db.models import BooleanField, Case, Exists, Model, OuterRef, Q, QuerySet, Value, When


def protected_q(prefix: str = "") -> Q:
    """Members under protection: the flag, or an address record (belt and braces: either hides them)."""
    return Q(**{f"{prefix}has_confidential_address": True}) | Q(**{f"{prefix}confidential_address__isnull": False})


def _consent_missing(model: type[Model], day: date | None = None) -> QuerySet[Any]:
    """Subquery: a person this item concerns who has no running consent for the item's source
    organisation and purpose."""
    from ineen.privacy.models import Consent

    through = model.concerns.through  # type: ignore[attr-defined]
    item_fk = f"{model._meta.model_name}_id"
    running = Consent.objects.filter(
        Consent.active_q(day),
        person_id=OuterRef("person_id"),
        organisation_id=OuterRef(OuterRef("source_organisation_id")),
        purpose=OuterRef(OuterRef("consent_purpose")),
    )
    missing: QuerySet[Any] = through.objects.filter(**{item_fk: OuterRef("pk")}).exclude(Exists(running))
    return missing


def item_visibility_q(user: Any, model: type[Model]) -> Q:
    """Which governed items (of `model`) this user may read, given that they may see the case.

    - their own organisation's items, always;
    - others' items: visibility team / client-shareable, or named organisations including theirs;
      never source-only;
    - consent-based items only while every person they concern has running consent.
    """
    from ineen.privacy.enums import Basis, Visibility

    org_id = user.organisation_id
    shared = Q(visibility__in=[Visibility.TEAM, Visibility.CLIENT_SHAREABLE])
    if org_id is not None:
        # Exists rather than a join, so an item never appears twice and can be annotated.
        through = model.shared_with.through  # type: ignore[attr-defined]
        named = through.objects.filter(**{f"{model._meta.model_name}_id": OuterRef("pk"), "organisation_id": org_id})
        shared |= Q(visibility=Visibility.NAMED_ORGANISATIONS) & Q(Exists(named))
    consent_ok = ~Q(basis=Basis.CONSENT) | ~Exists(_consent_missing(model))
    own = Q(source_organisation_id=org_id) if org_id is not None else Q(pk__in=[])
    return cast(Q, own | (shared & consent_ok))  # Q | Q is a Q; the stubs only promise Combinable


def visible_items(user: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Filter a queryset of governed items (already limited to one case the user may see)."""
    return queryset.filter(item_visibility_q(user, queryset.model))


def readable_expression(user: Any, model: type[Model]) -> Case:
    """A boolean SQL expression: may this user read the row? (Used by `split`; a query annotates it.)"""
    return Case(
        When(item_visibility_q(user, model), then=Value(True)), default=Value(False), output_field=BooleanField()
    )


@dataclass
class Split:
    """Governed rows split by the reading rule: `rows` in the queryset's order, each with `.readable`;
    `readable`, the rows the user may read; `withheld`, the source organisations of the rest (by name),
    for the covenant's signal "there is information, contact <organisation>"."""

    rows: list[Any]
    readable: list[Any]
    withheld: list[Any]

    @property
    def withheld_names(self) -> list[str]:
        return [organisation.name for organisation in self.withheld]


def split(user: Any, queryset: QuerySet[Any]) -> Split:
    """THE split of governed items into what `user` may read and the organisations holding the rest: one
    query, used by the case pages, the report, the workspace, the preparation view, exports and the API.
    The queryset must already be limited to a case the user may see (access objects do that)."""
    rows = list(
        queryset.select_related("source_organisation").annotate(_readable=readable_expression(user, queryset.model))
    )
    withheld: dict[int, Any] = {}
    for row in rows:
        row.readable = bool(row._readable)
        if not row.readable:
            withheld[row.source_organisation_id] = row.source_organisation
    ordered = sorted(withheld.values(), key=lambda organisation: organisation.name)
    return Split(rows=rows, readable=[row for row in rows if row.readable], withheld=ordered)


def may_see_item(user: Any, item: Any) -> bool:
    model = type(item)
    return bool(model._default_manager.filter(pk=item.pk).filter(item_visibility_q(user, model)).exists())


def client_items_q(model: type[Model], person: Any) -> Q:
    """Which governed items (of `model`) may be shown to household member `person` in what they are
    handed (the client's report, their plan). Stricter than any professional's view:

    - visibility "may be shown to the client" only (never team, named organisations, source only);
    - about this person, or about the household as a whole (no person named);
    - never about another member with a confidential address (it could give away whereabouts);
    - consent-based items only while every person they concern has running consent.
    """
    from ineen.privacy.enums import Basis, Visibility

    through = model.concerns.through  # type: ignore[attr-defined]
    item_fk = f"{model._meta.model_name}_id"
    concerned = through.objects.filter(**{item_fk: OuterRef("pk")})
    about_person = Exists(concerned.filter(person_id=person.pk))
    hidden_other = Exists(concerned.filter(protected_q("person__")).exclude(person_id=person.pk))
    consent_ok = ~Q(basis=Basis.CONSENT) | ~Exists(_consent_missing(model))
    q = Q(visibility=Visibility.CLIENT_SHAREABLE) & (about_person | ~Exists(concerned)) & ~hidden_other & consent_ok
    if any(f.name == "person" for f in model._meta.get_fields()):  # life domains, strengths: one member or all
        q &= Q(person__isnull=True) | Q(person_id=person.pk)
    return q
