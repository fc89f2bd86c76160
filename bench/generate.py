"""Generate a benchmark database through the real models (bulk, but valid), deterministic per seed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_region .venv/bin/python bench/generate.py --scale region

Every case has a household (with members), a referral, a team and a director; active and closed cases have
a triage decision, conferences (one part, invitations, scaling scores, contributions), plan actions and
bottom lines. Audit events are spread over two years. Rows are written with COPY (`copy_instances`), which
skips Model.save() like bulk_create, so the fields save()
would fill (Person.recorded_in) are set here; the database's constraints and the audit triggers
(pghistory write events) run as in production. Generated audit events are NOT sealed: run
`manage.py audit_seal --until-done` to seal them (bench/run.sh measures one sealing run's rate).

The content is deterministic per --seed (ids, names, numbers, choices); dates are offsets from the day of
generation, so memberships are running and due dates lie ahead whenever it is generated. Memory stays flat:
households are made in chunks. Prints rows per second per table.
"""

import argparse
import os
import random
import sys
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Python puts bench/ first on the path, where bench/http.py would shadow the standard library's `http`.
sys.path[0] = str(ROOT)

from bench.common import BENCH_ACTIONS, BENCH_CASES, PASSWORD, USERS  # noqa: E402

# houses, households per house, audit events in total, plan actions per active/closed case
SCALES = {
    "tiny": {"houses": 1, "households": 300, "audit_events": 20_000, "actions": 24},
    "region": {"houses": 1, "households": 25_000, "audit_events": 2_000_000, "actions": 24},
    "national": {"houses": 10, "households": 25_000, "audit_events": 20_000_000, "actions": 24},
}
CHUNK = 500  # households per chunk
BENCH_HOUSE_CODE = "B00"
SURNAMES = "Jansen de Vries van den Berg Bakker Visser Smit Meijer de Boer Mulder de Groot Bos Vos Peters Hendriks "
SURNAMES += "van Leeuwen Dekker Brouwer de Wit Dijkstra Smits de Graaf van der Meer Kok Jacobs Haan Vermeulen Yilmaz "
SURNAMES += "El Amrani Kaya Bulut Öztürk Mohamed Sahin Pinas Zebeda Wijnaldum Kartosen"
LAST_NAMES = sorted(set(SURNAMES.replace("de ", "de_").replace("van ", "van_").replace("El ", "El_").split()))
LAST_NAMES = [name.replace("_", " ") for name in LAST_NAMES]
FIRST_NAMES = [
    "Anna",
    "Daan",
    "Emma",
    "Sem",
    "Julia",
    "Lucas",
    "Mila",
    "Levi",
    "Sophie",
    "Finn",
    "Noor",
    "Liam",
    "Sara",
    "Noah",
    "Fenna",
    "Mohammed",
    "Yara",
    "Adam",
    "Lieke",
    "Milan",
    "Aya",
    "Bram",
    "Ilse",
    "Omar",
    "Zeynep",
    "Jesse",
    "Fleur",
    "Thijs",
    "Naima",
    "Ruben",
    "Eva",
    "Mees",
]


def _copy_value(field, connection):
    """How one field's Python value is written by COPY: psycopg adapts str, int, bool, uuid, date and
    datetime itself; JSON needs its wrapper (the field's own preparation)."""
    from django.db import models

    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def copy_instances(model, instances):
    """COPY `instances` of `model` into its table, giving them primary keys from the table's sequence."""
    from django.db import connection, models

    meta = model._meta
    pk = meta.pk
    with connection.cursor() as cursor:
        if isinstance(pk, models.AutoField | models.BigAutoField) and any(i.pk is None for i in instances):
            # Reserve len(instances) ids at once: the generator is the only writer while it runs.
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), nextval(pg_get_serial_sequence(%s, %s)) + %s - 1)",
                [meta.db_table, pk.column, meta.db_table, pk.column, len(instances)],
            )
            last = cursor.fetchone()[0]
            for n, instance in enumerate(instances):
                instance.pk = last - len(instances) + 1 + n
                instance._state.adding = False
        fields = [f for f in meta.concrete_fields]
        preps = [_copy_value(f, connection) for f in fields]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        attnames = [f.attname for f in fields]
        table = connection.ops.quote_name(meta.db_table)
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # noqa: S608 (names from the model)
            for instance in instances:
                values = [getattr(instance, name) for name in attnames]
                for n, prep in enumerate(preps):
                    if prep is not None:
                        values[n] = prep(values[n])
                copy.write_row(values)


class Generator:
    def __init__(self, scale: str, seed: int):
        from django.utils import timezone

        self.scale = SCALES[scale]
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.counts: Counter = Counter()
        self.seconds: Counter = Counter()

    def uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def bulk(self, model, rows):
        """Insert model instances with PostgreSQL's COPY (issue 12 / QUALITY: "bulk inserts, COPY where
        available"). The instances are built through the real models (defaults, field types); their primary
        keys come from the table's own sequence, reserved in one call; the database's constraints and its
        row triggers (pghistory's write events) run for COPY exactly as for INSERT. One COPY per call."""
        started = time.perf_counter()
        if rows:
            copy_instances(model, rows)
        label = model._meta.label
        self.counts[label] += len(rows)
        self.seconds[label] += time.perf_counter() - started
        return rows

    def ago(self, days_max: int, days_min: int = 0):
        return self.now - timedelta(days=self.rng.uniform(days_min, days_max))

    # --- organisations and people ----------------------------------------------------------------

    def organisations(self, houses):
        from ineen.accounts.enums import Chain
        from ineen.accounts.models import Organisation

        chains = list(Chain.values)
        orgs = self.bulk(
            Organisation,
            [
                Organisation(public_id=self.uid(), name=f"Bench-organisatie {i:02d}", chain=chains[i % len(chains)])
                for i in range(40)
            ],
        )
        through = Organisation.safety_houses.through
        self.bulk(through, [through(organisation=o, safetyhouse=h) for o in orgs for h in houses])
        return orgs

    def users(self, house, orgs, households):
        """Staff of one house: chairs, a log manager, a manager, directors, professionals (each in about 40
        cases: every case has a director and three professionals)."""
        from django.contrib.auth.hashers import make_password

        from ineen.accounts.enums import Role
        from ineen.accounts.models import RoleAssignment, User

        unusable = make_password(None)  # generated staff cannot log in; only the bench users can
        plan = [("chair", Role.CHAIR, 2), ("log", Role.LOG_MANAGER, 1), ("manager", Role.MANAGER, 1)]
        plan += [("director", Role.CASE_DIRECTOR, max(2, households // 40))]
        plan += [("pro", Role.PROFESSIONAL, max(6, households * 3 // 40))]
        staff, roles = {}, []
        for label, role, count in plan:
            made = self.bulk(
                User,
                [
                    User(
                        public_id=self.uid(),
                        email=f"{house.code.lower()}.{label}{i}@bench.invalid",
                        first_name=self.rng.choice(FIRST_NAMES),
                        last_name=self.rng.choice(LAST_NAMES),
                        organisation=self.rng.choice(orgs),
                        password=unusable,
                        job_title=label,
                    )
                    for i in range(count)
                ],
            )
            staff[label] = made
            roles += [RoleAssignment(user=u, safety_house=house, role=role) for u in made]
        self.bulk(RoleAssignment, roles)
        return staff

    # --- one chunk of households with their cases --------------------------------------------------

    def chunk(self, house, staff, orgs, guide, start: int, size: int):
        from ineen.cases.enums import CaseState, Route, TeamRole, TriageDecision
        from ineen.cases.models import (
            Case,
            CaseDirectorAssignment,
            CaseStateChange,
            Referral,
            TeamMembership,
            Triage,
        )
        from ineen.conferences.enums import ConferenceKind, ConferenceState, ContributionKind, LiveStep, PartKind
        from ineen.conferences.models import Conference, ConferencePart, Contribution, Invitation, ScalingScore
        from ineen.guide.enums import Phase, Scale
        from ineen.households.enums import Relationship
        from ineen.households.models import Household, Person
        from ineen.plans.enums import ActionStatus
        from ineen.plans.models import BottomLine, PlanAction

        rng, chair = self.rng, staff["chair"][0]
        households = self.bulk(
            Household,
            [
                Household(
                    public_id=self.uid(),
                    safety_house=house,
                    name=f"gezin {rng.choice(LAST_NAMES)}",
                    postcode_area=str(rng.randint(1000, 9999)),
                    created_at=self.ago(1100, 30),
                    created_by=chair,
                )
                for _ in range(size)
            ],
        )
        states = [CaseState.REFERRED] * 10 + [CaseState.IN_TRIAGE] * 5 + [CaseState.ACTIVE] * 65
        states += [CaseState.CLOSED] * 20
        cases = []
        for i, household in enumerate(households):
            state = rng.choice(states)
            opened = household.created_at + timedelta(days=rng.uniform(0, 20))
            worked = state in (CaseState.ACTIVE, CaseState.CLOSED)
            cases.append(
                Case(
                    public_id=self.uid(),
                    reference=f"{house.code}-{start + i + 1:07d}",
                    safety_house=house,
                    household=household,
                    state=state,
                    route=rng.choice(Route.values) if worked else "",
                    opened_at=opened,
                    closed_at=(opened + (self.now - opened) * rng.uniform(0.3, 0.9))
                    if state == CaseState.CLOSED
                    else None,
                )
            )
        cases = self.bulk(Case, cases)
        persons = []
        for case in cases:
            surname = case.household.name.removeprefix("gezin ")
            shape = [Relationship.PARENT, Relationship.PARTNER] + [Relationship.CHILD] * rng.randint(0, 4)
            for relationship in shape:
                child = relationship == Relationship.CHILD
                persons.append(
                    Person(
                        public_id=self.uid(),
                        household=case.household,
                        recorded_in=case,
                        first_name=rng.choice(FIRST_NAMES),
                        last_name=surname,
                        birth_year=self.today.year - (rng.randint(0, 17) if child else rng.randint(22, 60)),
                        relationship=relationship,
                    )
                )
        persons = self.bulk(Person, persons)
        people_of = {}
        for person in persons:
            people_of.setdefault(person.household_id, []).append(person)

        team_of, rows = {}, {m: [] for m in ("change", "referral", "triage", "director", "team")}
        for case in cases:
            director = rng.choice(staff["director"])
            pros = rng.sample(staff["pro"], 3)
            team_of[case.pk] = [director, *pros]
            since = case.opened_at.date()
            rows["change"].append(
                CaseStateChange(case=case, to_state=case.state, changed_by=chair, changed_at=case.opened_at)
            )
            rows["referral"].append(
                Referral(
                    public_id=self.uid(),
                    case=case,
                    referrer=pros[0],
                    referring_organisation=pros[0].organisation,
                    submitted_at=case.opened_at,
                    summary="Zorgen over de veiligheid thuis (gegenereerd).",
                    needs="Samenhangende aanpak.",
                )
            )
            if case.state != CaseState.REFERRED:
                decided = case.state != CaseState.IN_TRIAGE
                rows["triage"].append(
                    Triage(
                        public_id=self.uid(),
                        case=case,
                        decision=TriageDecision.ACCEPT if decided else "",
                        route=case.route if decided else "",
                        decided_at=case.opened_at + timedelta(days=7) if decided else None,
                        decided_by=chair if decided else None,
                    )
                )
            rows["director"].append(
                CaseDirectorAssignment(
                    case=case,
                    director=director,
                    organisation=director.organisation,
                    started_at=case.opened_at,
                    assigned_by=chair,
                )
            )
            rows["team"].append(
                TeamMembership(
                    public_id=self.uid(),
                    case=case,
                    user=director,
                    organisation=director.organisation,
                    role=TeamRole.CASE_DIRECTOR,
                    active_from=since,
                    added_by=chair,
                )
            )
            rows["team"] += [
                TeamMembership(
                    public_id=self.uid(),
                    case=case,
                    user=pro,
                    organisation=pro.organisation,
                    role=TeamRole.PROFESSIONAL,
                    active_from=since,
                    added_by=chair,
                )
                for pro in pros
            ]
        self.bulk(CaseStateChange, rows["change"])
        self.bulk(Referral, rows["referral"])
        self.bulk(Triage, rows["triage"])
        self.bulk(CaseDirectorAssignment, rows["director"])
        self.bulk(TeamMembership, rows["team"])

        worked = [c for c in cases if c.state in (CaseState.ACTIVE, CaseState.CLOSED)]
        conferences = []
        for case in worked:
            for n in range(rng.randint(1, 2)):
                starts = case.opened_at + timedelta(days=14 + 42 * n)
                past = starts < self.now
                conferences.append(
                    Conference(
                        public_id=self.uid(),
                        ical_uid=self.uid(),
                        case=case,
                        kind=ConferenceKind.MDA if case.route == Route.MDA else ConferenceKind.FOCUS,
                        phase=rng.choice(Phase.values),
                        goal="Samen een plan maken (gegenereerd).",
                        starts_at=starts,
                        guide_version=guide,
                        chair=chair,
                        state=ConferenceState.ENDED if past else ConferenceState.PLANNED,
                        current_step=LiveStep.CLOSED if past else LiveStep.OPENING,
                        started_at=starts if past else None,
                        ended_at=starts + timedelta(minutes=90) if past else None,
                    )
                )
        conferences = self.bulk(Conference, conferences)
        parts = [ConferencePart(public_id=self.uid(), conference=c, kind=PartKind.WHOLE) for c in conferences]
        parts = self.bulk(ConferencePart, parts)
        invitations, scores, contributions = [], [], []
        kinds = [ContributionKind.WORRY, ContributionKind.RISK, ContributionKind.RECOVERY_POINT, ContributionKind.OFFER]
        for conference, part in zip(conferences, parts, strict=True):
            team = team_of[conference.case_id]
            for user in team:
                invitations.append(
                    Invitation(public_id=self.uid(), conference=conference, part=part, user=user, reason="Casusteam")
                )
            for user in team[:3]:
                scores.append(
                    ScalingScore(
                        public_id=self.uid(),
                        conference=conference,
                        author=user,
                        scale=Scale.IMMEDIATE_SAFETY,
                        value=rng.randint(1, 10),
                        justification="Onderbouwing (gegenereerd).",
                    )
                )
            for kind in kinds:
                author = rng.choice(team)
                contributions.append(
                    Contribution(
                        public_id=self.uid(),
                        conference=conference,
                        kind=kind,
                        author=author,
                        text=f"{kind.label} (gegenereerd).",
                        source_organisation=author.organisation,
                    )
                )
        self.bulk(Invitation, invitations)
        self.bulk(ScalingScore, scores)
        self.bulk(Contribution, contributions)

        first_conference = {}
        for conference in conferences:
            first_conference.setdefault(conference.case_id, conference)
        actions, bottom_lines = [], []
        statuses = [ActionStatus.OPEN] * 5 + [ActionStatus.DONE] * 4 + [ActionStatus.CANCELLED]
        for case in worked:
            team, conference = team_of[case.pk], first_conference[case.pk]
            for n in range(self.scale["actions"]):
                owner = team[n % len(team)]
                actions.append(
                    PlanAction(
                        public_id=self.uid(),
                        case=case,
                        conference=conference,
                        what=f"Actie {n + 1} (gegenereerd).",
                        owner=owner,
                        owner_organisation=owner.organisation,
                        due_on=self.today + timedelta(days=rng.randint(-60, 120)),
                        status=rng.choice(statuses),
                        created_at=conference.starts_at,
                    )
                )
            for n in range(2):
                bottom_lines.append(
                    BottomLine(
                        public_id=self.uid(),
                        case=case,
                        conference=conference,
                        text=f"Bodemeis {n + 1} (gegenereerd).",
                        guardian=team[0],
                        guardian_organisation=team[0].organisation,
                        on_breach="Direct opschalen naar de procesregisseur.",
                    )
                )
        self.bulk(PlanAction, actions)
        self.bulk(BottomLine, bottom_lines)
        return [(c.pk, c.public_id, c.household.public_id, team_of[c.pk]) for c in cases]

    def audit_events(self, house, sample, count):
        """`count` read events of case pages by the case's team, spread over two years, in batches."""
        from ineen.audit.models import Action, AuditEvent, Outcome

        batch = 20_000
        for done in range(0, count, batch):
            rows = []
            for _ in range(min(batch, count - done)):
                _pk, public_id, household_id, team = self.rng.choice(sample)
                actor = self.rng.choice(team)
                rows.append(
                    AuditEvent(
                        event_id=self.uid(),
                        occurred_at=self.ago(730, 0.01),
                        actor=actor,
                        actor_label=f"{actor.first_name} {actor.last_name}",
                        organisation_label=actor.organisation.name,
                        role="professional",
                        safety_house_code=house.code,
                        action=self.rng.choice((Action.VIEW, Action.VIEW, Action.LIST, Action.UPDATE)),
                        object_type="case",
                        object_id=str(public_id),
                        household_id=str(household_id),
                        outcome=Outcome.ALLOWED,
                        origin_channel="web",
                        request_path=f"/casussen/{public_id}/",
                        purpose="casusoverzicht",
                    )
                )
            self.bulk(AuditEvent, rows)

    # --- the known benchmark users ------------------------------------------------------------------

    def bench_users(self, house, staff, orgs):
        """The chair, a professional in exactly BENCH_CASES cases, a log manager: known password, a TOTP
        authenticator (MFA is enforced as in production). The first of the professional's cases is the
        bench case: BENCH_ACTIONS plan actions and a live conference the professional is invited to."""
        from allauth.mfa.totp.internal.auth import TOTP

        from ineen.accounts.enums import Role
        from ineen.accounts.models import RoleAssignment, User
        from ineen.cases.enums import CaseState, TeamRole
        from ineen.cases.models import Case, TeamMembership
        from ineen.conferences.enums import ConferenceState, LiveStep
        from ineen.conferences.models import Conference, Invitation
        from ineen.plans.models import PlanAction

        made = {}
        for key, (email, secret) in USERS.items():
            user = User.objects.create_user(
                email, PASSWORD, first_name="Bench", last_name=key, organisation=orgs[0], job_title="benchmark"
            )
            TOTP.activate(user, secret)
            made[key] = user
        RoleAssignment.objects.bulk_create(
            [
                RoleAssignment(user=made["chair"], safety_house=house, role=Role.CHAIR),
                RoleAssignment(user=made["pro"], safety_house=house, role=Role.PROFESSIONAL),
                RoleAssignment(user=made["log"], safety_house=house, role=Role.LOG_MANAGER),
            ]
        )
        active = list(
            Case.objects.filter(safety_house=house, state=CaseState.ACTIVE).order_by("-opened_at")[:BENCH_CASES]
        )
        pro = made["pro"]
        TeamMembership.objects.bulk_create(
            [
                TeamMembership(
                    case=case, user=pro, organisation=orgs[0], role=TeamRole.PROFESSIONAL, added_by=staff["chair"][0]
                )
                for case in active
            ]
        )
        bench_case = active[0]
        have = PlanAction.objects.filter(case=bench_case).count()
        first = PlanAction.objects.filter(case=bench_case).first()
        PlanAction.objects.bulk_create(
            [
                PlanAction(
                    case=bench_case,
                    conference=first.conference,
                    what=f"Extra actie {n} (gegenereerd).",
                    owner=pro,
                    owner_organisation=orgs[0],
                    due_on=self.today + timedelta(days=n),
                )
                for n in range(max(0, BENCH_ACTIONS - have))
            ]
        )
        conference = Conference.objects.filter(case=bench_case).order_by("starts_at").first()
        Conference.objects.filter(pk=conference.pk).update(
            state=ConferenceState.LIVE,
            current_step=LiveStep.PICTURE,
            started_at=self.now,
            step_started_at=self.now,
            ended_at=None,
            starts_at=self.now,
        )
        Invitation.objects.get_or_create(
            conference=conference, part=conference.parts.first(), user=pro, defaults={"reason": "Benchmark"}
        )
        print(f"bench case {bench_case.reference} ({bench_case.public_id}), live conference {conference.public_id}")

    def run(self):
        from django.db import connection, transaction

        from ineen.accounts.models import SafetyHouse, User
        from ineen.guide.models import GuideVersion

        if User.objects.filter(email=USERS["chair"][0]).exists():
            print("Benchmark data is already there (the bench users exist); nothing generated.")
            return
        if SafetyHouse.objects.filter(code=BENCH_HOUSE_CODE).exists():
            sys.exit("An earlier generation did not finish: drop and recreate the database, then migrate.")
        guide = GuideVersion.objects.get(is_current=True)
        with connection.cursor() as cursor:
            # Benchmark data can be regenerated: no need to wait for each commit's WAL flush.
            cursor.execute("SET synchronous_commit = off")
        started = time.perf_counter()
        houses = SafetyHouse.objects.bulk_create(
            [
                SafetyHouse(public_id=self.uid(), name=f"Bench Zorg- en Veiligheidshuis {i:02d}", code=f"B{i:02d}")
                for i in range(self.scale["houses"])
            ]
        )
        orgs = self.organisations(houses)
        per_house = self.scale["households"]
        events_per_house = self.scale["audit_events"] // len(houses)
        for house in houses:
            staff = self.users(house, orgs, per_house)
            for start in range(0, per_house, CHUNK):
                with transaction.atomic():
                    made = self.chunk(house, staff, orgs, guide, start, min(CHUNK, per_house - start))
                # Audit events in proportion, per chunk, so memory stays flat.
                share = events_per_house * len(made) // per_house
                with transaction.atomic():
                    self.audit_events(house, made, share)
                self.progress(started)
                if house.code == BENCH_HOUSE_CODE and start == 0:
                    # Right after the first chunk: its cases are the newest, and a partly generated database
                    # can already be measured (the rows counted so far are printed).
                    with transaction.atomic():
                        self.bench_users(house, staff, orgs)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.report(started)

    def progress(self, started):
        total = sum(self.counts.values())
        elapsed = time.perf_counter() - started
        print(f"  {total:>10,} rows in {elapsed:7.1f} s ({total / elapsed:,.0f} rows/s)", flush=True)

    def report(self, started):
        elapsed = time.perf_counter() - started
        print(f"\n{'table':<40} {'rows':>12} {'rows/s':>10}")
        for label, rows in sorted(self.counts.items(), key=lambda kv: -kv[1]):
            rate = rows / self.seconds[label] if self.seconds[label] else 0
            print(f"{label:<40} {rows:>12,} {rate:>10,.0f}")
        total = sum(self.counts.values())
        print(f"{'total (wall clock, incl. triggers)':<40} {total:>12,} {total / elapsed:>10,.0f}  in {elapsed:.0f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), required=True)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--db", help="database URL (default: $DATABASE_URL)")
    args = parser.parse_args()
    if args.db:
        os.environ["DATABASE_URL"] = args.db
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("The benchmark runs on PostgreSQL: set DATABASE_URL or --db postgres://...")
    Generator(args.scale, args.seed).run()


if __name__ == "__main__":
    main()
