"""Shared fixtures: a fixed cast of users per role (like healthchecks' alice/bob/charlie).

House "hgl" with:
- chair         procesregisseur of hgl
- director      case director of `case`
- member        professional in the team of `case`
- outsider      professional of hgl from an organisation outside the team
- former        was in the team, membership ended
- manager, admin, researcher: roles without case access
- other_chair   chair of another house "rr"
"""

import pytest
from django.utils import timezone

from ineen.accounts.enums import Role
from ineen.cases import actions
from ineen.cases.enums import TeamRole

from .factories import OrganisationFactory, SafetyHouseFactory, active_case, make_user


@pytest.fixture(autouse=True)
def _fast_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _attachment_folder(tmp_path):
    """A fresh private attachment folder per test: rolled-back test data must not leave files for the next
    test (the orphan sweep would see them). The file field holds one storage instance; point it elsewhere."""
    from ineen.cases.attachments import storage

    store = storage()
    saved = store._location
    store._location = str(tmp_path / "attachments")
    for cached in ("base_location", "location"):
        store.__dict__.pop(cached, None)
    yield
    store._location = saved
    for cached in ("base_location", "location"):
        store.__dict__.pop(cached, None)


def _transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("live_server", "transactional_db")
    )


@pytest.fixture(autouse=True)
def _guide_after_flush(request):
    """Transactional tests (live_server, threads) flush the database when they end, which also removes
    the conversation guide and the evaluation questionnaires that data migrations load. Load them again
    where they are missing."""
    if not _transactional(request):
        return
    request.getfixturevalue("transactional_db")
    from ineen.guide.loading import load_first_version
    from ineen.guide.models import GuideItem, GuidePhaseIntro, GuideVersion

    if not GuideVersion.objects.filter(is_current=True).exists():
        load_first_version(GuideVersion, GuideItem, GuidePhaseIntro)
    # The evaluation questionnaires come from a data migration too (the client's evaluation page needs them).
    from ineen.evaluations.loading import load_version
    from ineen.evaluations.models import QuestionnaireItem, QuestionnaireVersion

    if not QuestionnaireVersion.objects.filter(is_current=True).exists():
        load_version(QuestionnaireVersion, QuestionnaireItem)


@pytest.fixture
def house(db):
    return SafetyHouseFactory(name="Zorg- en Veiligheidshuis Haaglanden", code="hgl")


@pytest.fixture
def other_house(db):
    return SafetyHouseFactory(name="Zorg- en Veiligheidshuis Rotterdam-Rijnmond", code="rr")


@pytest.fixture
def cast(house, other_house):
    class Cast:
        pass

    c = Cast()
    c.house, c.other_house = house, other_house
    c.chair = make_user(house, Role.CHAIR, email="chair@test.example", first_name="Petra")
    c.director = make_user(house, Role.CASE_DIRECTOR, email="director@test.example", first_name="Karim")
    c.member = make_user(house, Role.PROFESSIONAL, email="member@test.example", first_name="Sanne")
    c.expert = make_user(house, Role.EXPERT, email="expert@test.example", first_name="Ruud")
    c.outsider = make_user(house, Role.PROFESSIONAL, email="outsider@test.example", first_name="Tim")
    c.former = make_user(house, Role.PROFESSIONAL, email="former@test.example", first_name="Frits")
    c.manager = make_user(house, Role.MANAGER, email="manager@test.example")
    c.admin = make_user(house, Role.FUNCTIONAL_ADMIN, email="admin@test.example")
    c.researcher = make_user(house, Role.RESEARCHER, email="researcher@test.example")
    c.other_chair = make_user(other_house, Role.CHAIR, email="otherchair@test.example")
    c.case = active_case(
        c.chair,
        c.member,
        c.director,
        members=[(c.member, TeamRole.PROFESSIONAL), (c.expert, TeamRole.EXPERT), (c.former, TeamRole.PROFESSIONAL)],
    )
    membership = c.case.team.get(user=c.former)
    membership.active_from = timezone.localdate() - timezone.timedelta(days=30)
    membership.save()
    actions.end_team_membership(membership=membership, actor=c.chair)
    return c


@pytest.fixture
def login(client):
    """Log a user in (MFA is satisfied for tests by marking an authenticator)."""
    from allauth.mfa.models import Authenticator

    def _login(user):
        if not Authenticator.objects.filter(user=user).exists():
            Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
        client.force_login(user)
        return client

    return _login


__all__ = ["OrganisationFactory"]
