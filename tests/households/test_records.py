"""What is known about a household, added through the record forms (one URL per kind)."""

import pytest
from django.urls import reverse

from ineen.accounts.enums import Role
from ineen.audit.models import AuditEvent
from ineen.households.enums import (
    Concern,
    IncidentRole,
    LifeDomain,
    MeasureCategory,
    MeasureKind,
    OtherTable,
    Relationship,
    ViolenceType,
)
from ineen.households.models import (
    Incident,
    IncidentInvolvement,
    InvolvedService,
    LegalMeasure,
    LifeDomainAssessment,
    OtherTableDiscussion,
    Person,
    Strength,
)

from ..factories import OrganisationFactory, make_user, refer


def add_url(case, kind):
    return reverse("web:household_add", args=[case.public_id, kind])


@pytest.fixture
def people(cast):
    members = {p.first_name: p for p in cast.case.household.members.all()}
    return members["Anna"], members["Bram"]


@pytest.fixture
def stranger(cast):
    """A person in another household of the same house."""
    other = refer(
        cast.outsider,
        cast.house,
        name="Gezin Vreemd",
        people=[{"first_name": "Vera", "last_name": "Vreemd", "relationship": Relationship.PARENT}],
    )
    return other.household.members.get()


# Governed kinds carry a basis and a visibility (see privacy); the covenant and the team are the usual.
GOVERNED = {"leefgebied", "incident", "krachtbron", "maatregel"}
GOVERNANCE = {"basis": "covenant", "visibility": "team"}


def post(client, case, kind, data):
    if kind in GOVERNED:
        data = {**GOVERNANCE, **data}
    return client.post(add_url(case, kind), data)


# --- each kind saves, with the author's organisation as the source ---------------------------


def test_add_member(cast, login):
    client = login(cast.member)
    response = post(
        client,
        cast.case,
        "gezinslid",
        {
            "first_name": "Cor",
            "last_name": "Test",
            "birth_year": "2019",
            "relationship": Relationship.CHILD_EARLIER,
            "living_at_home": "on",
            "language": "Nederlands",
            "custody_notes": "OTS sinds 2024",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("web:case_household", args=[cast.case.public_id])
    person = cast.case.household.members.get(first_name="Cor")
    assert (person.birth_year, person.relationship, person.living_at_home) == (2019, "child_earlier", True)
    event = AuditEvent.objects.filter(object_type="person").order_by("pk").last()
    assert event.actor == cast.member
    assert event.person_ids == [str(person.public_id)]


def test_add_life_domain(cast, login, people):
    anna, _bram = people
    response = post(
        login(cast.member),
        cast.case,
        "leefgebied",
        {
            "domain": LifeDomain.FINANCES,
            "person": anna.pk,
            "concern": Concern.SERIOUS,
            "note": "Schulden.",
        },
    )
    assert response.status_code == 302
    record = LifeDomainAssessment.objects.get(household=cast.case.household)
    assert (record.domain, record.person, record.concern) == (LifeDomain.FINANCES, anna, Concern.SERIOUS)
    assert record.source_organisation == cast.member.organisation


def test_add_life_domain_for_the_whole_household(cast, login):
    response = post(
        login(cast.director),
        cast.case,
        "leefgebied",
        {"domain": LifeDomain.HOUSING, "person": "", "concern": Concern.SOME},
    )
    assert response.status_code == 302
    record = LifeDomainAssessment.objects.get(household=cast.case.household)
    assert record.person is None
    assert record.source_organisation == cast.director.organisation


def test_add_incident_with_roles_per_person(cast, login, people):
    anna, bram = people
    response = post(
        login(cast.member),
        cast.case,
        "incident",
        {
            "date": "2025-03-14",
            "violence_types": [ViolenceType.PHYSICAL, ViolenceType.THREAT],
            "description": "Ruzie, buren belden politie.",
            f"role_{anna.public_id}": IncidentRole.EXPERIENCED,
            f"role_{bram.public_id}": IncidentRole.WITNESSED,
        },
    )
    assert response.status_code == 302
    incident = Incident.objects.get(household=cast.case.household)
    assert str(incident.date) == "2025-03-14"
    assert incident.violence_types == ["physical", "threat"]
    assert incident.source_organisation == cast.member.organisation
    roles = {(i.person, i.role) for i in incident.involvements.all()}
    assert roles == {(anna, IncidentRole.EXPERIENCED), (bram, IncidentRole.WITNESSED)}


def test_incident_person_not_involved_gets_no_role(cast, login, people):
    anna, _bram = people
    post(
        login(cast.member),
        cast.case,
        "incident",
        {
            "date": "2025-03-14",
            "violence_types": [ViolenceType.EMOTIONAL],
            f"role_{anna.public_id}": IncidentRole.USED_VIOLENCE,
        },
    )
    incident = Incident.objects.get(household=cast.case.household)
    assert [(i.person, i.role) for i in incident.involvements.all()] == [(anna, IncidentRole.USED_VIOLENCE)]


def test_add_strength(cast, login, people):
    _anna, bram = people
    response = post(
        login(cast.expert),
        cast.case,
        "krachtbron",
        {"description": "Opa haalt Bram elke dag van school.", "person": bram.pk},
    )
    assert response.status_code == 302
    record = Strength.objects.get(household=cast.case.household)
    assert (record.person, record.source_organisation) == (bram, cast.expert.organisation)


def test_add_service(cast, login, people):
    anna, _bram = people
    provider = OrganisationFactory(name="GGZ Delfland", houses=[cast.house])
    response = post(
        login(cast.member),
        cast.case,
        "hulpverlening",
        {
            "organisation": provider.pk,
            "person": anna.pk,
            "aim": "Traumabehandeling",
            "since": "2024-09-01",
        },
    )
    assert response.status_code == 302
    record = InvolvedService.objects.get(household=cast.case.household)
    assert (record.organisation, record.person, record.aim) == (provider, anna, "Traumabehandeling")


def test_add_measure(cast, login, people):
    anna, _bram = people
    response = post(
        login(cast.member),
        cast.case,
        "maatregel",
        {
            "person": anna.pk,
            "category": MeasureCategory.ADMINISTRATIVE,
            "kind": MeasureKind.RESTRAINING_ORDER,
            "starts_on": "2025-03-15",
            "ends_on": "2025-03-25",
            "review_on": "2025-03-24",
            "note": "Verlenging?",
        },
    )
    assert response.status_code == 302
    record = LegalMeasure.objects.get(household=cast.case.household)
    assert (record.kind, str(record.ends_on)) == (MeasureKind.RESTRAINING_ORDER, "2025-03-25")
    assert record.source_organisation == cast.member.organisation


def test_add_other_table(cast, login):
    response = post(
        login(cast.member),
        cast.case,
        "overleg",
        {"table": OtherTable.ZSM, "since": "2025-01-10", "note": "Strafzaak vader."},
    )
    assert response.status_code == 302
    record = OtherTableDiscussion.objects.get(household=cast.case.household)
    assert (record.table, record.note) == (OtherTable.ZSM, "Strafzaak vader.")


def test_source_organisation_cannot_be_chosen(cast, login):
    other_org = OrganisationFactory(houses=[cast.house])
    post(
        login(cast.member),
        cast.case,
        "krachtbron",
        {"description": "Betrokken buurvrouw.", "source_organisation": other_org.pk},
    )
    assert Strength.objects.get(household=cast.case.household).source_organisation == cast.member.organisation


def test_chair_adds_with_own_organisation(cast, login):
    post(login(cast.chair), cast.case, "krachtbron", {"description": "Open voor hulp."})
    assert Strength.objects.get(household=cast.case.household).source_organisation == cast.chair.organisation


def test_every_kind_renders_its_form(cast, login):
    client = login(cast.member)
    for kind in ["gezinslid", "leefgebied", "incident", "krachtbron", "hulpverlening", "maatregel", "overleg"]:
        assert client.get(add_url(cast.case, kind)).status_code == 200, kind


def test_unknown_kind_is_404(cast, login):
    assert login(cast.member).get(add_url(cast.case, "geheim")).status_code == 404


# --- persons from another household are refused ------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("leefgebied", {"domain": LifeDomain.WORK, "concern": Concern.NONE}),
        ("krachtbron", {"description": "Sport."}),
        ("hulpverlening", {"aim": "Schuldhulp"}),
        ("maatregel", {"category": MeasureCategory.CRIMINAL, "kind": MeasureKind.CONTACT_BAN}),
    ],
)
def test_person_from_another_household_is_rejected(cast, login, stranger, kind, data):
    if kind == "hulpverlening":
        data = {**data, "organisation": cast.member.organisation.pk}
    response = post(login(cast.member), cast.case, kind, {**data, "person": stranger.pk})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert response.context["form"].errors["person"]
    for model in (LifeDomainAssessment, Strength, InvolvedService, LegalMeasure):
        assert not model.objects.filter(household=cast.case.household).exists()
    assert not Strength.objects.filter(person=stranger).exists()


def test_incident_role_for_a_person_of_another_household_is_ignored(cast, login, stranger):
    response = post(
        login(cast.member),
        cast.case,
        "incident",
        {
            "date": "2025-03-14",
            "violence_types": [ViolenceType.PHYSICAL],
            f"role_{stranger.public_id}": IncidentRole.USED_VIOLENCE,
        },
    )
    assert response.status_code == 302
    assert not IncidentInvolvement.objects.filter(person=stranger).exists()


def test_editing_a_person_of_another_household_is_404(cast, login, stranger):
    url = reverse("web:person_edit", args=[cast.case.public_id, stranger.public_id])
    client = login(cast.member)
    assert client.get(url).status_code == 404
    assert client.post(url, {"first_name": "Gekaapt", "relationship": Relationship.OTHER}).status_code == 404
    stranger.refresh_from_db()
    assert stranger.first_name == "Vera"


def test_editing_a_member_keeps_them_in_the_household(cast, login, people):
    anna, _bram = people
    url = reverse("web:person_edit", args=[cast.case.public_id, anna.public_id])
    response = login(cast.member).post(
        url,
        {
            "first_name": "Anna",
            "last_name": "Test",
            "birth_year": "1984",
            "relationship": Relationship.PARENT,
            "language": "Pools",
            "needs_interpreter": "on",
        },
    )
    assert response.status_code == 302
    anna.refresh_from_db()
    assert (anna.birth_year, anna.language, anna.needs_interpreter) == (1984, "Pools", True)
    assert anna.household == cast.case.household


# --- invalid input: 400, a Dutch message, what was typed is kept ----------------------------


def test_invalid_incident_date(cast, login):
    response = post(
        login(cast.member),
        cast.case,
        "incident",
        {
            "date": "2025-02-31",
            "violence_types": [ViolenceType.PHYSICAL],
            "description": "Mijn tekst blijft staan.",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Voer een geldige datum in." in content
    assert "Mijn tekst blijft staan." in content
    assert not Incident.objects.exists()


def test_incident_needs_a_date_and_a_type(cast, login):
    response = post(login(cast.member), cast.case, "incident", {"description": "x"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"date", "violence_types"}
    assert "Dit veld is verplicht." in response.content.decode()


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("hulpverlening", {"aim": "Opvoedondersteuning", "since": "gisteren"}, "since"),
        (
            "maatregel",
            {"category": MeasureCategory.CIVIL, "kind": MeasureKind.SUPERVISION_ORDER, "review_on": "13-13-2025"},
            "review_on",
        ),
        ("overleg", {"table": OtherTable.CIT, "since": "2025-13-01"}, "since"),
    ],
)
def test_invalid_dates_are_refused(cast, login, people, kind, data, field):
    anna, _bram = people
    data = {**data, "person": anna.pk}
    if kind == "hulpverlening":
        data["organisation"] = cast.member.organisation.pk
    response = post(login(cast.member), cast.case, kind, data)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert "Voer een geldige datum in." in response.content.decode()


def test_measure_ending_before_it_starts_gets_a_clear_message(cast, login, people):
    anna, _bram = people
    response = post(
        login(cast.member),
        cast.case,
        "maatregel",
        {
            "person": anna.pk,
            "category": MeasureCategory.CRIMINAL,
            "kind": MeasureKind.CONTACT_BAN,
            "starts_on": "2025-05-01",
            "ends_on": "2025-04-01",
            "note": "Blijft staan",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "De einddatum ligt vóór de begindatum." in content
    assert "Beperking" not in content  # not the database constraint's generic message
    assert "Blijft staan" in content
    assert not LegalMeasure.objects.exists()


def test_invalid_birth_year(cast, login):
    response = post(
        login(cast.member),
        cast.case,
        "gezinslid",
        {"first_name": "Dirk", "birth_year": "abc", "relationship": Relationship.OTHER},
    )
    assert response.status_code == 400
    assert "Voer een geheel getal in." in response.content.decode()
    assert not Person.objects.filter(first_name="Dirk").exists()


# --- who may add ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["outsider", "former", "manager", "other_chair"])
def test_people_outside_the_case_get_404(cast, login, who):
    client = login(getattr(cast, who))
    assert client.get(add_url(cast.case, "krachtbron")).status_code == 404
    assert post(client, cast.case, "krachtbron", {"description": "Ingebroken."}).status_code == 404
    assert not Strength.objects.exists()


def test_new_professional_of_same_house_not_in_team_gets_404(cast, login):
    user = make_user(cast.house, Role.PROFESSIONAL)
    assert login(user).get(add_url(cast.case, "incident")).status_code == 404
