"""What the API shows, field by field. Public ids (UUIDs) only, never database keys; names of people
and organisations as text; never a confidential address (only the flag `has_confidential_address`), never
the reason recorded for a breach of professional secrecy (no page shows it either)."""

import datetime as dt
from uuid import UUID

from django.utils import timezone
from ninja import Field, Schema

from ineen.cases.enums import CaseState, Route
from ineen.cases.search import MAX_QUERY_LENGTH


class CaseFilter(Schema):
    # No NUL characters: PostgreSQL refuses them in a query (that would be a 500, not a 400).
    q: str = Field(
        "",
        max_length=MAX_QUERY_LENGTH,
        pattern=r"^[^\x00]*$",
        description="Zoeken op kenmerk, naam van het huishouden of naam van een gezinslid.",
    )
    status: CaseState | None = Field(None, description="Alleen casussen met deze status.")
    route: Route | None = Field(None, description="Alleen casussen met deze route.")


class CaseOut(Schema):
    public_id: UUID
    reference: str
    state: str
    state_label: str
    route: str
    route_label: str
    safety_house: str
    household_name: str
    opened_on: dt.date

    @staticmethod
    def resolve_state_label(case):
        return str(case.get_state_display())

    @staticmethod
    def resolve_route_label(case):
        return str(case.get_route_display()) if case.route else ""

    @staticmethod
    def resolve_safety_house(case):
        return case.safety_house.code

    @staticmethod
    def resolve_household_name(case):
        return case.household.name

    @staticmethod
    def resolve_opened_on(case):
        return timezone.localdate(case.opened_at)


class PersonOut(Schema):
    public_id: UUID
    first_name: str
    last_name: str
    birth_year: int | None
    relationship: str
    relationship_label: str
    living_at_home: bool
    has_confidential_address: bool = Field(
        description="Er is een geheim verblijfadres. Het adres zelf staat nooit in de API."
    )

    @staticmethod
    def resolve_relationship_label(person):
        return str(person.get_relationship_display())


class HouseholdOut(Schema):
    public_id: UUID
    name: str
    members: list[PersonOut]


class CaseDetailOut(CaseOut):
    closed_on: dt.date | None
    relation: str = Field(description="Waarom u deze casus mag zien (procesregisseur, casusregisseur, teamlid …).")
    household: HouseholdOut

    @staticmethod
    def resolve_closed_on(case):
        return timezone.localdate(case.closed_at) if case.closed_at else None

    @staticmethod
    def resolve_household(case):
        household = case.household
        return {"public_id": household.public_id, "name": household.name, "members": case.members}


class GovernedOut(Schema):
    """Source, basis and visibility of a governed item (docs/privacy.md, "Information items")."""

    public_id: UUID
    source_organisation: str
    basis: str
    basis_label: str
    visibility: str
    visibility_label: str

    @staticmethod
    def resolve_source_organisation(item):
        return item.source_organisation.name

    @staticmethod
    def resolve_basis_label(item):
        return str(item.get_basis_display())

    @staticmethod
    def resolve_visibility_label(item):
        return str(item.get_visibility_display())


class NoteOut(GovernedOut):
    text: str
    author: str
    is_health_information: bool
    created_at: dt.datetime

    @staticmethod
    def resolve_author(note):
        return note.author.get_full_name()


class AttachmentOut(GovernedOut):
    """What the file is, and where to download it: the download is the HTML route, which asks the policy
    again and writes the download's own audit event (the file itself is never inlined in JSON)."""

    title: str
    file_name: str
    content_type: str
    size: int
    is_health_information: bool
    uploaded_by: str
    created_at: dt.datetime
    download_url: str

    @staticmethod
    def resolve_uploaded_by(attachment):
        return attachment.uploaded_by.get_full_name()

    @staticmethod
    def resolve_download_url(attachment):
        from django.urls import reverse

        return reverse("web:attachment_download", args=[attachment.case.public_id, attachment.public_id])


class InvolvementOut(Schema):
    person: UUID
    role: str
    role_label: str


class IncidentOut(GovernedOut):
    date: dt.date
    violence_types: list[str]
    description: str
    involvements: list[InvolvementOut]

    @staticmethod
    def resolve_involvements(incident):
        return [
            {"person": row.person.public_id, "role": row.role, "role_label": str(row.get_role_display())}
            for row in incident.involvements.all()
        ]


class PlanActionOut(Schema):
    public_id: UUID
    what: str
    reason: str
    owner: str
    owner_organisation: str
    due_on: dt.date
    action_type: str
    towards: str
    horizon: str
    status: str
    status_label: str
    outcome: str
    overdue: bool = Field(description="Open en over de datum.")
    carried_over: int = Field(description="Hoe vaak deze actie al is doorgeschoven.")

    @staticmethod
    def resolve_owner(action):
        # An agreement imported from an old case file has only an owner organisation.
        return action.owner.get_full_name() if action.owner is not None else ""

    @staticmethod
    def resolve_owner_organisation(action):
        return action.owner_organisation.name

    @staticmethod
    def resolve_status_label(action):
        return str(action.get_status_display())

    @staticmethod
    def resolve_carried_over(action):
        return action.depth


class BottomLineOut(Schema):
    public_id: UUID
    text: str
    guardian: str
    guardian_organisation: str
    how_we_know: str
    on_breach: str
    status: str
    status_label: str

    @staticmethod
    def resolve_guardian(line):
        return line.guardian.get_full_name()

    @staticmethod
    def resolve_guardian_organisation(line):
        return line.guardian_organisation.name

    @staticmethod
    def resolve_status_label(line):
        return str(line.get_status_display())


class PlanOut(Schema):
    case: UUID
    reference: str
    actions: list[PlanActionOut] = Field(description="Open acties eerst (op datum), daarna de rest.")
    bottom_lines: list[BottomLineOut] = Field(description="Geldende en niet nagekomen bodemeisen eerst.")


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    field: str
    message: str


class InvalidOut(ErrorOut):
    errors: list[FieldErrorOut]
