"""Write events captured by database triggers (django-pghistory), one event table per tracked table.

Every INSERT, UPDATE and DELETE of case data, also bulk `QuerySet.update()`, raw SQL and writes from a
psql session, makes the database insert a snapshot row (`pgh_label` insert/update/delete, `pgh_obj_id`,
`pgh_created_at` in UTC, the row's columns except free text and names) into the matching
`audit_<model>event` table, in the same transaction as the write. The request's context (who,
organisation, origin, url; see `middleware.HistoryContextMiddleware`) is stored denormalised in
`pgh_context` (JSON) and `pgh_context_id`, the same id as `AuditEvent.context_id` of the request's
own events, which carry the purpose, role and whose data.

The event models live in the audit app (never in the tracked apps' models). Triggers exist only on
PostgreSQL; pgtrigger installs them after every `migrate` (settings.PGTRIGGER_INSTALL_ON_MIGRATE), so
the tracked apps' migrations are not touched. On SQLite (the demo) the tables exist but stay empty:
there only the application-level `AuditEvent`s are written.

Data minimisation: the history is kept for the audit period (15 years), the content only until the
household is anonymised (docs/privacy.md, "Retention and rights"). So the snapshots never hold the free
text and names that retention empties, deletes or overwrites (`ineen/privacy/freetext.py`, the one list
for both), nor secrets. An update that changes only such a field still makes an event (the update
condition compares every column): who changed which record when stays visible.

Imported by `ineen/audit/models.py`; do not import directly.
"""

import hashlib

import pghistory
from django.db import models

from ineen.accounts.models import RoleAssignment, User
from ineen.arrangements.models import AppliedElement, CaseProfile
from ineen.cases.models import (
    Attachment,
    Case,
    CaseDirectorAssignment,
    CaseNote,
    CaseStateChange,
    ClosurePlan,
    Referral,
    TeamMembership,
    Triage,
    TriageAgendaItem,
    TriageMeeting,
)
from ineen.conferences.models import (
    ClientFollowUp,
    ClientNotInvited,
    Conference,
    ConferenceNote,
    ConferencePart,
    Contribution,
    IncidentMark,
    Invitation,
    KeepApart,
    OrganisationPresence,
    OwnGuide,
    PhaseDecision,
    PreparationInput,
    PreparationTalk,
    ScalingScore,
    SelfRating,
    SharedTopItem,
)
from ineen.escalations.models import BottomLineBreach, Escalation
from ineen.households.models import (
    Household,
    Incident,
    IncidentInvolvement,
    InvolvedService,
    LegalMeasure,
    LifeDomainAssessment,
    OtherTableDiscussion,
    Person,
    Strength,
)
from ineen.imports.models import ImportedRecord
from ineen.plans.models import BottomLine, CollaborationAgreement, PlanAction
from ineen.privacy.freetext import never_in_history
from ineen.privacy.models import BreakGlassAccess, ConfidentialAddress, Consent, Dispute, GovernedItem

# Case data whose every write is captured. Not here: guide (reference data), privacy.Anonymisation (the
# retention job's own marker, logged as an AuditEvent). New case-data models are added here.
CASE_DATA: list[type[models.Model]] = [
    Household,
    Person,
    LifeDomainAssessment,
    Incident,
    IncidentInvolvement,
    Strength,
    InvolvedService,
    LegalMeasure,
    OtherTableDiscussion,
    Case,
    CaseStateChange,
    Referral,
    Triage,
    CaseDirectorAssignment,
    TeamMembership,
    CaseNote,
    Attachment,
    ClosurePlan,
    TriageMeeting,
    TriageAgendaItem,
    Conference,
    ConferencePart,
    Invitation,
    ClientNotInvited,
    KeepApart,
    OrganisationPresence,
    PreparationInput,
    PreparationTalk,
    OwnGuide,
    ClientFollowUp,
    ScalingScore,
    SelfRating,
    Contribution,
    SharedTopItem,
    IncidentMark,
    PhaseDecision,
    ConferenceNote,
    PlanAction,
    BottomLine,
    CollaborationAgreement,
    BottomLineBreach,
    Escalation,
    Consent,
    ConfidentialAddress,
    BreakGlassAccess,
    Dispute,
    CaseProfile,
    AppliedElement,
]
# Governed items (notes, incidents, inputs, ...): their many-to-many links decide who may see them.
GOVERNED_ITEMS = [model for model in CASE_DATA if issubclass(model, GovernedItem)]


def _all_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields]


def _minimised(model) -> dict:
    """Snapshot options: leave out the model's free text and names (freetext.py), and still record an update
    that changes only those (an explicit condition over every column; pghistory's default compares only
    the copied columns)."""
    exclude = list(never_in_history().get(model._meta.label, ()))
    if not exclude:
        return {}
    return {"exclude": exclude, "update_condition": pghistory.AnyChange(*_all_fields(model))}


# model -> snapshot options. Secrets are never copied either: the password hash, and the confidential
# address itself (listed in freetext.DELETE; its change is still recorded: who, when, for whom).
_USER_CHANGES = [name for name in _all_fields(User) if name != "last_login"]
TRACKED: list[tuple[type[models.Model], dict]] = [
    *[(model, _minimised(model)) for model in CASE_DATA],
    # A login only touches last_login: no event. A password change is an event, without the hash.
    (User, {"exclude": ["password", "last_login"], "update_condition": pghistory.AnyChange(*_USER_CHANGES)}),
    (RoleAssignment, {}),
    # Which old file record became which row (ineen/imports): no free text, the house's own numbers.
    (ImportedRecord, {}),
]
# Many-to-many links that decide who may see what: whom an item concerns, with which organisations it
# is shared, who guards a confidential address.
M2M: list[tuple[type[models.Model], str]] = [
    *[(model, field) for model in GOVERNED_ITEMS for field in ("concerns", "shared_with")],
    (ConfidentialAddress, "guardians"),
]


def _index_name(model_name: str) -> str:
    return "pghts_" + hashlib.sha1(model_name.encode(), usedforsecurity=False).hexdigest()[:12]


def _event_model(tracked, model_name, *, obj_field, exclude=(), update_condition=None):
    return pghistory.create_event_model(
        tracked,
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(condition=update_condition or pghistory.AnyChange()),
        pghistory.DeleteEvent(),
        exclude=list(exclude),
        # Context in the event row itself (pghistory's separate context table is updated in place,
        # so it could not be append-only nor sealed).
        context_field=pghistory.ContextJSONField(),
        context_id_field=pghistory.ContextUUIDField(),
        append_only=True,
        model_name=model_name,
        app_label="audit",
        abstract=False,
        meta={"indexes": [models.Index(fields=["pgh_created_at"], name=_index_name(model_name))]},
        obj_field=obj_field,
    )


def _build() -> list[type[models.Model]]:
    built = []
    for tracked, options in TRACKED:
        built.append(
            _event_model(
                tracked,
                f"{tracked.__name__}Event",
                exclude=options.get("exclude", ()),
                update_condition=options.get("update_condition"),
                obj_field=pghistory.ObjForeignKey(related_name="+", related_query_name="+"),
            )
        )
    for owner, field in M2M:
        through = getattr(owner, field).through
        name = f"{owner.__name__}{''.join(part.title() for part in field.split('_'))}Event"
        # Auto-created through models are not in the migration state, so no pgh_obj foreign key to them;
        # the link row's own id is still in the snapshot.
        built.append(_event_model(through, name, obj_field=None))
    return built


EVENT_MODELS = _build()
