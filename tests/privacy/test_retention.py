"""Retention with a frozen clock: 100 % of expired records handled, 0 early, a second run changes nothing."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from ineen.audit.models import Action, AuditEvent
from ineen.cases import actions
from ineen.cases.enums import CaseState, TriageDecision
from ineen.cases.models import CaseNote
from ineen.households import actions as household_actions
from ineen.households.enums import Concern, IncidentRole, LifeDomain, MeasureCategory, MeasureKind, ViolenceType
from ineen.households.models import Household, Incident, LegalMeasure, LifeDomainAssessment, Person, Strength
from ineen.privacy import actions as privacy_actions
from ineen.privacy import retention
from ineen.privacy.enums import ConsentForm, ConsentPurpose
from ineen.privacy.models import Anonymisation, BreakGlassAccess, ConfidentialAddress, Consent
from tests.factories import CLOSURE_PLAN, active_case, refer

NOW = datetime(2036, 3, 10, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def years_before(years, moment=NOW):
    return retention.add_years(moment, -years)


def fill(case, by):
    """Case content of every kind, with free text that must go."""
    anna, bram = case.household.members.order_by("pk")
    household_actions.record_incident(
        case=case,
        actor=by,
        involvements=[(anna, IncidentRole.EXPERIENCED), (bram, IncidentRole.WITNESSED)],
        incident=Incident(
            date=case.opened_at.date() - timedelta(days=10),
            description="Slaan in de keuken",
            violence_types=[ViolenceType.PHYSICAL, ViolenceType.WITNESS],
        ),
    )
    household_actions.save_record(
        case=case,
        actor=by,
        record=LifeDomainAssessment(
            domain=LifeDomain.FINANCES, concern=Concern.SERIOUS, note="Schulden bij de buurman"
        ),
    )
    household_actions.save_record(case=case, actor=by, record=Strength(description="Oma Truus helpt"))
    household_actions.save_record(
        case=case,
        actor=by,
        record=LegalMeasure(
            person=anna,
            category=MeasureCategory.ADMINISTRATIVE,
            kind=MeasureKind.RESTRAINING_ORDER,
            note="Huisverbod 10 dagen",
        ),
    )
    actions.add_note(case=case, actor=by, note=CaseNote(text="Gesprek met Anna"), concerns=[anna])
    privacy_actions.record_consent(
        case=case,
        person=anna,
        organisation=by.organisation,
        purpose=ConsentPurpose.CASE_CONFERENCE,
        form=ConsentForm.WRITTEN,
        actor=by,
    )
    privacy_actions.set_confidential_address(
        case=case, person=anna, address="Opvang, Geheimstraat 1", guardians=[], actor=by
    )
    Person.objects.filter(pk=anna.pk).update(custody_notes="Gezag bij moeder", language="Pools")


def closed_case(cast, closed_at, name):
    with time_machine.travel(closed_at - timedelta(days=200), tick=False):
        case = active_case(cast.chair, cast.member, cast.director, name=name)
        fill(case, cast.member)
    with time_machine.travel(closed_at, tick=False):
        actions.close_case(plan=CLOSURE_PLAN, case=case, actor=cast.chair, reason="Doelen bereikt, gezin veilig.")
    case.refresh_from_db()
    return case


def declined(cast, decided_at, name):
    with time_machine.travel(decided_at, tick=False):
        case = refer(cast.member, cast.house, name=name)
        actions.decide_triage(
            case=case, actor=cast.chair, decision=TriageDecision.DECLINE, reasons="Past bij Veilig Thuis."
        )
    case.refresh_from_db()
    return case


@pytest.fixture
def world(cast):
    """Records expiring at various moments around NOW."""
    w = type("World", (), {})()
    five, one = retention.period("closed_case"), retention.period("declined_referral")
    w.expired = [
        closed_case(cast, years_before(five) - DAY, "Gezin Verlopen"),
        closed_case(cast, years_before(five), "Gezin Precies"),  # expires exactly now
        closed_case(cast, years_before(five + 7), "Gezin Heel Oud"),
        declined(cast, years_before(one) - DAY, "Gezin Afgewezen"),
    ]
    w.kept = [
        closed_case(cast, years_before(five) + DAY, "Gezin Morgen"),  # expires tomorrow
        closed_case(cast, years_before(five) + timedelta(seconds=1), "Gezin Seconde"),
        declined(cast, years_before(one) + DAY, "Gezin Afgewezen Morgen"),
        cast.case,  # active
    ]
    # Two cases: the first long expired, the second closed only four years ago: the household stays.
    old = closed_case(cast, years_before(five + 3), "Gezin Twee Keer")
    with time_machine.travel(years_before(4) - timedelta(days=100), tick=False):
        second = actions.submit_referral(
            actor=cast.member,
            house=cast.house,
            household_name="",
            people=[],
            answers={},
            existing_household=old.household,
        )
        actions.decide_triage(
            case=second, actor=cast.chair, decision=TriageDecision.ACCEPT, route="regular", reasons="Opnieuw zorgen."
        )
    with time_machine.travel(years_before(4), tick=False):
        actions.close_case(plan=CLOSURE_PLAN, case=second, actor=cast.chair, reason="Klaar.")
    w.kept.append(old)
    # Expired closed case, but the household has another case that is still open.
    open_too = closed_case(cast, years_before(five + 1), "Gezin Nog Open")
    with time_machine.travel(years_before(1), tick=False):
        actions.submit_referral(
            actor=cast.member,
            house=cast.house,
            household_name="",
            people=[],
            answers={},
            existing_household=open_too.household,
        )
    w.kept.append(open_too)
    # Declined, later reopened as a real case and closed two years ago: the 5-year rule applies.
    reopened = declined(cast, years_before(3), "Gezin Heropend")
    with time_machine.travel(years_before(2) - timedelta(days=30), tick=False):
        reopened.route = "regular"
        reopened.save(update_fields=["route"])
        actions.reopen_case(case=reopened, actor=cast.chair, reason="Toch nodig.")
    with time_machine.travel(years_before(2), tick=False):
        actions.close_case(plan=CLOSURE_PLAN, case=reopened, actor=cast.chair, reason="Klaar.")
    w.kept.append(reopened)
    # Emergency access records.
    w.glass_expired = BreakGlassAccess.objects.create(
        user=cast.outsider,
        case=cast.case,
        reason="Acute dreiging",
        started_at=years_before(5) - DAY,
        expires_at=years_before(5) - DAY + timedelta(hours=4),
    )
    w.glass_kept = BreakGlassAccess.objects.create(
        user=cast.outsider,
        case=cast.case,
        reason="Acute dreiging",
        started_at=years_before(5) + DAY,
        expires_at=years_before(5) + DAY + timedelta(hours=4),
    )
    return w


def households(cases):
    return {case.household_id for case in cases}


def test_every_expired_household_is_anonymised_and_none_early(world):
    with time_machine.travel(NOW, tick=False):
        report = retention.apply()
    expected = households(world.expired)
    assert set(Anonymisation.objects.values_list("household_id", flat=True)) == expected
    assert {pid for pid, _rule in report.households} == {
        str(h) for h in Household.objects.filter(pk__in=expected).values_list("public_id", flat=True)
    }
    assert sorted(rule for _pid, rule in report.households) == ["closed_case"] * 3 + ["declined_referral"]
    for household in Household.objects.filter(pk__in=households(world.kept)):
        assert household.name != retention.ANONYMISED
        assert household.members.exclude(first_name=retention.ANONYMISED).exists()
    # Content of the kept households is untouched.
    kept_notes = CaseNote.objects.filter(case__household__in=households(world.kept))
    assert kept_notes.count() == 4 and set(kept_notes.values_list("text", flat=True)) == {"Gesprek met Anna"}
    assert Consent.objects.filter(person__household__in=households(world.kept)).count() == 4


def test_anonymisation_removes_identities_and_free_text_but_keeps_the_facts(world):
    case = world.expired[0]
    with time_machine.travel(NOW, tick=False):
        retention.apply()
    household = Household.objects.get(pk=case.household_id)
    assert (household.name, household.postcode_area) == ("Geanonimiseerd", "")
    people = list(
        household.members.order_by("pk").values(
            "first_name",
            "last_name",
            "birth_year",
            "language",
            "custody_notes",
            "has_confidential_address",
            "relationship",
        )
    )
    assert people == [
        {
            "first_name": "Geanonimiseerd",
            "last_name": "",
            "birth_year": 1980,
            "language": "",
            "custody_notes": "",
            "has_confidential_address": False,
            "relationship": "parent",
        },
        {
            "first_name": "Geanonimiseerd",
            "last_name": "",
            "birth_year": 2010,
            "language": "",
            "custody_notes": "",
            "has_confidential_address": False,
            "relationship": "child",
        },
    ]
    assert not CaseNote.objects.filter(case__household=household).exists()
    assert not Consent.objects.filter(person__household=household).exists()
    assert not ConfidentialAddress.objects.filter(person__household=household).exists()
    incident = Incident.objects.get(household=household)
    assert incident.description == "" and incident.violence_types == ["physical", "witness"]
    assert sorted(incident.involvements.values_list("role", flat=True)) == ["experienced", "witnessed"]
    domain = LifeDomainAssessment.objects.get(household=household)
    assert (domain.domain, domain.concern, domain.note) == ("finances", "serious", "")
    assert Strength.objects.get(household=household).description == ""
    measure = LegalMeasure.objects.get(household=household)
    assert (measure.kind, measure.note) == ("restraining_order", "")
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED and case.route == "mda" and case.closed_at is not None
    referral = case.referral
    assert referral.summary == "" and referral.submitted_at is not None
    assert all(t.reasons == "" and t.decision for t in case.triages.all())
    assert all(c.reason == "" for c in case.state_changes.all())
    assert all(d.handover_note == "" for d in case.director_assignments.all())


def test_one_audit_event_per_household_by_the_job(world):
    with time_machine.travel(NOW, tick=False):
        retention.apply()
    logged = AuditEvent.objects.filter(purpose="bewaartermijn", object_type="household")
    assert logged.count() == len(households(world.expired))
    assert {e.object_id for e in logged} == {
        str(h.public_id) for h in Household.objects.filter(pk__in=households(world.expired))
    }
    for event in logged:
        assert event.actor is None and event.origin_channel == "job" and event.action == Action.DELETE
        assert len(event.person_ids) == 2


def test_second_run_is_idempotent(world):
    with time_machine.travel(NOW, tick=False):
        retention.apply()
        events_after_first = AuditEvent.objects.count()
        snapshot = list(Person.objects.order_by("pk").values_list())
        report = retention.apply()
    assert report.households == [] and report.break_glass == []
    assert AuditEvent.objects.count() == events_after_first
    assert list(Person.objects.order_by("pk").values_list()) == snapshot


def test_a_day_later_the_next_ones_expire(world):
    with time_machine.travel(NOW, tick=False):
        retention.apply()
    with time_machine.travel(NOW + DAY + timedelta(seconds=1), tick=False):
        report = retention.apply()
    names = {Household.objects.get(public_id=pid).pk for pid, _rule in report.households}
    assert names == households([world.kept[0], world.kept[1], world.kept[2]])


def test_dry_run_changes_nothing(world):
    before = (
        AuditEvent.objects.count(),
        list(Person.objects.order_by("pk").values_list()),
        BreakGlassAccess.objects.count(),
    )
    with time_machine.travel(NOW, tick=False):
        report = retention.apply(dry_run=True)
    assert len(report.households) == len(households(world.expired)) and len(report.break_glass) == 1
    assert before == (
        AuditEvent.objects.count(),
        list(Person.objects.order_by("pk").values_list()),
        BreakGlassAccess.objects.count(),
    )
    assert not Anonymisation.objects.exists()


def test_break_glass_records_expire_after_their_period(world):
    with time_machine.travel(NOW, tick=False):
        report = retention.apply()
    assert report.break_glass == [str(world.glass_expired.public_id)]
    assert list(BreakGlassAccess.objects.values_list("pk", flat=True)) == [world.glass_kept.pk]
    assert (
        AuditEvent.objects.filter(
            purpose="bewaartermijn", object_type="break_glass", object_id=str(world.glass_expired.public_id)
        ).count()
        == 1
    )


def test_audit_events_are_never_changed_only_counted(cast):
    for when in (years_before(16), years_before(15) + DAY, years_before(3)):
        with time_machine.travel(when, tick=False):
            closed_case(cast, when, f"Gezin {when.year}")
    old = AuditEvent.objects.filter(occurred_at__lt=years_before(15))
    assert old.exists()
    snapshot = list(AuditEvent.objects.order_by("pk").values_list())
    with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as queries:
        report = retention.apply()
    assert report.audit["audit_events"] == old.count()
    assert list(AuditEvent.objects.order_by("pk").values_list())[: len(snapshot)] == snapshot
    audit_table = AuditEvent._meta.db_table
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if audit_table in q["sql"] and q["sql"].lstrip().upper().startswith(("UPDATE", "DELETE"))
    ]
    assert writes == []
    assert any("beyond 15 years" in line for line in report.lines())


def test_anonymise_refuses_a_household_that_is_not_expired(world):
    with time_machine.travel(NOW, tick=False):
        assert retention.anonymise_household(world.kept[0].household) is None
        assert retention.anonymise_household(world.kept[3].household) is None
    assert not Anonymisation.objects.exists()


def test_management_command(world):
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("apply_retention", "--dry-run", stdout=out)
        assert not Anonymisation.objects.exists()
        call_command("apply_retention", stdout=out)
    text = out.getvalue()
    assert "4 household(s) would be anonymised" in text and "4 household(s) were anonymised" in text
    assert "1 emergency-access record(s) were deleted" in text
    assert Anonymisation.objects.count() == 4


def test_add_years_handles_29_february():
    assert retention.add_years(datetime(2028, 2, 29, tzinfo=UTC), 5) == datetime(2033, 2, 28, tzinfo=UTC)


# Free text that is allowed to stay after anonymisation, with the reason.
KEEP = {
    "cases.Case.reference": "the case number (house code, year, number) identifies no one",
    "households.Incident.violence_types": "codes (research figures)",
    "cases.Referral.risk_factors": "codes (research figures)",
    "conferences.Conference.step_budgets": "minutes per meeting step",
    "privacy.BreakGlassAccess.reason": "own rule: the whole record is deleted after its period",
    "privacy.BreakGlassAccess.reason_code": "a code; the record is deleted after its period",
    "privacy.BreakGlassAccess.verdict": "a code; the record is deleted after its period",
    "privacy.BreakGlassAccess.review_note": "own rule: the whole record is deleted after its period",
    "privacy.BreakGlassRefusal.kind": "a code; refusals are deleted after the emergency-access period",
    "privacy.Anonymisation.rule": "name of a retention rule",
    "cases.TriageMeeting.location": "the room of the house's standing triage meeting: about no household",
}
CASE_APPS = ("households", "cases", "conferences", "plans", "privacy")


def test_every_free_text_field_of_case_data_is_handled():
    """A new text field in case data must be added to retention.SCRUB (or KEEP with a reason)."""
    handled = {f"{label}.{name}" for label, (_lookup, fields) in retention.SCRUB.items() for name in fields}
    handled |= {f"households.Person.{name}" for name in retention.PERSON_CLEARED}
    handled |= {"households.Household.name", "households.Household.postcode_area"}
    deleted = set(retention.DELETE)
    missing = []
    for app in CASE_APPS:
        for model in apps.get_app_config(app).get_models():
            label = model._meta.label
            for field in model._meta.concrete_fields:
                if not isinstance(field, models.CharField | models.TextField | models.JSONField) or field.choices:
                    continue
                key = f"{label}.{field.name}"
                if label not in deleted and key not in handled and key not in KEEP:
                    missing.append(key)
    assert missing == []
