"""Canary crawl: unique markers in every restricted field; every role fetches every page.

Setup (through the domain actions, with on-commit e-mails executed and captured):
- case A (house hgl, the cast's case) with extra team members: a police officer ("agent"), a mental-health
  professional ("ggz"), a guardian of a confidential address and a plain team member ("teammate");
  a police colleague outside the team; restricted items of every governed model with markers;
- case B (hgl) whose team membership of `member` ended; `member` referred it;
- case C in ANOTHER safety house (rr) with markers in the household name, a person's name and a note.

Then every role fetches every GET page of our own apps (every URL pattern whose view lives in `ineen.*`,
path parameters filled with every relevant object id), case-list searches for every marker and household,
the htmx partial, error pages. SPEC says per marker who may see it (and on which routes); the test fails
on any marker seen elsewhere, and on any marker that no allowed user sees (so the crawl really looks).
"""

import itertools
import uuid
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from ineen.accounts.enums import Chain, Role
from ineen.cases import actions
from ineen.cases.enums import TeamRole, TriageDecision
from ineen.cases.models import Attachment, CaseNote, Referral
from ineen.households import actions as household_actions
from ineen.households.enums import IncidentRole, LifeDomain, MeasureCategory, MeasureKind, Relationship
from ineen.households.models import Incident, LegalMeasure, LifeDomainAssessment, Strength
from ineen.privacy import actions as privacy_actions
from ineen.privacy.enums import Basis, ConsentForm, ConsentPurpose, Visibility
from tests.factories import OrganisationFactory, active_case, make_user, refer
from tests.support.reauth import reauthenticated
from tests.web.conftest import referral_data

# Who has an active relation to case A (chair of hgl or active team member).
A_ACCESS = {"chair", "director", "member", "expert", "agent", "ggz", "guardian", "teammate"}
# Pages made for a client (handed to a household member): only "may be shown to the client" items about them.
CLIENT_VIEWS = {"conferences:client_report"}
IDS = {}  # filled by build_world: ids the rules below need (the parent's person id)


def anywhere(route, url):
    return True


def staff_pages(route, url):
    return route not in CLIENT_VIEWS


def staff_pages_but_exports(route, url):
    """Notes of a closed part of a conference: never in what a client sees, nor in an export."""
    return route not in CLIENT_VIEWS and route != "privacy:subject_export"


def staff_pages_or_parents_client_view(route, url):
    return route not in CLIENT_VIEWS or IDS["parent"] in url


def only(*routes):
    return lambda route, url: route in routes


@dataclass
class Marker:
    kind: str
    rules: list  # [(set of user keys, where(route name, url) -> bool)]
    must_show: bool = True  # False for fields that no page renders (still must never leak)
    text: str = field(default="")

    def __post_init__(self):
        self.text = f"CANARY-{self.kind}-{uuid.uuid4().hex}"

    def allowed(self, who, route, url=""):
        return any(who in users and where(route, url) for users, where in self.rules)


def spec():
    """Per marker: who may see it, where. Written from the brief, not from the policy code."""
    m = {}
    for kind, rules, *show in [
        # Police, source only: only police users with access to the case (the police colleague has none).
        ("police-source-note", [({"agent"}, staff_pages)]),
        ("police-legal-reason", [({"agent"}, staff_pages)], False),
        ("police-strength", [({"agent"}, staff_pages)]),
        # Consent-based mental-health information whose consent was withdrawn: only the source (ggz).
        ("ggz-withdrawn-note", [({"ggz"}, staff_pages)]),
        ("ggz-withdrawn-domain", [({"ggz"}, staff_pages)]),
        # Consent-based, consent holds: everyone with access to the case.
        ("ggz-consented-note", [(A_ACCESS, staff_pages)]),
        # Named organisations: the source (member) and the one named organisation (the expert's).
        ("named-note", [({"member", "expert"}, staff_pages)]),
        ("named-measure", [({"member", "expert"}, staff_pages)], False),
        ("incident-team", [(A_ACCESS, staff_pages)]),
        # "May be shown to the client it concerns" (the parent): also in the parent's own client view.
        ("incident-client", [(A_ACCESS, staff_pages_or_parents_client_view)]),
        ("incident-named", [({"member", "expert"}, staff_pages)]),
        ("incident-source", [({"member"}, staff_pages)]),
        # Attachments: titles on the case pages, contents only in the download; same item rules as notes.
        ("police-file-title", [({"agent"}, staff_pages)]),
        ("police-file-content", [({"agent"}, only("web:attachment_download"))]),
        ("ggz-withdrawn-file-title", [({"ggz"}, staff_pages)]),
        ("ggz-withdrawn-file-content", [({"ggz"}, only("web:attachment_download"))]),
        ("team-file-content", [(A_ACCESS, only("web:attachment_download"))]),
        # The whereabouts: only the one guardian, only on the reveal page.
        ("address", [({"guardian"}, only("privacy:address_reveal"))]),
        # A conference of case A: a police contribution (source only), a note shared with the expert's
        # organisation only, and a team-visible note of the closed part.
        ("conf-police-contribution", [({"agent"}, staff_pages)], False),
        ("conf-named-note", [({"member", "expert"}, staff_pages)]),
        ("conf-closed-note", [(A_ACCESS, staff_pages_but_exports)]),
        # Case B: chair and its director; `member` (membership ended) only on the status of their referral.
        ("household-b", [({"chair", "director"}, staff_pages), ({"member"}, only("web:referral_detail"))]),
        ("note-b", [({"chair", "director"}, staff_pages)]),
        # Case C in another safety house: only its chair.
        ("household-c", [({"other_chair"}, staff_pages)]),
        ("person-c", [({"other_chair"}, staff_pages)]),
        ("note-c", [({"other_chair"}, staff_pages)]),
    ]:
        m[kind] = Marker(kind, rules, *show)
    return m


def add_conference(case, chair, m, agent, member, expert, parent):
    """A planned conference of case A with a closed and an open part, with markers in its content."""
    from ineen.conferences.enums import ConferenceKind, ContributionKind, PartKind
    from ineen.conferences.models import Conference, ConferenceNote, ConferencePart, Contribution, Invitation
    from ineen.guide.enums import Phase, Step
    from ineen.guide.models import GuideVersion

    conference = Conference.objects.create(
        case=case,
        kind=ConferenceKind.MDA,
        phase=Phase.IMMEDIATE_SAFETY,
        goal="Zicht op veiligheid.",
        starts_at=timezone.now(),
        guide_version=GuideVersion.objects.get(is_current=True),
        chair=chair,
    )
    closed = ConferencePart.objects.create(conference=conference, kind=PartKind.CLOSED, order=1)
    open_part = ConferencePart.objects.create(conference=conference, kind=PartKind.OPEN, order=2)
    for user, part in [(agent, closed), (member, open_part), (expert, open_part)]:
        Invitation.objects.create(conference=conference, part=part, user=user, reason="Betrokken.")
    Invitation.objects.create(conference=conference, part=open_part, person=parent, reason="Cliënt.")
    Contribution.objects.create(
        conference=conference,
        kind=ContributionKind.WORRY,
        author=agent,
        text=m["conf-police-contribution"].text,
        source_organisation=agent.organisation,
        visibility=Visibility.SOURCE_ONLY,
    ).concerns.set([parent])
    named = ConferenceNote.objects.create(
        conference=conference,
        part=open_part,
        step=Step.PICTURE,
        author=member,
        text=m["conf-named-note"].text,
        source_organisation=member.organisation,
        visibility=Visibility.NAMED_ORGANISATIONS,
    )
    named.shared_with.set([expert.organisation])
    named.concerns.set([parent])
    ConferenceNote.objects.create(
        conference=conference,
        part=closed,
        step=Step.PICTURE,
        author=member,
        text=m["conf-closed-note"].text,
        source_organisation=member.organisation,
    ).concerns.set([parent])
    return conference


def note(case, by, text, **governance):
    concerns = governance.pop("concerns", [])
    shared_with = governance.pop("shared_with", [])
    return actions.add_note(
        case=case, actor=by, note=CaseNote(text=text, **governance), concerns=concerns, shared_with=shared_with
    )


def build_world(cast, m):
    """Everything the crawl looks at. Returns (users by key, objects for the path parameters)."""
    house, chair, today = cast.house, cast.chair, timezone.localdate()
    police = OrganisationFactory(name="Politie eenheid Den Haag (test)", chain=Chain.CRIMINAL, houses=[house])
    ggz_org = OrganisationFactory(name="GGZ Delfland (test)", houses=[house])
    agent = make_user(house, Role.PROFESSIONAL, organisation=police, email="agent@test.example")
    colleague = make_user(house, Role.PROFESSIONAL, organisation=police, email="agent2@test.example")
    ggz = make_user(house, Role.PROFESSIONAL, organisation=ggz_org, email="ggz@test.example")
    guardian = make_user(house, Role.PROFESSIONAL, email="guardian@test.example")
    teammate = make_user(house, Role.PROFESSIONAL, email="teammate@test.example")
    case = cast.case
    for user in (agent, ggz, guardian, teammate):
        actions.add_team_member(case=case, user=user, role=TeamRole.PROFESSIONAL, actor=chair)
    parent, child = list(case.household.members.order_by("birth_year"))[:2]

    # Police: source-only note, a source-only note on a legal-duty basis with its reason, a source-only strength.
    note(case, agent, m["police-source-note"].text, visibility=Visibility.SOURCE_ONLY)
    note(
        case,
        agent,
        "Lopend onderzoek.",
        visibility=Visibility.SOURCE_ONLY,
        basis=Basis.LEGAL_DUTY,
        basis_reason=m["police-legal-reason"].text,
    )
    household_actions.save_record(
        case=case,
        actor=agent,
        concerns=[parent],
        record=Strength(description=m["police-strength"].text, visibility=Visibility.SOURCE_ONLY),
    )

    # Mental health on consent: withdrawn for the parent, holding for the child.
    health = {"basis": Basis.CONSENT, "consent_purpose": ConsentPurpose.HEALTH_INFORMATION}
    note(case, ggz, m["ggz-withdrawn-note"].text, is_health_information=True, concerns=[parent], **health)
    household_actions.save_record(
        case=case,
        actor=ggz,
        concerns=[parent],
        record=LifeDomainAssessment(
            domain=LifeDomain.MENTAL_HEALTH, person=parent, note=m["ggz-withdrawn-domain"].text, **health
        ),
    )
    note(case, ggz, m["ggz-consented-note"].text, is_health_information=True, concerns=[child], **health)
    consent = {
        "case": case,
        "organisation": ggz_org,
        "purpose": ConsentPurpose.HEALTH_INFORMATION,
        "form": ConsentForm.WRITTEN,
        "actor": cast.director,
    }
    withdrawn = privacy_actions.record_consent(person=parent, **consent)
    privacy_actions.withdraw_consent(case=case, consent=withdrawn, actor=cast.director)
    privacy_actions.record_consent(person=child, **consent)

    # Named organisations: shared only with the expert's organisation.
    named = {"visibility": Visibility.NAMED_ORGANISATIONS, "shared_with": [cast.expert.organisation]}
    note(case, cast.member, m["named-note"].text, **named)
    household_actions.save_record(
        case=case,
        actor=cast.member,
        record=LegalMeasure(
            person=parent,
            category=MeasureCategory.CIVIL,
            kind=MeasureKind.CONTACT_BAN,
            note=m["named-measure"].text,
            visibility=Visibility.NAMED_ORGANISATIONS,
        ),
        shared_with=[cast.expert.organisation],
        concerns=[parent],
    )

    # Incidents with each visibility.
    for kind, visibility in [
        ("incident-team", Visibility.TEAM),
        ("incident-client", Visibility.CLIENT_SHAREABLE),
        ("incident-named", Visibility.NAMED_ORGANISATIONS),
        ("incident-source", Visibility.SOURCE_ONLY),
    ]:
        household_actions.record_incident(
            case=case,
            actor=cast.member,
            involvements=[(parent, IncidentRole.EXPERIENCED)],
            shared_with=[cast.expert.organisation] if visibility == Visibility.NAMED_ORGANISATIONS else None,
            incident=Incident(date=today, violence_types=["physical"], description=m[kind].text, visibility=visibility),
        )

    # Attachments: a police file (source only), a mental-health file whose consent was withdrawn, a team file.
    for by, title, content, governance in [
        (agent, m["police-file-title"].text, m["police-file-content"].text, {"visibility": Visibility.SOURCE_ONLY}),
        (
            ggz,
            m["ggz-withdrawn-file-title"].text,
            m["ggz-withdrawn-file-content"].text,
            {**health, "is_health_information": True, "concerns": [parent]},
        ),
        (cast.member, "Veiligheidsplan school", m["team-file-content"].text, {}),
    ]:
        concerns = governance.pop("concerns", [])
        actions.add_attachment(
            case=case,
            attachment=Attachment(title=title, **governance),
            actor=by,
            upload=SimpleUploadedFile("verslag.txt", content.encode()),
            concerns=concerns,
        )

    # The confidential address, with one guardian (the recorder is always a guardian).
    privacy_actions.set_confidential_address(
        case=case, person=parent, address=m["address"].text, guardians=[], actor=guardian
    )

    IDS["parent"] = str(parent.public_id)
    add_conference(case, chair, m, agent, cast.member, cast.expert, parent)

    # Case B (hgl): member referred it and was in its team; the membership ended.
    case_b = active_case(
        chair, cast.member, cast.director, members=[(cast.member, TeamRole.PROFESSIONAL)], name=m["household-b"].text
    )
    actions.end_team_membership(membership=case_b.team.get(user=cast.member), actor=chair)
    note(case_b, cast.director, m["note-b"].text)

    # Case C in another safety house.
    rr_director = make_user(cast.other_house, Role.CASE_DIRECTOR, email="rrdirector@test.example")
    case_c = refer(
        rr_director,
        cast.other_house,
        name=m["household-c"].text,
        people=[
            {
                "first_name": "Anna",
                "last_name": m["person-c"].text,
                "birth_year": 1985,
                "relationship": Relationship.PARENT,
            },
            {"first_name": "Bram", "last_name": "Test", "birth_year": 2015, "relationship": Relationship.CHILD},
        ],
    )
    actions.decide_triage(
        case=case_c, actor=cast.other_chair, decision=TriageDecision.ACCEPT, route="mda", reasons="Nodig."
    )
    case_c.refresh_from_db()
    actions.assign_case_director(case=case_c, director=rr_director, actor=cast.other_chair)
    note(case_c, rr_director, m["note-c"].text)

    users = {
        key: getattr(cast, key)
        for key in [
            "chair",
            "director",
            "member",
            "expert",
            "outsider",
            "former",
            "manager",
            "admin",
            "researcher",
            "other_chair",
        ]
    }
    users.update(agent=agent, police_colleague=colleague, ggz=ggz, guardian=guardian, teammate=teammate, anonymous=None)
    # Last, so that the audit log they read holds the events of everyone's crawl.
    users.update(
        privacy_officer=make_user(house, Role.PRIVACY_OFFICER, email="privacy@test.example"),
        log_manager=make_user(house, Role.LOG_MANAGER, email="logs@test.example"),
    )
    return users, [case, case_b, case_c]


# --- the crawl ------------------------------------------------------------------------------


def own_routes():
    """(route name, route, parameter converters) for every URL pattern whose view is ours (ineen.*)."""
    found = []

    def walk(patterns, namespace, prefix, converters):
        for entry in patterns:
            conv = {**converters, **getattr(entry.pattern, "converters", {})}
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                ns = ":".join(filter(None, [namespace, entry.namespace]))
                walk(entry.url_patterns, ns, route, conv)
            elif isinstance(entry, URLPattern) and entry.name:
                module = getattr(entry.callback, "__module__", "") or ""
                if module.startswith("ineen."):
                    name = f"{namespace}:{entry.name}" if namespace else entry.name
                    found.append((name, route, conv))

    walk(get_resolver().url_patterns, "", "", {})
    return sorted(found)


def _ids_hanging_off(case):
    """public_ids of every object with a `case` foreign key to this case (plan actions, conferences, ...)."""
    from django.apps import apps

    ids = []
    for model in apps.get_models():
        fields = {f.name: f for f in model._meta.get_fields()}
        case_fk = fields.get("case")
        ours = model.__module__.startswith("ineen.") and model._meta.app_label != "audit"  # not history copies
        if ours and "public_id" in fields and getattr(case_fk, "related_model", None) is type(case):
            ids += [str(v) for v in model.objects.filter(case=case).values_list("public_id", flat=True)]
    return ids


class Pools:
    """Values for path parameters. The first parameter (public_id) by the route's prefix: case ids under
    casussen/, referral ids under aanmeldingen/, conference ids under overleggen/, everything elsewhere;
    always plus one id of another kind and an unknown id. Under a case or conference: its own objects,
    one object of another case and an unknown id (all `kind` slugs for the main case)."""

    KINDS = ["gezinslid", "leefgebied", "incident", "krachtbron", "hulpverlening", "maatregel", "overleg", "onbekend"]

    def __init__(self, cases):
        from ineen.conferences.models import Conference

        self.main = str(cases[0].public_id)
        self.cases = {str(c.public_id): c for c in cases}
        self.unknown = str(uuid.uuid4())
        self.referrals = [str(r.public_id) for r in Referral.objects.filter(case__in=cases)]
        self.per_head = {
            key: {
                "person_id": [str(p.public_id) for p in c.household.members.all()],
                "consent_id": [str(x.public_id) for p in c.household.members.all() for x in p.consents.all()],
                "membership_id": [str(t.public_id) for t in c.team.all()],
                "*": _ids_hanging_off(c),
            }
            for key, c in self.cases.items()
        }
        self.conferences = []
        for conference in Conference.objects.filter(case__in=cases).select_related("case"):
            key = str(conference.public_id)
            self.conferences.append(key)
            self.per_head[key] = {
                "person_id": self.per_head[str(conference.case.public_id)]["person_id"],
                "invitation_id": [str(i.public_id) for i in conference.invitations.all()],
                "note_id": [str(n.public_id) for n in conference.notes.all()],
                "item_id": [str(c.public_id) for c in conference.contributions.all()],
            }

    def heads(self, route):
        one_case = [self.main]
        if route.startswith("casussen/"):
            return [*self.cases, self.referrals[0], self.unknown]
        if route.startswith("aanmeldingen/"):
            return [*self.referrals, *one_case, self.unknown]
        if route.startswith("overleggen/"):
            return [*self.conferences, *one_case, self.unknown]
        return [*self.cases, *self.referrals, *self.conferences, self.unknown]

    def values(self, name, converter, head):
        if name == "kind":
            return self.KINDS if head == self.main else [self.KINDS[0], self.KINDS[-1]]
        kind = type(converter).__name__
        if kind == "UUIDConverter":
            if head not in self.per_head:
                return [self.unknown]
            pools = self.per_head[head]
            own = pools.get(name)
            if own is None:  # a parameter we do not know: every id that belongs to this head
                own = sorted({v for values in pools.values() for v in values})
            foreign = [
                v for key, pool in self.per_head.items() if key != head for v in pool.get(name, []) if v not in own
            ][:1]
            return [*own, *foreign, self.unknown]
        if kind == "IntConverter":
            return ["1", "999999"]
        if kind == "TokenConverter":  # a client's link (ineen/portal): an unknown one shows only the code form
            return ["A" * 43]
        return ["x"]

    def urls(self, name, route, converters):
        names = list(converters)
        if not names:
            return [reverse(name)]
        heads = self.heads(route) if names[0] == "public_id" else self.values(names[0], converters[names[0]], None)
        urls = []
        for head in heads:
            rest = [self.values(n, converters[n], head if names[0] == "public_id" else None) for n in names[1:]]
            for tail in itertools.product(*rest):
                urls.append(reverse(name, kwargs=dict(zip(names, [head, *tail], strict=True))))
        return urls


def query_variants(name, cases):
    """Query strings that make a page show something else: export formats, houses, filters."""
    houses = sorted({c.safety_house.code for c in cases})
    variants = {
        "privacy:subject_export": ["?formaat=csv"],  # json is the default
        "privacy:research_export": [f"?huis={code}" for code in houses],
        "audit:event_list": [f"?huis={code}" for code in houses]
        + [f"?huishouden={c.household.public_id}" for c in cases]
        + ["?uitkomst=denied", "?pagina=2"],
        "web:case_list": ["?status=active&route=mda&pagina=2"],
    }
    return [""] + variants.get(name, [])


def client_for(user):
    from allauth.mfa.models import Authenticator

    client = Client()
    if user is not None:
        Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}})
        client.force_login(user)
        reauthenticated(client, user)  # as just after a fresh login: re-authentication pages open
    return client


def scan(response):
    """Everything of a response a browser would show or follow."""
    parts = [response.get("Location", "")]
    if not getattr(response, "streaming", False):
        parts.append(response.content.decode("utf-8", "replace"))
    else:
        parts.append(b"".join(response.streaming_content).decode("utf-8", "replace"))
    return "\n".join(parts)


@pytest.fixture
def world(cast, mailoutbox, django_capture_on_commit_callbacks):
    markers = spec()
    with django_capture_on_commit_callbacks(execute=True):
        users, cases = build_world(cast, markers)
    return markers, users, cases, mailoutbox


def test_canary_crawl_no_marker_where_it_may_not_be_seen(world, capsys):
    markers, users, cases, outbox = world
    pools = Pools(cases)
    routes = own_routes()
    assert {"web:case_detail", "privacy:address_reveal", "web:dashboard"} <= {name for name, _, _ in routes}
    # Search by the random part of each marker (the page echoes the query; a full marker is a leak) and by
    # the names in the households.
    searches = [m.text[-32:] for m in markers.values()] + ["Gezin Test", "Anna", "Bram", "Test", "CANARY"]
    leaks, seen, fetched, statuses = [], {}, 0, {}

    def check(who, route, url, text):
        for marker in markers.values():
            if marker.text in text:
                seen.setdefault(marker.kind, set()).add((who, route, url))
                if not marker.allowed(who, route, url):
                    leaks.append(f"{marker.kind} seen by {who} at {url} ({route})")

    for who, user in users.items():
        client = client_for(user)
        pages = [
            (name, url + query)
            for name, route, conv in routes
            for url in pools.urls(name, route, conv)
            for query in query_variants(name, cases)
        ]
        pages += [("web:case_list", reverse("web:case_list") + f"?q={q}") for q in searches]
        pages += [("404", f"/bestaat-niet/{uuid.uuid4()}/"), ("404", f"/casussen/{uuid.uuid4()}/")]
        for route, url in pages:
            response = client.get(url)
            fetched += 1
            if user is not None and response.status_code == 302 and "reauthenticate" in response["Location"]:
                # Follow the re-authentication step as the user would: a fresh password entry.
                response = reauthenticated(client, user).get(url)
                fetched += 1
            statuses.setdefault((who, route), set()).add(response.status_code)
            assert response.status_code < 500, f"{who} {url}: {response.status_code}"
            check(who, route, url, scan(response))
        # The duplicate check of a new referral is a search too: names of households A and B (case C's
        # names hold a marker and the form would echo it). Rolled back: no new referral stays behind.
        for code in sorted({c.safety_house.code for c in cases}):
            house = next(c.safety_house for c in cases if c.safety_house.code == code)
            data = referral_data(
                house,
                people=[
                    {"first_name": "Anna", "last_name": "Test", "birth_year": "1985", "relationship": "parent"},
                    {"first_name": "Bram", "last_name": "", "birth_year": "", "relationship": "child"},
                ],
            )
            with transaction.atomic():
                response = client.post(reverse("web:referral_new"), data)
                transaction.set_rollback(True)
            fetched += 1
            assert response.status_code < 500
            check(who, "web:referral_new", f"POST referral {code}", scan(response))
        for q in searches[-5:] + [markers["household-b"].text[-32:], markers["household-c"].text[-32:]]:  # htmx
            response = client.get(reverse("web:case_list"), {"q": q}, headers={"HX-Request": "true"})
            fetched += 1
            check(who, "web:case_list", f"htmx ?q={q}", scan(response))

    # E-mails sent during the setup (and the crawl) never carry a marker.
    assert outbox, "the setup sends notifications; none captured"
    for mail in outbox:
        text = "\n".join([mail.subject, mail.body, *mail.to, *(a[0] for a in getattr(mail, "alternatives", []))])
        for marker in markers.values():
            if marker.text in text:
                leaks.append(f"{marker.kind} in e-mail {mail.subject!r} to {mail.to}")

    # The crawl really looked: the case page opened for the team and stayed closed to the rest.
    assert statuses[("chair", "web:case_detail")] >= {200}
    assert 200 not in statuses[("outsider", "web:case_detail")] | statuses[("police_colleague", "web:case_detail")]
    assert 200 in statuses[("guardian", "privacy:address_reveal")]
    assert ("chair", "privacy:subject_export") in {s[:2] for s in seen["incident-team"]}, "export not fetched"
    assert ("chair", "web:referral_new") in {s[:2] for s in seen["household-b"]}, "duplicate check found nothing"
    if "conferences:client_report" in {name for name, _, _ in routes}:  # the client view really shows content
        assert "conferences:client_report" in {s[1] for s in seen["incident-client"]}, "client view not fetched"
    unseen = [
        m.kind
        for m in markers.values()
        if m.must_show and not any(m.allowed(who, route, url) for who, route, url in seen.get(m.kind, ()))
    ]
    shown = sorted(m.kind for m in markers.values() if not m.must_show and m.kind in seen)
    with capsys.disabled():
        print(
            f"\ncanary crawl: {len(users)} users, {len(routes)} routes, {fetched} pages fetched, "
            f"{len(outbox)} e-mails, {len(markers)} markers, leaks = {len(leaks)}"
            + (f" (also seen where allowed: {', '.join(shown)})" if shown else "")
        )
    assert leaks == [], "\n".join(leaks)
    assert unseen == [], f"markers no allowed user saw (the crawl would not notice a leak): {unseen}"
