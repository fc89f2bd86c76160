"""Domain actions for who sits at the table of a case conference: inviting professionals and household
members, withdrawing an invitation, recording why a client is not invited, attendance, keeping persons
apart. The rules are in conferences/schedule.py's docstring."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.access.actor import acting
from ineen.audit.models import Action
from ineen.cases.models import TeamMembership
from ineen.households.models import Person

from . import notifications
from .enums import Attendance, ConferenceState, PartKind
from .models import ClientNotInvited, Invitation, KeepApart
from .schedule_rules import (
    CLIENT_REASON,
    _audit,
    _check_apart,
    _planned,
    _sequence_for_mail,
    _text,
    apart_pairs,
)
from .youth import check_youth_invitation

# --- who is at the table -------------------------------------------------------------------------


def _part(conference, part):
    if part is None or part.conference_id != conference.pk:
        raise ValidationError({"part": _("Kies een deel van dit overleg.")})
    return part


def active_team(case):
    """The case's team members whose membership runs today: who may be invited."""
    today = timezone.localdate()
    memberships = TeamMembership.objects.filter(case=case, active_from__lte=today).exclude(active_until__lt=today)
    return memberships


@transaction.atomic
def invite_user(*, conference, actor, part, user, reason) -> Invitation:
    """Invite a professional of the case team to one part, with the reason they are needed. The first
    invitation of a person to this conference sends the calendar item (METHOD:REQUEST) on commit; an
    invitation to a second part is the same meeting and sends nothing. Every mail carries a SEQUENCE higher
    than any sent before (_sequence_for_mail). Side effects: audit event."""
    actor = acting(actor)
    _planned(conference, (ConferenceState.PLANNED, ConferenceState.LIVE))
    part = _part(conference, part)
    reason = _text(reason, "reason", _("Waarom is deze persoon nodig aan tafel? Schrijf het op."), limit=300)
    if user is None or not active_team(conference.case).filter(user=user).exists():
        raise ValidationError(
            {
                "user": _(
                    "Alleen leden van het casusteam kunnen worden uitgenodigd. Voeg deze "
                    "persoon eerst toe aan het casusteam."
                )
            }
        )
    if Invitation.objects.filter(part=part, user=user).exists():
        raise ValidationError({"user": _("%(name)s is al uitgenodigd voor dit deel.") % {"name": user}})
    already_sent = Invitation.objects.filter(conference=conference, user=user, sent_at__isnull=False).exists()
    invitation = Invitation.objects.create(
        conference=conference,
        part=part,
        user=user,
        reason=reason,
        sent_at=timezone.now() if conference.state == ConferenceState.PLANNED else None,
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="invitation",
        object_id=invitation.public_id,
        detail=f"{user.email} -> {part.kind}",
    )
    if invitation.sent_at and not already_sent:
        sequence = _sequence_for_mail(conference)
        transaction.on_commit(lambda: notifications.invitations(conference.pk, [user.pk], sequence=sequence))
    return invitation


@transaction.atomic
def invite_person(*, conference, actor, part, person, reason="", trusted_person="") -> Invitation:
    """Invite a household member to the whole or open part (never a closed one; the youth part only for
    a young person, youth.py), optionally with a
    trusted person. Refused when someone they must be kept apart from is already in that part. A
    recorded reason for not inviting them is removed. No e-mail (see notifications.py).
    Side effects: audit event."""
    actor = acting(actor)
    _planned(conference, (ConferenceState.PLANNED, ConferenceState.LIVE))
    part = _part(conference, part)
    if person is None or person.household_id != conference.case.household_id:
        raise ValidationError({"person": _("Kies een gezinslid van dit huishouden.")})
    if part.kind == PartKind.CLOSED:
        raise ValidationError(
            {"part": _("Cliënten worden nooit uitgenodigd voor het besloten deel. Kies het open deel.")}
        )
    check_youth_invitation(part, person)
    if Invitation.objects.filter(part=part, person=person).exists():
        raise ValidationError({"person": _("%(name)s is al uitgenodigd voor dit deel.") % {"name": person}})
    others = [inv.person for inv in Invitation.objects.filter(part=part, person__isnull=False).select_related("person")]
    _check_apart(
        [person, *others],
        {pair for pair in apart_pairs(conference.case.household) if person.pk in pair},
        field="person",
    )
    invitation = Invitation.objects.create(
        conference=conference,
        part=part,
        person=person,
        reason=(reason or "").strip()[:300] or CLIENT_REASON,
        trusted_person=(trusted_person or "").strip()[:200],
    )
    ClientNotInvited.objects.filter(conference=conference, person=person).delete()
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="invitation",
        object_id=invitation.public_id,
        persons=[person],
        detail=f"client -> {part.kind}",
    )
    return invitation


@transaction.atomic
def uninvite(*, invitation, actor, reason=""):
    """Withdraw an invitation. For a household member this needs the weighty reason for not inviting
    them ("always invited, unless"), recorded as ClientNotInvited unless they stay invited to another
    part. A professional who is no longer invited to any part gets METHOD:CANCEL on commit, with a
    SEQUENCE higher than any sent before (RFC 5546; _sequence_for_mail).
    Side effects: audit event."""
    actor = acting(actor)
    by = actor.user
    conference = invitation.conference
    _planned(conference, (ConferenceState.PLANNED, ConferenceState.LIVE))
    person, user = invitation.person, invitation.user
    if person is not None:
        elsewhere = Invitation.objects.filter(conference=conference, person=person).exclude(pk=invitation.pk)
        if not elsewhere.exists():
            reason = _text(
                reason,
                "reason",
                _("Een gezinslid niet uitnodigen kan alleen met een zwaarwegende reden. Schrijf die op."),
            )
            ClientNotInvited.objects.update_or_create(
                conference=conference, person=person, defaults={"reason": reason, "recorded_by": by}
            )
    was_sent = invitation.sent_at is not None
    invitation.delete()
    _audit(
        actor=actor,
        action=Action.DELETE,
        conference=conference,
        object_type="invitation",
        object_id=invitation.public_id,
        persons=[person] if person else [],
        detail=f"withdrawn {'client' if person else user.email}",
    )
    if user is not None and was_sent and not Invitation.objects.filter(conference=conference, user=user).exists():
        sequence = _sequence_for_mail(conference)
        transaction.on_commit(lambda: notifications.removed(conference.pk, user, sequence=sequence))


@transaction.atomic
def record_non_invitation(*, conference, actor, person, reason) -> ClientNotInvited:
    """Record the weighty reason why a household member is not invited (e.g. a member added to the
    household after the conference was planned). Refused while they are invited: withdraw the
    invitation instead (uninvite asks the same reason). Side effects: audit event."""
    actor = acting(actor)
    by = actor.user
    _planned(conference, (ConferenceState.PLANNED, ConferenceState.LIVE))
    if person is None or person.household_id != conference.case.household_id:
        raise ValidationError({"person": _("Kies een gezinslid van dit huishouden.")})
    reason = _text(reason, "reason", _("Niet uitnodigen kan alleen met een zwaarwegende reden. Schrijf die op."))
    if Invitation.objects.filter(conference=conference, person=person).exists():
        raise ValidationError(
            {
                "person": _("%(name)s is uitgenodigd. Trek de uitnodiging in; daarbij legt u de reden vast.")
                % {"name": person}
            }
        )
    record, _created = ClientNotInvited.objects.update_or_create(
        conference=conference, person=person, defaults={"reason": reason, "recorded_by": by}
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="client_not_invited",
        object_id=record.pk,
        persons=[person],
        detail="not invited, reason recorded",
    )
    return record


@transaction.atomic
def record_attendance(*, conference, actor, attendance: dict):
    """Record, during or after the meeting, who was there: {invitation: Attendance value}. Absentees'
    written input stays with their preparation input. Side effects: one audit event."""
    actor = acting(actor)
    if conference.state == ConferenceState.CANCELLED:
        raise ValidationError(_("Dit overleg is geannuleerd."))
    changed = 0
    for invitation, value in attendance.items():
        if invitation.conference_id != conference.pk:
            raise ValidationError(_("Deze uitnodiging hoort niet bij dit overleg."))
        if value not in Attendance.values:
            raise ValidationError(_("Kies een geldige aanwezigheid."))
        if invitation.attendance != value:
            Invitation.objects.filter(pk=invitation.pk).update(attendance=value)
            changed += 1
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="attendance",
        persons=[inv.person for inv in attendance if inv.person_id],
        detail=f"attendance, {changed} changed",
    )
    return changed


@transaction.atomic
def keep_apart(*, conference, actor, person_a, person_b, reason) -> KeepApart:
    """Record that two household members are never invited to the same part (intimate terror, or any
    other weighty reason the chair names). Recorded for the household, so it holds for every later
    conference too. Pairs already in one part show up as a warning (apart_conflicts).
    Side effects: audit event."""
    actor = acting(actor)
    by = actor.user
    household = conference.case.household
    if person_a is None or person_b is None or {person_a.household_id, person_b.household_id} != {household.pk}:
        raise ValidationError({"person_a": _("Kies twee gezinsleden van dit huishouden.")})
    if person_a.pk == person_b.pk:
        raise ValidationError({"person_b": _("Kies twee verschillende gezinsleden.")})
    reason = _text(reason, "reason", _("Schrijf de reden op, bijvoorbeeld: intieme terreur."))
    low, high = sorted((person_a, person_b), key=lambda p: p.pk)
    if KeepApart.objects.filter(household=household, person_a=low, person_b=high).exists():
        raise ValidationError({"person_b": _("Voor deze twee is dit al vastgelegd.")})
    record = KeepApart.objects.create(household=household, person_a=low, person_b=high, reason=reason, recorded_by=by)
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="keep_apart",
        object_id=record.public_id,
        persons=[low, high],
        detail="kept apart",
    )
    return record


def household_member(case, public_id):
    return policy.household_records(case, Person.objects.filter(public_id=public_id)).first()
