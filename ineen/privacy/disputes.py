"""Correcting what is wrong or outdated (issue 11, point 10): a household member disputes an information
item in their own words; the source organisation confirms, corrects or withdraws it.

- The member's account is kept as theirs (`Dispute.account`), never merged into the item.
- A correction replaces the item's text and keeps the old text in the dispute (`previous_text`): the write
  history never copies free text (freetext.py), so the dispute is where the earlier version stays.
- Confirming or correcting sets the item's `last_confirmed_at`; withdrawing removes the item from what
  the team reads by setting its visibility to the source organisation only (nothing is deleted, so the
  trail stays; others see "there is information" as for any source-only item).
- The source organisation's team members are told by e-mail (a link only) and see a work item
  (privacy/work.py, section "disputes").
Who may do what: ineen/access/disputes.py.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen import mail
from ineen.access.actor import acting
from ineen.access.disputes import DISPUTABLE, dispute_kind_of
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.cases.models import TeamMembership

from .enums import DisputeKind, DisputeState, RaisedVia, Visibility
from .models import Dispute


def item_of(dispute):
    """The disputed item itself (no access check: callers went through policy.get_dispute, or are the demo)."""
    from django.apps import apps

    return apps.get_model(DISPUTABLE[dispute.item_kind][0])._default_manager.get(pk=dispute.item_id)


def _subject(case, dispute) -> Subject:
    return Subject(
        "dispute",
        str(dispute.public_id),
        str(case.household.public_id),
        person_ids=[str(dispute.person.public_id)],
        safety_house_code=case.safety_house.code,
    )


@transaction.atomic
def raise_dispute(*, case, item, person, kind: str, account: str, actor, via: str = RaisedVia.PROFESSIONAL):
    """Record that `person` (a member of the case's household) says `item` is wrong or outdated. The
    caller has checked that the actor may read the item (policy.get_disputable_item)."""
    actor = acting(actor)
    errors = {}
    if person.household_id != case.household_id:
        errors["person"] = _("Kies een gezinslid van dit huishouden.")
    if kind not in DisputeKind.values:
        errors["kind"] = _("Kies of de informatie niet klopt of verouderd is.")
    if not account.strip():
        errors["account"] = _("Schrijf op wat het gezinslid zelf zegt, in zijn of haar woorden.")
    if errors:
        raise ValidationError(errors)
    dispute = Dispute.objects.create(
        case=case,
        item_kind=dispute_kind_of(item),
        item_id=item.pk,
        source_organisation_id=item.source_organisation_id,
        kind=kind,
        person=person,
        account=account.strip(),
        raised_via=via,
        raised_by=actor.user,
    )
    events.record(
        actor=actor,
        action=Action.CREATE,
        subject=_subject(case, dispute),
        purpose="informatie betwisten",
        detail=f"{dispute.item_kind} {item.public_id}: {kind} via {via}",
    )
    transaction.on_commit(lambda: _tell_source(case, dispute, actor.user))
    return dispute


def _tell_source(case, dispute, by):
    """The source organisation's team members in the case: a link to the case, never its content."""
    today = timezone.localdate()
    users = {
        m.user
        for m in TeamMembership.objects.filter(
            case=case, user__organisation_id=dispute.source_organisation_id, active_from__lte=today
        ).select_related("user")
        if m.is_active_on(today)
    }
    recipients = sorted({u.email for u in users if u.is_active and u.email and u != by})
    if not recipients:
        return
    link = settings.INEEN_BASE_URL.rstrip("/") + reverse("web:dashboard")
    mail.send(
        "Informatie van uw organisatie wordt betwist in Ineen",
        "Een gezinslid zegt dat informatie van uw organisatie niet klopt of verouderd is. "
        "Wilt u die bevestigen, corrigeren of intrekken?\n\n"
        f"Zie Mijn werk in Ineen: {link}\n",
        recipients,
    )


@transaction.atomic
def answer_dispute(*, case, dispute, state: str, answer: str, actor, new_text: str = "", version: int):
    """The source organisation's answer. `version`: the dispute's version the form showed (optimistic
    locking); a stale one raises a ValidationError and changes nothing."""
    actor = acting(actor)
    item = getattr(dispute, "item", None) or item_of(dispute)
    _model_label, text_field = DISPUTABLE[dispute.item_kind]
    errors = {}
    if state not in (DisputeState.CONFIRMED, DisputeState.CORRECTED, DisputeState.WITHDRAWN):
        errors["state"] = _("Kies: bevestigen, corrigeren of intrekken.")
    if not answer.strip():
        errors["answer"] = _("Licht uw antwoord toe; het gezinslid hoort het via de professional.")
    if state == DisputeState.CORRECTED and not text_field:
        errors["state"] = _("Dit soort informatie kan niet met een nieuwe tekst gecorrigeerd worden; trek het in.")
    elif state == DisputeState.CORRECTED and not new_text.strip():
        errors["new_text"] = _("Schrijf de gecorrigeerde tekst.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    done = Dispute.objects.filter(pk=dispute.pk, version=version, state=DisputeState.PENDING).update(
        state=state,
        answer=answer.strip(),
        answered_by=actor.user,
        answered_at=now,
        previous_text=getattr(item, text_field) if state == DisputeState.CORRECTED else "",
        version=version + 1,
    )
    if not done:
        raise ValidationError(
            _(
                "Iemand anders heeft deze betwisting intussen beantwoord. "
                "Uw tekst staat hieronder nog; bekijk het antwoord."
            )
        )
    changes = {"last_confirmed_at": now}
    if state == DisputeState.CORRECTED:
        changes[text_field] = new_text.strip()
    if state == DisputeState.WITHDRAWN:
        changes = {"visibility": Visibility.SOURCE_ONLY}
    for name, value in changes.items():
        setattr(item, name, value)
    item.save(update_fields=list(changes))
    dispute.refresh_from_db()
    events.record(
        actor=actor,
        action=Action.UPDATE,
        subject=_subject(case, dispute),
        purpose="betwisting beantwoorden",
        detail=f"{dispute.item_kind} {item.public_id}: {state}",
    )
    return dispute
