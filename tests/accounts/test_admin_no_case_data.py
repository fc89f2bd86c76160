"""The functional admin never reaches case content from /beheer/, whatever it clicks.

Crawls every /beheer/ page linked from the admin index, and every /beheer/ link on those (one level
further), as the functional admin and as a superuser, and looks for the names and note text of a case."""

import html
import re

import pytest
from django.contrib import admin
from django.urls import reverse

from ineen.accounts.models import User
from ineen.cases import actions
from ineen.cases.models import CaseNote
from tests.factories import active_case

LINK = re.compile(r'href="(/beheer/[^"#]*)"')
NOTE = "Vader dreigde met GEHEIM-7431 bij de school."
NAMES = ["Gezin Zwanenburg-Quist", "Xandrina", "Quirijntje", "Zwanenburg"]
CASE_APPS = {"cases", "households", "privacy", "conferences", "plans", "audit", "guide"}


@pytest.fixture
def secret_case(cast):
    case = active_case(cast.chair, cast.member, cast.director, name="Gezin Zwanenburg-Quist")
    names = {"Anna": ("Xandrina", "Zwanenburg"), "Bram": ("Quirijntje", "Quist")}
    for person in case.household.members.all():
        person.first_name, person.last_name = names[person.first_name]
        person.save()
    actions.add_note(case=case, actor=cast.chair, note=CaseNote(text=NOTE))
    return case


def _links(content):
    return {html.unescape(url) for url in LINK.findall(content)} - {reverse("admin:logout")}


def _crawl(client):
    seen, pages = set(), {}
    frontier = {reverse("admin:index")}
    for _depth in range(3):  # the index, the pages it links, the pages those link
        found = set()
        for url in sorted(frontier - seen):
            seen.add(url)
            response = client.get(url)
            pages[url] = response
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                found |= _links(response.content.decode())
        frontier = found
    return pages


def test_no_case_models_in_the_admin():
    assert {model._meta.app_label for model in admin.site._registry} & CASE_APPS == set()


@pytest.mark.parametrize("who", ["functional_admin", "superuser"])
def test_crawl_finds_no_case_content(who, cast, secret_case, beheer):
    user = cast.admin if who == "functional_admin" else User.objects.create_superuser("boss@test.example", "x" * 16)
    pages = _crawl(beheer(user))
    assert len(pages) > 20, sorted(pages)  # the crawl reached the model pages, not only the index
    assert reverse("admin:accounts_rolegrantrequest_changelist") in pages
    for url, response in pages.items():
        assert response.status_code in (200, 302), f"{url}: {response.status_code}"
        content = response.content.decode()
        for secret in [*NAMES, NOTE, "GEHEIM-7431", secret_case.reference, str(secret_case.public_id)]:
            assert secret not in content, f"{secret!r} on {url}"


def test_case_pages_stay_404_for_the_functional_admin(cast, secret_case, beheer):
    client = beheer(cast.admin)
    for name in ("web:case_detail", "web:case_household", "web:case_services"):
        assert client.get(reverse(name, kwargs={"public_id": secret_case.public_id})).status_code == 404, name
    assert client.get(f"/api/v1/cases/{secret_case.public_id}").status_code == 404
    listing = client.get(reverse("web:case_list")).content.decode()
    assert "Zwanenburg" not in listing and secret_case.reference not in listing
