"""Demo data for correcting what is wrong or outdated and the turning-18 signal (issue 11, points 10 and 9):
on an active Haaglanden case directed by casusregisseur@ineen.example, a note of another organisation that
the mother disputes (pending: on that organisation's Mijn werk), a note of the director's own organisation
that was disputed and corrected (the old text kept), and a 17-year-old who turns 18 in about three months
(the signal on the case page and the plan, and on the director's Mijn werk). Called from seed_demo."""

import datetime

from django.utils import timezone

from ineen.cases.enums import CaseState, TeamRole
from ineen.cases.models import CaseNote, TeamMembership
from ineen.households.enums import Relationship

from . import disputes
from .enums import DisputeState, Nature


def _note(case, author, text, nature):
    return CaseNote.objects.create(
        case=case, author=author, text=text, source_organisation=author.organisation, nature=nature
    )


def seed(users) -> None:
    director = users["casusregisseur"]
    membership = (
        TeamMembership.objects.filter(
            user=director, role=TeamRole.CASE_DIRECTOR, case__state=CaseState.ACTIVE, case__safety_house__code="hgl"
        )
        .select_related("case__household")
        .first()
    )
    if membership is None:
        return
    case = membership.case
    members = list(case.household.members.all())
    mother = next((p for p in members if p.relationship == Relationship.PARENT), members[0] if members else None)
    other = (
        case.team.exclude(user=director)
        .exclude(user__organisation=director.organisation)
        .exclude(role=TeamRole.EXPERT)
        .select_related("user__organisation")
        .first()
    )
    if mother is None or other is None:
        return
    pending = _note(
        case,
        other.user,
        "Moeder drinkt 's avonds; de kinderen zeggen dat ze dan boos wordt.",
        Nature.WORRY,
    )
    disputes.raise_dispute(
        case=case,
        item=pending,
        person=mother,
        kind="outdated",
        account="Ik drink niet meer sinds maart. Ik ben in behandeling bij de verslavingszorg en dat gaat goed.",
        actor=director,
    )
    own = _note(case, director, "Moeder komt afspraken met school niet na.", Nature.FACT)
    answered = disputes.raise_dispute(
        case=case,
        item=own,
        person=mother,
        kind="disputed",
        account="Ik was één keer te laat, omdat de bus niet reed. Verder was ik er altijd.",
        actor=other.user,
    )
    disputes.answer_dispute(
        case=case,
        dispute=answered,
        state=DisputeState.CORRECTED,
        answer="Nagevraagd bij school: één gemiste afspraak, met een goede reden.",
        new_text="Moeder miste één afspraak met school (de bus reed niet); verder kwam zij steeds.",
        version=answered.version,
        actor=director,
    )
    child = next((p for p in members if p.relationship in (Relationship.CHILD, Relationship.CHILD_EARLIER)), None)
    if child is not None:
        day = timezone.localdate() + datetime.timedelta(days=85)
        child.birth_date = datetime.date(day.year - 18, day.month, min(day.day, 28))
        child.birth_year = child.birth_date.year
        child.save(update_fields=["birth_date", "birth_year"])
