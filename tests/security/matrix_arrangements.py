"""Authorization matrix rows for profiles, arrangements and the catalogue (issue 13, point 5). Kept in
their own module (test_matrix.py imports and merges them): the matrix is split per area from here on."""

from django.utils import timezone

# route -> {method: expectation per role}; the columns of test_matrix.ROLES:
#                                               chair dir mem exp out for mgr adm res oth anon
MATRIX = {
    # the team reads the profile and the arrangement; the chair and the case director decide them
    "arrangements:profile": {
        "GET": "A   A   A   A   D   D   D   D   D   D   L",
        "POST": "A   A   D   D   D   D   D   D   D   D   L",
    },
    "arrangements:arrangement": {
        "GET": "A   A   A   A   D   D   D   D   D   D   L",
        "POST": "A   A   D   D   D   D   D   D   D   D   L",
    },
    # no case data: everyone with a role in a safety house reads its catalogue
    "arrangements:catalogue": {"GET": "A   A   A   A   A   A   A   A   A   A   L"},
}


def _case(c):
    return {"public_id": c.case.public_id}


ARGS = {"arrangements:profile": _case, "arrangements:arrangement": _case, "arrangements:catalogue": lambda c: {}}


def _profile(c):
    from ineen.arrangements.models import FamilyProfile

    return FamilyProfile.objects.get(safety_house=c.house, origin="intimate_terror")


def _with_template(c):
    """The case has a profile (set by its director) and the profile an arrangement of one element."""
    from ineen.arrangements import actions
    from ineen.arrangements.models import ArrangementElement, ArrangementTemplate

    profile = _profile(c)
    template = ArrangementTemplate.objects.create(profile=profile, name="Basis")
    ArrangementElement.objects.create(template=template, what="Veiligheidsplan maken", mandatory=True)
    actions.assign_profile(case=c.case, actor=c.director, profile=profile, reason="Controle.", seen="-")


def _arrangement_data(c, user):
    from ineen.arrangements.models import ArrangementTemplate

    template = ArrangementTemplate.objects.filter(profile__safety_house=c.house).first()
    if template is None:
        return {}
    element = template.elements.first()
    prefix = f"e{element.public_id.hex[:12]}"
    return {
        "template": str(template.public_id),
        f"{prefix}-chosen": "on",
        f"{prefix}-owner": str(c.director.pk),
        f"{prefix}-due_on": (timezone.localdate() + timezone.timedelta(days=14)).isoformat(),
    }


PREPARE = {("arrangements:arrangement", "POST"): _with_template}
POST_DATA = {
    "arrangements:profile": lambda c, u: {"profile": str(_profile(c).public_id), "reason": "Controle.", "seen": "-"},
    "arrangements:arrangement": _arrangement_data,
}


def state():
    from ineen.arrangements.models import AppliedElement, CaseProfile

    return (CaseProfile.objects.count(), AppliedElement.objects.count())
