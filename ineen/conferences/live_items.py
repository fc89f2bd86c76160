"""Domain actions of the live workspace: everyone's own contributions (worries, risks, recovery points,
brainstorm ideas and their priority) and notes, with corrections and withdrawal. Rules: conferences/live.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access.actor import acting
from ineen.audit.models import Action

from .enums import (
    BRAINSTORM_KINDS,
    ContributionKind,
)
from .live_common import (
    _audit,
    _open,
    _organisation,
    _text,
    _touch,
    _update_seen,
)
from .models import (
    ConferenceNote,
    Contribution,
)


@transaction.atomic
def add_contribution(*, conference, actor, kind, text) -> Contribution:
    """Add one's own worry, risk, recovery point or brainstorm idea. Born as governed case content:
    the source is the author's organisation, visible to the team. Side effects: audit event."""
    actor = acting(actor)
    by = actor.user
    _open(conference)
    if kind not in ContributionKind.values:
        raise ValidationError({"kind": _("Kies wat voor inbreng dit is.")})
    text = _text(text, "text", _("Schrijf uw inbreng op."))
    organisation = _organisation(by)
    _touch(conference)
    item = Contribution.objects.create(
        conference=conference, kind=kind, author=by, text=text, source_organisation=organisation
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="contribution",
        object_id=item.public_id,
        detail=kind,
    )
    return item


@transaction.atomic
def set_priority(
    *,
    contribution,
    actor,
    seen_version,
    is_priority,
    client_priority="",
    expert_view="",
    client_capacity="",
    horizon="",
) -> Contribution:
    """Funnel a brainstorm idea: priority or not, the client's priority, the experts' view, the
    client's capacity, short or long term. Conditional on the version the user saw (Conflict
    otherwise). Side effects: audit event."""
    actor = acting(actor)
    conference = contribution.conference
    _open(conference)
    if contribution.kind not in BRAINSTORM_KINDS:
        raise ValidationError(_("Alleen ideeën uit de brainstorm krijgen een prioriteit."))
    fields = {"is_priority": bool(is_priority), "horizon": horizon or ""}
    for name, value in (
        ("client_priority", client_priority),
        ("expert_view", expert_view),
        ("client_capacity", client_capacity),
    ):
        fields[name] = _text(value, name, "", required=False, limit=300)
    _touch(conference)
    _update_seen(
        Contribution,
        contribution.pk,
        seen_version,
        _(
            "Iemand anders heeft de prioriteit van dit idee intussen gewijzigd. Uw invoer staat "
            "hieronder nog; vergelijk met de huidige stand en sla opnieuw op."
        ),
        **fields,
    )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="contribution",
        object_id=contribution.public_id,
        detail="priority",
    )
    return Contribution.objects.get(pk=contribution.pk)


@transaction.atomic
def update_contribution(*, contribution, actor, seen_version, text) -> Contribution:
    """Correct one's own worry, risk, recovery point or idea while the meeting is open (the view lets
    only the author or the chair). Conditional on the version the user saw: when it was changed or
    withdrawn meanwhile, Conflict carries the current row (None: withdrawn) and nothing is written.
    Side effects: audit event."""
    actor = acting(actor)
    conference = contribution.conference
    _open(conference)
    text = _text(text, "text", _("Schrijf uw inbreng op."))
    _touch(conference)
    _update_seen(
        Contribution,
        contribution.pk,
        seen_version,
        _(
            "Deze inbreng is intussen gewijzigd of ingetrokken. Uw tekst staat hieronder nog; "
            "vergelijk met de huidige tekst en sla opnieuw op."
        ),
        text=text,
    )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="contribution",
        object_id=contribution.public_id,
        detail="text",
    )
    return Contribution.objects.get(pk=contribution.pk)


@transaction.atomic
def withdraw_contribution(*, contribution, actor, seen_version):
    """Withdraw one's own contribution: gone from the shared view (and the report), the row kept with
    who withdrew it and when (soft delete). A place in the shared top 3 keeps its copied text.
    Conditional on the version the user saw. Side effects: audit event."""
    actor = acting(actor)
    conference = contribution.conference
    _open(conference)
    _touch(conference)
    _update_seen(
        Contribution,
        contribution.pk,
        seen_version,
        _("Deze inbreng is intussen gewijzigd of al ingetrokken. Bekijk de huidige tekst en kies opnieuw."),
        withdrawn_at=timezone.now(),
        withdrawn_by=actor.user,
    )
    _audit(
        actor=actor,
        action=Action.DELETE,
        conference=conference,
        object_type="contribution",
        object_id=contribution.public_id,
        detail="withdrawn",
    )


# --- notes per part and step ------------------------------------------------------------


@transaction.atomic
def add_note(*, conference, actor, part, step, text) -> ConferenceNote:
    """A note for one part and step of the meeting; governed content whose source is the author's
    organisation. Notes of a closed part are never shown to clients. Side effects: audit event."""
    actor = acting(actor)
    by = actor.user
    _open(conference)
    if part is None or part.conference_id != conference.pk:
        raise ValidationError({"part": _("Kies het deel van het overleg.")})
    text = _text(text, "text", _("Schrijf de aantekening op."))
    organisation = _organisation(by)
    _touch(conference)
    note = ConferenceNote.objects.create(
        conference=conference, part=part, step=step, author=by, text=text, source_organisation=organisation
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="conference_note",
        object_id=note.public_id,
        detail=f"{part.kind} {step}",
    )
    return note


@transaction.atomic
def update_note(*, note, actor, seen_version, text) -> ConferenceNote:
    """Change a note's text, conditional on the version the user saw: when someone else saved it in
    between, Conflict carries the current note and nothing is written. Side effects: audit event."""
    actor = acting(actor)
    conference = note.conference
    _open(conference)
    text = _text(text, "text", _("Schrijf de aantekening op."))
    _touch(conference)
    _update_seen(
        ConferenceNote,
        note.pk,
        seen_version,
        _(
            "Iemand anders heeft deze aantekening intussen gewijzigd. Uw tekst staat hieronder nog; "
            "vergelijk met de huidige tekst en sla opnieuw op."
        ),
        text=text,
        updated_at=timezone.now(),
    )
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="conference_note",
        object_id=note.public_id,
    )
    return ConferenceNote.objects.get(pk=note.pk)


@transaction.atomic
def withdraw_note(*, note, actor, seen_version):
    """Withdraw a note (its author or the chair): gone from the shared view and the report, the row
    kept with who withdrew it and when. Conditional on the version the user saw. Side effects: audit."""
    actor = acting(actor)
    conference = note.conference
    _open(conference)
    _touch(conference)
    _update_seen(
        ConferenceNote,
        note.pk,
        seen_version,
        _("Deze aantekening is intussen gewijzigd of al ingetrokken. Bekijk de huidige tekst en kies opnieuw."),
        withdrawn_at=timezone.now(),
        withdrawn_by=actor.user,
    )
    _audit(
        actor=actor,
        action=Action.DELETE,
        conference=conference,
        object_type="conference_note",
        object_id=note.public_id,
        detail="withdrawn",
    )
