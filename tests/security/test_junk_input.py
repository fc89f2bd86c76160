"""Bad input never gives a 500: junk in any field of any form is a clear 4xx or a form error.

For every POST route of the authorization matrix (test_matrix.MATRIX, which the route meta-test keeps
complete), a user the matrix allows to post there opens the page that holds the form, and the test reads
the form as a browser would (tests/security/html_forms.py: hidden fields too). Then it posts junk into
every field, one field at a time with the others at their valid values (the form's own plus the
matrix's POST_DATA), and into all fields at once: wrong types, huge and special numbers, empty, very long,
unusual unicode, bytes that are not UTF-8, a field given twice, and ids of nothing or of something else.
The posts come from an allowed user, so they get past the access check into the forms and actions.
Free-text fields get a smaller set (any text is valid there); a field repeated per row (text_12, text_13)
is fuzzed in its first row; views that answer htmx in their own way also get the all-at-once junk via htmx.
Django's bare English 400 page counts as a failure too (ineen/templates/400.html is the Dutch one).

Each post runs in a savepoint that is rolled back, so every post meets the same state (the one in which
the valid data would succeed). All answers of 500 and more are collected and reported at once. The API
(ineen/api/) has its own fuzzing (schemathesis); a NUL character is covered by test_nul_input.py.
"""

import inspect
import re
import sys
import traceback
import uuid
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.signals import got_request_exception
from django.db import transaction
from django.urls import NoReverseMatch, resolve

from ineen.cases.models import Triage
from ineen.conferences.live_state import VIEWS
from tests.factories import CLOSURE_PLAN

from .conftest import recently_reauthenticated
from .html_forms import allowed_roles, forms_of, posting_role
from .test_matrix import CLIENT_PORTAL_POSTS, MATRIX, POST_DATA, PREPARE, _back_in_triage, _live, url_for

POST_ROUTES = [route for route, methods in MATRIX.items() if "POST" in methods and route not in CLIENT_PORTAL_POSTS]


def _undecided_triage(c):
    """Back in triage, its decision not yet taken: the triage page shows both its forms again."""
    _back_in_triage(c)
    Triage.objects.filter(case=c.case).update(decision="", route="", decided_at=None, decided_by=None)


def _top_item(c):
    """A live conference with a shared top item: its clear button is on the page."""
    from ineen.conferences import live

    live.choose_top_item(conference=_live(c), actor=c.chair, rank=1, text="Kinderen zien het geweld.")


# Besides the matrix's PREPARE: the state in which the page renders the route's form.
def _unread_handover(c):
    from ineen.cases.models import CaseDirectorAssignment

    CaseDirectorAssignment.objects.filter(case=c.case, ended_at__isnull=True).update(handover_note="Overdracht.")


SHOWS_FORM = {
    "web:triage": _undecided_triage,
    "web:triage_decide": _undecided_triage,
    **{
        route: _live
        for route in POST_ROUTES
        if route.startswith("conferences:workspace_") and route != "conferences:workspace_start"
    },
    "conferences:workspace_top_clear": _top_item,
    # issue 10 (i10-direction): the confirm button shows while a handover note is unread
    "web:case_handover": _unread_handover,
}

# Where a route's form is not rendered for the allowed user in the matrix's state; the test then posts
# the matrix's POST_DATA fields only. Each with the reason.
NO_FORM = {}

LONG = "x" * 100_000
UNICODE = "Zorg 😀 \u202eטקסט\u202c e\u0301\u0301\u0301 \ufeff\u200b"
# A lone surrogate as UTF-8 would spell it (not encodable as text) and bytes that are never UTF-8.
BAD_BYTES = b"\xed\xa0\x80 \xff\xfe"
HUGE = str(10**30)

EVERY_FIELD = ["", "abc", "-1", HUGE, "NaN", LONG, UNICODE, BAD_BYTES]
NUMBERS = ["1.5", str(2**63), str(-(2**63) - 1), "Infinity", "-Infinity", "1e309", "0x10", "\u0661\u0662"]
TEXT_JUNK = ["", LONG, UNICODE, BAD_BYTES, ["a", "b"]]
TYPED = {"text", "textarea", "search", "email", "tel", "url"}
ALL_AT_ONCE = ["abc", "", HUGE, "-1", LONG, UNICODE, BAD_BYTES, "00000000-0000-0000-0000-000000000000"]


def _is_int(value):
    try:
        int(str(value))
    except ValueError:
        return False
    return True


def _is_uuid(value):
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _reversible(route, cast):
    """A page the test can open: its URL arguments are known (ARGS), or it needs none."""
    try:
        url_for(route, cast)
    except NoReverseMatch:
        return False
    return True


def _host_pages(route, role, cast, *, closed=False):
    """Pages that may hold the route's form, most likely first: the route itself, then the pages the role
    may open, those of the route's own app first (the live workspace in each of its views). On a closed case
    the route's own page only: the other routes' objects cannot be made there."""
    pages = [route] if "GET" in MATRIX[route] else []
    if closed:
        return [url_for(r, cast) for r in pages]
    namespace = route.split(":")[0]
    gets = [r for r in MATRIX if role in allowed_roles(r, "GET") and r != route and _reversible(r, cast)]
    gets.sort(key=lambda r: r.split(":")[0] != namespace)
    for r in gets:
        pages.append(r)
    urls = []
    for r in pages:
        url = url_for(r, cast)
        urls.append(url)
        if r == "conferences:workspace":
            urls.extend(f"{url}?weergave={key}" for key in VIEWS)
    return urls


def _discover(http, route, url, role, cast, *, closed=False):
    """The forms posting to `url`, from the first page that renders one."""
    for page in _host_pages(route, role, cast, closed=closed):
        response = http.get(page)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        found = [f for f in forms_of(response.content.decode(), page) if f.action == url and f.method == "post"]
        if found:
            return found
    return []


def _valid_data(forms, known_good):
    """{name: [values]}: the form as rendered, then the matrix's known-good values over it."""
    data = {}
    for form in forms:
        data.update(form.data())
    for name, value in known_good.items():
        values = list(value) if isinstance(value, list | tuple) else [value]
        data[name] = [v if isinstance(v, UploadedFile) else str(v) for v in values]
    data.pop("csrfmiddlewaretoken", None)
    return data


def _junk_for(name, values, forms, cast):
    """The junk to try in one field: a representative set, not every combination."""
    valid = values[0] if values else ""
    kinds = {f.kind for form in forms for f in form.fields if f.name == name}
    options = [o for form in forms for f in form.fields if f.name == name for o in f.options]
    if kinds and kinds <= TYPED and not _is_int(valid) and not _is_uuid(valid):
        return TEXT_JUNK  # free text takes any text: only its size, its characters and a second value
    junk = [*EVERY_FIELD, [valid, "abc"], [valid, valid]]
    if _is_int(valid) or "number" in kinds or "version" in name or (options and all(map(_is_int, options))):
        junk += NUMBERS
    if _is_uuid(valid) or (options and any(map(_is_uuid, options))) or name.endswith("_id"):
        # nothing, and an existing id of another kind of object
        junk += [str(uuid.uuid4()), "00000000-0000-0000-0000-000000000000", str(cast.case.public_id)]
    return junk


def _answers_htmx(url):
    """Whether the route's view answers an htmx request in its own way (then junk is also sent that way)."""
    module = sys.modules[inspect.unwrap(resolve(url).func).__module__]
    return "request.htmx" in inspect.getsource(module)


def _fresh(value):
    """An uploaded file can be read once: each post gets its own copy."""
    if isinstance(value, UploadedFile):
        value.seek(0)
        return SimpleUploadedFile(value.name, value.read(), content_type=value.content_type)
    return value


def _where(error):
    """The exception and the last line of our own code it passed, for the report."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "/ineen/" in f.filename]
    at = f" at {frames[-1].filename.split('/ineen/')[-1]}:{frames[-1].lineno}" if frames else ""
    return f"{type(error).__name__}: {str(error)[:120]}{at}"


def _post(http, url, data, *, multipart, htmx=False):
    """Post in a savepoint that is rolled back; the answer's status and the exception behind a 500 (or the
    start of the answer)."""
    headers = {"HX-Request": "true"} if htmx else {}
    crashed = []

    def keep(sender, request, **kwargs):
        crashed.append(_where(sys.exc_info()[1]))

    got_request_exception.connect(keep)
    with transaction.atomic():
        try:
            if multipart:
                body = {
                    k: [_fresh(v) if not isinstance(v, bytes) else v.decode("utf-8", "replace") for v in vs]
                    for k, vs in data.items()
                }
                response = http.post(url, body, headers=headers)
            else:
                pairs = [(k, v if isinstance(v, bytes) else str(v)) for k, vs in data.items() for v in vs]
                response = http.post(
                    url, urlencode(pairs), content_type="application/x-www-form-urlencoded", headers=headers
                )
            result = response.status_code, (crashed or [response.content[:2000].decode("utf-8", "replace")])[0]
        except Exception as error:  # noqa: BLE001 -- a crash is what this test counts
            result = 500, _where(error)
        finally:
            got_request_exception.disconnect(keep)
        transaction.set_rollback(True)
    return result


def _show(value):
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:30]}…({len(value)} chars)"


@pytest.mark.parametrize("route", POST_ROUTES)
def test_junk_never_gives_a_500(route, cast, login):
    role, closing = posting_role(route)
    user = getattr(cast, role)
    http = login(user)
    recently_reauthenticated(http, user)
    http.raise_request_exception = False
    for prepare in (PREPARE.get((route, "POST")), SHOWS_FORM.get(route), closing):
        if prepare:
            prepare(cast)
    url = url_for(route, cast)
    known_good = POST_DATA[route](cast, user)  # before the page is read: it may make the objects the form lists
    forms = _discover(http, route, url, role, cast, closed=closing is not None)
    assert forms or route in NO_FORM, f"no form posting to {route} found on the pages {role} may open"
    valid = _valid_data(forms, known_good)
    multipart = any(f.has_file() for f in forms) or any(
        isinstance(v, UploadedFile) for vs in valid.values() for v in vs
    )

    # The valid data itself must be accepted, so the junk below meets the code past the form too.
    status, body = _post(http, url, valid, multipart=multipart)
    assert status < 400, f"{route}: the valid data was refused ({status}): {body[:500]}"

    failures = []
    htmx = _answers_htmx(url)

    def attempt(data, what, htmx=False):
        status, body = _post(http, url, data, multipart=multipart, htmx=htmx)
        if status >= 500:
            failures.append(f"{route} [{role}] {what}: {status} {body[:300]}")
        elif status == 400 and "Bad Request (400)" in body:
            failures.append(f"{route} [{role}] {what}: Django's bare English 400 page")

    patterns = set()
    for name, values in valid.items():
        # Fields repeated per item (text_12, text_13; person-0-...) are fuzzed in their first instance only.
        pattern = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}|\d+", "#", name)
        if pattern in patterns or any(isinstance(v, UploadedFile) for v in values):
            continue
        patterns.add(pattern)
        for junk in _junk_for(name, values, forms, cast):
            attempt({**valid, name: junk if isinstance(junk, list) else [junk]}, f"{name}={_show(junk)}")
    for junk in ALL_AT_ONCE:
        every = {
            name: values if any(isinstance(v, UploadedFile) for v in values) else [junk]
            for name, values in valid.items()
        }
        attempt(every, f"every field={_show(junk)}")
        if htmx:
            attempt(every, f"every field={_show(junk)} (htmx)", htmx=True)
    assert failures == [], f"{len(failures)} answers of 500 or the bare 400 page:\n" + "\n".join(failures)


# --- the answers themselves: a Dutch form error, the typed input kept, nothing changed ------------------

STALE = "Deze pagina is verouderd of het formulier is ongeldig; laad de pagina opnieuw."


@pytest.mark.parametrize("version", ["abc", "", "1.5", HUGE, "-1"])
@pytest.mark.parametrize(
    ("route", "typed"),
    [
        ("web:case_close", {"reason": "Getypte reden om af te sluiten."}),
        ("web:case_reopen", {"reason": "Getypte reden om te heropenen."}),
        ("web:triage", {"participants": "Politie", "preparation": "Getypte voorbereiding."}),
        ("web:triage_decide", {"decision": "accept", "route": "mda", "reasons": "Getypte redenen."}),
        ("web:case_director", {"handover_note": "Getypte overdracht."}),
    ],
)
def test_tampered_case_version_is_a_form_error_that_keeps_the_input(route, typed, version, cast, login):
    from .test_matrix import state_fingerprint

    for prepare in (PREPARE.get((route, "POST")), SHOWS_FORM.get(route)):
        if prepare:
            prepare(cast)
    data = {**POST_DATA[route](cast, cast.chair), **typed, "version": version}
    before = state_fingerprint()
    response = login(cast.chair).post(url_for(route, cast), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert STALE in page
    assert list(typed.values())[-1] in page  # the text the chair typed is on the page again
    assert state_fingerprint() == before


def test_a_case_form_without_version_still_works(cast, login):
    """Pages (and tests) that send no version are not checked, as before: only a posted junk value is refused."""
    data = {"reason": "Doelen bereikt.", **CLOSURE_PLAN}  # closing an active case takes a closure plan
    response = login(cast.chair).post(url_for("web:case_close", cast), data)
    assert response.status_code == 302


def test_tampered_version_on_the_plan_page_is_shown(cast, login):
    from .test_matrix import _plan_action

    action = _plan_action(cast)
    response = login(cast.member).post(
        url_for("plans:action_update", cast),
        {"status": "done", "outcome": "Getypt resultaat.", "version": HUGE},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert STALE in page and "Getypt resultaat." in page
    action.refresh_from_db()
    assert action.status != "done"


def test_an_id_out_of_range_in_a_multiple_choice_is_a_form_error(cast, login):
    from ineen.cases.models import CaseNote

    response = login(cast.member).post(
        url_for("web:note_add", cast),
        {"text": "Getypte notitie.", "basis": "covenant", "visibility": "team", "concerns": HUGE},
    )
    assert response.status_code == 400
    assert "Getypte notitie." in response.content.decode()
    assert not CaseNote.objects.exists()


def test_a_refused_workspace_action_is_answered_in_a_view_with_its_form(cast, login):
    """The hidden `weergave` names no view (or one without the form): the refusal still shows the form."""
    _live(cast)
    for htmx in (True, False):
        response = login(cast.member).post(
            url_for("conferences:workspace_score", cast),
            {"value": "abc", "justification": "Getypte onderbouwing.", "weergave": "onzin"},
            headers={"HX-Request": "true"} if htmx else {},
        )
        assert response.status_code == 400
        assert "Getypte onderbouwing." in response.content.decode()


def test_a_form_far_too_large_gets_a_dutch_page(cast, login, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    http = login(cast.chair)
    http.raise_request_exception = False
    response = http.post(url_for("web:case_close", cast), {"reason": "x" * 2000})
    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.content.decode()
