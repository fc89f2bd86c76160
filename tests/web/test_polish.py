"""Text polish: no colons after labels, lower-case Dutch month names, languages in their own name, a favicon,
natural Dutch, and the domain words (CIT, violence types, measures)."""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from ineen.households.enums import MEASURE_CATEGORY, MeasureCategory, MeasureKind, OtherTable, ViolenceType

TEMPLATES = Path(settings.BASE_DIR) / "ineen" / "templates"
LABEL = re.compile(r"<label\b[^>]*>(.*?)</label>", re.S)
LEGEND = re.compile(r"<legend\b[^>]*>(.*?)</legend>", re.S)
CAPITAL_MONTH = re.compile(r"\b\d{1,2} (Jan|Feb|Mrt|Apr|Mei|Jun|Jul|Aug|Sep|Okt|Nov|Dec)\b")


def labels(html):
    return [re.sub(r"<[^>]+>", "", text).strip() for text in LABEL.findall(html) + LEGEND.findall(html)]


@pytest.mark.parametrize(
    "page",
    ["login", "referral", "incident", "measure", "other_table", "attachment"],
)
def test_no_label_ends_with_a_colon(page, cast, login, client):
    if page == "login":
        html = client.get(reverse("account_login")).content.decode()
    else:
        client = login(cast.chair)
        url = {
            "referral": reverse("web:referral_new"),
            "incident": reverse("web:household_add", args=[cast.case.public_id, "incident"]),
            "measure": reverse("web:household_add", args=[cast.case.public_id, "maatregel"]),
            "other_table": reverse("web:household_add", args=[cast.case.public_id, "overleg"]),
            "attachment": reverse("web:attachment_add", args=[cast.case.public_id]),
        }[page]
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
    found = labels(html)
    assert found
    assert [text for text in found if text.endswith(":")] == []


def test_a_form_that_asks_for_a_suffix_keeps_it():
    class Example(forms.Form):
        name = forms.CharField(label="Naam")

    assert ":" not in Example()["name"].label_tag()
    assert Example(label_suffix=" →")["name"].label_tag().count("→") == 1


def test_dutch_months_are_lower_case(cast, login):
    client = login(cast.chair)
    html = client.get(reverse("web:case_detail", args=[cast.case.public_id])).content.decode()
    assert not CAPITAL_MONTH.search(html)
    with translation.override("nl"):
        month = Template('{{ d|date:"F" }}').render(Context({"d": timezone.localdate()}))
    assert month == month.lower() and month in html


def test_no_template_uses_capitalised_month_abbreviations():
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match}"
        for path in TEMPLATES.rglob("*.html")
        for match in re.findall(r'date:"[^"]*"', path.read_text())
        if re.search(r"(?<!\\)M", match)
    ]
    assert offenders == []


def test_dates_read_well_in_both_languages():
    day = timezone.datetime(2026, 12, 7).date()
    with translation.override("nl"):
        assert Template('{{ d|date:"j F Y" }}').render(Context({"d": day})) == "7 december 2026"
    with translation.override("en"):
        assert Template('{{ d|date:"j F Y" }}').render(Context({"d": day})) == "7 December 2026"


def test_languages_are_named_in_their_own_language(db, client):
    html = client.get(reverse("account_login")).content.decode()
    assert re.search(r'<option value="en" lang="en"\s*>English</option>', html)
    assert re.search(r'<option value="nl" lang="nl"\s*selected>Nederlands</option>', html)
    assert "Engels" not in html


def test_every_page_links_a_favicon_that_exists(db, client):
    html = client.get(reverse("account_login")).content.decode()
    href = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html).group(1)
    assert client.get(href).status_code == 200


def test_no_translated_sounding_ver_van_de_rest():
    for path in TEMPLATES.rglob("*.html"):
        assert "ver van de rest" not in path.read_text().lower(), path


def test_cit_is_the_police_crisis_intervention_team():
    with translation.override("nl"):
        assert str(OtherTable.CIT.label) == "Crisis Interventie Team (CIT) van de politie"
    with translation.override("en"):
        assert str(OtherTable.CIT.label) == "Police Crisis Intervention Team (CIT)"


def test_violence_types_and_measures_include_the_missing_domain_words():
    with translation.override("nl"):
        violence = {str(label) for _value, label in ViolenceType.choices}
        measures = {str(label) for _value, label in MeasureKind.choices}
    assert {"Eergerelateerd geweld", "Kind-oudergeweld", "(Dreigende) kinderontvoering"} <= violence
    assert {"Omgangsregeling", "Verplichte ggz (Wvggz)", "Intrekken / stopzetten uitkering"} <= measures
    with translation.override("en"):
        assert str(ViolenceType.HONOUR_RELATED.label) == "Honour-related violence"
        assert str(MeasureKind.CONTACT_ARRANGEMENT.label) == "Contact arrangement"
    assert MEASURE_CATEGORY[MeasureKind.CONTACT_ARRANGEMENT] == MeasureCategory.CIVIL
    assert MEASURE_CATEGORY[MeasureKind.COMPULSORY_MENTAL_HEALTH_CARE] == MeasureCategory.CIVIL
    assert MEASURE_CATEGORY[MeasureKind.BENEFIT_WITHDRAWAL] == MeasureCategory.ADMINISTRATIVE


def test_incident_form_offers_the_new_violence_types(cast, login):
    client = login(cast.chair)
    html = client.get(reverse("web:household_add", args=[cast.case.public_id, "incident"])).content.decode()
    for label in ("Eergerelateerd geweld", "Kind-oudergeweld", "(Dreigende) kinderontvoering"):
        assert label in html


JE = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.I)
NL_MO = Path(settings.BASE_DIR) / "ineen" / "locale" / "nl" / "LC_MESSAGES" / "django.mo"
# Client-facing text for children may say "je"; everything else addresses professionals with "u".
# The client's own pages (ineen/portal) and the documents' content partials are client-facing too; the
# portal's management page and the documents' print frame are for professionals.
CLIENT_TEMPLATES = {"conferences/report_client.html"}
CLIENT_PREFIXES = ("portal/", "conferences/documents/_")
PROFESSIONAL_PAGES = {"portal/manage.html"}


def _client_facing(name):
    return name in CLIENT_TEMPLATES or (name.startswith(CLIENT_PREFIXES) and name not in PROFESSIONAL_PAGES)


def test_professional_templates_say_u():
    assert (TEMPLATES / "portal" / "manage.html").exists()  # the exception still names a real page
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        if not _client_facing(str(path.relative_to(TEMPLATES)))
        for match in JE.finditer(re.sub(r"{#.*?#}|{% comment %}.*?{% endcomment %}", "", path.read_text(), flags=re.S))
    ]
    assert offenders == []


def test_allauth_dutch_overrides_say_u_and_override_real_texts():
    import gettext

    import allauth

    theirs = gettext.GNUTranslations(
        (Path(allauth.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.mo").open("rb")
    )._catalog
    ours = gettext.GNUTranslations(NL_MO.open("rb"))._catalog
    overrides = {msgid: text for msgid, text in ours.items() if msgid}
    assert overrides
    assert [msgid for msgid in overrides if msgid not in theirs] == []
    assert [text for text in overrides.values() if JE.search(text)] == []


def test_failed_login_says_u(db, client):
    html = client.post(reverse("account_login"), {"login": "nobody@test.example", "password": "wrong-password"})
    text = html.content.decode()
    assert "Het e-mailadres en/of wachtwoord dat u opgaf is niet juist." in text
    assert not JE.search(re.sub(r"<[^>]+>", " ", text))
