"""The client's own pages in a real browser (issue 11, point 11): a household member opens their link on a
phone-sized screen, types the code, lands on the start page, fills in the preparation and a score (once
those pages exist), and reads "my plan". axe-core finds nothing on any client page (discovered from the URL
resolver, plus every /mijn/ link on them), the code page (also with a wrong code) and the signed-out page;
at 320 px wide nothing scrolls sideways; axe again at 200% zoom. The chair's print pages of the client
documents and the client report: axe and 320 px too. Screenshots: /tmp/ineen-shots/client-*.png."""

import re

import pytest
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import expect

from ineen.conferences import documents
from ineen.portal import actions as portal_actions
from tests.security.test_client_canary import build_world, portal_routes, spec

from .conftest import TIMEOUT_MS, watch_errors
from .test_reflow import OVERFLOW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
ZOOM_200 = {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2}
# Pages the other portal work adds; their steps run once the path resolves.
PREPARATION, SCORES, MY_PLAN = "/mijn/voorbereiding/", "/mijn/cijfers/", "/mijn/plan/"
LINK = re.compile(r'href="(/mijn/[^"#?]*)"')


def exists(path):
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


@pytest.fixture
def world(cast):
    from django.core.cache import cache

    cache.clear()  # the per-address counter of wrong codes lives in the cache the live server shares
    markers = spec()
    people, conferences = build_world(cast, markers)
    return markers, people, conferences


@pytest.fixture
def device(browser, live_server):
    """device(**options) -> a page in a fresh context (own cookies) with those options."""
    contexts = []

    def _device(**options):
        context = browser.new_context(base_url=live_server.url, locale="nl-NL", **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        watch_errors(page)
        return page

    yield _device
    for context in contexts:
        context.close()


def open_link(page, cast, person, audit=None):
    """The member's link and code as handed over; types the code on the code page."""
    _access, token, code = portal_actions.grant_access(actor=cast.director, case=cast.case, person=person)
    page.goto(reverse("portal:code", args=[token]))
    if audit:
        audit(page, "client-code")
        page.fill("input[name=code]", "ABCD-EFGH")
        page.locator("main form button[type=submit]").click()
        expect(page.locator(".utrecht-form-field-description--invalid, [role=alert]").first).to_be_visible()
        audit(page, "client-code-wrong")
    page.fill("input[name=code]", f"{code[:4]}-{code[4:]}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{reverse('portal:home')}")
    return page


def client_urls(page):
    """Every GET page of the signed-in client: the portal's argument-free routes that answer 200 (not the
    POST-only logout), plus every /mijn/ link those pages show."""
    queue = [reverse(name) for name in portal_routes() if name != "portal:logout"]
    found, seen = [], set()
    while queue and len(seen) < 40:
        url = queue.pop(0)
        if url in seen or url == reverse("portal:logout"):
            continue
        seen.add(url)
        response = page.goto(url)
        assert response.status < 500, f"{url}: {response.status}"
        if response.status != 200 or not page.url.endswith(url):  # redirected or refused: not a page of ours
            continue
        found.append(url)
        queue += LINK.findall(page.content())
    page.ineen_errors[:] = []
    return found


def slug(url):
    return url.strip("/").replace("/", "-") or "root"


def sideways(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    found = page.evaluate(OVERFLOW)
    return None if found["scroll"] <= found["width"] else f"{found['scroll']} wide: {found['causes']}"


def fill_in(page, text):
    """Fill in the first form of <main> as a client would: every text box, a middle choice in every
    radio group, then send it. Returns the answer's HTTP status."""
    form = page.locator("main form[method=post]").last
    for box in form.locator("textarea:visible, input[type=text]:visible").all():
        box.fill(text)
    names = []
    for radio in form.locator("input[type=radio]").all():
        name = radio.get_attribute("name")
        if name not in names:
            names.append(name)
    for name in names:
        options = form.locator(f"input[type=radio][name='{name}']")
        preferred = form.locator(f"input[type=radio][name='{name}'][value='7']")
        (preferred if preferred.count() else options.nth(options.count() // 2)).check()
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        form.locator("button[type=submit]").last.click()
    page.wait_for_load_state("load")
    return answer.value.status


# --- the journey on a phone ------------------------------------------------------------------------


def test_client_opens_link_on_a_phone_and_reads_my_plan(device, cast, world, audit):
    markers, people, _conferences = world
    page = open_link(device(**PHONE), cast, people["anna"], audit=audit)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hallo Anna")
    audit(page, "client-home")
    if exists(MY_PLAN):
        page.goto(MY_PLAN)
        audit(page, "client-my-plan")
        expect(page.locator("main")).to_contain_text(markers["action-wording"].text)
        assert markers["action-what"].text not in page.content()
    else:  # "Mijn plan" is not a client page yet: the start page is what the client reads
        expect(page.locator("main")).to_contain_text("Uw contactpersoon")
    assert sideways(page, 320) is None
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"**{reverse('portal:signed_out')}")
    audit(page, "client-signed-out")
    assert sideways(page, 320) is None


@pytest.mark.skipif(not exists(PREPARATION), reason=f"{PREPARATION} does not exist yet (another branch adds it)")
def test_client_fills_in_the_preparation_on_a_phone(device, cast, world, audit):
    _markers, people, _conferences = world
    page = open_link(device(**PHONE), cast, people["anna"])
    page.goto(PREPARATION)
    audit(page, "client-preparation")
    status = fill_in(page, "Ik wil dat de kinderen veilig zijn.")
    assert status in (200, 302, 303), status
    assert not page.locator(".utrecht-form-field-description--invalid:visible").count(), page.url
    audit(page, "client-preparation-saved")


@pytest.mark.skipif(not exists(SCORES), reason=f"{SCORES} does not exist yet (another branch adds it)")
def test_client_gives_a_score_on_a_phone(device, cast, world, audit):
    _markers, people, _conferences = world
    page = open_link(device(**PHONE), cast, people["bram"])
    page.goto(SCORES)
    audit(page, "client-scores")
    status = fill_in(page, "Het gaat beter op school.")
    assert status in (200, 302, 303), status
    assert not page.locator(".utrecht-form-field-description--invalid:visible").count(), page.url
    audit(page, "client-scores-saved")


# --- every client page: axe on a phone, 320 px, 200% zoom ---------------------------------------------


def test_every_client_page_passes_axe_and_reflows_at_320_px(device, cast, world, audit):
    """For an adult ("u") and a young person ("je"): every client page on a phone through axe, then at
    320 px wide without sideways scrolling."""
    _markers, people, _conferences = world
    problems, pages = [], {}
    for key in ("anna", "bram"):
        page = open_link(device(**PHONE), cast, people[key])
        pages[key] = client_urls(page)
        for url in pages[key]:
            page.set_viewport_size(PHONE["viewport"])
            page.goto(url)
            audit(page, f"client-{key}-{slug(url)}")
            problem = sideways(page, 320)
            if problem:
                problems.append(f"{key} {url}: {problem}")
    assert {reverse("portal:home"), reverse("portal:dispute"), reverse("portal:evaluation")} <= set(pages["anna"])
    assert not problems, "client pages that scroll sideways at 320 px:\n" + "\n".join(problems)


def test_every_client_page_passes_axe_at_200_percent_zoom(device, cast, world, audit):
    _markers, people, _conferences = world
    page = open_link(device(**ZOOM_200), cast, people["anna"])
    urls = client_urls(page)
    assert reverse("portal:home") in urls
    for url in urls:
        page.goto(url)
        audit(page, f"client-zoom200-{slug(url)}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), url


# --- the chair's print pages ---------------------------------------------------------------------------


def test_printable_client_documents_pass_axe_and_reflow(new_page, cast, world, login, audit):
    _markers, people, conferences = world
    page = login(new_page(), cast.chair)
    problems = []
    for conference in conferences:
        for key in ("anna", "dirk", "bram"):
            person = people[key]
            urls = [
                (kind, reverse("conferences:client_document", args=[conference.public_id, person.public_id, kind]))
                for kind in documents.KINDS
            ]
            urls.append(
                ("verslag", reverse("conferences:client_report", args=[conference.public_id, person.public_id]))
            )
            for kind, url in urls:
                page.set_viewport_size({"width": 1280, "height": 900})
                response = page.goto(url)
                assert response.status == 200, f"{url}: {response.status}"
                audit(page, f"client-doc-{conference.state}-{key}-{kind}")
                problem = sideways(page, 320)
                if problem:
                    problems.append(f"{key} {kind} {url}: {problem}")
    assert not problems, "print pages that scroll sideways at 320 px:\n" + "\n".join(problems)
