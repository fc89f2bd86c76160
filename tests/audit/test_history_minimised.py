"""Data minimisation in the write history (docs/privacy.md, "Retention and rights"): the trigger-captured
history is kept for the audit period, so it holds who changed which record when, with ids, codes and
dates, and never the free text or names that retention empties, deletes or overwrites
(ineen/privacy/freetext.py)."""

import datetime as dt

import pghistory
import time_machine
from django.apps import apps
from django.db import connection, models

from ineen.audit import protection
from ineen.audit.history import EVENT_MODELS, GOVERNED_ITEMS, M2M, TRACKED
from ineen.cases import actions
from ineen.cases.models import Attachment, CaseNote
from ineen.conferences.enums import ConferenceKind, ContributionKind, IncidentMarkKind, PartKind, PhaseDecisionKind
from ineen.conferences.models import (
    ClientNotInvited,
    Conference,
    ConferenceNote,
    ConferencePart,
    Contribution,
    IncidentMark,
    Invitation,
    KeepApart,
    PhaseDecision,
    PreparationInput,
    ScalingScore,
    SharedTopItem,
)
from ineen.guide.enums import Phase, Scale, Step, Top3Kind
from ineen.guide.models import GuideItem, GuideVersion
from ineen.households.enums import (
    Concern,
    IncidentRole,
    LifeDomain,
    MeasureCategory,
    MeasureKind,
    OtherTable,
    ViolenceType,
)
from ineen.households.models import (
    Incident,
    IncidentInvolvement,
    InvolvedService,
    LegalMeasure,
    LifeDomainAssessment,
    OtherTableDiscussion,
    Strength,
)
from ineen.plans.models import BottomLine, CollaborationAgreement, PlanAction
from ineen.privacy import freetext, retention
from ineen.privacy.enums import ConsentForm, ConsentPurpose
from ineen.privacy.models import ConfidentialAddress, Consent, GovernedItem
from tests.factories import CLOSURE_PLAN, active_case

from .conftest import needs_postgres, sql

CASE_APPS = ("households", "cases", "conferences", "plans", "privacy")

# Text that may stay in the history of case data, with the reason. A new text field of a tracked model
# fails test_every_text_field_of_tracked_case_data_is_left_out_or_allowed until it is listed in
# freetext.py (retention handles it, the history leaves it out) or here.
ALLOWED = {
    "cases.Case.reference": "the case number (house code, year, number) identifies the case, names no one",
    "households.Incident.violence_types": "codes (ViolenceType values)",
    "cases.Referral.risk_factors": "codes (risk-factor keys)",
    "conferences.Conference.step_budgets": "minutes per meeting step",
    "cases.Attachment.file": "the random storage name <case id>/<attachment id>: ids only, no file name",
    "cases.Attachment.content_type": "the recognised kind (e.g. application/pdf), a code",
    "cases.Attachment.sha256": "the content's digest: proves which file was there, reveals nothing of it",
    "privacy.BreakGlassAccess.reason": "the justification of an emergency access is part of the access log "
    "itself (its AuditEvent's detail carries it too); it is reviewed for the "
    "audit period",
    "privacy.BreakGlassAccess.reason_code": "a code (BreakGlassReason)",
    "privacy.BreakGlassAccess.verdict": "a code (BreakGlassVerdict)",
    "privacy.BreakGlassAccess.review_note": "the chair's review of an emergency access belongs to the access log, "
    "like its reason",
    "cases.TriageMeeting.location": "the room of the house's standing triage meeting: about no household",
    "privacy.Dispute.item_kind": "a code: which kind of record is disputed (its text is left out)",
}
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def event_models() -> dict[str, type[models.Model]]:
    """Tracked model label -> its event model (the many-to-many links included)."""
    return {model.pgh_tracked_model._meta.label: model for model in EVENT_MODELS}


def columns(model) -> set[str]:
    return {f.name for f in model._meta.concrete_fields}


# --- (a) the registry: none of its fields is a column of an event table ------------------------


def test_no_field_of_the_free_text_registry_is_in_the_history():
    events = event_models()
    registry = freetext.never_in_history()
    assert set(registry["households.Person"]) == {"first_name", "last_name", "language", "custody_notes"}
    assert set(registry["households.Household"]) == {"name", "postcode_area"}
    assert {"text", "basis_reason"} <= set(registry["cases.CaseNote"]) & set(registry["conferences.ConferenceNote"])
    for label, fields in registry.items():
        model = apps.get_model(label)
        assert set(fields) <= columns(model), f"{label}: no such field {set(fields) - columns(model)}"
        if label in events:
            assert set(fields) & columns(events[label]) == set(), f"{label}: free text in the history"


def test_an_update_of_only_left_out_fields_still_makes_an_event():
    """The update condition compares every column (pghistory's default compares only the copied ones)."""
    for model, options in TRACKED:
        if not options.get("exclude"):
            continue
        condition = options["update_condition"]
        ignored = {"last_login"} if model._meta.label == "accounts.User" else set()
        assert set(condition.fields) == columns(model) - ignored, model._meta.label


# --- (b) every text field of tracked case data is decided ---------------------------------------


def test_every_text_field_of_tracked_case_data_is_left_out_or_allowed():
    events = event_models()
    undecided = []
    for model, _options in TRACKED:
        if model._meta.app_label not in CASE_APPS:
            continue
        label = model._meta.label
        kept = columns(events[label])
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, TEXT_FIELDS)
                and not field.choices
                and field.name in kept
                and f"{label}.{field.name}" not in ALLOWED
            ):
                undecided.append(f"{label}.{field.name}")
    assert undecided == [], "free text in the history: add it to privacy/freetext.py or to ALLOWED with a reason"
    for key in ALLOWED:  # no stale entries
        label, name = key.rsplit(".", 1)
        assert name in columns(events[label]), key


def test_conference_and_plan_content_and_governed_links_are_tracked():
    tracked = {model._meta.label for model, _options in TRACKED}
    assert {
        "conferences.Conference",
        "conferences.ConferencePart",
        "conferences.Invitation",
        "conferences.ClientNotInvited",
        "conferences.KeepApart",
        "conferences.PreparationInput",
        "conferences.ScalingScore",
        "conferences.Contribution",
        "conferences.SharedTopItem",
        "conferences.IncidentMark",
        "conferences.PhaseDecision",
        "conferences.ConferenceNote",
        "plans.PlanAction",
        "plans.BottomLine",
        "plans.CollaborationAgreement",
    } <= tracked
    governed = [model for model, _options in TRACKED if issubclass(model, GovernedItem)]
    assert set(governed) == set(GOVERNED_ITEMS)
    links = set(M2M)
    assert all((model, name) in links for model in governed for name in ("concerns", "shared_with"))


# --- (c) PostgreSQL: after anonymisation no free text or name is anywhere in the audit trail ----

MARK = "QZX"  # not hex, not Dutch: it cannot turn up in a hash, a uuid or ordinary text by chance
NOW = dt.datetime(2036, 3, 10, 12, 0, tzinfo=dt.UTC)


def _content(case, by):
    """At least one row of every kind of case content that holds free text."""
    household = case.household
    anna, bram = household.members.order_by("pk")
    org = by.organisation
    governed = {"source_organisation": org}
    LifeDomainAssessment.objects.create(
        household=household, domain=LifeDomain.FINANCES, concern=Concern.SERIOUS, **governed
    )
    incident = Incident.objects.create(
        household=household, date=dt.date.today(), **governed, violence_types=[ViolenceType.PHYSICAL]
    )
    incident.concerns.add(anna)
    incident.shared_with.add(org)
    IncidentInvolvement.objects.create(incident=incident, person=anna, role=IncidentRole.EXPERIENCED)
    Strength.objects.create(household=household, description="-", **governed)
    InvolvedService.objects.create(household=household, organisation=org, aim="-")
    LegalMeasure.objects.create(
        household=household,
        person=anna,
        category=MeasureCategory.ADMINISTRATIVE,
        kind=MeasureKind.RESTRAINING_ORDER,
        **governed,
    )
    OtherTableDiscussion.objects.create(household=household, table=OtherTable.ZSM)
    actions.add_note(case=case, actor=by, note=CaseNote(text="-"), concerns=[anna])
    Attachment.objects.create(
        case=case,
        uploaded_by=by,
        title="-",
        file=f"{case.public_id}/x",
        file_name="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        **governed,
    )
    Consent.objects.create(
        person=anna, organisation=org, purpose=ConsentPurpose.CASE_CONFERENCE, form=ConsentForm.WRITTEN, recorded_by=by
    )
    ConfidentialAddress.objects.create(person=anna, address="-", recorded_by=by).guardians.add(by)
    conference = Conference.objects.create(
        case=case,
        kind=ConferenceKind.MDA,
        phase=Phase.IMMEDIATE_SAFETY,
        goal="-",
        starts_at=dt.datetime.now(dt.UTC),
        guide_version=GuideVersion.objects.get(is_current=True),
        chair=by,
    )
    part = ConferencePart.objects.create(conference=conference, kind=PartKind.WHOLE)
    Invitation.objects.create(conference=conference, part=part, user=by, reason="-")
    ClientNotInvited.objects.create(conference=conference, person=bram, reason="-", recorded_by=by)
    KeepApart.objects.create(household=household, person_a=anna, person_b=bram, reason="-", recorded_by=by)
    PreparationInput.objects.create(
        conference=conference, item=GuideItem.objects.first(), author=by, text="-", **governed
    )
    ScalingScore.objects.create(
        conference=conference, author=by, scale=Scale.IMMEDIATE_SAFETY, value=5, justification="-"
    )
    contribution = Contribution.objects.create(
        conference=conference, kind=ContributionKind.WORRY, author=by, text="-", **governed
    )
    contribution.concerns.add(bram)
    SharedTopItem.objects.create(
        conference=conference, kind=Top3Kind.RISKS, rank=1, text="-", contribution=contribution
    )
    IncidentMark.objects.create(conference=conference, mark=IncidentMarkKind.FIRST, incident=incident)
    PhaseDecision.objects.create(
        conference=conference,
        from_phase=Phase.IMMEDIATE_SAFETY,
        decision=PhaseDecisionKind.STAY,
        reason="-",
        decided_by=by,
    )
    ConferenceNote.objects.create(
        conference=conference, part=part, step=Step.values[1], author=by, text="-", **governed
    ).shared_with.add(org)
    PlanAction.objects.create(
        case=case, conference=conference, what="-", owner=by, owner_organisation=org, due_on=dt.date.today()
    )
    BottomLine.objects.create(
        case=case, conference=conference, text="-", guardian=by, guardian_organisation=org, on_breach="-"
    )
    CollaborationAgreement.objects.create(conference=conference)
    from ineen.escalations.models import BottomLineBreach, Escalation

    breach = BottomLineBreach.objects.create(
        case=case,
        bottom_line=BottomLine.objects.filter(case=case).first(),
        occurred_on=dt.date.today(),
        what_happened="-",
        recorded_by=by,
    )
    Escalation.objects.create(
        case=case,
        category="waiting_list",
        needed="-",
        needed_by=dt.date.today(),
        organisation=org,
        addressed_to=by,
        raised_by=by,
        breach=breach,
    )
    # Added with issues 10 and 11: preparation talks, client follow-ups, plan progress, changes and reviews,
    # closure plans and disputes.
    from ineen.cases.models import ClosurePlan
    from ineen.conferences.models import ClientFollowUp, PreparationTalk
    from ineen.plans.models import ActionProgress, PlanChange, PlanChangeResponse, PlanReview
    from ineen.privacy.models import Dispute

    today = dt.date.today()
    PreparationTalk.objects.create(
        conference=conference, person=anna, recorded_by=by, held_on=today, coming_as="in_person"
    )
    ClientFollowUp.objects.create(conference=conference, person=anna, kind="debrief", owner=by, due_on=today)
    from ineen.conferences.models import SelfRating  # issue 11, point 6: the member's own words

    SelfRating.objects.create(conference=conference, person=anna, question="safety", value=5, channel="preparation")
    from ineen.conferences.models import OwnGuide  # issue 11, point 4: the client's own version of the guide

    OwnGuide.objects.create(conference=conference, person=anna, filled_in_by=by, channel="professional")
    action = PlanAction.objects.filter(case=case).first()
    ActionProgress.objects.create(action=action, author=by, text="-")
    change = PlanChange.objects.create(
        case=case,
        kind="action_change",
        action=action,
        proposed_by=by,
        reason="-",
        before={},
        after={},
        respond_by=today,
    )
    PlanChangeResponse.objects.create(change=change, partner=by, comment="-")
    PlanReview.objects.create(case=case, held_on=today, with_whom="-", outcome="-", recorded_by=by)
    ClosurePlan.objects.create(case=case, **CLOSURE_PLAN, reason="-", created_by=by, followup_due_on=today)
    Dispute.objects.create(
        case=case,
        item_kind="contribution",
        item_id=contribution.pk,
        source_organisation=org,
        kind="disputed",
        person=anna,
        account="-",
    )
    from ineen.arrangements.models import CaseProfile, FamilyProfile

    CaseProfile.objects.create(
        case=case,
        profile=FamilyProfile.objects.filter(safety_house=case.safety_house).first(),
        reason="-",
        assigned_by=by,
    )


def _lookup(label: str) -> str:
    if label == "households.Household":
        return "pk"
    if label == "households.Person":
        return "household"
    return (freetext.SCRUB.get(label) or freetext.DELETE[label])[0]


def _write_markers(household, round_: int) -> dict[str, list[int]]:
    """Set every free-text field and name of the household's records to a marker (QuerySet.update: only
    those fields change). Returns label -> the pks written."""
    written = {}
    for label, fields in freetext.never_in_history().items():
        model = apps.get_model(label)
        lookup = _lookup(label)
        rows = model.objects.filter(**{lookup: household.pk if lookup == "pk" else household})
        written[label] = list(rows.values_list("pk", flat=True))
        assert written[label], f"no {label} row to write a marker into"
        values = {}
        for name in fields:
            limit = model._meta.get_field(name).max_length or 200
            values[name] = f"{MARK}{round_} {label}.{name}"[:limit]
        rows.update(**values)
    return written


def _tables_with_marker(tables=None) -> dict[str, int]:
    found = {}
    for table in tables or protection.audit_tables():
        quoted = connection.ops.quote_name(table)
        ((count,),) = sql(
            f"SELECT count(*) FROM {quoted} AS row WHERE row::text LIKE %s",  # noqa: S608
            [f"%{MARK}%"],
        )
        if count:
            found[table] = count
    return found


@needs_postgres
def test_after_anonymisation_no_free_text_or_name_is_left_in_the_audit_trail(cast):
    closed_at = retention.add_years(NOW, -retention.period(retention.CLOSED_CASE)) - dt.timedelta(days=1)
    with time_machine.travel(closed_at - dt.timedelta(days=200), tick=False):
        case = active_case(cast.chair, cast.member, cast.director, name="Gezin Klaver")
        _content(case, cast.member)
        with pghistory.context(user=cast.member.pk):
            written = _write_markers(case.household, 1)
            _write_markers(case.household, 2)
    with time_machine.travel(closed_at, tick=False):
        actions.close_case(plan=CLOSURE_PLAN, case=case, actor=cast.chair, reason="Doelen bereikt.")
    # Before anonymisation the markers are in the records themselves (the probe finds them), never in the history.
    assert set(_tables_with_marker(["households_person", "cases_casenote"])) == {"households_person", "cases_casenote"}
    assert _tables_with_marker() == {}
    with time_machine.travel(NOW, tick=False):
        report = retention.apply()
    assert [public_id for public_id, _rule in report.households] == [str(case.household.public_id)]

    assert _tables_with_marker() == {}
    # Who changed which record when is still there: both marker rounds changed only left-out fields,
    # and each made an update event per record, with the writer.
    events = event_models()
    for label, pks in written.items():
        if label not in events:
            continue
        updates = events[label].objects.filter(pgh_obj_id__in=pks, pgh_label="update", pgh_context__user=cast.member.pk)
        assert updates.count() == 2 * len(pks), label
        assert all(event.pgh_created_at for event in updates)
    for label in freetext.DELETE:
        assert events[label].objects.filter(pgh_obj_id__in=written[label], pgh_label="delete").count() == len(
            written[label]
        ), label
