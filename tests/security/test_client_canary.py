"""Client canary (issue 11, point 11): unique markers in every field a household member must never see;
every member with their own access signs in through the real code page and opens every client page
(discovered from the URL resolver, plus every /mijn/ link those pages show), and the chair and the case
director open every printable client document and the client report for every member. 0 markers may
reach the wrong reader, and the markers a reader may see must show up somewhere (so the crawl looks).

The household: Anna (mother, victim, in a shelter under a confidential address), Dirk (father, a contact
ban, kept apart from the next meeting) and Bram (a young person, heard on his own in a youth part).
Another household in the same safety house carries markers in its names and a note.

A page's reader: on /mijn/ the signed-in member; on a print page or client report the member in the URL.
"""

import datetime
import re
import uuid
from dataclasses import dataclass, field
from html import unescape

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import formats, timezone, translation

from ineen.cases import actions as case_actions
from ineen.cases.models import Attachment, CaseDirectorAssignment, CaseNote
from ineen.conferences import documents
from ineen.conferences.enums import Attendance, ConferenceKind, ConferenceState, PartKind
from ineen.conferences.models import (
    Conference,
    ConferenceNote,
    ConferencePart,
    Contribution,
    Invitation,
    OwnGuide,
    PreparationTalk,
    ScalingScore,
    SelfRating,
)
from ineen.guide.enums import Phase, Scale
from ineen.guide.models import GuideVersion
from ineen.households.enums import IncidentRole, LifeDomain, MeasureCategory, MeasureKind, Relationship
from ineen.households.models import Incident, IncidentInvolvement, LegalMeasure, LifeDomainAssessment, Person, Strength
from ineen.plans.enums import ActionStatus, Towards
from ineen.plans.models import BottomLine, PlanAction
from ineen.portal import actions as portal_actions
from ineen.privacy import actions as privacy_actions
from ineen.privacy.enums import Visibility
from ineen.privacy.models import Dispute
from tests.factories import refer

from .test_canary import client_for

ALL = frozenset({"anna", "dirk", "bram"})
NOBODY = frozenset()


@dataclass
class Marker:
    kind: str
    readers: frozenset  # the household members who may read it (in their own pages and documents)
    must_show: bool = True  # False: no client page renders it today (it still must never leak)
    text: str = field(default="")

    def __post_init__(self):
        self.text = f"CLIENTCANARY-{self.kind}-{uuid.uuid4().hex[:12]}"


# Marker -> who may see it. Written from the brief (docs/architecture.md, "Client access", "Client documents
# and wordings", "Self-rating and young people's own part"), not from the reading code.
SPEC = [
    # The plan: the professionals' words never; the family's words to whom they concern.
    ("action-what", NOBODY),
    ("action-reason", NOBODY),
    ("action-outcome", NOBODY),
    ("action-wording", ALL),
    ("pro-action-wording", NOBODY, False),  # a wording on an action towards the professionals
    ("line-text", NOBODY),
    ("line-how-we-know", NOBODY),
    ("line-on-breach", NOBODY),
    ("line-wording-dirk", frozenset({"dirk"})),  # a bottom line that concerns Dirk only
    # Conference notes: never of the closed part; of the youth part only for the young person invited to it.
    ("closed-note", NOBODY),
    ("youth-note", frozenset({"bram"})),
    ("open-note", ALL),
    ("open-team-note", NOBODY),
    # Governed items: only "may be shown to the client", about the reader or the whole household, never
    # about another member under protection (Anna).
    ("incident-team", NOBODY),
    ("incident-anna", frozenset({"anna"})),
    ("incident-anna-dirk", frozenset({"anna"})),  # Dirk is in it too, but Anna is protected
    ("strength-source", NOBODY),
    ("strength-household", ALL),
    ("domain-team", NOBODY),
    ("measure-named", NOBODY),
    ("casenote-team", NOBODY),
    ("casenote-dirk", frozenset({"dirk"})),
    ("attachment-team", NOBODY),
    ("attachment-anna", frozenset({"anna"})),
    ("contribution-team", NOBODY),
    ("contribution-dirk", frozenset({"dirk"})),
    ("contribution-anna-bram", frozenset({"anna"})),  # Bram is in it too, but Anna is protected
    ("score-justification", NOBODY),
    # The members' own voice: each member's own only.
    ("talk-dirk-wants", frozenset({"dirk"}), False),
    ("talk-dirk-hopes", frozenset({"dirk"}), False),
    ("talk-dirk-message", frozenset({"dirk"}), False),
    ("talk-bram-alone", frozenset({"bram"}), False),  # said without his parents
    ("guide-dirk-worries", frozenset({"dirk"})),
    ("guide-anna-ideas", frozenset({"anna"})),
    ("rating-dirk-words", frozenset({"dirk"}), False),
    ("rating-bram-words", frozenset({"bram"}), False),
    ("dispute-dirk-account", frozenset({"dirk"}), False),
    # Never for any client.
    ("handover-note", NOBODY),
    ("address-anna", NOBODY),
    # The coming meeting Dirk is kept apart from: its place and date only for Anna and Bram.
    ("meeting-location-dirk-kept-apart", frozenset({"anna", "bram"}), False),
    ("meeting-date-dirk-kept-apart", frozenset({"anna", "bram"})),
    ("other-household", NOBODY),
    ("other-person", NOBODY),
    ("other-note", NOBODY),
]


def spec():
    return {kind: Marker(kind, readers, *rest) for kind, readers, *rest in SPEC}


def _item(model, org, *, concerns=(), visibility=Visibility.CLIENT_SHAREABLE, **fields):
    item = model.objects.create(source_organisation=org, visibility=visibility, **fields)
    item.concerns.set(concerns)
    return item


def build_world(cast, m):
    """The household, two conferences (one held, one planned) and every marker. Returns the members."""
    case, chair, director, member = cast.case, cast.chair, cast.director, cast.member
    household = case.household
    anna = household.members.get(first_name="Anna")
    bram = household.members.get(first_name="Bram")
    dirk = Person.objects.create(
        household=household, first_name="Dirk", last_name="Test", birth_year=1982, relationship=Relationship.PARENT
    )
    # Anna stays in a shelter: the address record and the flag.
    privacy_actions.set_confidential_address(
        case=case, person=anna, address=m["address-anna"].text, guardians=[director], actor=chair
    )
    Person.objects.filter(pk=anna.pk).update(has_confidential_address=True)
    mo, do = member.organisation, director.organisation

    start = timezone.now() - datetime.timedelta(days=2)
    guide = GuideVersion.objects.get(is_current=True)
    held = Conference.objects.create(
        case=case,
        kind=ConferenceKind.MDA,
        phase=Phase.IMMEDIATE_SAFETY,
        goal="Zicht op veiligheid.",
        starts_at=start,
        location="ZVH, zaal 1",
        guide_version=guide,
        chair=chair,
        state=ConferenceState.ENDED,
        ended_at=start + datetime.timedelta(hours=2),
        scores_revealed=True,
    )
    closed = ConferencePart.objects.create(conference=held, kind=PartKind.CLOSED, order=1)
    opened = ConferencePart.objects.create(conference=held, kind=PartKind.OPEN, order=2)
    youth = ConferencePart.objects.create(conference=held, kind=PartKind.YOUTH, order=3)
    for part in (closed, opened, youth):
        for user in (director, member):
            Invitation.objects.create(
                conference=held, part=part, user=user, reason="Betrokken.", attendance=Attendance.PHYSICAL
            )
    for person, part in [(anna, opened), (dirk, opened), (bram, opened), (bram, youth)]:
        Invitation.objects.create(
            conference=held, part=part, person=person, reason="Gezin.", attendance=Attendance.PHYSICAL
        )
    planned = Conference.objects.create(
        case=case,
        kind=ConferenceKind.MDA,
        phase=Phase.IMMEDIATE_SAFETY,
        goal="Vervolg.",
        starts_at=timezone.now() + datetime.timedelta(days=14),
        location=m["meeting-location-dirk-kept-apart"].text,
        guide_version=guide,
        chair=chair,
    )
    whole = ConferencePart.objects.create(conference=planned, kind=PartKind.WHOLE, order=1)
    for user in (director, member):
        Invitation.objects.create(conference=planned, part=whole, user=user, reason="Betrokken.")
    for person in (anna, bram):  # Dirk is kept apart from this meeting
        Invitation.objects.create(conference=planned, part=whole, person=person, reason="Gezin.")

    # The plan.
    due = timezone.localdate() + datetime.timedelta(days=10)
    PlanAction.objects.create(
        case=case,
        conference=held,
        what=m["action-what"].text,
        reason=m["action-reason"].text,
        outcome=m["action-outcome"].text,
        client_wording=m["action-wording"].text,
        owner=member,
        owner_organisation=mo,
        due_on=due,
        towards=Towards.FAMILY,
    )
    PlanAction.objects.create(
        case=case,
        conference=held,
        what="Dossiers delen.",
        client_wording=m["pro-action-wording"].text,
        owner=director,
        owner_organisation=do,
        due_on=due,
        towards=Towards.PROFESSIONALS,
        status=ActionStatus.OPEN,
    )
    line = BottomLine.objects.create(
        case=case,
        conference=held,
        text=m["line-text"].text,
        client_wording=m["line-wording-dirk"].text,
        guardian=director,
        guardian_organisation=do,
        how_we_know=m["line-how-we-know"].text,
        on_breach=m["line-on-breach"].text,
    )
    line.concerns.set([dirk])

    # Conference notes and contributions.
    note = {"conference": held, "step": "picture", "author": member}
    _item(ConferenceNote, mo, part=closed, text=m["closed-note"].text, **note)
    _item(ConferenceNote, mo, part=youth, text=m["youth-note"].text, **note)
    _item(ConferenceNote, mo, part=opened, text=m["open-note"].text, **note)
    _item(ConferenceNote, mo, part=opened, visibility=Visibility.TEAM, text=m["open-team-note"].text, **note)
    worry = {"conference": held, "kind": "worry", "author": member}
    _item(Contribution, mo, visibility=Visibility.TEAM, text=m["contribution-team"].text, **worry)
    _item(Contribution, mo, concerns=[dirk], text=m["contribution-dirk"].text, **worry)
    _item(Contribution, mo, concerns=[anna, bram], text=m["contribution-anna-bram"].text, **worry)
    ScalingScore.objects.create(
        conference=held,
        author=director,
        scale=Scale.IMMEDIATE_SAFETY,
        value=3,
        justification=m["score-justification"].text,
    )

    # Household records.
    today = timezone.localdate()
    incident = {"household": household, "date": today - datetime.timedelta(days=20), "violence_types": ["physical"]}
    team_incident = _item(
        Incident, mo, visibility=Visibility.TEAM, concerns=[anna], description=m["incident-team"].text, **incident
    )
    anna_incident = _item(Incident, mo, concerns=[anna], description=m["incident-anna"].text, **incident)
    both = _item(Incident, mo, concerns=[anna, dirk], description=m["incident-anna-dirk"].text, **incident)
    for item in (team_incident, anna_incident, both):
        IncidentInvolvement.objects.create(incident=item, person=anna, role=IncidentRole.EXPERIENCED)
    IncidentInvolvement.objects.create(incident=both, person=dirk, role=IncidentRole.USED_VIOLENCE)
    _item(Strength, mo, visibility=Visibility.SOURCE_ONLY, household=household, description=m["strength-source"].text)
    shared_strength = _item(Strength, mo, household=household, description=m["strength-household"].text)
    _item(
        LifeDomainAssessment,
        mo,
        visibility=Visibility.TEAM,
        household=household,
        domain=LifeDomain.FINANCES,
        note=m["domain-team"].text,
    )
    measure = _item(
        LegalMeasure,
        mo,
        visibility=Visibility.NAMED_ORGANISATIONS,
        concerns=[dirk],
        household=household,
        person=dirk,
        category=MeasureCategory.CIVIL,
        kind=MeasureKind.CONTACT_BAN,
        note=m["measure-named"].text,
    )
    measure.shared_with.set([cast.expert.organisation])
    _item(CaseNote, mo, visibility=Visibility.TEAM, case=case, author=member, text=m["casenote-team"].text)
    _item(CaseNote, mo, concerns=[dirk], case=case, author=member, text=m["casenote-dirk"].text)
    for title, visibility, concerns in [
        (m["attachment-team"].text, Visibility.TEAM, []),
        (m["attachment-anna"].text, Visibility.CLIENT_SHAREABLE, [anna]),
    ]:
        case_actions.add_attachment(
            case=case,
            attachment=Attachment(title=title, visibility=visibility),
            actor=member,
            upload=SimpleUploadedFile("verslag.txt", b"Verslag."),
            concerns=concerns,
        )

    # The members' own voice.
    talk = {"conference": planned, "recorded_by": director, "held_on": today, "coming_as": "in_person"}
    PreparationTalk.objects.create(person=bram, wants_discussed=m["talk-bram-alone"].text, without_parents=True, **talk)
    PreparationTalk.objects.create(
        person=dirk,
        wants_discussed=m["talk-dirk-wants"].text,
        hopes=m["talk-dirk-hopes"].text,
        message=m["talk-dirk-message"].text,
        **{**talk, "conference": held},
    )
    OwnGuide.objects.create(conference=held, person=dirk, worries=m["guide-dirk-worries"].text, filled_in_by=director)
    OwnGuide.objects.create(conference=planned, person=anna, ideas=m["guide-anna-ideas"].text, filled_in_by=director)
    for conference, person, words in [(held, dirk, "rating-dirk-words"), (planned, bram, "rating-bram-words")]:
        SelfRating.objects.create(
            conference=conference, person=person, question="safety", value=6, words=m[words].text, channel="preparation"
        )
    Dispute.objects.create(
        case=case,
        item_kind="krachtbron",
        item_id=shared_strength.pk,
        source_organisation=mo,
        kind="disputed",
        person=dirk,
        account=m["dispute-dirk-account"].text,
        raised_via="client",
    )
    CaseDirectorAssignment.objects.filter(case=case, ended_at__isnull=True).update(
        handover_note=m["handover-note"].text
    )

    # Another household in the same safety house.
    other = refer(
        member,
        cast.house,
        name=m["other-household"].text,
        people=[
            {"first_name": "Olga", "last_name": m["other-person"].text, "birth_year": 1990, "relationship": "parent"}
        ],
    )
    _item(CaseNote, mo, concerns=[], case=other, author=member, text=m["other-note"].text)
    return {"anna": anna, "dirk": dirk, "bram": bram}, [held, planned]


# --- discovery and crawl ------------------------------------------------------------------------------


def portal_routes():
    """Every named route of the `portal` namespace that takes no arguments."""
    found = []
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "portal":
            for pattern in entry.url_patterns:
                if pattern.name and not pattern.pattern.converters and "<" not in str(pattern.pattern):
                    found.append(f"portal:{pattern.name}")
    return sorted(found)


def client_pages(http):
    """The GET pages of a client session: every argument-free portal route that answers a signed-in
    client's GET with 200 (a POST-only route such as logout answers 405 and is left out)."""
    pages = []
    for name in portal_routes():
        if name == "portal:logout":
            continue
        if http.get(reverse(name)).status_code == 200:
            pages.append(name)
    return pages


LINK = re.compile(r'href="(/mijn/[^"#?]*)')


def sign_in(director, case, person):
    cache.clear()  # the per-address counter of wrong codes
    _access, token, code = portal_actions.grant_access(actor=director, case=case, person=person)
    http = Client()
    response = http.post(reverse("portal:code", args=[token]), {"code": code})
    assert response.status_code == 302 and response["Location"] == reverse("portal:home"), response.status_code
    return http, token


def text_of(response):
    html = response.content.decode("utf-8", "replace")
    return html + "\n" + unescape(html) + "\n" + response.get("Location", "")


@pytest.fixture
def world(cast):
    markers = spec()
    people, conferences = build_world(cast, markers)
    with translation.override("nl"):  # as the pages write it: "21 december 2026"
        day = formats.date_format(timezone.localtime(conferences[1].starts_at), "j F Y")
    markers["meeting-date-dirk-kept-apart"].text = day
    return markers, people, conferences


def test_client_canary_no_marker_reaches_the_wrong_reader(cast, world, capsys):
    markers, people, conferences = world
    leaks, seen, fetched = [], {}, 0

    def check(reader, where, response):
        text = text_of(response)
        for marker in markers.values():
            if marker.text in text:
                seen.setdefault(marker.kind, set()).add((reader, where))
                if reader not in marker.readers:
                    leaks.append(f"{marker.kind} reached {reader} at {where}")

    # 1. Every member through their own access: every client page, and every /mijn/ link on them.
    routes = portal_routes()
    assert {"portal:home", "portal:dispute", "portal:evaluation", "portal:signed_out"} <= set(routes)
    crawled = {}
    for key, person in people.items():
        http, token = sign_in(cast.director, cast.case, person)
        pages = client_pages(http)
        assert {"portal:home", "portal:dispute", "portal:evaluation"} <= set(pages), pages
        queue = [reverse(name) for name in pages]
        done = set()
        while queue and len(done) < 60:
            url = queue.pop(0)
            if url in done or url == reverse("portal:logout") or token in url:
                continue
            done.add(url)
            response = http.get(url)
            fetched += 1
            assert response.status_code < 500, f"{key} {url}: {response.status_code}"
            check(key, url, response)
            if response.status_code == 200:
                queue += [unescape(link) for link in LINK.findall(response.content.decode())]
        crawled[key] = done
        # Still signed in after the crawl (a page that signs out would make the crawl look at nothing).
        assert http.get(reverse("portal:home")).status_code == 200

    # 2. The chair and the case director: every printable document and the client report, per member.
    for user in (cast.chair, cast.director):
        http = client_for(user)
        for conference in conferences:
            for key, person in people.items():
                urls = [
                    reverse("conferences:client_document", args=[conference.public_id, person.public_id, kind])
                    for kind in documents.KINDS
                ]
                urls.append(reverse("conferences:client_report", args=[conference.public_id, person.public_id]))
                for url in urls:
                    response = http.get(url)
                    fetched += 1
                    assert response.status_code == 200, f"{user.email} {url}: {response.status_code}"
                    check(key, url, response)

    # The crawl really looked: every marker that some reader may see, and that a page renders, was seen by
    # every reader it is meant for (in a page or document of their own).
    unseen = sorted(
        f"{m.kind} by {reader}"
        for m in markers.values()
        if m.must_show
        for reader in m.readers
        if not any(who == reader for who, _where in seen.get(m.kind, ()))
    )
    with capsys.disabled():
        print(
            f"\nclient canary: {len(people)} members, client pages {sorted(crawled['anna'])}, {fetched} responses, "
            f"{len(markers)} markers, leaks = {len(leaks)}"
        )
    assert leaks == [], "\n".join(sorted(leaks))
    assert unseen == [], f"markers a reader should see but no page showed (the crawl would miss a leak): {unseen}"
