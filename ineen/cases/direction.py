"""Case direction between meetings: the warm handover and continuity counts (issue 10, point 4).

One case director at a time (CaseDirectorAssignment, actions.assign_case_director). Changing director is a
warm handover: the outgoing director writes a handover note while still in charge (write_handover); the
chair writes it when the outgoing director has not (for instance because they are gone). The
new director confirms having read it (confirm_handover); until then it is a work item and a banner.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access.actor import acting
from ineen.audit import events
from ineen.audit.models import Action

from .enums import TeamRole
from .models import Case, CaseDirectorAssignment, TeamMembership


class StaleHandover(ValidationError):
    """The handover note changed since the user loaded it."""


def _subject(case, assignment):
    from .actions import _subject as case_subject

    return case_subject(case, "case_director", assignment.pk)


def outgoing_is_gone(assignment: CaseDirectorAssignment) -> bool:
    """The outgoing director can no longer write the note: their account is inactive or they are no longer
    in the case team. Then (and only then) the chair writes it."""
    director = assignment.director
    if not director.is_active:
        return True
    today = timezone.localdate()
    running = TeamMembership.objects.filter(case_id=assignment.case_id, user=director, ended_on__isnull=True)
    return not any(m.is_active_on(today) for m in running)


def handover_for_change(*, current: CaseDirectorAssignment, chair_note: str, by) -> tuple[str, object]:
    """The note (and its author) the next director receives. Called by assign_case_director inside its
    transaction, with the case row locked. The outgoing director's own note wins; without one the chair
    writes it (the director left suddenly, or the chair cannot wait): never a change without a note."""
    if current.outgoing_note.strip():
        return current.outgoing_note, current.outgoing_note_by
    if not chair_note.strip():
        message = (
            _(
                "De vertrekkende casusregisseur is er niet meer: schrijf zelf de overdracht voor de "
                "nieuwe casusregisseur."
            )
            if outgoing_is_gone(current)
            else _(
                "De vertrekkende casusregisseur schrijft eerst een overdracht. Vraag hem of haar dat te doen via "
                "de casuspagina ('Overdracht schrijven'), of schrijf zelf de overdracht."
            )
        )
        raise ValidationError({"handover_note": message})
    return chair_note, by


def current_assignment(case: Case) -> CaseDirectorAssignment | None:
    return case.director_assignments.select_related("director", "organisation").filter(ended_at__isnull=True).first()


@transaction.atomic
def write_handover(*, case: Case, actor, note: str, seen_version=None) -> CaseDirectorAssignment:
    """The current director (or the chair when the director is gone) writes the note for the next one.
    Versioned: two people writing it at once never overwrite each other silently."""
    actor = acting(actor)
    assignment = (
        CaseDirectorAssignment.objects.select_for_update()
        .select_related("director")
        .filter(case=case, ended_at__isnull=True)
        .first()
    )
    if assignment is None:
        raise ValidationError(_("Deze casus heeft nog geen casusregisseur."))
    if seen_version is not None and int(seen_version) != assignment.version:
        raise StaleHandover(
            _("Iemand anders heeft de overdracht intussen gewijzigd. Bekijk de nieuwe tekst; uw tekst staat hieronder.")
        )
    if not note.strip():
        raise ValidationError({"note": _("Schrijf op wat de nieuwe casusregisseur moet weten.")})
    assignment.outgoing_note = note
    assignment.outgoing_note_by = actor.user
    assignment.outgoing_note_at = timezone.now()
    assignment.version += 1
    assignment.save(update_fields=["outgoing_note", "outgoing_note_by", "outgoing_note_at", "version"])
    events.record(
        actor=actor,
        action=Action.UPDATE,
        purpose="casusregie",
        subject=_subject(case, assignment),
        detail="handover written",
    )
    return assignment


@transaction.atomic
def confirm_handover(*, case: Case, actor) -> CaseDirectorAssignment:
    """The new director confirms "Ik heb de overdracht gelezen"; the time is kept."""
    actor = acting(actor)
    assignment = CaseDirectorAssignment.objects.select_for_update().filter(case=case, ended_at__isnull=True).first()
    if assignment is None or assignment.director_id != actor.user.pk:
        raise ValidationError(_("Alleen de nieuwe casusregisseur bevestigt de overdracht."))
    if assignment.handover_read_at is not None:
        return assignment  # a second click changes nothing
    assignment.handover_read_at = timezone.now()
    assignment.save(update_fields=["handover_read_at"])
    events.record(
        actor=actor,
        action=Action.UPDATE,
        purpose="casusregie",
        subject=_subject(case, assignment),
        detail="handover read",
    )
    return assignment


def continuity(case: Case, director_history=None, team=None) -> dict[str, int]:
    """The number of director changes and of professional changes (people who joined the team after the
    start, or left it early). Continuity is what families ask for; the case page shows both."""
    history = director_history if director_history is not None else list(case.director_assignments.all())
    members = team if team is not None else list(case.team.all())
    professionals = [m for m in members if m.role != TeamRole.CASE_DIRECTOR]
    first_day = min((m.active_from for m in professionals), default=None)
    joined_later = sum(1 for m in professionals if first_day is not None and m.active_from > first_day)
    left_early = sum(1 for m in professionals if m.ended_on is not None)
    return {"director_changes": max(len(history) - 1, 0), "team_changes": joined_later + left_early}
