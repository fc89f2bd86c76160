"""Who may see, raise and answer a household member's dispute of an information item (issue 11, point 10).
Part of the access policy (`policy` re-exports these), kept apart to keep policy.py readable.

- A dispute is as visible as the item it is about: whoever may read the item (items.py) sees the marker
  and the member's account; nobody else learns that the item or the dispute exists.
- Raising one (on a member's behalf): the chair and team members who may read the item; not emergency
  access, not in a closed case.
- Answering (confirm, correct, withdraw): only members of the item's source organisation who are at the
  table; only the source changes its own information.
"""

from typing import Any

from django.db.models import Model, QuerySet

from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.cases.enums import CaseState

from .households import household_records
from .items import visible_items
from .refusal import NotVisible

BREAK_GLASS = "break_glass"  # policy.BREAK_GLASS (not imported: policy imports this module)

# URL key -> (model label, the field a correction replaces, or "" when only confirm/withdraw apply).
DISPUTABLE: dict[str, tuple[str, str]] = {
    "notitie": ("cases.CaseNote", "text"),
    "incident": ("households.Incident", "description"),
    "leefgebied": ("households.LifeDomainAssessment", "note"),
    "krachtbron": ("households.Strength", "description"),
    "maatregel": ("households.LegalMeasure", "note"),
    "bijlage": ("cases.Attachment", ""),
}


def dispute_kind_of(item: Any) -> str:
    label = item._meta.label
    return next(key for key, (model_label, _field) in DISPUTABLE.items() if model_label == label)


def _items_of_case(case: Any, kind: str) -> QuerySet[Any]:
    from django.apps import apps

    model: type[Model] = apps.get_model(DISPUTABLE[kind][0])
    queryset: QuerySet[Any] = model._default_manager.all()
    if hasattr(model, "recorded_in"):
        return household_records(case, queryset.filter(household_id=case.household_id))
    return queryset.filter(case=case)


def _refuse(access: Any, object_type: str, public_id: Any, purpose: str, action: Action, reason: str) -> NotVisible:
    case = access.case
    return NotVisible(
        action=action,
        subject=Subject(
            object_type, str(public_id), str(case.household.public_id), safety_house_code=case.safety_house.code
        ),
        purpose=purpose,
        role=access.relation,
        reason=reason,
    )


def get_disputable_item(access: Any, kind: str, public_id: Any, *, purpose: str, action: Action = Action.VIEW) -> Any:
    """An item of the access object's case that its user may read (items.py). Unknown kind or item, of
    another case, or not readable: NotVisible (404), audited."""
    if kind not in DISPUTABLE:
        raise _refuse(access, "information_item", public_id, purpose, action, "unknown kind")
    item = (
        visible_items(access.user, _items_of_case(access.case, kind))
        .select_related("source_organisation")
        .filter(public_id=public_id)
        .first()
    )
    if item is None:
        raise _refuse(access, "information_item", public_id, purpose, action, "unknown or not readable")
    return item


def get_dispute(access: Any, public_id: Any, *, purpose: str, action: Action = Action.VIEW) -> Any:
    """A dispute whose item the user may read, in a case they may see; otherwise NotVisible (404)."""
    from ineen.privacy.models import Dispute

    dispute = (
        Dispute.objects.select_related("person", "source_organisation", "raised_by", "answered_by")
        .filter(public_id=public_id, case__household_id=access.case.household_id)
        .first()
    )
    if dispute is None or dispute.item_kind not in DISPUTABLE:
        raise _refuse(access, "dispute", public_id, purpose, action, "unknown")
    item = visible_items(access.user, _items_of_case(access.case, dispute.item_kind)).filter(pk=dispute.item_id).first()
    if item is None:
        raise _refuse(access, "dispute", public_id, purpose, action, "item not readable")
    dispute.item = item  # type: ignore[attr-defined]  # the loaded item, for the view and the answer
    return dispute


def may_raise_dispute(user: Any, case: Any, relation: str | None) -> bool:
    """Record a member's dispute: the chair and the team (who may read the item: get_disputable_item);
    not emergency access, not a closed case."""
    return case.state != CaseState.CLOSED and relation not in (None, BREAK_GLASS)


def may_answer_dispute(user: Any, dispute: Any, relation: str | None) -> bool:
    """Confirm, correct or withdraw: a member of the item's source organisation at the table, while the
    dispute is open and the case is not closed."""
    if dispute.case.state == CaseState.CLOSED or relation in (None, BREAK_GLASS):
        return False
    return bool(
        dispute.is_open and user.organisation_id is not None and user.organisation_id == dispute.source_organisation_id
    )


def attach_disputes(items: list[Any], *, lookup: bool = True) -> None:
    """Give each (readable) item `.disputes`, its disputes newest first, and `.dispute_kind`, its URL key.
    One query for all the items;
    the callers pass only items the user may read, so no dispute of an unreadable item is loaded."""
    from ineen.privacy.models import Dispute

    keys: dict[tuple[str, int], Any] = {}
    for item in items:
        item.disputes = []
        item.dispute_kind = dispute_kind_of(item)
        keys[(dispute_kind_of(item), item.pk)] = item
    if not keys or not lookup:  # lookup=False: the caller knows there are none
        return
    kinds = {kind for kind, _pk in keys}
    ids = {pk for _kind, pk in keys}
    for dispute in Dispute.objects.filter(item_kind__in=kinds, item_id__in=ids).select_related("person"):
        item = keys.get((dispute.item_kind, dispute.item_id))
        if item is not None:
            item.disputes.append(dispute)
