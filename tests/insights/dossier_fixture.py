"""A hand-made selection for the dossier analysis tests: households A-F in one safety house, written as
data so the expected figures in test_dossier.py can be derived by hand. Day d means D + d days at 09:00 UTC
(UTC: no daylight-saving hour in the day counts). Organisations: P, V, O, R, G, X (and T, present only
at a triage-kind conference, which does not count)."""

import datetime

from ineen.accounts.enums import Role
from ineen.accounts.models import User
from ineen.cases.enums import Route
from ineen.cases.models import Case, Referral, Triage
from ineen.conferences.enums import Attendance, ConferenceKind, ConferenceState, PartKind
from ineen.conferences.models import Conference, ConferencePart, Invitation, PhaseDecision
from ineen.guide.models import GuideVersion
from ineen.households.enums import Concern, MeasureCategory, Relationship
from ineen.households.models import Household, Incident, LegalMeasure, LifeDomainAssessment, Person
from ineen.plans.models import PlanAction

from ..factories import OrganisationFactory, SafetyHouseFactory, make_user

D = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
PRESENT, ONLINE, ABSENT = Attendance.PHYSICAL, Attendance.ONLINE, Attendance.ABSENT
CRIMINAL, CIVIL = MeasureCategory.CRIMINAL, MeasureCategory.CIVIL
IMM, STA, REC = "immediate_safety", "stable_safety", "recovery"

# Per household: route, referral day, triage decision days, life domains with concerns, incidents
# (violence types), measures (category, kind), conferences (day, phase, organisations present, organisations
# absent, client attendance per member, agreements (type, towards, with reason), phase decision).
HOUSEHOLDS = {
    "A": {
        "route": Route.MDA,
        "referral": 0,
        "triages": [3],
        "domains": ["work", "finances", "housing", "parenting"],
        "no_concern": ["crime"],
        "incidents": [["physical", "emotional"], ["physical", "stalking"]],
        "measures": [(CRIMINAL, "probation_supervision"), (CRIMINAL, "contact_ban"), (CIVIL, "supervision_order")],
        "conferences": [
            (
                10,
                IMM,
                "PVO",
                "R",
                {"ouder": PRESENT, "kind": ABSENT},
                [
                    ("information_exchange", "professionals", True),
                    ("action", "professionals", False),
                    ("action", "family", False),
                ],
                ("forward", IMM, STA),
            ),
            (
                40,
                STA,
                "PV",
                "",
                {"ouder": ABSENT},
                [("information_exchange", "professionals", False), ("new_meeting", "family", True)],
                ("stay", STA, ""),
            ),
            (100, STA, "VG", "", {"ouder": ONLINE}, [("action", "professionals", False)], ("forward", STA, REC)),
        ],
    },
    "B": {
        "route": Route.MDA,
        "referral": 1,
        "triages": [5, 9],
        "domains": ["work", "finances", "housing", "parenting", "social_network", "crime"],
        "incidents": [["physical", "witness"]],
        "measures": [(CRIMINAL, "prison")],
        "conferences": [
            (
                20,
                IMM,
                "PVO",
                "",
                {"ouder": PRESENT},
                [
                    ("information_exchange", "professionals", False),
                    ("information_exchange", "professionals", True),
                    ("action", "family", False),
                ],
                ("stay", IMM, ""),
            ),
            (38, IMM, "PO", "", {"ouder": PRESENT}, [("action", "professionals", False)], ("forward", IMM, STA)),
        ],
    },
    "C": {
        "route": Route.MDA,
        "referral": 3,
        "triages": [4],
        "domains": ["work", "housing", "mental_health", "finances"],
        "incidents": [["physical", "emotional", "stalking"]],
        "measures": [(CRIMINAL, "area_ban")],
        "conferences": [
            (
                15,
                IMM,
                "PVX",
                "",
                {"ouder": ABSENT},
                [("information_exchange", "family", False), ("action", "professionals", True)],
                ("forward", IMM, STA),
            ),
            (45, STA, "PX", "", {"ouder": PRESENT}, [], None),
        ],
    },
    "D": {
        "route": Route.MDA,
        "referral": 5,
        "triages": [6],
        "domains": ["work", "finances", "housing", "parenting", "crime"],
        "incidents": [["physical", "emotional"]],
        "measures": [(CRIMINAL, "contact_ban"), (CIVIL, "guardianship")],
        "conferences": [
            (
                30,
                STA,
                "PVOR",
                "",
                {},
                [
                    ("information_exchange", "professionals", False),
                    ("information_exchange", "professionals", False),
                    ("action", "professionals", False),
                    ("new_meeting", "professionals", False),
                ],
                ("back", STA, IMM),
            ),
            (31, IMM, "V", "", {}, [], ("forward", IMM, STA)),
        ],
    },
    "E": {
        "route": Route.MDA,
        "referral": 6,
        "triages": [8],
        "domains": ["work", "finances", "parenting", "social_network"],
        "incidents": [["physical"]],
        "measures": [(CRIMINAL, "probation_supervision")],
        "conferences": [
            (
                9,
                REC,
                "PV",
                "",
                {"ouder": PRESENT},
                [("action", "family", True), ("information_exchange", "professionals", False)],
                ("stay", REC, ""),
            ),
            (16, REC, "V", "", {}, [], ("close", REC, "")),
        ],
    },
    "F": {
        "route": Route.REGULAR,
        "referral": 7,
        "triages": [12],
        "domains": ["work"],
        "incidents": [["emotional"]],
        "measures": [],
        "conferences": [],
    },
}


def day(d):
    return D + datetime.timedelta(days=d)


def build():
    """Create the selection; returns (house, chair) of the analysed house."""
    house = SafetyHouseFactory(name="ZVH Analyse", code="analyse")
    chair = make_user(house, Role.CHAIR, email="analyse-chair@test.example")
    for letter in "PVORGXT":
        org = OrganisationFactory(name=f"Org {letter}", houses=[house])
        make_user(house, Role.PROFESSIONAL, organisation=org, email=f"{letter.lower()}@analyse.example")
    for n, (name, spec) in enumerate(HOUSEHOLDS.items()):
        add_household(house, chair, name, spec, n)
    return house, chair


def add_household(house, chair, name, spec, n):
    """One household of the selection, with its case, as described by `spec` (a HOUSEHOLDS value)."""
    users = {u.email[0].upper(): u for u in User.objects.filter(email__endswith="@analyse.example")}
    guide = GuideVersion.objects.get(is_current=True)
    household = Household.objects.create(name=f"Gezin {name}", safety_house=house, created_by=chair)
    case = Case.objects.create(
        reference=f"ANA-{n}",
        safety_house=house,
        household=household,
        route=spec["route"],
        opened_at=day(spec["referral"]),
    )
    Referral.objects.create(
        case=case,
        referrer=users["P"],
        referring_organisation=users["P"].organisation,
        submitted_at=day(spec["referral"]),
    )
    for t in spec["triages"]:
        Triage.objects.create(case=case, decision="accept", route=spec["route"], decided_at=day(t), decided_by=chair)
    Triage.objects.create(case=case)  # undecided: does not count
    people = {
        role: Person.objects.create(household=household, first_name=role, birth_year=1980, relationship=rel)
        for role, rel in (("ouder", Relationship.PARENT), ("kind", Relationship.CHILD))
    }
    source = users["V"].organisation
    for domain in spec["domains"]:
        LifeDomainAssessment.objects.create(
            household=household, domain=domain, concern=Concern.SERIOUS, source_organisation=source
        )
    for domain in spec.get("no_concern", []):
        LifeDomainAssessment.objects.create(
            household=household, domain=domain, concern=Concern.NONE, source_organisation=source
        )
    for types in spec["incidents"]:
        Incident.objects.create(
            household=household, date=day(0).date(), violence_types=types, source_organisation=source
        )
    for category, kind in spec["measures"]:
        LegalMeasure.objects.create(
            household=household, person=people["ouder"], category=category, kind=kind, source_organisation=source
        )
    for when, phase, present, absent, clients, agreements, decision in spec["conferences"]:
        conference = _conference(case, chair, guide, day(when), phase)
        closed = ConferencePart.objects.create(conference=conference, kind=PartKind.CLOSED, order=1)
        opened = ConferencePart.objects.create(conference=conference, kind=PartKind.OPEN, order=2)
        for letter in present:
            Invitation.objects.create(
                conference=conference, part=closed, user=users[letter], reason="x", attendance=PRESENT
            )
        if "V" in present:  # in both parts: still one organisation
            Invitation.objects.create(
                conference=conference, part=opened, user=users["V"], reason="x", attendance=ONLINE
            )
        for letter in absent:
            Invitation.objects.create(
                conference=conference, part=closed, user=users[letter], reason="x", attendance=ABSENT
            )
        for role, attendance in clients.items():
            Invitation.objects.create(
                conference=conference, part=opened, person=people[role], reason="x", attendance=attendance
            )
        made = None
        for action_type, towards, with_reason in agreements:
            made = PlanAction.objects.create(
                case=case,
                conference=conference,
                what="x",
                owner=users["P"],
                owner_organisation=users["P"].organisation,
                due_on=day(when).date(),
                reason="Omdat." if with_reason else "",
                action_type=action_type,
                towards=towards,
            )
        if made is not None and name == "A":  # a copy carried over to the next meeting is not a new agreement
            PlanAction.objects.create(
                case=case,
                conference=conference,
                what="x",
                owner=users["P"],
                owner_organisation=users["P"].organisation,
                due_on=day(when).date(),
                carried_over_from=made,
            )
        if decision:
            kind, from_phase, to_phase = decision
            PhaseDecision.objects.create(
                conference=conference,
                from_phase=from_phase,
                decision=kind,
                to_phase=to_phase,
                reason="x",
                decided_by=chair,
            )
    if name == "A":
        _noise(case, chair, guide, users, people)


def _conference(case, chair, guide, starts_at, phase, *, kind=ConferenceKind.MDA, state=ConferenceState.ENDED):
    return Conference.objects.create(
        case=case, kind=kind, phase=phase, goal="x", starts_at=starts_at, guide_version=guide, chair=chair, state=state
    )


def _noise(case, chair, guide, users, people):
    """What must not count: a cancelled conference, a planned one, a triage-kind one, an action made between
    meetings."""
    for kind, state in (
        (ConferenceKind.MDA, ConferenceState.CANCELLED),
        (ConferenceKind.MDA, ConferenceState.PLANNED),
        (ConferenceKind.TRIAGE, ConferenceState.ENDED),
    ):
        conference = _conference(case, chair, guide, day(50), IMM, kind=kind, state=state)
        part = ConferencePart.objects.create(conference=conference, kind=PartKind.WHOLE, order=1)
        Invitation.objects.create(conference=conference, part=part, user=users["T"], reason="x", attendance=PRESENT)
        Invitation.objects.create(
            conference=conference, part=part, person=people["ouder"], reason="x", attendance=PRESENT
        )
        PlanAction.objects.create(
            case=case,
            conference=conference,
            what="x",
            owner=users["P"],
            owner_organisation=users["P"].organisation,
            due_on=day(50).date(),
            action_type="action",
            towards="family",
        )
    PlanAction.objects.create(
        case=case, what="x", owner=users["P"], owner_organisation=users["P"].organisation, due_on=day(50).date()
    )
