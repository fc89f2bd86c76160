"""Referring a household: the form, the duplicate check, bad input, and the chairs' e-mail."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ineen.accounts.enums import Role
from ineen.cases import actions
from ineen.cases.enums import CaseState
from ineen.cases.models import Case, Referral
from ineen.households.enums import Relationship
from ineen.households.models import Household, Person
from tests.factories import CLOSURE_PLAN

from ..factories import make_user
from .conftest import referral_data

URL = reverse("web:referral_new")

# The same names as cast.case's household (see factories.refer): Anna and Bram Test.
SAME_PEOPLE = [
    {"first_name": "Anna", "last_name": "Test", "birth_year": "1985", "relationship": Relationship.PARENT},
    {"first_name": "Bram", "last_name": "Test", "birth_year": "2015", "relationship": Relationship.CHILD},
]


def content(response):
    return response.content.decode()


# --- the form ---------------------------------------------------------------------------------------


def test_get_shows_the_form(cast, login):
    response = login(cast.outsider).get(URL)
    assert response.status_code == 200
    assert "Huishouden aanmelden" in content(response)
    assert list(response.context["form"].fields["safety_house"].queryset) == [cast.house]


@pytest.mark.parametrize("who", ["manager", "admin", "researcher"])
def test_roles_without_casework_cannot_refer(cast, login, who):
    assert login(getattr(cast, who)).get(URL).status_code == 404


def test_valid_referral_creates_the_case_and_mails_the_chairs_a_link_only(
    cast, login, mailoutbox, django_capture_on_commit_callbacks
):
    second_chair = make_user(cast.house, Role.CHAIR, email="chair2@test.example")
    data = referral_data(
        cast.house,
        people=[
            {"first_name": "Mila", "last_name": "Bakker", "birth_year": "1990", "relationship": Relationship.PARENT},
            {"first_name": "Noor", "last_name": "Bakker", "birth_year": "2018", "relationship": Relationship.CHILD},
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = login(cast.outsider).post(URL, data)

    referral = Referral.objects.get(referrer=cast.outsider)
    case = referral.case
    assert response.status_code == 302
    assert response["Location"] == reverse("web:referral_detail", args=[referral.public_id])
    assert case.state == CaseState.REFERRED
    assert case.safety_house == cast.house
    assert case.reference.startswith("HGL-")
    assert (case.household.name, case.household.postcode_area) == ("Gezin Bakker", "2511")
    assert sorted(str(p) for p in case.household.members.all()) == ["Mila Bakker", "Noor Bakker"]
    assert referral.referring_organisation == cast.outsider.organisation
    assert referral.summary == "Herhaald geweld tussen ouders; kinderen getuige."
    assert referral.risk_factors == ["earlier_violence"]
    assert referral.clients_informed == "yes"

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == ["chair2@test.example", "chair@test.example"]  # never the other house's chair
    assert second_chair.email in mail.to
    link = reverse("web:case_detail", args=[case.public_id])
    assert link in mail.body
    everything = mail.subject + mail.body
    for secret in ["Mila", "Noor", "Bakker", "2511", "Herhaald geweld", "Moeder wil rust", "Hulp bij scheiding"]:
        assert secret not in everything, secret


def test_referrer_sees_the_status_page(cast, login):
    client = login(cast.outsider)
    response = client.post(URL, referral_data(cast.house), follow=True)
    assert response.status_code == 200
    assert "De aanmelding is verstuurd" in content(response)
    assert "Aangemeld" in content(response)  # the state, in Dutch


def test_only_the_referrer_sees_the_referral_status(cast, login, client_for):
    login(cast.outsider).post(URL, referral_data(cast.house))
    referral = Referral.objects.get(referrer=cast.outsider)
    url = reverse("web:referral_detail", args=[referral.public_id])
    for user in (cast.member, cast.chair, cast.manager, cast.other_chair):
        assert client_for(user).get(url).status_code == 404, user.email


# --- bad input: 400, Dutch messages, nothing typed is lost ----------------------------------------


def test_invalid_input_is_refused_in_dutch_and_keeps_what_was_typed(cast, login):
    data = referral_data(
        cast.house,
        household_name="",
        postcode_area="12",
        people=[
            {
                "first_name": "Mila",
                "last_name": "Bakker",
                "birth_year": "abc",
                "relationship": Relationship.PARENT,
                "custody_notes": "Voogdij bij oma",
            }
        ],
        summary="Mijn lange verhaal over het gezin.",
        needs="Een gezamenlijk plan.",
    )
    response = login(cast.outsider).post(URL, data)
    assert response.status_code == 400
    html = content(response)
    assert "Dit veld is verplicht." in html  # household name
    assert "Vul 4 cijfers in, bijvoorbeeld 2511." in html
    assert "Voer een geheel getal in." in html
    assert response.context["form"].errors.keys() == {"household_name", "postcode_area"}
    assert response.context["people"].errors == [{"birth_year": ["Voer een geheel getal in."]}]
    for typed in [
        "Mijn lange verhaal over het gezin.",
        "Een gezamenlijk plan.",
        "Voogdij bij oma",
        'value="Mila"',
        'value="Bakker"',
        'value="12"',
        'value="abc"',
        "Moeder wil rust.",
    ]:
        assert typed in html, typed
    assert not Case.objects.filter(referral__referrer=cast.outsider).exists()
    assert not Household.objects.filter(name="").exists()


def test_at_least_one_member_is_needed(cast, login):
    data = referral_data(cast.house, people=[])
    response = login(cast.outsider).post(URL, data)
    assert response.status_code == 400
    assert "Vul ten minste één gezinslid in." in content(response)


def test_birth_year_out_of_range(cast, login):
    data = referral_data(cast.house, people=[{"first_name": "Oud", "birth_year": "1066"}])
    response = login(cast.outsider).post(URL, data)
    assert response.status_code == 400
    assert response.context["people"].errors[0].keys() == {"birth_year"}


def test_unknown_safety_house_is_refused(cast, login):
    # The other house is not one this referrer may refer to.
    response = login(cast.outsider).post(URL, referral_data(cast.house, safety_house=str(cast.other_house.pk)))
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in content(response)
    assert not Case.objects.filter(safety_house=cast.other_house).exists()


def test_oversized_text_gets_a_4xx_not_a_500(cast, login):
    response = login(cast.outsider).post(URL, referral_data(cast.house, summary="x" * (10 * 1024 * 1024)))
    assert 400 <= response.status_code < 500
    assert not Referral.objects.filter(referrer=cast.outsider).exists()


def test_oversized_names_are_refused_with_a_message(cast, login):
    data = referral_data(
        cast.house, household_name="N" * 5000, people=[{"first_name": "F" * 5000, "last_name": "L" * 5000}]
    )
    response = login(cast.outsider).post(URL, data)
    assert response.status_code == 400
    assert "Zorg dat deze waarde niet meer dan 200 tekens bevat" in content(response)
    assert response.context["people"].errors[0].keys() == {"first_name", "last_name"}
    assert not Referral.objects.filter(referrer=cast.outsider).exists()


def test_too_many_members_are_refused_not_silently_dropped(cast, login):
    data = referral_data(cast.house, people=[{"first_name": f"Kind{i}"} for i in range(25)])
    response = login(cast.outsider).post(URL, data)
    assert response.status_code == 400
    assert "Vul hoogstens 20 gezinsleden in." in content(response)
    assert not Referral.objects.filter(referrer=cast.outsider).exists()


def test_broken_formset_management_data_is_a_400(cast, login):
    data = referral_data(cast.house)
    del data["person-TOTAL_FORMS"]
    response = login(cast.outsider).post(URL, data)
    assert response.status_code == 400
    assert not Referral.objects.filter(referrer=cast.outsider).exists()


# --- the duplicate check --------------------------------------------------------------------------


def test_visible_duplicate_is_offered_as_a_choice(cast, login):
    response = login(cast.member).post(URL, referral_data(cast.house, household_name="Fam. Test", people=SAME_PEOPLE))
    assert response.status_code == 200
    html = content(response)
    assert "Is dit een huishouden dat al bekend is?" in html
    assert cast.case.reference in html
    assert f'value="{cast.case.public_id}"' in html
    assert 'value="new"' in html
    assert [m.case for m in response.context["matches"]] == [cast.case]
    # Nothing is created until the referrer chooses; what they typed is still there.
    assert Case.objects.count() == 1
    assert "Herhaald geweld tussen ouders" in html


def test_choosing_new_creates_a_new_household(cast, login):
    households = Household.objects.count()
    data = referral_data(cast.house, household_name="Fam. Test", people=SAME_PEOPLE, existing_case="new")
    response = login(cast.member).post(URL, data)
    assert response.status_code == 302
    assert Household.objects.count() == households + 1
    case = Referral.objects.get(referrer=cast.member, case__household__name="Fam. Test").case
    assert case.household != cast.case.household
    assert case.household.members.count() == 2


def test_choosing_an_existing_household_with_an_open_case_gives_a_clear_message(cast, login):
    data = referral_data(
        cast.house,
        household_name="Fam. Test",
        people=SAME_PEOPLE,
        existing_case=str(cast.case.public_id),
        summary="Nieuwe melding politie.",
    )
    response = login(cast.member).post(URL, data)
    assert response.status_code == 400
    html = content(response)
    assert f"Voor dit huishouden loopt al casus {cast.case.reference}." in html
    assert "Nieuwe melding politie." in html
    assert Case.objects.count() == 1


def test_choosing_an_existing_household_with_a_closed_case_opens_a_new_case_for_it(cast, login):
    actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Doelen bereikt.")
    people_before = Person.objects.count()
    data = referral_data(
        cast.house, household_name="Fam. Test", people=SAME_PEOPLE, existing_case=str(cast.case.public_id)
    )
    response = login(cast.member).post(URL, data)
    assert response.status_code == 302
    new = Case.objects.exclude(pk=cast.case.pk).get()
    assert new.household == cast.case.household
    assert new.state == CaseState.REFERRED
    assert Person.objects.count() == people_before  # no duplicate members
    assert Case.objects.get(pk=cast.case.pk).state == CaseState.CLOSED  # the old case keeps its history


def test_choosing_a_household_that_was_not_offered_is_404(cast, login, house):
    other = actions.submit_referral(
        actor=cast.outsider,
        house=house,
        household_name="Gezin Geheim",
        people=[{"first_name": "Anna", "last_name": "Test", "relationship": Relationship.PARENT}],
        answers={},
    )
    data = referral_data(cast.house, people=SAME_PEOPLE, existing_case=str(other.public_id))
    response = login(cast.member).post(URL, data)
    assert response.status_code == 404
    assert Case.objects.count() == 2


# --- fuzzing: random text in every field never gives a server error -------------------------------

text = st.text(max_size=300)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    household_name=text,
    postcode=text,
    first_name=text,
    last_name=text,
    birth_year=text,
    relationship=text,
    summary=st.text(max_size=3000),
    informed=text,
    risk=text,
    house=text,
)
def test_random_input_never_gives_a_500(
    cast,
    login,
    household_name,
    postcode,
    first_name,
    last_name,
    birth_year,
    relationship,
    summary,
    informed,
    risk,
    house,
):
    data = referral_data(
        cast.house,
        household_name=household_name,
        postcode_area=postcode,
        summary=summary,
        clients_informed=informed,
        risk_factors=[risk],
        people=[
            {"first_name": first_name, "last_name": last_name, "birth_year": birth_year, "relationship": relationship}
        ],
    )
    if house:
        data["safety_house"] = house
    response = login(cast.outsider).post(URL, data)
    assert response.status_code in (200, 302, 400), response.status_code


# --- what is required, the error summary, no preselected "new household" -----------------------------


def test_the_intro_and_the_required_markers_agree(cast, login):
    html = content(login(cast.outsider).get(URL))
    assert "de naam van het huishouden en, voor ten minste één gezinslid, de voornaam en de positie" in html
    form = login(cast.outsider).get(URL).context["form"]
    for name in ("household_name",):
        assert form[name].label_tag().count("(verplicht)") == 1
    assert "(verplicht)" not in form["postcode_area"].label_tag()
    person = login(cast.outsider).get(URL).context["people"].forms[0]
    assert "(verplicht)" in person["relationship"].label_tag()
    assert "(verplicht)" in person["first_name"].label_tag()
    assert "(verplicht)" not in person["birth_year"].label_tag()


def test_an_error_is_listed_at_the_top_with_a_link_to_the_field(cast, login):
    people = [{"first_name": "Mila", "last_name": "Bakker", "birth_year": "1990", "relationship": ""}]
    response = login(cast.outsider).post(URL, referral_data(cast.house, people=people))
    assert response.status_code == 400
    html = content(response)
    summary = html[html.index("data-error-summary") : html.index("</ul>", html.index("data-error-summary"))]
    assert "Er ging iets mis" in summary
    assert 'href="#id_person-0-relationship"' in summary
    assert "Gezinslid 1: Positie in het huishouden" in summary
    assert html.index("data-error-summary") < html.index('id="id_safety_house"')


def test_the_duplicate_panel_has_no_preselected_choice(cast, login):
    response = login(cast.member).post(URL, referral_data(cast.house, household_name="Fam. Test", people=SAME_PEOPLE))
    html = content(response)
    panel = html[html.index("Is dit een huishouden dat al bekend is?") : html.index("Het huishouden</legend>")]
    assert "checked" not in panel


def test_sending_the_duplicate_panel_without_a_choice_is_refused(cast, login):
    households = Household.objects.count()
    data = referral_data(cast.house, household_name="Fam. Test", people=SAME_PEOPLE, matches_shown="1")
    response = login(cast.member).post(URL, data)
    assert response.status_code == 400
    html = content(response)
    assert "Kies of het om een huishouden gaat dat al bekend is" in html
    assert 'href="#id_existing_case"' in html and 'id="id_existing_case"' in html
    assert Household.objects.count() == households
    assert Case.objects.count() == 1
    assert "Herhaald geweld tussen ouders" in html  # nothing typed is lost
