"""Authorization matrix, data-flag dimension: route × role × data flag (QUALITY.md, "Authorization matrix").

test_matrix.py asks "may this role open this page?"; this file asks "what does the page show of an item
with this flag?". The cells are the reading rule of docs/privacy.md ("Information items", "Consent
registry", "Confidential whereabouts", "Transparency to clients", "Subject-access export"), written down
by hand; nothing is derived from ineen/access/policy.py, so a change there makes cells fail.

The world, one per flag (built in the test, through the domain actions): the cast's case (tests/conftest.py,
every cast user has an organisation of their own) plus two team members of their own organisations, both
invited, with the director and the member, to a planned conference in phase "directe veiligheid":
  agent  police officer (Politie), the author of the items of most flags;
  ggz    mental-health professional (GGZ), the author of the consent-based items (purpose: health information).
The author adds one item of each governed kind, each with a unique marker, all about Anna (the parent, whose
transparency page, export and client report are fetched): a case note, an incident (marked "first" in the
conference), a life domain with serious concern, a legal measure, a contribution (worry), a conference note
(picture step) and a preparation input. The confidential-address world holds no items, only the address.

Flags (docs/privacy.md):
  plain                 covenant, visibility team
  source_only           visibility "source only": others see only "Informatie beschikbaar — neem contact op met <org>"
  named_other           named organisations: ggz's organisation only (no column but the source)
  named_own             named organisations: the member's and the expert's organisations
  consent_missing       basis consent, no running consent of Anna for (GGZ, health information); decoys: Anna's
                        consent for GGZ for another purpose, and for the police for this purpose
  consent_given         basis consent about Anna and Bram, both consents running
  consent_withdrawn     the same, Anna's consent withdrawn today ("every person it concerns")
  client_shareable      visibility "may be shown to the client"
  confidential_address  Anna's address, recorded by the chair with the member as the other guardian; the marker
                        is the address, the signal the flag ("Geheim adres")

Columns: the ROLES of test_matrix.py, plus `src`, the author of the flag's items (agent; ggz for the consent
flags): the source organisation always reads its own items. For the confidential address `src` is the agent,
who is no guardian.

Legend:
  C  content: 200, every marker the page renders is in it, and no withheld-signal
  S  signal: 200, no marker, and the page's signal for the flag is there
  H  hidden: 200, no marker, and no signal (where the page has one)
  D  denied: 404        L  anonymous: redirected to the login page
Pages that render no governed content (case overview, plan, transparency, the participant's preparation
page for anyone but the author; the services page lists measures without their note) are in the table as
leak guards: H wherever they open, S where they still signal what is withheld.

One test per flag builds its world once and fetches every (route, column) cell, reporting every cell that
differs. A new page is one entry in ROUTES (its URL, the markers it renders, its signals) plus its rows in
FLAG_MATRIX; test_flag_table_is_complete_and_not_vacuous checks the table itself.
"""

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from ineen.accounts.enums import Chain, Role
from ineen.cases import actions
from ineen.cases.enums import TeamRole
from ineen.cases.models import Attachment, CaseNote
from ineen.conferences import live, prepare, schedule
from ineen.conferences.enums import ConferenceKind, ContributionKind, IncidentMarkKind
from ineen.guide.enums import Phase, Step
from ineen.households import actions as household_actions
from ineen.households.enums import Concern, IncidentRole, LifeDomain, MeasureCategory, MeasureKind
from ineen.households.models import Incident, LegalMeasure, LifeDomainAssessment
from ineen.privacy import actions as privacy_actions
from ineen.privacy.enums import Basis, ConsentForm, ConsentPurpose, Visibility
from tests.factories import OrganisationFactory, make_user

from .conftest import recently_reauthenticated
from .test_matrix import ROLES as MATRIX_ROLES

COLUMNS = [*MATRIX_ROLES, "src"]
LETTERS = set("CSHDL")
EVERY_FLAG = (
    "plain",
    "source_only",
    "named_other",
    "named_own",
    "consent_missing",
    "consent_given",
    "consent_withdrawn",
    "client_shareable",
    "confidential_address",
)

# --- the table: route -> {flag: expectation per column} ---------------------------------------------------
# (chair director member expert outsider former manager admin researcher other_chair anonymous src)
#                                ch di me ex ou fo mg ad re ot an src
FLAG_MATRIX = {
    "web:case_household": {
        "plain": "C  C  C  C  D  D  D  D  D  D  L  C",
        "source_only": "S  S  S  S  D  D  D  D  D  D  L  C",
        "named_other": "S  S  S  S  D  D  D  D  D  D  L  C",
        "named_own": "S  S  C  C  D  D  D  D  D  D  L  C",
        "consent_missing": "S  S  S  S  D  D  D  D  D  D  L  C",
        "consent_given": "C  C  C  C  D  D  D  D  D  D  L  C",
        "consent_withdrawn": "S  S  S  S  D  D  D  D  D  D  L  C",
        "client_shareable": "C  C  C  C  D  D  D  D  D  D  L  C",
        "confidential_address": "S  S  S  S  D  D  D  D  D  D  L  S",
    },
    # measures: the page lists kind and dates, not the note (the marker), but signals the withheld ones
    "web:case_services": {
        "plain": "H  H  H  H  D  D  D  D  D  D  L  H",
        "source_only": "S  S  S  S  D  D  D  D  D  D  L  H",
        "named_other": "S  S  S  S  D  D  D  D  D  D  L  H",
        "named_own": "S  S  H  H  D  D  D  D  D  D  L  H",
        "consent_missing": "S  S  S  S  D  D  D  D  D  D  L  H",
        "consent_given": "H  H  H  H  D  D  D  D  D  D  L  H",
        "consent_withdrawn": "S  S  S  S  D  D  D  D  D  D  L  H",
        "client_shareable": "H  H  H  H  D  D  D  D  D  D  L  H",
        "confidential_address": "H  H  H  H  D  D  D  D  D  D  L  H",
    },
    # attachments: the list (titles) signals like the household page; the download is the file or a 404
    "web:case_attachments": {
        "plain": "C  C  C  C  D  D  D  D  D  D  L  C",
        "source_only": "S  S  S  S  D  D  D  D  D  D  L  C",
        "named_other": "S  S  S  S  D  D  D  D  D  D  L  C",
        "named_own": "S  S  C  C  D  D  D  D  D  D  L  C",
        "consent_missing": "S  S  S  S  D  D  D  D  D  D  L  C",
        "consent_given": "C  C  C  C  D  D  D  D  D  D  L  C",
        "consent_withdrawn": "S  S  S  S  D  D  D  D  D  D  L  C",
        "client_shareable": "C  C  C  C  D  D  D  D  D  D  L  C",
        "confidential_address": "H  H  H  H  D  D  D  D  D  D  L  H",
    },
    "web:attachment_download": {
        "plain": "C  C  C  C  D  D  D  D  D  D  L  C",
        "source_only": "D  D  D  D  D  D  D  D  D  D  L  C",
        "named_other": "D  D  D  D  D  D  D  D  D  D  L  C",
        "named_own": "D  D  C  C  D  D  D  D  D  D  L  C",
        "consent_missing": "D  D  D  D  D  D  D  D  D  D  L  C",
        "consent_given": "C  C  C  C  D  D  D  D  D  D  L  C",
        "consent_withdrawn": "D  D  D  D  D  D  D  D  D  D  L  C",
        "client_shareable": "C  C  C  C  D  D  D  D  D  D  L  C",
    },
    "web:case_detail": {flag: "H  H  H  H  D  D  D  D  D  D  L  H" for flag in EVERY_FLAG},
    "plans:plan": {flag: "H  H  H  H  D  D  D  D  D  D  L  H" for flag in EVERY_FLAG},
    # for the client: never content; consent-based items without running consent listed as "not shared" (S)
    "privacy:transparency": {
        "plain": "H  H  D  D  D  D  D  D  D  D  L  D",
        "source_only": "H  H  D  D  D  D  D  D  D  D  L  D",
        "named_other": "H  H  D  D  D  D  D  D  D  D  L  D",
        "named_own": "H  H  D  D  D  D  D  D  D  D  L  D",
        "consent_missing": "S  S  D  D  D  D  D  D  D  D  L  D",
        "consent_given": "H  H  D  D  D  D  D  D  D  D  L  D",
        "consent_withdrawn": "S  S  D  D  D  D  D  D  D  D  L  D",
        "client_shareable": "H  H  D  D  D  D  D  D  D  D  L  D",
        "confidential_address": "H  H  D  D  D  D  D  D  D  D  L  D",
    },
    # the export follows the reading rule; never the address, only the flag
    "privacy:subject_export": {
        "plain": "C  C  D  D  D  D  D  D  D  D  L  D",
        "source_only": "S  S  D  D  D  D  D  D  D  D  L  D",
        "named_other": "S  S  D  D  D  D  D  D  D  D  L  D",
        "named_own": "S  S  D  D  D  D  D  D  D  D  L  D",
        "consent_missing": "S  S  D  D  D  D  D  D  D  D  L  D",
        "consent_given": "C  C  D  D  D  D  D  D  D  D  L  D",
        "consent_withdrawn": "S  S  D  D  D  D  D  D  D  D  L  D",
        "client_shareable": "C  C  D  D  D  D  D  D  D  D  L  D",
        "confidential_address": "S  S  D  D  D  D  D  D  D  D  L  D",
    },
    "conferences:report": {
        "plain": "C  C  C  C  D  D  D  D  D  D  L  C",
        "source_only": "S  S  S  S  D  D  D  D  D  D  L  C",
        "named_other": "S  S  S  S  D  D  D  D  D  D  L  C",
        "named_own": "S  S  C  C  D  D  D  D  D  D  L  C",
        "consent_missing": "S  S  S  S  D  D  D  D  D  D  L  C",
        "consent_given": "C  C  C  C  D  D  D  D  D  D  L  C",
        "consent_withdrawn": "S  S  S  S  D  D  D  D  D  D  L  C",
        "client_shareable": "C  C  C  C  D  D  D  D  D  D  L  C",
        "confidential_address": "S  S  S  S  D  D  D  D  D  D  L  S",
    },
    # handed to Anna: only "may be shown to the client" items about her
    "conferences:client_report": {
        "plain": "H  H  D  D  D  D  D  D  D  D  L  D",
        "source_only": "H  H  D  D  D  D  D  D  D  D  L  D",
        "named_other": "H  H  D  D  D  D  D  D  D  D  L  D",
        "named_own": "H  H  D  D  D  D  D  D  D  D  L  D",
        "consent_missing": "H  H  D  D  D  D  D  D  D  D  L  D",
        "consent_given": "H  H  D  D  D  D  D  D  D  D  L  D",
        "consent_withdrawn": "H  H  D  D  D  D  D  D  D  D  L  D",
        "client_shareable": "C  C  D  D  D  D  D  D  D  D  L  D",
        "confidential_address": "H  H  D  D  D  D  D  D  D  D  L  D",
    },
    # handed to Bram: the items are about Anna, so nothing; the other member's address only as a warning
    "conferences:client_report(child)": {
        "plain": "H  H  D  D  D  D  D  D  D  D  L  D",
        "client_shareable": "H  H  D  D  D  D  D  D  D  D  L  D",
        "confidential_address": "S  S  D  D  D  D  D  D  D  D  L  D",
    },
    "conferences:workspace": {
        "plain": "C  C  C  C  D  D  D  D  D  D  L  C",
        "source_only": "S  S  S  S  D  D  D  D  D  D  L  C",
        "named_other": "S  S  S  S  D  D  D  D  D  D  L  C",
        "named_own": "S  S  C  C  D  D  D  D  D  D  L  C",
        "consent_missing": "S  S  S  S  D  D  D  D  D  D  L  C",
        "consent_given": "C  C  C  C  D  D  D  D  D  D  L  C",
        "consent_withdrawn": "S  S  S  S  D  D  D  D  D  D  L  C",
        "client_shareable": "C  C  C  C  D  D  D  D  D  D  L  C",
        "confidential_address": "H  H  H  H  D  D  D  D  D  D  L  H",
    },
    # a participant's own page: their own input only (the expert is in the team, not invited)
    "conferences:prepare": {flag: "H  H  H  D  D  D  D  D  D  D  L  C" for flag in EVERY_FLAG}
    | {"confidential_address": "H  H  H  D  D  D  D  D  D  D  L  H"},  # no items, so no input of the src
    "conferences:prepare_overview": {
        "plain": "C  D  D  D  D  D  D  D  D  D  L  D",
        "source_only": "S  D  D  D  D  D  D  D  D  D  L  D",
        "named_other": "S  D  D  D  D  D  D  D  D  D  L  D",
        "named_own": "S  D  D  D  D  D  D  D  D  D  L  D",
        "consent_missing": "S  D  D  D  D  D  D  D  D  D  L  D",
        "consent_given": "C  D  D  D  D  D  D  D  D  D  L  D",
        "consent_withdrawn": "S  D  D  D  D  D  D  D  D  D  L  D",
        "client_shareable": "C  D  D  D  D  D  D  D  D  D  L  D",
        "confidential_address": "H  D  D  D  D  D  D  D  D  D  L  D",
    },
    # the address itself: only its guardians (the chair who recorded it, the member), only here
    "privacy:address_reveal": {"confidential_address": "C  D  C  D  D  D  D  D  D  D  L  D"},
    # only a guardian changes it (the chair who recorded it, the member: no role needed, no role enough);
    # the form never shows the current address
    "privacy:address_edit": {"confidential_address": "H  D  H  D  D  D  D  D  D  D  L  D"},
    "privacy:overview": {"confidential_address": "S  S  D  D  D  D  D  D  D  D  L  D"},
    "web:triage": {"confidential_address": "S  D  D  D  D  D  D  D  D  D  L  D"},
}
# Variants of a route with the same expectations (another format of the same page).
FLAG_MATRIX["privacy:subject_export?formaat=csv"] = FLAG_MATRIX["privacy:subject_export"]


# --- the flags ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    author: str  # "agent" or "ggz"
    visibility: str = Visibility.TEAM
    basis: str = Basis.COVENANT
    shared_with: tuple = ()  # users whose organisation is named
    concerns: tuple = ("anna",)
    consents: tuple = ()  # (person, user whose organisation, purpose, withdrawn today)
    address: bool = False

    @property
    def signal_kind(self):
        return "address" if self.address else "withheld"


HEALTH = ConsentPurpose.HEALTH_INFORMATION
FLAGS = {
    "plain": Flag("agent"),
    "source_only": Flag("agent", visibility=Visibility.SOURCE_ONLY),
    "named_other": Flag("agent", visibility=Visibility.NAMED_ORGANISATIONS, shared_with=("ggz",)),
    "named_own": Flag("agent", visibility=Visibility.NAMED_ORGANISATIONS, shared_with=("member", "expert")),
    "consent_missing": Flag(
        "ggz",
        basis=Basis.CONSENT,
        consents=(("anna", "ggz", ConsentPurpose.CASE_CONFERENCE, False), ("anna", "agent", HEALTH, False)),
    ),
    "consent_given": Flag(
        "ggz",
        basis=Basis.CONSENT,
        concerns=("anna", "bram"),
        consents=(("anna", "ggz", HEALTH, False), ("bram", "ggz", HEALTH, False)),
    ),
    "consent_withdrawn": Flag(
        "ggz",
        basis=Basis.CONSENT,
        concerns=("anna", "bram"),
        consents=(("anna", "ggz", HEALTH, True), ("bram", "ggz", HEALTH, False)),
    ),
    "client_shareable": Flag("agent", visibility=Visibility.CLIENT_SHAREABLE),
    "confidential_address": Flag("agent", address=True),
}
ITEM_KINDS = ("note", "incident", "domain", "measure", "contribution", "conf_note", "input", "attachment")


# --- the routes: how to reach them, what they render, how they signal ------------------------------------------


def _contact(text, org):
    return f"Informatie beschikbaar — neem contact op met {org}" in text


def _export_withheld(text, org):
    return any(w["source_organisation"] == org for w in json.loads(text)["withheld"])


def _csv_withheld(text, org):
    return re.search(rf"^withheld\[\d+\]\.source_organisation,{re.escape(org)}\r?$", text, re.M) is not None


def _not_shared(text, org):  # transparency: "listed as not shared"
    return (
        re.search(rf"<td>{re.escape(org)}</td><td>[^<]*</td><td>Niet gedeeld: er is \(nu\) geen toestemming", text)
        is not None
    )


def _badge(text):
    return 'utrecht-status-badge--warning">Geheim adres</span>' in text


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: object  # world -> reverse() kwargs
    query: str = ""
    shows: tuple = ()  # marker kinds the page renders when the user may read them
    withheld: object = None  # (text, source organisation) -> bool: the page's "ask the source" signal
    address: object = None  # text -> bool: the page's confidential-address flag


def _case(w):
    return {"public_id": w.case.public_id}


def _conference(w):
    return {"public_id": w.conference.public_id}


def _of(who):
    return lambda w: {**_case(w), "person_id": w.people[who].public_id}


ROUTES = {
    "web:case_household": Route(
        "web:case_household", _case, shows=("note", "incident", "domain"), withheld=_contact, address=_badge
    ),
    "web:case_services": Route("web:case_services", _case, withheld=_contact),
    "web:case_attachments": Route("web:case_attachments", _case, shows=("attachment",), withheld=_contact),
    "web:attachment_download": Route(
        "web:attachment_download",
        lambda w: {**_case(w), "attachment_id": w.attachment.public_id},
        shows=("attachment",),
    ),
    "web:case_detail": Route("web:case_detail", _case),
    "plans:plan": Route("plans:plan", _case),
    "privacy:transparency": Route("privacy:transparency", _of("anna"), withheld=_not_shared),
    "privacy:subject_export": Route(
        "privacy:subject_export",
        _of("anna"),
        shows=ITEM_KINDS,
        withheld=_export_withheld,
        address=lambda text: json.loads(text)["person"]["confidential_address_recorded"] is True,
    ),
    "privacy:subject_export?formaat=csv": Route(
        "privacy:subject_export",
        _of("anna"),
        "?formaat=csv",
        shows=ITEM_KINDS,
        withheld=_csv_withheld,
        address=lambda text: re.search(r"^person\.confidential_address_recorded,(ja|True)\r?$", text, re.M) is not None,
    ),
    "conferences:report": Route(
        "conferences:report",
        _conference,
        shows=("conf_note", "domain", "incident"),
        withheld=_contact,
        address=lambda text: "Geheim adres: nooit delen" in text,
    ),
    "conferences:client_report": Route(
        "conferences:client_report",
        lambda w: {**_conference(w), "person_id": w.people["anna"].public_id},
        shows=("incident", "contribution", "conf_note"),
        address=lambda text: "iemand anders in dit gezin heeft een geheim adres" in text,
    ),
    "conferences:client_report(child)": Route(
        "conferences:client_report",
        lambda w: {**_conference(w), "person_id": w.people["bram"].public_id},
        address=lambda text: "iemand anders in dit gezin heeft een geheim adres" in text,
    ),
    "conferences:workspace": Route(
        "conferences:workspace",
        _conference,
        "?weergave=beeldvorming",
        shows=("conf_note", "contribution", "incident"),
        withheld=_contact,
    ),
    "conferences:prepare": Route("conferences:prepare", _conference, shows=("input",)),
    "conferences:prepare_overview": Route(
        "conferences:prepare_overview",
        _conference,
        shows=("input",),
        withheld=lambda text, org: (
            re.search(r"Er is inbreng die u niet mag inzien\. Neem contact op met:[^<]*" + re.escape(org), text)
            is not None
        ),
    ),
    "privacy:address_reveal": Route("privacy:address_reveal", _of("anna"), shows=("address",)),
    "privacy:address_edit": Route("privacy:address_edit", _of("anna")),
    "privacy:overview": Route("privacy:overview", _case, address=_badge),
    "web:triage": Route("web:triage", _case, address=_badge),
}


# --- building one flag's world ----------------------------------------------------------------------------------


@dataclass
class World:
    flag: Flag
    case: object
    conference: object
    people: dict
    users: dict  # column -> user (None: anonymous)
    source_org: str
    markers: dict = field(default_factory=dict)  # kind -> unique text
    attachment: object = None


def _govern(item, governance, concerns, shared_with):
    """Give an item that a domain action created with the defaults (team, covenant) the flag's governance:
    the conference actions (contribution, note, preparation input) take no basis or named organisations."""
    for name, value in governance.items():
        setattr(item, name, value)
    item.save(update_fields=list(governance))
    item.concerns.set(concerns)
    item.shared_with.set(shared_with)


def build_world(cast, flag_name) -> World:
    flag, house, chair, case = FLAGS[flag_name], cast.house, cast.chair, cast.case
    police = OrganisationFactory(name="Politie Eenheid Den Haag (test)", chain=Chain.CRIMINAL, houses=[house])
    ggz_org = OrganisationFactory(name="GGZ Delfland (test)", houses=[house])
    agent = make_user(house, Role.PROFESSIONAL, organisation=police, email="agent@test.example", first_name="Aisha")
    ggz = make_user(house, Role.PROFESSIONAL, organisation=ggz_org, email="ggz@test.example", first_name="Gert")
    for user in (agent, ggz):
        actions.add_team_member(case=case, user=user, role=TeamRole.PROFESSIONAL, actor=chair)
    anna, bram = case.household.members.order_by("pk")[:2]
    conference = schedule.schedule(
        case=case,
        actor=chair,
        kind=ConferenceKind.MDA,
        phase=Phase.IMMEDIATE_SAFETY,
        goal="Veiligheid.",
        starts_at=timezone.now() + timedelta(days=7),
        location="ZVH",
    )
    part = conference.parts.get()
    for user in (cast.director, cast.member, agent, ggz):
        schedule.invite_user(conference=conference, actor=chair, part=part, user=user, reason="Betrokken.")

    named = {"agent": agent, "ggz": ggz, "member": cast.member, "expert": cast.expert}
    author = named[flag.author]
    users = {column: getattr(cast, column, None) for column in MATRIX_ROLES}
    users["src"] = author
    world = World(flag, case, conference, {"anna": anna, "bram": bram}, users, author.organisation.name)
    marker = world.markers
    if flag.address:
        marker["address"] = f"Blijfhuis Geheimstraat {uuid.uuid4().hex}"
        privacy_actions.set_confidential_address(
            case=case, person=anna, address=marker["address"], guardians=[cast.member], actor=chair
        )
        return world
    marker.update({kind: f"FLAG-{flag_name}-{kind}-{uuid.uuid4().hex}" for kind in ITEM_KINDS})
    for person, whose, purpose, withdrawn in flag.consents:
        consent = privacy_actions.record_consent(
            case=case,
            person=world.people[person],
            organisation=named[whose].organisation,
            purpose=purpose,
            form=ConsentForm.WRITTEN,
            actor=cast.director,
        )
        if withdrawn:
            privacy_actions.withdraw_consent(case=case, consent=consent, actor=cast.director)

    consent_based = flag.basis == Basis.CONSENT
    governance = {
        "basis": flag.basis,
        "visibility": flag.visibility,
        "consent_purpose": HEALTH if consent_based else ConsentPurpose.CASE_CONFERENCE,
    }
    concerns = [world.people[p] for p in flag.concerns]
    shared = [named[who].organisation for who in flag.shared_with]
    about = {"actor": author, "concerns": concerns, "shared_with": shared}
    actions.add_note(
        case=case, note=CaseNote(text=marker["note"], is_health_information=consent_based, **governance), **about
    )
    incident = household_actions.record_incident(
        case=case,
        involvements=[(anna, IncidentRole.EXPERIENCED)],
        **about,
        incident=Incident(
            date=timezone.localdate(), violence_types=["physical"], description=marker["incident"], **governance
        ),
    )
    household_actions.save_record(
        case=case,
        **about,
        record=LifeDomainAssessment(
            domain=LifeDomain.MENTAL_HEALTH if consent_based else LifeDomain.HOUSING,
            person=anna,
            concern=Concern.SERIOUS,
            note=marker["domain"],
            **governance,
        ),
    )
    household_actions.save_record(
        case=case,
        **about,
        record=LegalMeasure(
            person=anna,
            category=MeasureCategory.CIVIL,
            kind=MeasureKind.CONTACT_BAN,
            note=marker["measure"],
            **governance,
        ),
    )
    # The attachment's marker is its title (in lists and exports) and its content (in the download).
    world.attachment = actions.add_attachment(
        case=case,
        **about,
        attachment=Attachment(title=marker["attachment"], is_health_information=consent_based, **governance),
        upload=SimpleUploadedFile("verslag.txt", f"Verslag.\n{marker['attachment']}\n".encode()),
    )
    live.mark_incident(conference=conference, actor=chair, mark=IncidentMarkKind.FIRST, incident=incident)
    conference_items = [
        live.add_contribution(
            conference=conference, actor=author, kind=ContributionKind.WORRY, text=marker["contribution"]
        ),
        live.add_note(conference=conference, actor=author, part=part, step=Step.PICTURE, text=marker["conf_note"]),
        prepare.save_input(
            conference=conference, actor=author, item=prepare.questions(conference)[0].item, text=marker["input"]
        ),
    ]
    for item in conference_items:
        _govern(item, governance, concerns, shared)
    return world


# --- observing one cell ------------------------------------------------------------------------------------------


def client_for(user):
    """A browser of `user`: logged in with a second factor, freshly re-authenticated (test_auth.py tests that
    step; here every page that asks for it opens)."""
    from allauth.mfa.models import Authenticator

    client = Client()
    if user is not None:
        Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}})
        client.force_login(user)
        recently_reauthenticated(client, user)
    return client


def observe(response, route, world) -> str:
    """The letter this response earns, or a description of what is wrong with it."""
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        location = response["Location"]
        return "L" if location.startswith(reverse(settings.LOGIN_URL)) else f"redirect to {location}"
    if status == 404:
        return "D"
    if status != 200:
        return f"status {status}"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode()
    present = sorted(kind for kind, marker in world.markers.items() if marker in text)
    shown = sorted(set(route.shows) & set(world.markers))
    check = getattr(route, world.flag.signal_kind)
    if check is None:
        signal = False
    elif world.flag.address:
        signal = check(text)
    else:
        signal = check(text, world.source_org)
    if not present:
        return "S" if signal else "H"
    if present == shown and not signal:
        return "C"
    return f"markers {present} (the page renders {shown})" + (" and the signal" if signal else "")


def verdict(expected, actual) -> str:
    if expected in "DL":
        return "unexpected allow" if actual not in "DL" else "wrong refusal"
    if actual in ("D", "L") or (expected == "C" and actual in ("S", "H")):
        return "unexpected deny"
    if expected in "SH" and actual not in ("S", "H"):
        return "unexpected allow"
    return "wrong signal" if actual in ("S", "H") else "unexpected content"


def rows_for(flag):
    for label, flags in FLAG_MATRIX.items():
        if flag in flags:
            yield label, dict(zip(COLUMNS, flags[flag].split(), strict=True))


@pytest.mark.parametrize("flag", list(FLAGS))
def test_flag_matrix(flag, cast):
    """Every (route, role) cell of one flag's world: 0 unexpected allows, 0 unexpected denies."""
    world = build_world(cast, flag)
    clients = {column: client_for(user) for column, user in world.users.items()}
    failures, checked = [], 0
    for label, expected_by_column in rows_for(flag):
        route = ROUTES[label]
        url = reverse(route.name, kwargs=route.kwargs(world)) + route.query
        for column, expected in expected_by_column.items():
            actual = observe(clients[column].get(url), route, world)
            checked += 1
            if actual != expected:
                failures.append(
                    f"{verdict(expected, actual)}: {label} [{flag}] as {column}: expected {expected}, got {actual}"
                )
    assert checked == sum(len(COLUMNS) for _row in rows_for(flag))
    assert not failures, f"{len(failures)} of {checked} cells of flag {flag!r} differ:\n" + "\n".join(failures)


# --- the table itself ----------------------------------------------------------------------------------------------


def _url_names():
    names = set()

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, ":".join(filter(None, [namespace, entry.namespace])))
            elif isinstance(entry, URLPattern) and entry.name:
                names.add(f"{namespace}:{entry.name}" if namespace else entry.name)

    walk(get_resolver().url_patterns, "")
    return names


def test_flag_table_is_complete_and_not_vacuous():
    """Every route exists; every row has a letter per column; S only where the page has a signal for the flag,
    C only where it renders the flag's marker; every flag has a C cell and an S or H cell somewhere."""
    names = _url_names()
    problems = []
    assert set(FLAG_MATRIX) == set(ROUTES), "a route without a row, or a row without a route"
    assert list(FLAGS) == list(EVERY_FLAG)
    letters = {flag: set() for flag in FLAGS}
    for label, flags in FLAG_MATRIX.items():
        route = ROUTES[label]
        if route.name not in names:
            problems.append(f"{label}: no URL named {route.name}")
        for flag, row in flags.items():
            cells = row.split()
            if flag not in FLAGS or len(cells) != len(COLUMNS) or not set(cells) <= LETTERS:
                problems.append(f"{label} [{flag}]: unknown flag, or not one of {sorted(LETTERS)} per column")
                continue
            letters[flag] |= set(cells)
            marker_kinds = ("address",) if FLAGS[flag].address else ITEM_KINDS
            if "S" in cells and getattr(route, FLAGS[flag].signal_kind) is None:
                problems.append(f"{label} [{flag}]: S, but the page has no {FLAGS[flag].signal_kind} signal")
            if "C" in cells and not set(route.shows) & set(marker_kinds):
                problems.append(f"{label} [{flag}]: C, but the page renders none of its markers")
    for flag, seen in letters.items():
        if "C" not in seen or not seen & {"S", "H"}:
            problems.append(f"flag {flag}: needs a C cell and an S or H cell (not only refusals), has {sorted(seen)}")
    assert not problems, "\n".join(problems)
