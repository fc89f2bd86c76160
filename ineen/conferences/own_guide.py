"""The client's own version of the guide (issue 11, point 4): what worries me, what goes well, what I
need, my ideas. Filled in on paper (documents.own_guide_form prints it) and typed in by a professional,
or later by the client through their own access. The chair reads it beside the preparation talk,
labelled as the client's own words; professionals never rewrite it.

Conventions as clients.py: keyword-only with `actor`, one transaction, an audit event, Dutch
ValidationError keyed by field, Conflict on a stale version."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access.actor import acting
from ineen.audit.models import Action

from .clients import MAX_TEXT, TALK_STATES, _clean
from .models import OwnGuide
from .schedule_rules import STALE, Conflict, _audit

FIELDS = ("worries", "going_well", "needs", "ideas")


def _channel(actor, conference, person):
    """Who wrote it: a professional (an actor with a user; never "client", whatever else it carries) or the
    member themselves through their own live access, only for their own guide in their own case."""
    if actor.user is not None:
        return OwnGuide.Channel.PROFESSIONAL
    access = actor.client_access
    if access is None or access.person_id != person.pk or access.case_id != conference.case_id:
        raise ValidationError(_("Via de eigen toegang vult alleen de cliënt zelf de eigen versie in."))
    return OwnGuide.Channel.CLIENT


@transaction.atomic
def save_own_guide(
    *, actor, conference, person, worries="", going_well="", needs="", ideas="", seen_version=None
) -> OwnGuide:
    """Save (or correct) what household member `person` wrote in their own guide, before or during the
    meeting. At least one answer. `seen_version`: the version the user edited (None for a new one);
    Conflict when someone else saved in between. Typed in by a professional: channel "professional",
    filled_in_by the actor. By the member through their own access (an actor without a user whose
    `client_access` is this member's in this case): channel "client", filled_in_by None. Any other actor
    without a user is refused, and an actor with a user is never the client. Side effects: audit event."""
    actor = acting(actor)
    channel = _channel(actor, conference, person)
    if conference.state not in TALK_STATES:
        raise ValidationError(_("Dit overleg is afgerond of geannuleerd; de eigen versie kan niet meer."))
    if person.household_id != conference.case.household_id:
        raise ValidationError(_("Kies een gezinslid van deze casus."))
    given = {"worries": worries, "going_well": going_well, "needs": needs, "ideas": ideas}
    values = {name: _clean(given[name], name, MAX_TEXT) for name in FIELDS}
    if not any(values.values()):
        if channel == OwnGuide.Channel.CLIENT:
            raise ValidationError({"worries": _("Vul ten minste één vraag in.")})
        raise ValidationError({"worries": _("Vul ten minste één vraag in, zoals de cliënt die heeft beantwoord.")})
    guide = OwnGuide.objects.select_for_update().filter(conference=conference, person=person).first()
    if guide is not None:
        if seen_version is None or str(seen_version) != str(guide.version):
            raise Conflict(STALE, current=guide)
        OwnGuide.objects.filter(pk=guide.pk).update(
            **values, filled_in_by=actor.user, channel=channel, updated_at=timezone.now(), version=F("version") + 1
        )
        guide.refresh_from_db()
    else:
        guide = OwnGuide.objects.create(
            conference=conference, person=person, filled_in_by=actor.user, channel=channel, **values
        )
    _audit(
        actor=actor,
        action=Action.UPDATE if guide.version > 1 else Action.CREATE,
        conference=conference,
        object_type="own_guide",
        object_id=guide.public_id,
        persons=[person],
        detail=f"own guide, {channel}",
    )
    return guide
