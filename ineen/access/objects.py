"""Access objects: what a loader of the access policy hands a view, an API endpoint, a command or a job.

`policy.get_case(...)` returns a `CaseAccess`, `policy.get_conference(...)` a `ConferenceAccess`. Each holds
what was loaded, the relation that granted access and the actor (acting in that relation), and offers:
- `related(model_or_queryset, **lookup)`: a row that belongs to this case (scoped by the case, its
  household or its conferences), or an audited refusal (NotVisible) — the only way views load rows by an id
  from the URL or a form;
- `split(queryset)`: the one split of governed items into readable rows and the organisations holding
  the rest;
- `refuse(...)`: an audited refusal in this case's context (a rule said no);
- the rule predicates (`may_triage`, `may_manage_team`, …) answered for this user and relation.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet

from ineen.audit.events import Subject
from ineen.audit.models import Action

from . import policy
from .actor import Actor
from .refusal import NotVisible


def _scoped(queryset: QuerySet[Any], case: Any) -> QuerySet[Any]:
    """Limit `queryset` to rows of `case`: household records (members, incidents…) by the rule for households
    with several cases; other rows through a `case`, `conference`, `household` or `person` field.
    A model without such a path cannot be loaded through an access object (deny by default)."""
    names = {field.name for field in queryset.model._meta.get_fields()}
    if "recorded_in" in names:  # household records: this case's and earlier cases' only (household_scope_q)
        return policy.household_records(case, queryset.filter(household_id=case.household_id))
    if "case" in names:
        return queryset.filter(case=case)
    if "conference" in names:
        return queryset.filter(conference__case=case)
    if "household" in names:
        return queryset.filter(household_id=case.household_id)
    if "person" in names:  # rows about a member (consents): only members shown through this case
        return queryset.filter(policy.household_scope_q(case, prefix="person__"))
    raise TypeError(f"{queryset.model.__name__} has no path to a case; add one to access.objects._scoped")


@dataclass
class CaseAccess:
    case: Any
    relation: str
    actor: Actor

    @property
    def user(self) -> Any:
        return self.actor.user

    @property
    def household(self) -> Any:
        return self.case.household

    # --- loading and splitting ---------------------------------------------------------------------

    def subject(self, object_type: str = "case", object_id: Any = None, person_ids: Iterable[Any] = ()) -> Subject:
        case = self.case
        return Subject(
            object_type,
            str(object_id if object_id is not None else case.public_id),
            str(case.household.public_id),
            person_ids=[str(p) for p in person_ids],
            safety_house_code=case.safety_house.code,
        )

    def refuse(
        self,
        *,
        reason: str,
        object_type: str = "case",
        object_id: Any = None,
        action: Action = Action.VIEW,
        purpose: str = "",
        person_ids: Iterable[Any] = (),
    ) -> NotVisible:
        """An audited refusal in this case's context; `raise access.refuse(...)`."""
        return NotVisible(
            action=action,
            subject=self.subject(object_type, object_id, person_ids),
            purpose=purpose or object_type,
            role=self.relation,
            reason=reason,
        )

    def related(
        self, source: type[Model] | QuerySet[Any], *, action: Action = Action.VIEW, purpose: str = "", **lookup: Any
    ) -> Any:
        """The one row of `source` (a model or a queryset) matching `lookup` that belongs to this case,
        or an audited refusal. Unknown and belonging to another case look the same."""
        queryset = source._default_manager.all() if isinstance(source, type) else source
        row = _scoped(queryset, self.case).filter(**lookup).first()
        if row is None:
            object_id = next(iter(lookup.values()), "") if lookup else ""
            raise self.refuse(
                reason="unknown or of another case",
                object_type=str(queryset.model._meta.model_name),
                object_id=object_id,
                action=action,
                purpose=purpose,
            )
        return row

    def split(self, queryset: QuerySet[Any]) -> policy.Split:
        return policy.split(self.user, _scoped(queryset, self.case))

    # --- rule predicates --------------------------------------------------------------------------

    @property
    def may_triage(self) -> bool:
        return policy.may_triage(self.user, self.case, self.relation)

    @property
    def may_manage_team(self) -> bool:
        return policy.may_manage_team(self.user, self.case, self.relation)

    @property
    def may_edit_household(self) -> bool:
        return policy.may_edit_household(self.user, self.case, self.relation)

    @property
    def may_manage_privacy(self) -> bool:
        return policy.may_manage_privacy(self.user, self.case, self.relation)

    @property
    def may_schedule_conference(self) -> bool:
        return policy.may_schedule_conference(self.user, self.case, self.relation)

    def may_update_action(self, action: Any) -> bool:
        return policy.may_update_action(self.user, action, self.relation)

    def may_record_breach(self, bottom_line: Any) -> bool:
        return policy.may_record_breach(self.user, bottom_line, self.relation)

    @property
    def may_raise_escalation(self) -> bool:
        return policy.may_raise_escalation(self.user, self.case, self.relation)

    def may_remove_attachment(self, attachment: Any) -> bool:
        return policy.may_remove_attachment(self.user, attachment, self.relation)

    def may_edit_note(self, note: Any) -> bool:
        return policy.may_edit_note(self.user, note, self.relation)

    def is_guardian(self, person: Any) -> bool:
        return policy.is_guardian(self.user, person)


class ConferenceAccess(CaseAccess):
    """A conference's access: everything of its case's access, plus the conference rules."""

    def __init__(self, *, conference: Any, relation: str, actor: Actor):
        super().__init__(case=conference.case, relation=relation, actor=actor)
        self.conference = conference

    def subject(
        self, object_type: str = "conference", object_id: Any = None, person_ids: Iterable[Any] = ()
    ) -> Subject:
        if object_type == "conference" and object_id is None:
            object_id = self.conference.public_id
        return super().subject(object_type, object_id, person_ids)

    def refuse(self, *, reason: str, object_type: str = "conference", **kwargs: Any) -> NotVisible:
        return super().refuse(reason=reason, object_type=object_type, **kwargs)

    @property
    def may_chair(self) -> bool:
        return policy.may_chair_conference(self.user, self.conference, self.relation)

    def may_take_part(self, *, invited_user_ids: Collection[int] | None = None) -> bool:
        return policy.may_take_part(self.user, self.conference, self.relation, invited_user_ids=invited_user_ids)
