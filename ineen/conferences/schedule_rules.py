"""The rules and helpers shared by the scheduling actions (conferences/schedule.py describes them): the
audit subject, input checks, the keep-apart pairs, the optimistic lock and re-sending invitations."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.audit import events
from ineen.audit.events import Subject
from ineen.guide import queries as guide_queries
from ineen.households.enums import IncidentRole, ViolenceType
from ineen.households.models import IncidentInvolvement

from . import notifications
from .enums import ConferenceState
from .models import Conference, KeepApart

PURPOSE = "overleg plannen"
TABLE_LIMIT = 8  # "eight people was the limit in the test phase"
CLIENT_REASON = "Gezinslid: het overleg gaat over dit gezin (altijd uitgenodigd, tenzij)."
# Changing any of these changes the calendar item: SEQUENCE goes up and the invitees get an update.
TIME_AND_PLACE = ("starts_at", "duration_minutes", "location", "online_url")
APART_RULE = _(
    "%(a)s en %(b)s kunnen niet voor hetzelfde deel worden uitgenodigd. Regel: waar stalking of "
    "intieme terreur speelt, worden de betrokkenen nooit samen aan tafel uitgenodigd. Nodig één "
    "van beiden niet uit en leg de reden vast, of plan een apart overleg."
)


class Conflict(ValidationError):
    """Someone else changed the conference since the user loaded it. `current` holds the value as it
    is now, so the page can show it next to the user's own text, which is kept."""

    def __init__(self, message, *, current=None):
        super().__init__(message)
        self.current = current


STALE = _("Iemand anders heeft dit overleg intussen gewijzigd. Bekijk de nieuwe stand; uw invoer staat er nog.")


# --- helpers -------------------------------------------------------------------------------------


def subject(conference, object_type="conference", object_id=None, persons=()) -> Subject:
    case = conference.case
    return Subject(
        object_type,
        str(object_id or conference.public_id),
        str(case.household.public_id),
        person_ids=[str(p.public_id) for p in persons],
        safety_house_code=case.safety_house.code,
    )


def _audit(*, actor, action, conference, object_type="conference", object_id=None, persons=(), detail=""):
    events.record(
        actor=actor,
        action=action,
        purpose=PURPOSE,
        detail=detail,
        subject=subject(conference, object_type, object_id, persons),
    )


def _text(value, field, message, limit=None):
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: message})
    if limit and len(text) > limit:
        raise ValidationError({field: _("Maximaal %(n)s tekens.") % {"n": limit}})
    return text


def _planned(conference, states=(ConferenceState.PLANNED,)):
    if conference.state not in states:
        raise ValidationError(_("Dit overleg is al begonnen, afgerond of geannuleerd; dit kan nu niet meer."))


def _normalise(text):
    return " ".join((text or "").split()).casefold()


def _check_meeting(case, *, starts_at, goal, location, online_url, duration_minutes):
    errors = {}
    if starts_at is None:
        errors["starts_at"] = _("Kies datum en tijd.")
    elif starts_at <= timezone.now():
        errors["starts_at"] = _("Kies een moment in de toekomst.")
    if not (goal or "").strip():
        errors["goal"] = _("Wat is het doel van dit overleg? Dat bepaalt welke onderdelen van de leidraad nodig zijn.")
    if not (location or "").strip() and not (online_url or "").strip():
        errors["location"] = _("Geef een plaats, een link voor online deelname, of allebei.")
    if duration_minutes is None or not 15 <= duration_minutes <= 480:
        errors["duration_minutes"] = _("Geef een duur van 15 tot en met 480 minuten.")
    place = _normalise(location)
    if place:
        # A confidential whereabouts never becomes a meeting place: it would go out in every calendar.
        from ineen.privacy.models import ConfidentialAddress

        hidden = ConfidentialAddress.objects.filter(person__household_id=case.household_id).values_list(
            "address", flat=True
        )
        if any(_normalise(a) and (_normalise(a) in place or place in _normalise(a)) for a in hidden):
            errors["location"] = _("Dit adres is een geheim adres van een gezinslid. Kies een andere plaats.")
    if errors:
        raise ValidationError(errors)


def _check_items(version, phase, chosen_items):
    """The chosen guide parts: top-level items of this version, of the phase or of Vooraf."""
    allowed = {item.pk: item for item in guide_queries.default_selection(version, phase)}
    chosen = list(chosen_items)
    if not chosen:
        raise ValidationError({"chosen_items": _("Kies minstens één onderdeel van de leidraad.")})
    if any(getattr(item, "pk", item) not in allowed for item in chosen):
        raise ValidationError({"chosen_items": _("Kies alleen onderdelen van de gekozen fase (en Vooraf).")})
    return [allowed[getattr(item, "pk", item)] for item in chosen]


def apart_pairs(household, kept=None) -> set[frozenset]:
    """Pairs of person pks who are never invited to the same part: stalking in the household's
    incidents (who used violence and who experienced it, in the same incident) and the chair's
    KeepApart pairs (intimate terror). Every incident counts, also those the chair may not read:
    the rule protects, and its message names the persons and the rule, never an incident.
    `kept`: the household's KeepApart rows when the caller has loaded them (saves a query)."""
    roles = (IncidentRole.USED_VIOLENCE, IncidentRole.EXPERIENCED)
    rows = IncidentInvolvement.objects.filter(incident__household=household, role__in=roles).values_list(
        "incident_id", "incident__violence_types", "person_id", "role"
    )
    per_incident: dict[int, dict[str, set[int]]] = {}
    for incident_id, types, person_id, role in rows:
        if ViolenceType.STALKING in (types or []):
            per_incident.setdefault(incident_id, {}).setdefault(role, set()).add(person_id)
    pairs = set()
    for by_role in per_incident.values():
        for a in by_role.get(IncidentRole.USED_VIOLENCE, ()):
            for b in by_role.get(IncidentRole.EXPERIENCED, ()):
                if a != b:
                    pairs.add(frozenset((a, b)))
    if kept is None:
        kept = KeepApart.objects.filter(household=household).only("person_a_id", "person_b_id")
    pairs |= {frozenset((k.person_a_id, k.person_b_id)) for k in kept}
    return pairs


def _check_apart(persons, pairs, field=None):
    """Raise APART_RULE when two of `persons` (who would share a part) form a pair."""
    persons = list(persons)
    for i, a in enumerate(persons):
        for b in persons[i + 1 :]:
            if frozenset((a.pk, b.pk)) in pairs:
                raise ValidationError(
                    {field: APART_RULE % {"a": a, "b": b}} if field else APART_RULE % {"a": a, "b": b}
                )


def _locked(conference, seen_version=None):
    locked = Conference.objects.select_for_update().get(pk=conference.pk)
    if seen_version is not None and str(seen_version) != str(locked.version):
        raise Conflict(STALE, current=locked)
    return locked


def _sequence_for_mail(conference) -> int:
    """Reserve the SEQUENCE for a mail about to go out (on commit) about `conference`'s calendar item:
    its current `ical_sequence`, but always higher than any SEQUENCE sent before for this UID (RFC 5546:
    a client ignores an update or cancellation that is not newer than what it has). So a cancellation
    for one withdrawn professional, and a new invitation after it, are newer than every earlier mail.
    Stores it as both `ical_sequence` and `ical_sequence_sent`; call inside the action's transaction."""
    row = Conference.objects.select_for_update().values("ical_sequence", "ical_sequence_sent").get(pk=conference.pk)
    sent = row["ical_sequence_sent"]
    sequence = row["ical_sequence"] if sent is None else max(row["ical_sequence"], sent + 1)
    Conference.objects.filter(pk=conference.pk).update(ical_sequence=sequence, ical_sequence_sent=sequence)
    conference.ical_sequence = conference.ical_sequence_sent = sequence
    return sequence


def _resend(conference, reason="update"):
    """After a change of time or place: the update to everyone who already has the calendar item."""
    user_ids = list(
        conference.invitations.filter(user__isnull=False, sent_at__isnull=False)
        .values_list("user_id", flat=True)
        .distinct()
    )
    if user_ids:
        sequence = _sequence_for_mail(conference)
        transaction.on_commit(
            lambda: notifications.invitations(conference.pk, user_ids, reason=reason, sequence=sequence)
        )
