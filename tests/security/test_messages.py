"""Flash messages never carry case content, and never travel in a cookie.

Two layers: MESSAGE_STORAGE keeps messages in the server-side session (Django's default cookie storage
signs but does not encrypt), and every message text is generic ("De bodemeis is opgeslagen."), never a
name, a free text or a title from the case. The first test drives every allowed POST of the authorization
matrix with a marker in the case's names and free texts; the second reads the source, so a message that
interpolates a value fails even on a route the matrix cannot reach.
"""

import ast
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session

from ineen.accounts.models import User
from ineen.households.models import Person

from .conftest import recently_reauthenticated
from .html_forms import posting_role
from .test_matrix import CLIENT_PORTAL_POSTS, MATRIX, ONE_TIME_PAGES, POST_DATA, PREPARE, url_for

MARKER = "Zwaluwstaart"
# Free-text fields of the matrix's POST data: the marker is appended to these (choices stay valid).
FREE_TEXT = {
    "reason",
    "reasons",
    "handover_note",
    "description",
    "custody_notes",
    "text",
    "summary",
    "preparation",
    "participants",
    "goal",
    "location",
    "justification",
    "outcome",
    "what",
    "on_breach",
    "how_we_know",
    "timeline",
    "address",
    "title",
    "household_name",
}


def _allowed_posts():
    for route, methods in MATRIX.items():
        row = methods.get("POST")
        # One-time pages answer with the page itself, no message (the handover sheet: tests/portal/test_access.py
        # checks that its code and link never reach the session)
        if row and route not in CLIENT_PORTAL_POSTS and route not in ONE_TIME_PAGES:
            role, closing = posting_role(route)  # the follow-up check is allowed on a closed case only
            yield pytest.param(route, role, closing, id=route)


def _mark_everything(cast):
    """Put the marker in every name and bottom-line text a message could be tempted to repeat."""
    from ineen.plans.models import BottomLine, PlanAction

    User.objects.update(last_name=MARKER)
    Person.objects.update(last_name=MARKER)
    BottomLine.objects.update(text=f"Bodemeis {MARKER}", on_breach=f"Stap {MARKER}")
    PlanAction.objects.update(what=f"Actie {MARKER}")


@pytest.mark.parametrize(("route", "role", "closing"), list(_allowed_posts()))
def test_no_case_content_in_cookies_or_stored_messages(route, role, closing, cast, login):
    for prepare in (PREPARE.get((route, "POST")), closing):
        if prepare:
            prepare(cast)
    user = getattr(cast, role)
    http = login(user)
    recently_reauthenticated(http, user)
    url = url_for(route, cast)
    data = POST_DATA[route](cast, user)  # before the marker: some look people up by first name
    data = {k: (f"{v} {MARKER}" if k in FREE_TEXT and isinstance(v, str) else v) for k, v in data.items()}
    _mark_everything(cast)
    response = http.post(url, data)
    assert 300 <= response.status_code < 400, f"{route} as {role}: {response.status_code}"

    assert "messages" not in response.cookies, "messages must not be stored in a cookie"
    for name, morsel in response.cookies.items():
        assert MARKER not in morsel.value, f"{route}: case content in the {name} cookie"
    key = http.cookies[settings.SESSION_COOKIE_NAME].value
    stored = Session.objects.get(session_key=key).get_decoded()
    assert "_messages" in stored, f"{route}: no message stored in the session"
    assert MARKER not in json.dumps(stored, default=str), f"{route}: case content in the session's messages"


def test_message_storage_is_the_server_side_session():
    assert settings.MESSAGE_STORAGE == "django.contrib.messages.storage.session.SessionStorage"
    # The session itself must live on the server (database or cache), not in a signed cookie.
    assert settings.SESSION_ENGINE in {
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cache",
        "django.contrib.sessions.backends.cached_db",
    }


# --- the source: no message interpolates a value -----------------------------------------------------

ROOT = Path(settings.BASE_DIR) / "ineen"
LEVELS = {"debug", "info", "success", "warning", "error", "add_message"}
# Placeholders that may appear in a message, per file, each with why it is not case content.
ALLOWED_PLACEHOLDERS = {
    ("ineen/privacy/views.py", "hours"): "BREAK_GLASS_HOURS, a constant",
    ("ineen/conferences/views/workspace.py", "step"): "a live step's label from a fixed list (LIVE_STEPS)",
    # /beheer/ holds accounts, never case content (tests/accounts: no case model is registered there).
    ("ineen/accounts/admin.py", "count"): "a number of accounts or requests",
    ("ineen/accounts/admin.py", "role"): "a role's label from Role's choices",
    ("ineen/accounts/admin.py", "request"): "a role grant request: account e-mail, role, safety house",
    ("ineen/accounts/admin.py", "refusal"): "a refusal message of accounts/roles.py (fixed texts)",
}


def _message_argument(call):
    position = 2 if call.func.attr == "add_message" else 1  # add_message(request, level, message)
    for keyword in call.keywords:
        if keyword.arg == "message":
            return keyword.value
    return call.args[position] if len(call.args) > position else None


def _is_messages_call(node):
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "messages"
        and node.func.attr in LEVELS
    )


def _problems(expr, where):
    """What is wrong with a message expression: interpolation of a value that is not allowlisted."""
    found = []
    for node in ast.walk(expr):
        if isinstance(node, ast.JoinedStr) and any(isinstance(v, ast.FormattedValue) for v in node.values):
            found.append(f"{where}: f-string")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            found.append(f"{where}: str.format()")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            right = node.right
            keys = (
                [k.value if isinstance(k, ast.Constant) else None for k in right.keys]
                if isinstance(right, ast.Dict)
                else [None]
            )
            bad = [k for k in keys if (where.split(":")[0], k) not in ALLOWED_PLACEHOLDERS]
            if bad:
                found.append(f"{where}: % formatting with {bad}")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            found.append(f"{where}: string concatenation")
    return found


def _parameter_position(function, name):
    params = [a.arg for a in function.args.posonlyargs + function.args.args]
    if name in params:
        return params.index(name), name
    if name in [a.arg for a in function.args.kwonlyargs]:
        return None, name
    return None


def _arguments_passed(tree, function_name, position, keyword):
    """Every expression passed for one parameter of `function_name` within the module."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if callee != function_name:
            continue
        for kw in node.keywords:
            if kw.arg == keyword:
                yield kw.value
        if position is not None and len(node.args) > position:
            yield node.args[position]


def message_problems(source, filename="<source>"):
    """Every messages.*() call whose text interpolates a value; a text passed in as a parameter of the
    enclosing function is followed to the calls of that function in the same module."""
    tree = ast.parse(source)
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    problems = []
    for node in ast.walk(tree):
        if not _is_messages_call(node):
            continue
        where = f"{filename}:{node.lineno}"
        expr = _message_argument(node)
        if expr is None:
            continue
        if isinstance(expr, ast.Name):
            function = parents.get(node)
            while function is not None and not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                function = parents.get(function)
            found = function and _parameter_position(function, expr.id)
            if not found:
                continue  # a local variable: its assignment is checked below as part of the module walk
            position, keyword = found
            for passed in _arguments_passed(tree, function.name, position, keyword):
                problems += _problems(passed, f"{filename}:{passed.lineno} (via {function.name})")
            continue
        problems += _problems(expr, where)
    return problems


def test_the_source_scan_sees_interpolation():
    bad = (
        "def v(request, line):\n"
        "    messages.warning(request, _('Stap: %(step)s; %(name)s') % {'step': 1, 'name': line.text})\n"
        "    messages.success(request, f'{line.text} opgeslagen')\n"
        "    messages.info(request, 'Bodemeis ' + line.text)\n"
        "def _done(request, message):\n"
        "    messages.success(request, message)\n"
        "def w(request, person):\n"
        "    return _done(request, _('%(name)s is uitgenodigd.') % {'name': person})\n"
    )
    problems = message_problems(bad)
    assert len(problems) == 4, problems
    good = "def v(request):\n    messages.success(request, _('De bodemeis is opgeslagen.'))\n"
    assert message_problems(good) == []


def test_no_message_in_the_source_interpolates_case_content():
    problems = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        problems += message_problems(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT.parent)))
    assert problems == [], f"messages that interpolate a value (make them generic): {problems}"
