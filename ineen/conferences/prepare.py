"""Preparing a case conference: each invited professional's current-state input per chosen guide
question and their scaling score, and the chair's opening summary.

The guide (GUIDE.md, "What the guide combines"): the whole phase does not fit in one meeting, so the
current state is collected from the involved professionals beforehand; the chair reviews it side by
side and opens beeldvorming with a summary everyone could read beforehand, so expert-pool members need
no "replay".

Inputs are governed items: their source is the author's organisation, their basis the covenant, their
visibility chosen per question (default: the case team). Scores stay hidden from everyone, the chair
too, until the chair reveals them together in the meeting (conferences/live.py): before the meeting
only *who* has scored is shown. Actions follow schedule.py's conventions (one transaction, audit
event, keyword-only arguments, ValidationError / Conflict).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.access.actor import acting
from ineen.audit.models import Action
from ineen.guide import queries as guide_queries
from ineen.guide import rules
from ineen.guide.enums import Step
from ineen.privacy.enums import Basis, Visibility

from .enums import ConferenceState
from .models import Conference, PreparationInput, ScalingScore
from .schedule import STALE, Conflict, _audit

MAX_TEXT = 4000
# Who may read a preparation input; "named organisations" needs a list and is left to notes.
INPUT_VISIBILITY = [Visibility.TEAM, Visibility.SOURCE_ONLY, Visibility.CLIENT_SHAREABLE]
INPUT_STATES = (ConferenceState.PLANNED, ConferenceState.LIVE)


# --- reading -----------------------------------------------------------------------------------


def questions(conference):
    """The chosen guide questions (top-level GuideNodes with their sub-questions) that take written
    input; the scaling question is answered with a score instead. A conference without chosen parts
    (e.g. planned from the workspace) uses the guide's default selection."""
    chosen = list(conference.chosen_items.values_list("pk", flat=True))
    if not chosen:
        chosen = [item.pk for item in guide_queries.default_selection(conference.guide_version, conference.phase)]
    nodes = guide_queries.items_for(conference.guide_version, conference.phase, only=chosen)
    return [node for node in nodes if node.item.step != Step.SCALING]


def scale(conference):
    return rules.scale_for_phase(conference.phase)


def scaling_question(conference):
    """The phase's scaling question as the guide words it (or the scale's label)."""
    from ineen.guide.models import GuideItem

    item = (
        GuideItem.objects.filter(
            version=conference.guide_version, phase=conference.phase, step=Step.SCALING, parent__isnull=True
        )
        .order_by("order")
        .first()
    )
    return item.text if item else scale(conference).label


def own_inputs(conference, user) -> dict:
    """{item pk: PreparationInput} of this author."""
    return {i.item_id: i for i in PreparationInput.objects.filter(conference=conference, author=user)}


def own_score(conference, user):
    return ScalingScore.objects.filter(conference=conference, scale=scale(conference), author=user).first()


@dataclass
class Overview:
    participants: list  # users, one column each
    rows: list  # (GuideNode, [cell per participant]); a cell is an input, "withheld" or None
    missing: list  # participants without any input yet
    scored: list  # participants who gave a score (the values stay hidden)
    not_scored: list
    withheld: list = field(default_factory=list)  # organisations holding inputs this viewer may not read


def overview(conference, viewer, invitations) -> Overview:
    """The chair's side-by-side view: question by question, one column per invited professional (and
    any other author), what each may be read by the viewer; who has not yet submitted; who has scored.
    Two queries: inputs (with readability; the withheld ones count as submitted), authors of scores."""
    nodes = questions(conference)
    people = {}
    for inv in invitations:
        if inv.user_id and inv.user_id not in people:
            people[inv.user_id] = inv.user
    split = policy.split(
        viewer, PreparationInput.objects.filter(conference=conference).select_related("author__organisation")
    )
    readable, withheld_orgs = split.readable, {organisation.pk for organisation in split.withheld}
    for item in readable:
        people.setdefault(item.author_id, item.author)
    # Who submitted what, withheld rows included: the split already loaded every row (no second query).
    submitted = {(row.author_id, row.item_id) for row in split.rows}
    cells = {(i.author_id, i.item_id): i for i in readable}
    participants = sorted(people.values(), key=lambda u: (u.last_name, u.first_name, u.pk))
    rows = []
    for node in nodes:
        row = []
        for user in participants:
            key = (user.pk, node.item.pk)
            row.append(cells.get(key) or ("withheld" if key in submitted else None))
        rows.append((node, row))
    authors = {author for author, _item in submitted}
    score_authors = set(
        ScalingScore.objects.filter(conference=conference, scale=scale(conference)).values_list("author_id", flat=True)
    )
    organisations = sorted(_names(withheld_orgs))
    return Overview(
        participants=participants,
        rows=rows,
        missing=[u for u in participants if u.pk not in authors],
        scored=[u for u in participants if u.pk in score_authors],
        not_scored=[u for u in participants if u.pk not in score_authors],
        withheld=organisations,
    )


def _names(organisation_ids):
    if not organisation_ids:
        return set()
    from ineen.accounts.models import Organisation

    return set(Organisation.objects.filter(pk__in=organisation_ids).values_list("name", flat=True))


# --- writing -----------------------------------------------------------------------------------


def _open(conference):
    if conference.state not in INPUT_STATES:
        raise ValidationError(_("Dit overleg is afgerond of geannuleerd; voorbereiden kan niet meer."))


@transaction.atomic
def save_input(*, conference, actor, item, text, seen_version=0, visibility=Visibility.TEAM):
    """Save the author's input on one chosen question: create it, change it (only when nobody changed
    it since `seen_version`; otherwise Conflict with the stored input, the typed text is the caller's
    to keep) or, with an empty text, remove it. Returns the input, or None when there is none.
    Side effects: audit event when something changed."""
    actor = acting(actor)
    by = actor.user
    _open(conference)
    if item is None or item.pk not in {node.item.pk for node in questions(conference)}:
        raise ValidationError(_("Deze vraag hoort niet bij de voorbereiding van dit overleg."))
    if by.organisation_id is None:
        raise ValidationError(_("U hoort niet bij een organisatie; uw inbreng heeft dan geen bron."))
    if visibility not in INPUT_VISIBILITY:
        raise ValidationError({"visibility": _("Kies wie dit mag zien.")})
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError({"text": _("Maximaal %(n)s tekens.") % {"n": MAX_TEXT}})
    try:
        seen = int(seen_version or 0)
    except (TypeError, ValueError):
        seen = -1
    existing = PreparationInput.objects.select_for_update().filter(conference=conference, item=item, author=by).first()
    if existing is None:
        if seen:
            raise Conflict(_("Deze inbreng is intussen verwijderd (in een ander venster?)."), current=None)
        if not text:
            return None
        created = PreparationInput.objects.create(
            conference=conference,
            item=item,
            author=by,
            text=text,
            source_organisation=by.organisation,
            basis=Basis.COVENANT,
            visibility=visibility,
        )
        _audit(
            actor=actor,
            action=Action.CREATE,
            conference=conference,
            object_type="preparation_input",
            object_id=created.public_id,
            detail=f"{item.key} {visibility}",
        )
        return created
    if existing.version != seen:
        raise Conflict(
            _(
                "U heeft deze inbreng intussen ergens anders gewijzigd (in een ander venster?). "
                "Hieronder staat de opgeslagen tekst; uw eigen tekst is bewaard."
            ),
            current=existing,
        )
    if not text:
        existing.delete()
        _audit(
            actor=actor,
            action=Action.DELETE,
            conference=conference,
            object_type="preparation_input",
            object_id=existing.public_id,
            detail=item.key,
        )
        return None
    if text == existing.text and visibility == existing.visibility:
        return existing
    PreparationInput.objects.filter(pk=existing.pk).update(
        text=text, visibility=visibility, updated_at=timezone.now(), version=F("version") + 1
    )
    existing.refresh_from_db()
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="preparation_input",
        object_id=existing.public_id,
        detail=f"{item.key} {visibility}",
    )
    return existing


@transaction.atomic
def save_score(*, conference, actor, value, justification) -> ScalingScore:
    """The author's 1-10 score on the phase's scaling question, with its justification (guide.rules.
    validate_score), before the meeting. Nobody sees it until the chair reveals all scores together
    in the meeting; then it can no longer be changed. Side effects: audit event (without the value)."""
    actor = acting(actor)
    by = actor.user
    if conference.state != ConferenceState.PLANNED:
        raise ValidationError(_("Het overleg is begonnen: geef uw cijfer in de werkruimte."))
    number, text = rules.validate_score(value, justification)
    if len(text) > MAX_TEXT:
        raise ValidationError({"justification": _("Maximaal %(n)s tekens.") % {"n": MAX_TEXT}})
    if Conference.objects.filter(pk=conference.pk, scores_revealed=True).exists():
        raise ValidationError(_("De cijfers zijn al zichtbaar gemaakt; een cijfer geven kan nu niet meer."))
    score, created = ScalingScore.objects.update_or_create(
        conference=conference,
        scale=scale(conference),
        author=by,
        defaults={"value": number, "justification": text, "submitted_at": timezone.now()},
    )
    _audit(
        actor=actor,
        action=Action.CREATE if created else Action.UPDATE,
        conference=conference,
        object_type="scaling_score",
        object_id=score.public_id,
        detail="preparation",
    )
    return score


@transaction.atomic
def save_opening_summary(*, conference, actor, text, seen_version) -> Conference:
    """The chair's opening summary of the inputs, readable by every participant beforehand.
    Optimistic locking on Conference.version: when the conference changed since `seen_version`
    nothing is saved and Conflict carries the stored summary (the typed text is the caller's to keep).
    Side effects: audit event."""
    actor = acting(actor)
    if conference.state in (ConferenceState.ENDED, ConferenceState.CANCELLED):
        raise ValidationError(_("Dit overleg is afgerond of geannuleerd."))
    text = (text or "").strip()
    if len(text) > MAX_TEXT * 2:
        raise ValidationError({"text": _("Maximaal %(n)s tekens.") % {"n": MAX_TEXT * 2}})
    try:
        seen = int(seen_version)
    except (TypeError, ValueError):
        seen = -1
    done = Conference.objects.filter(pk=conference.pk, version=seen).update(
        opening_summary=text, version=F("version") + 1
    )
    if not done:
        current = Conference.objects.filter(pk=conference.pk).values_list("opening_summary", flat=True).first()
        raise Conflict(STALE, current=current)
    conference.refresh_from_db(fields=["opening_summary", "version"])
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="conference",
        detail="opening summary",
    )
    return conference
