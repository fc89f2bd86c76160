"""The access contract (docs/architecture.md, "The access contract"), checked over the source.

- No view refuses with a bare Http404 (or get_object_or_404): every refusal is an audited NotVisible,
  raised by the policy, an access object (`access.related`, `access.refuse`) or `policy.refusal`. The
  authorization matrix checks the same at run time (each expected 404 leaves a DENIED audit event).
- Domain actions never take the HTTP request: no public function in an actions module has a `request`
  parameter, and each takes an `actor`.
- The audit package does not import the policy (the import loop between them is gone).
"""

import ast
import inspect
import pathlib

import pytest

import ineen
from ineen.accounts import enrolment, roles
from ineen.cases import actions as case_actions
from ineen.conferences import live, prepare, schedule
from ineen.households import actions as household_actions
from ineen.plans import actions as plan_actions
from ineen.plans import changes as plan_changes
from ineen.plans import progress as plan_progress
from ineen.privacy import actions as privacy_actions

ROOT = pathlib.Path(ineen.__file__).parent
# The refusal itself, and the API's handler that turns an unknown route's Http404 into JSON.
ALLOWED = {ROOT / "access" / "refusal.py", ROOT / "api" / "errors.py"}


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts or path in ALLOWED:
            continue
        yield path, ast.parse(path.read_text(), filename=str(path))


def test_no_bare_http404_anywhere():
    offenders = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Raise) and node.exc is not None:
                target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
                name = getattr(target, "id", None) or getattr(target, "attr", None)
            elif isinstance(node, ast.Call):
                func = node.func
                called = getattr(func, "id", None) or getattr(func, "attr", None)
                name = called if called in ("get_object_or_404", "get_list_or_404") else None
            if name in ("Http404", "get_object_or_404", "get_list_or_404"):
                offenders.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} {name}")
    assert offenders == [], "refusals must be audited (NotVisible via the access policy):\n" + "\n".join(offenders)


def test_the_meta_test_would_see_a_bare_http404():
    tree = ast.parse("def view(request):\n    raise Http404\n")
    raised = [n for n in ast.walk(tree) if isinstance(n, ast.Raise)]
    assert raised[0].exc.id == "Http404"


ACTION_MODULES = [
    case_actions,
    household_actions,
    privacy_actions,
    plan_actions,
    plan_changes,
    plan_progress,
    live,
    schedule,
    prepare,
    roles,
    enrolment,
]


# Helpers in these modules that are about the HTTP session itself, not domain actions.
NOT_ACTIONS = {"ineen.accounts.enrolment": {"grant", "has_grant", "drop_grant"}}


@pytest.mark.parametrize("module", ACTION_MODULES, ids=lambda m: m.__name__)
def test_domain_actions_take_an_actor_never_the_request(module):
    for name, function in inspect.getmembers(module, inspect.isfunction):
        if function.__module__ != module.__name__ or name.startswith("_"):
            continue
        parameters = inspect.signature(function).parameters
        if name in NOT_ACTIONS.get(module.__name__, ()):
            continue
        assert "request" not in parameters, f"{module.__name__}.{name} takes the HTTP request"
        if any(p in parameters for p in ("by", "chair", "referrer")):
            pytest.fail(f"{module.__name__}.{name} takes a user where it should take an actor")


def test_audit_code_does_not_import_the_policy():
    """The policy writes audit events; the audit's own code (events, middleware, sealing…) must not need the
    policy back. Only the audit log's view, the outermost layer, asks the policy who may read the log."""
    offenders = []
    for path in sorted((ROOT / "audit").rglob("*.py")):
        if "migrations" in path.parts or path.name == "views.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and (
                    node.module.endswith("policy")
                    or (node.module == "ineen.access" and any(a.name == "policy" for a in node.names))
                )
            ):
                offenders.append(str(path.relative_to(ROOT.parent)))
    assert offenders == []
