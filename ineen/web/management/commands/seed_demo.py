"""Fill an empty database with the fictional demo data and print where to log in.

Runs through the same domain actions as the interface, so the demo has audit events and history
like real use. Idempotent: with data present it only prints the accounts.
"""

import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from ineen.access import policy
from ineen.accounts import roles as role_actions
from ineen.accounts.enums import Role
from ineen.accounts.models import Organisation, RoleAssignment, SafetyHouse, User
from ineen.arrangements import demo as arrangements_demo
from ineen.cases import actions
from ineen.cases import demo as cases_demo
from ineen.cases.demo import CLOSURE_PLAN
from ineen.cases.enums import CaseState, ClientsInformed, RiskFactor, Route, TeamRole, TriageDecision
from ineen.cases.models import Attachment, Case, CaseNote
from ineen.conferences import demo as clients_demo
from ineen.conferences import demo_documents as documents_demo
from ineen.escalations import demo as escalation_demo
from ineen.evaluations import demo as evaluation_demo
from ineen.households import actions as household_actions
from ineen.households.enums import (
    MEASURE_CATEGORY,
    Concern,
    IncidentRole,
    LifeDomain,
    MeasureKind,
    OtherTable,
    Relationship,
    ViolenceType,
)
from ineen.households.models import (
    Incident,
    InvolvedService,
    LegalMeasure,
    LifeDomainAssessment,
    OtherTableDiscussion,
    Person,
    Strength,
)
from ineen.imports import demo as imports_demo
from ineen.insights import demo as insights_demo
from ineen.insights import demo_dossier
from ineen.plans import demo as plans_demo
from ineen.portal import demo as portal_demo
from ineen.privacy import actions as privacy_actions
from ineen.privacy import demo as privacy_demo
from ineen.privacy.enums import (
    HEALTH_DOMAINS,
    Basis,
    BreakGlassReason,
    BreakGlassVerdict,
    ConsentForm,
    ConsentPurpose,
    Visibility,
)
from ineen.privacy.models import BreakGlassAccess, ConfidentialAddress
from ineen.reminders import demo as reminders_demo
from ineen.web import demo_data as d
from ineen.web.demo import conferences as conference_demo
from ineen.web.demo import my_work as my_work_demo

# How many households of each kind; 30 in total across the two houses.
PLAN = [
    ("hgl", "referred", 4),
    ("hgl", "in_triage", 4),
    ("hgl", "regular", 5),
    ("hgl", "mda", 7),
    ("hgl", "closed", 3),
    ("hgl", "declined", 2),
    ("hgl", "reopened", 1),
    ("rr", "referred", 1),
    ("rr", "mda", 2),
    ("rr", "closed", 1),
]


class Command(BaseCommand):
    help = "Load fictional demo data (two safety houses, organisations, users, ~30 households)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-accounts", action="store_true", help="do not print the account list")

    def handle(self, *args, **options):
        if not SafetyHouse.objects.exists():
            with override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}):
                self.seed()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if not options["quiet_accounts"]:
            self.print_accounts()

    @transaction.atomic
    def seed(self):
        rng = random.Random(2026)  # noqa: S311 - demo data, not security
        houses = {
            "hgl": SafetyHouse.objects.create(
                name="Zorg- en Veiligheidshuis Haaglanden", code="hgl", region="Haaglanden"
            ),
            "rr": SafetyHouse.objects.create(
                name="Zorg- en Veiligheidshuis Rotterdam-Rijnmond", code="rr", region="Rotterdam-Rijnmond"
            ),
        }
        for code, partners in (("hgl", d.HAAGLANDEN_PARTNERS), ("rr", d.RIJNMOND_PARTNERS)):
            for name, chain in partners:
                org, _ = Organisation.objects.get_or_create(
                    name=name,
                    defaults={
                        "chain": chain,
                        "covenant_signed": True,
                        "covenant_signed_on": timezone.localdate().replace(month=1, day=15),
                    },
                )
                org.safety_houses.add(houses[code])
        users = {}
        for email, first, last, org_name, title, roles, is_staff in d.DEMO_USERS:
            user = User.objects.create_user(
                email,
                d.DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                organisation=Organisation.objects.get(name=org_name),
                job_title=title,
                is_demo_account=True,
                is_staff=is_staff,
            )
            if is_staff:
                from django.contrib.auth.models import Permission

                user.user_permissions.set(Permission.objects.filter(content_type__app_label="accounts"))
            for code, role in roles:
                RoleAssignment.objects.create(user=user, safety_house=houses[code], role=role)
            users[email.split("@")[0]] = user
        # One four-eyes request waiting, so a newcomer sees it under Beheer > Rolaanvragen (only a second
        # functional admin could approve it; beheer@ asked for it and cannot).
        role_actions.grant_role(
            actor=users["beheer"],
            user=users["casusregisseur"],
            safety_house=houses["hgl"],
            role=Role.CHAIR,
            reason="Vervanging van de procesregisseur tijdens verlof.",
        )

        referrers = {
            "hgl": [users["veiligthuis"], users["politie"], users["ggz"], users["casusregisseur"]],
            "rr": [users["veiligthuis.rijnmond"]],
        }
        chairs = {"hgl": users["procesregisseur"], "rr": users["procesregisseur.rijnmond"]}
        professionals = {
            "hgl": [users["veiligthuis"], users["politie"], users["ggz"], users["jeugdbescherming"]],
            "rr": [users["veiligthuis.rijnmond"]],
        }
        experts = {"hgl": [users["reclassering"], users["om"]], "rr": [users["reclassering"]]}
        directors = {
            "hgl": [users["casusregisseur"], users["jeugdbescherming"], users["veiligthuis"]],
            "rr": [users["veiligthuis.rijnmond"]],
        }

        number = 0
        planned = 0
        earlier = None  # a closed case of hgl whose household is referred again (second_case)
        for code, kind, count in PLAN:
            for _ in range(count):
                surname = d.SURNAMES[number % len(d.SURNAMES)]
                number += 1
                house = houses[code]
                case = self.refer(rng, house, surname, rng.choice(referrers[code]))
                self.backdate(
                    case, days=rng.randint(20, 700) if kind not in ("referred", "in_triage") else rng.randint(1, 12)
                )
                if kind == "referred":
                    continue
                chair = chairs[code]
                if kind == "in_triage":
                    actions.prepare_triage(
                        case=case,
                        actor=chair,
                        scheduled_for=timezone.now() + timedelta(days=rng.randint(1, 10)),
                        participants="Procesregisseur, Veilig Thuis, politie, gemeente",
                        preparation="Informatie opvragen bij de betrokken partners.",
                    )
                    continue
                if kind == "declined":
                    actions.decide_triage(
                        case=case,
                        actor=chair,
                        decision=TriageDecision.DECLINE,
                        reasons="Er is al een passend hulpverleningstraject; geen ZVH-aanpak nodig.",
                        clients_informed=True,
                    )
                    continue
                route = Route.REGULAR if kind == "regular" else Route.MDA if kind == "mda" else rng.choice(Route.values)
                actions.decide_triage(
                    case=case,
                    actor=chair,
                    decision=TriageDecision.ACCEPT,
                    route=route,
                    reasons="Langdurig geweld op meerdere leefgebieden; de partners lukt het niet alleen."
                    if route == Route.MDA
                    else "Acute situatie na een incident; kortdurend afstemmen.",
                    clients_informed=True,
                )
                case.refresh_from_db()
                director = rng.choice(directors[code])
                actions.assign_case_director(case=case, director=director, actor=chair)
                for user in rng.sample(professionals[code], k=min(len(professionals[code]), rng.randint(1, 3))):
                    if user != director:
                        actions.add_team_member(case=case, user=user, role=TeamRole.PROFESSIONAL, actor=chair)
                if route == Route.MDA:
                    actions.add_team_member(
                        case=case, user=rng.choice(experts[code]), role=TeamRole.EXPERT, actor=chair
                    )
                self.enrich(rng, case)
                self.govern(rng, case, users)
                if kind == "mda" and code == "hgl" and planned < 3:
                    planned += 1
                    self.plan_conference(case, chair, days=planned)
                if kind in ("closed", "reopened"):
                    actions.close_case(
                        plan=CLOSURE_PLAN,
                        case=case,
                        actor=chair,
                        reason="Het plan is uitgevoerd; de veiligheid is stabiel.",
                    )
                if kind == "closed" and code == "hgl" and earlier is None:
                    earlier = case
                if kind == "reopened":
                    actions.reopen_case(
                        case=case, actor=chair, reason="Nieuw incident na afsluiting; het team pakt het weer op."
                    )
        if earlier is not None:
            # The later case gets a team from outside the earlier one, so logging in as either shows the rule.
            in_earlier = set(earlier.team.values_list("user_id", flat=True))
            fresh = [u for u in directors["hgl"] + professionals["hgl"] if u.pk not in in_earlier]
            director = next((u for u in fresh if u in directors["hgl"]), directors["hgl"][0])
            professional = next((u for u in fresh if u != director), professionals["hgl"][0])
            self.second_case(rng, earlier, chairs["hgl"], referrers["hgl"][0], director, professional)
        plans_demo.seed(users)  # between the meetings: progress, overdue, carried over, plan changes, reviews
        self.emergency(houses["hgl"], [*professionals["hgl"], users["casusregisseur"]], chairs["hgl"])
        self.confidential(houses["hgl"], users["casusregisseur"])
        conference_demo.seed(users)  # a finished MDA++ meeting with its report; its follow-up running now
        my_work_demo.seed(users)  # Mijn werk: actions, bottom lines, conferences to prepare and chair
        clients_demo.seed(users)  # clients at the table: talks (one without parents), own scores, youth part, debrief
        insights_demo.seed(users)  # three held meetings in the past: a trend in the scores, the phase, recurrence
        reminders_demo.seed(houses["hgl"])  # actions due and overdue, a bottom line: reminder mails at start
        escalation_demo.seed(houses["hgl"], users["casusregisseur"], d.DEMO_PASSWORD)
        cases_demo.seed(house=houses["hgl"], users=users, chair=chairs["hgl"])
        privacy_demo.seed(users)  # a disputed note (pending) and a corrected one; a 17-year-old turning 18
        evaluation_demo.seed(houses["hgl"], users)  # evaluations: aggregates with numbers, one still to do
        portal_demo.seed(users)  # client access: the mother's and the young person's own link + code
        documents_demo.seed(users)  # after the coming meeting exists: family wordings (one missing), work phones
        arrangements_demo.seed(users)  # catalogue, an example arrangement, a profile; one mandatory element missing
        imports_demo.seed(houses["hgl"], chairs["hgl"])  # three households from old case files (docs/import.md)
        demo_dossier.seed(houses["hgl"])  # last: attendance, phase decisions, agreements -> /inzicht/dossieranalyse/

    def confidential(self, house, director):
        """At least one recorded confidential address, guarded by the demo case director, so that a newcomer
        sees the guardians' flow (the household page's "Adres tonen", the privacy page's address form)."""
        if ConfidentialAddress.objects.filter(person__household__safety_house=house).exists():
            return
        case = (
            Case.objects.filter(safety_house=house, state=CaseState.ACTIVE, director_assignments__director=director)
            .order_by("pk")
            .first()
        )
        if case is None:
            return
        # The adult who experienced the violence (a shelter address is theirs), else a parent.
        adults = case.household.members.filter(birth_year__lte=timezone.localdate().year - 18)
        parent = (
            adults.filter(incident_involvements__role=IncidentRole.EXPERIENCED).first()
            or adults.filter(relationship=Relationship.PARENT).first()
        )
        if parent is None:
            return
        privacy_actions.set_confidential_address(
            case=case,
            person=parent,
            actor=director,
            guardians=[],
            address="Opvanglocatie (verzonnen), Postbus 0000, 0000 XX",
        )

    def emergency(self, house, candidates, chair):
        """Two uses of emergency access, so that the chair's review list shows something: one a few days ago,
        reviewed; one today, not yet reviewed."""
        grants = []
        for case in Case.objects.filter(safety_house=house, state=CaseState.ACTIVE).order_by("pk"):
            user = next(
                (
                    u
                    for u in candidates
                    if u not in [g.user for g in grants]
                    and policy.may_break_glass(u, case)
                    and policy.case_relation(u, case) is None
                ),
                None,
            )
            if user is None:
                continue
            grants.append(
                privacy_actions.break_glass(
                    case=case,
                    actor=user,
                    reason_code=BreakGlassReason.OUT_OF_HOURS if not grants else BreakGlassReason.CHILD_IN_DANGER,
                    reason="Melding van de politie 's nachts; casusregisseur niet bereikbaar."
                    if not grants
                    else "Kind niet op school verschenen, zorgen om veiligheid; team niet bereikbaar.",
                )
            )
            if len(grants) == 2:
                break
        if grants:
            earlier = grants[0]
            BreakGlassAccess.objects.filter(pk=earlier.pk).update(
                started_at=earlier.started_at - timedelta(days=3), expires_at=earlier.expires_at - timedelta(days=3)
            )
            privacy_actions.review_break_glass(
                grant=earlier,
                verdict=BreakGlassVerdict.JUSTIFIED,
                note="Besproken met de medewerker: terecht, geen andere weg.",
                actor=chair,
            )

    def second_case(self, rng, earlier, chair, referrer, director, professional):
        """The household of a closed case is referred again: a later, active case with its own team. Its
        records (a new baby, an incident) are not shown to the earlier team; the earlier history is shown
        to the later team, labelled with the earlier case (docs/privacy.md, "Households with several cases")."""
        later = actions.submit_referral(
            actor=referrer,
            house=earlier.safety_house,
            household_name=earlier.household.name,
            people=[],
            answers={"summary": "Nieuwe melding na afsluiting: opnieuw geweld, nu met een baby in huis."},
            existing_household=earlier.household,
        )
        actions.decide_triage(
            case=later,
            actor=chair,
            decision=TriageDecision.ACCEPT,
            route=Route.REGULAR,
            reasons="Terugval na afsluiting; kortdurend afstemmen.",
            clients_informed=True,
        )
        later.refresh_from_db()
        actions.assign_case_director(case=later, director=director, actor=chair)
        if professional != director:
            actions.add_team_member(case=later, user=professional, role=TeamRole.PROFESSIONAL, actor=chair)
        members = list(earlier.household.members.all())
        mother = next(m for m in members if m.relationship == Relationship.PARENT)
        father = next(m for m in members if m.relationship in (Relationship.PARTNER, Relationship.EX_PARTNER))
        baby = household_actions.save_record(
            case=later,
            record=Person(
                first_name=rng.choice(d.CHILD_NAMES),
                last_name=mother.last_name,
                birth_year=timezone.localdate().year,
                relationship=Relationship.CHILD,
            ),
            actor=director,
        )
        household_actions.record_incident(
            case=later,
            incident=Incident(
                date=timezone.localdate() - timedelta(days=3),
                violence_types=[ViolenceType.THREAT, ViolenceType.WITNESS],
                description="Vader dreigde moeder terwijl zij de baby vasthield.",
            ),
            involvements=[(father, IncidentRole.USED_VIOLENCE), (mother, IncidentRole.EXPERIENCED)],
            concerns=[mother, father, baby],
            actor=director,
        )

    def refer(self, rng, house, surname, referrer):
        mother, father = rng.sample(d.ADULT_NAMES, 2)
        year = timezone.localdate().year
        people = [
            {
                "first_name": mother,
                "last_name": surname,
                "birth_year": year - rng.randint(26, 48),
                "relationship": Relationship.PARENT,
                "has_confidential_address": rng.random() < 0.15,
            },
            {
                "first_name": father,
                "last_name": rng.choice([surname, rng.choice(d.SURNAMES)]),
                "birth_year": year - rng.randint(28, 52),
                "relationship": rng.choice([Relationship.PARTNER, Relationship.EX_PARTNER]),
                "living_at_home": rng.random() < 0.5,
            },
        ]
        for child in rng.sample(d.CHILD_NAMES, rng.randint(1, 3)):
            people.append(
                {
                    "first_name": child,
                    "last_name": surname,
                    "birth_year": year - rng.randint(1, 17),
                    "relationship": rng.choice([Relationship.CHILD, Relationship.CHILD, Relationship.CHILD_EARLIER]),
                }
            )
        answers = {
            "summary": rng.choice(d.SUMMARIES),
            "needs": "Eén plan met alle betrokken partners en een vaste casusregisseur.",
            "risk_factors": rng.sample(RiskFactor.values, rng.randint(1, 4)),
            "clients_view": "Moeder zegt dat het thuis niet meer gaat; vader vindt dat het meevalt.",
            "clients_wishes": "Rust in huis en hulp bij de schulden.",
            "clients_informed": rng.choice(ClientsInformed.values),
        }
        return actions.submit_referral(
            actor=referrer,
            house=house,
            household_name=f"Gezin {surname}",
            postcode_area=str(rng.randint(2490, 2599)),
            people=people,
            answers=answers,
        )

    def backdate(self, case, days):
        when = timezone.now() - timedelta(days=days)
        Case.objects.filter(pk=case.pk).update(opened_at=when)
        case.referral.__class__.objects.filter(pk=case.referral.pk).update(submitted_at=when)
        case.state_changes.update(changed_at=when)

    def enrich(self, rng, case):
        household = case.household
        members = list(household.members.all())
        author = case.director_assignments.first().director
        adults = [
            m for m in members if m.relationship in (Relationship.PARENT, Relationship.PARTNER, Relationship.EX_PARTNER)
        ]
        children = [m for m in members if m not in adults]
        for n in range(rng.randint(1, 4)):
            incident = Incident(
                date=timezone.localdate() - timedelta(days=rng.randint(10, 1500)),
                violence_types=rng.sample(
                    [ViolenceType.PHYSICAL, ViolenceType.EMOTIONAL, ViolenceType.THREAT, ViolenceType.STALKING],
                    rng.randint(1, 2),
                )
                + ([ViolenceType.WITNESS] if children else []),
                description=[
                    "Ruzie escaleerde, politie ter plaatse.",
                    "Bedreiging via berichten.",
                    "Duwen en slaan in bijzijn van de kinderen.",
                    "Melding van buren.",
                ][n % 4],
            )
            involvements = [(adults[1], IncidentRole.USED_VIOLENCE), (adults[0], IncidentRole.EXPERIENCED)]
            involvements += [(c, IncidentRole.WITNESSED) for c in children]
            household_actions.record_incident(case=case, incident=incident, involvements=involvements, actor=author)
        for domain in rng.sample(LifeDomain.values, rng.randint(4, 9)):
            # Medical / mental-health domains cannot rest on the covenant alone: they need consent.
            health = domain in HEALTH_DOMAINS
            household_actions.save_record(
                case=case,
                actor=author,
                concerns=[adults[0]] if health else None,
                record=LifeDomainAssessment(
                    domain=domain,
                    concern=rng.choice([Concern.SOME, Concern.SERIOUS, Concern.NONE]),
                    note="Besproken in het weegoverleg.",
                    basis=Basis.CONSENT if health else Basis.COVENANT,
                    consent_purpose=ConsentPurpose.HEALTH_INFORMATION if health else ConsentPurpose.CASE_CONFERENCE,
                ),
            )
        for text in rng.sample(d.STRENGTHS, 2):
            household_actions.save_record(case=case, actor=author, record=Strength(description=text))
        org = rng.choice(list(case.safety_house.partners.all()))
        household_actions.save_record(
            case=case,
            actor=author,
            record=InvolvedService(
                organisation=org,
                since=timezone.localdate() - timedelta(days=rng.randint(30, 900)),
                aim="Begeleiding van het gezin",
            ),
        )
        if rng.random() < 0.6:
            kind = rng.choice(
                [
                    MeasureKind.RESTRAINING_ORDER,
                    MeasureKind.CONTACT_BAN,
                    MeasureKind.SUPERVISION_ORDER,
                    MeasureKind.PROBATION_SUPERVISION,
                ]
            )
            start = timezone.localdate() - timedelta(days=rng.randint(5, 200))
            household_actions.save_record(
                case=case,
                actor=author,
                record=LegalMeasure(
                    person=adults[1] if kind != MeasureKind.SUPERVISION_ORDER or not children else children[0],
                    category=MEASURE_CATEGORY[kind],
                    kind=kind,
                    starts_on=start,
                    ends_on=start + timedelta(days=rng.choice([10, 180, 365])),
                    review_on=start + timedelta(days=rng.choice([60, 90])),
                ),
            )
        if rng.random() < 0.4:
            household_actions.save_record(
                case=case,
                actor=author,
                record=OtherTableDiscussion(table=rng.choice(OtherTable.values), note="Afstemming over de strafzaak."),
            )

    def govern(self, rng, case, users):
        """Privacy in practice: a consent registry, a police note only the police can read, a mental-health
        note shared with consent, and now and then a confidential address."""
        members = list(case.household.members.all())
        parent = members[0]
        ggz, politie = users["ggz"], users["politie"]
        in_team = {m.user_id for m in case.team.all()}
        consent = privacy_actions.record_consent(
            case=case,
            person=parent,
            organisation=ggz.organisation,
            purpose=ConsentPurpose.HEALTH_INFORMATION,
            form=ConsentForm.WRITTEN,
            actor=case.director_assignments.first().director,
        )
        if ggz.pk in in_team:
            actions.add_note(
                case=case,
                actor=ggz,
                concerns=[parent],
                note=CaseNote(
                    text="Moeder is in behandeling voor angstklachten; zij komt trouw naar de afspraken.",
                    basis=Basis.CONSENT,
                    consent_purpose=ConsentPurpose.HEALTH_INFORMATION,
                    is_health_information=True,
                ),
            )
            if rng.random() < 0.3:
                privacy_actions.withdraw_consent(
                    case=case, consent=consent, actor=case.director_assignments.first().director
                )
        if politie.pk in in_team:
            actions.add_note(
                case=case,
                actor=politie,
                concerns=[members[1]],
                note=CaseNote(
                    text="Er loopt een onderzoek; details kunnen nog niet gedeeld worden.",
                    visibility=Visibility.SOURCE_ONLY,
                ),
            )
        self.attach(case, users, in_team, members)
        if parent.has_confidential_address:
            director = case.director_assignments.first().director
            privacy_actions.set_confidential_address(
                case=case,
                person=parent,
                actor=director,
                guardians=[],
                address="Opvanglocatie (verzonnen), Postbus 0000, 0000 XX",
            )

    def attach(self, case, users, in_team, members):
        """Files as a team has them: Veilig Thuis's report for the team, and a police report only the police
        may open (the others see "information available — contact Politie")."""
        from django.core.files.uploadedfile import SimpleUploadedFile

        veiligthuis, politie = users["veiligthuis"], users["politie"]
        if veiligthuis.pk in in_team:
            content = d.demo_pdf(
                "Veilig Thuis - samenvatting onderzoek (demo)",
                [
                    f"Huishouden: {case.household.name}",
                    "Zorgen: spanningen tussen de ouders, kinderen zien ruzies.",
                    "Advies: MDA++ met de ouders aan tafel.",
                    "Dit is verzonnen demodata.",
                ],
            )
            actions.add_attachment(
                case=case,
                actor=veiligthuis,
                concerns=members[:2],
                attachment=Attachment(title="Samenvatting onderzoek Veilig Thuis"),
                upload=SimpleUploadedFile("samenvatting-onderzoek.pdf", content),
            )
        if politie.pk in in_team:
            content = d.demo_pdf("Politie - mutatie (demo)", ["Lopend onderzoek; niet delen.", "Verzonnen demodata."])
            actions.add_attachment(
                case=case,
                actor=politie,
                concerns=members[:1],
                attachment=Attachment(title="Mutatie politie", visibility=Visibility.SOURCE_ONLY),
                upload=SimpleUploadedFile("mutatie.pdf", content),
            )

    def plan_conference(self, case, chair, days):
        """A planned MDA++ conference on phase 1, with the team invited, so the demo can run one."""
        from django.core.exceptions import ValidationError

        from ineen.conferences import schedule
        from ineen.conferences.enums import ConferenceKind
        from ineen.guide.enums import Phase

        when = (timezone.now() + timedelta(days=days)).replace(hour=10, minute=0, second=0, microsecond=0)
        fields = {
            "case": case,
            "actor": chair,
            "kind": ConferenceKind.MDA,
            "phase": Phase.IMMEDIATE_SAFETY,
            "goal": "Samen zicht krijgen op de zorgen over de directe veiligheid en een veiligheidsplan maken.",
            "starts_at": when,
            "location": "Zorg- en Veiligheidshuis, spreekkamer 2",
        }
        try:
            conference = schedule.schedule(**fields)
        except ValidationError:
            # Stalking between the parents: they are not at the same table; the case director speaks
            # with the parent who used violence separately.
            other = case.household.members.order_by("pk")[1]
            conference = schedule.schedule(
                **fields,
                not_invited={other: "Er speelt stalking; deze ouder wordt apart gesproken door de casusregisseur."},
            )
        part = conference.parts.first()
        for membership in schedule.active_team(case).select_related("user"):
            schedule.invite_user(
                conference=conference,
                actor=chair,
                part=part,
                user=membership.user,
                reason="Betrokken bij het gezin; kent de actuele situatie.",
            )

    def print_accounts(self):
        # Where ./run demo serves: the run script derives INEEN_BASE_URL from INEEN_ADDR (e-mails link there too).
        base_url = settings.INEEN_BASE_URL.rstrip("/")
        self.stdout.write(f"\nIneen demo — log in at {base_url}/accounts/login/")
        self.stdout.write(f"Every demo account uses the password: {d.DEMO_PASSWORD}")
        self.stdout.write("(Demo mode: these accounts may skip two-step verification; real accounts never can.)")
        self.stdout.write(
            "To see the one-time enrolment code that real accounts need before their first second factor, create\n"
            "an account without the demo flag in /beheer/ and run:\n"
            "  python manage.py issue_enrolment_code --email <address> --print\n"
        )
        for email, first, last, org, _title, roles, _ in d.DEMO_USERS:
            role_text = ", ".join(f"{role.label} ({code.upper()})" for code, role in roles)
            self.stdout.write(f"  {email:42} {first} {last} — {org}: {role_text}")
        clients = portal_demo.printable()
        if clients:
            self.stdout.write("\nHousehold members' own access (link + code, issue 11 point 5; demo only):")
            for line in clients:
                self.stdout.write(line)
        self.stdout.write("")
