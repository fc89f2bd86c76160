"""Domain actions for referral, triage, case direction and the case team.

Each action runs in one transaction, writes its audit event(s) in it, and schedules notifications
on commit. Views only parse input, call an action and render.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access.actor import acting
from ineen.accounts.models import SafetyHouse
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.households.models import Household, Person

from . import notifications
from .enums import TRANSITIONS, CaseState, TeamRole, TriageDecision
from .models import Case, CaseDirectorAssignment, CaseStateChange, Referral, TeamMembership, Triage


class StaleVersion(ValidationError):
    """Someone else changed the case since the user loaded it."""


def _subject(case, object_type="case", object_id=None) -> Subject:
    return Subject(
        object_type,
        str(object_id or case.public_id),
        str(case.household.public_id),
        safety_house_code=case.safety_house.code,
    )


def _check_version(case, seen_version):
    if seen_version is not None and int(seen_version) != case.version:
        raise StaleVersion(
            _("Iemand anders heeft deze casus intussen gewijzigd. Bekijk de nieuwe stand en probeer het opnieuw.")
        )


def _next_reference(house: SafetyHouse) -> str:
    # Lock the house row so two referrals at the same moment cannot take the same number.
    SafetyHouse.objects.select_for_update().filter(pk=house.pk).first()
    year = timezone.localdate().year
    prefix = f"{house.code.upper()}-{year}-"
    last = (
        Case.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def set_state(*, case: Case, to_state: str, actor, reason: str = "", purpose: str):
    """Move the case along its state machine; the transition is kept as history."""
    actor = acting(actor)
    by = actor.user
    if to_state not in TRANSITIONS[CaseState(case.state)]:
        raise ValidationError(_("Deze statuswijziging is niet toegestaan."))
    CaseStateChange.objects.create(case=case, from_state=case.state, to_state=to_state, changed_by=by, reason=reason)
    case.state = to_state
    if to_state == CaseState.CLOSED:
        case.closed_at = timezone.now()
    elif to_state == CaseState.ACTIVE:
        case.closed_at = None
    case.version += 1
    case.save(update_fields=["state", "closed_at", "version"])
    events.record(
        actor=actor,
        action=Action.UPDATE,
        subject=_subject(case),
        purpose=purpose,
        detail=f"state -> {to_state}",
    )


@transaction.atomic
def submit_referral(
    *,
    actor,
    house: SafetyHouse,
    household_name: str,
    postcode_area: str = "",
    people: list[dict],
    answers: dict,
    existing_household: Household | None = None,
) -> Case:
    """Refer a household to a safety house.

    Creates the household and its members (or reuses an existing household the referrer may see),
    the case in state "referred" and the referral. Side effects: audit events; chairs of the house
    are e-mailed a link (no case content).
    """
    actor = acting(actor)
    referrer = actor.user
    if existing_household is None:
        household = Household.objects.create(
            safety_house=house, name=household_name, postcode_area=postcode_area, created_by=referrer
        )
    else:
        household = existing_household
    case = Case.objects.create(reference=_next_reference(house), safety_house=house, household=household)
    if existing_household is None:
        # The members are recorded in this first case (docs/privacy.md, "Households with several cases").
        for data in people:
            Person.objects.create(household=household, recorded_in=case, **data)
    CaseStateChange.objects.create(case=case, from_state="", to_state=CaseState.REFERRED, changed_by=referrer)
    referral = Referral.objects.create(
        case=case, referrer=referrer, referring_organisation=referrer.organisation, **answers
    )
    events.record(
        actor=actor,
        action=Action.CREATE,
        purpose="aanmelding",
        role="referrer",
        subject=_subject(case, "referral", referral.public_id),
        detail="existing household" if existing_household else "new household",
    )
    transaction.on_commit(lambda: notifications.referral_received(case))
    return case


@transaction.atomic
def prepare_triage(
    *,
    case: Case,
    actor,
    scheduled_for=None,
    participants: str = "",
    preparation: str = "",
    seen_version=None,
) -> Triage:
    """Plan and prepare the triage meeting; moves a new referral into triage."""
    actor = acting(actor)
    case = Case.objects.select_for_update().select_related("household", "safety_house").get(pk=case.pk)
    _check_version(case, seen_version)
    if case.state not in (CaseState.REFERRED, CaseState.IN_TRIAGE):
        raise ValidationError(_("Het weegoverleg is al geweest voor deze casus."))
    triage = case.triages.filter(decision="").first() or Triage(case=case)
    triage.scheduled_for = scheduled_for
    triage.participants = participants
    triage.preparation = preparation
    triage.save()
    if case.state == CaseState.REFERRED:
        set_state(case=case, to_state=CaseState.IN_TRIAGE, actor=actor, purpose="weegoverleg")
    else:
        case.version += 1
        case.save(update_fields=["version"])
    events.record(
        actor=actor,
        action=Action.UPDATE,
        purpose="weegoverleg",
        role="chair",
        subject=_subject(case, "triage", triage.public_id),
        detail="prepared",
    )
    return triage


@transaction.atomic
def decide_triage(
    *,
    case: Case,
    actor,
    decision: str,
    route: str = "",
    reasons: str = "",
    clients_informed: bool = False,
    referred_to: str = "",
    seen_version=None,
) -> Triage:
    """Record the triage decision. Accept needs a route; the case becomes active. Decline closes it.
    Side effects: audit event; the referrer is e-mailed that a decision was taken (link only)."""
    actor = acting(actor)
    chair = actor.user
    case = Case.objects.select_for_update().select_related("household", "safety_house").get(pk=case.pk)
    _check_version(case, seen_version)
    if case.state not in (CaseState.REFERRED, CaseState.IN_TRIAGE):
        raise ValidationError(_("Over deze casus is al besloten."))
    if decision == TriageDecision.ACCEPT and not route:
        raise ValidationError({"route": _("Kies de route: reguliere aanpak of MDA++.")})
    if not reasons.strip():
        raise ValidationError(
            {"reasons": _("Schrijf op waarom. Zo weet iedereen later waarom dit besluit is genomen.")}
        )
    if decision not in TriageDecision.values:
        raise ValidationError({"decision": _("Kies een besluit.")})
    if decision == TriageDecision.REFERRED_ELSEWHERE and not referred_to.strip():
        raise ValidationError({"referred_to": _("Schrijf op naar welke organisatie is doorverwezen.")})
    if case.state == CaseState.REFERRED:
        set_state(case=case, to_state=CaseState.IN_TRIAGE, actor=actor, purpose="weegoverleg")
    triage = case.triages.filter(decision="").first() or Triage(case=case)
    triage.decision = decision
    triage.route = route if decision == TriageDecision.ACCEPT else ""
    triage.reasons = reasons
    triage.referred_to = referred_to.strip() if decision == TriageDecision.REFERRED_ELSEWHERE else ""
    triage.decided_at = timezone.now()
    triage.decided_by = chair
    triage.clients_informed = clients_informed
    triage.referrer_notified_at = timezone.now()
    triage.save()
    if decision == TriageDecision.ACCEPT:
        case.route = route
        case.save(update_fields=["route"])
        set_state(case=case, to_state=CaseState.ACTIVE, actor=actor, reason=reasons, purpose="weegoverleg")
    else:
        set_state(case=case, to_state=CaseState.CLOSED, actor=actor, reason=reasons, purpose="weegoverleg")
    events.record(
        actor=actor,
        action=Action.UPDATE,
        purpose="weegoverleg",
        role="chair",
        subject=_subject(case, "triage", triage.public_id),
        detail=f"decision {decision} {route}",
    )
    transaction.on_commit(lambda: notifications.triage_decided(case))
    return triage


def _ensure_member(*, case, user, organisation, role, by):
    today = timezone.localdate()
    running = [m for m in case.team.filter(user=user) if m.is_active_on(today)]
    for membership in running:
        if membership.role == role:
            return membership
    return TeamMembership.objects.create(case=case, user=user, organisation=organisation, role=role, added_by=by)


@transaction.atomic
def assign_case_director(
    *, case: Case, director, actor, handover_note: str = "", seen_version=None
) -> CaseDirectorAssignment:
    """Make `director` the one case director. The previous assignment ends (kept as handover history)
    and the new director joins the team."""
    actor = acting(actor)
    by = actor.user
    case = Case.objects.select_for_update().select_related("household", "safety_house").get(pk=case.pk)
    _check_version(case, seen_version)
    if case.state != CaseState.ACTIVE:
        raise ValidationError(_("Alleen een actieve casus krijgt een casusregisseur."))
    if director.organisation_id is None:
        raise ValidationError({"director": _("Deze persoon hoort niet bij een organisatie.")})
    current = case.director_assignments.filter(ended_at__isnull=True).first()
    if current and current.director_id == director.pk:
        raise ValidationError({"director": _("Deze persoon is al de casusregisseur.")})
    from .direction import handover_for_change

    # A change of director is a warm handover: the note comes from the outgoing director, or from the
    # chair when the outgoing one is gone (direction.handover_for_change refuses otherwise).
    handover_by = None
    if current:
        handover_note, handover_by = handover_for_change(current=current, chair_note=handover_note, by=by)
    now = timezone.now()
    if current:
        current.ended_at = now
        current.save(update_fields=["ended_at"])
        # The previous director stays in the team as a professional unless the chair ends that.
        for m in case.team.filter(user=current.director, role=TeamRole.CASE_DIRECTOR, active_until__isnull=True):
            m.role = TeamRole.PROFESSIONAL
            m.save(update_fields=["role"])
    assignment = CaseDirectorAssignment.objects.create(
        case=case,
        director=director,
        organisation=director.organisation,
        started_at=now,
        handover_note=handover_note,
        handover_by=handover_by,
        assigned_by=by,
    )
    _ensure_member(case=case, user=director, organisation=director.organisation, role=TeamRole.CASE_DIRECTOR, by=by)
    case.version += 1
    case.save(update_fields=["version"])
    events.record(
        actor=actor,
        action=Action.UPDATE,
        purpose="casusregie",
        subject=_subject(case, "case_director", assignment.pk),
        detail=f"director -> {director.email}" + (" (handover)" if current else ""),
    )
    transaction.on_commit(lambda: notifications.added_to_case(case, director))
    return assignment


@transaction.atomic
def add_team_member(*, case: Case, user, role: str, actor, active_from=None, active_until=None) -> TeamMembership:
    """Add a person (with their organisation) to the case team. Access to the case starts on
    `active_from` and ends after `active_until`.

    Side effects: an audit event; after commit an e-mail to the person, unless the membership is already
    over (a record of past work grants no access, so an "added to the case" mail would be wrong and would
    only reveal that the case exists); a membership that starts later says from when."""
    actor = acting(actor)
    by = actor.user
    if case.state == CaseState.CLOSED:
        raise ValidationError(_("Een afgesloten casus krijgt geen nieuwe teamleden."))
    if user.organisation_id is None:
        raise ValidationError({"user": _("Deze persoon hoort niet bij een organisatie.")})
    if role == TeamRole.CASE_DIRECTOR:
        raise ValidationError({"role": _("Wijs de casusregisseur aan via 'Casusregisseur wijzigen'.")})
    # The case row lock serialises two simultaneous additions to this team, so both cannot pass the check.
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if running_memberships(case).filter(user=user).exists():
        raise ValidationError({"user": _("Deze persoon zit al in het casusteam.")})
    membership = TeamMembership.objects.create(
        case=case,
        user=user,
        organisation=user.organisation,
        role=role,
        added_by=by,
        active_from=active_from or timezone.localdate(),
        active_until=active_until,
    )
    events.record(
        actor=actor,
        action=Action.CREATE,
        purpose="casusteam",
        subject=_subject(case, "team_membership", membership.public_id),
        detail=f"{user.email} {role}",
    )
    if membership.active_until is None or membership.active_until >= timezone.localdate():
        transaction.on_commit(lambda: notifications.added_to_case(case, user, starts_on=membership.active_from))
    return membership


def running_memberships(case: Case):
    """The memberships of `case` that have not ended: running today or starting later. A person has at
    most one of these (add_team_member refuses a second)."""
    today = timezone.localdate()
    return TeamMembership.objects.filter(case=case, ended_on__isnull=True).exclude(active_until__lt=today)


@transaction.atomic
def end_team_membership(*, membership: TeamMembership, actor) -> TeamMembership:
    """End a membership today: access stops at once (the last day of access becomes yesterday, or the day
    before the start for one that started today or starts later). `ended_on` records when it was ended, so
    the team list can say so instead of showing an end before the start."""
    actor = acting(actor)
    case = membership.case
    membership = TeamMembership.objects.select_for_update().get(pk=membership.pk)
    today = timezone.localdate()
    if membership.ended_on is not None or (membership.active_until is not None and membership.active_until < today):
        raise ValidationError(_("Dit lidmaatschap is al beëindigd."))
    current = case.director_assignments.filter(ended_at__isnull=True).first()
    if current and current.director_id == membership.user_id and membership.role == TeamRole.CASE_DIRECTOR:
        raise ValidationError(_("Wijs eerst een nieuwe casusregisseur aan."))
    yesterday = today - timezone.timedelta(days=1)
    membership.active_until = max(yesterday, membership.active_from - timezone.timedelta(days=1))
    membership.ended_on = today
    membership.save(update_fields=["active_until", "ended_on"])
    events.record(
        actor=actor,
        action=Action.UPDATE,
        purpose="casusteam",
        subject=_subject(case, "team_membership", membership.public_id),
        detail="ended",
    )
    return membership


@transaction.atomic
def close_case(*, case: Case, actor, reason: str, seen_version=None, plan: dict | None = None):
    """Close a case. A case that was taken up (active) closes only with a closure plan (aftercare.py):
    what happens if things go wrong again, who the local team contact is, and a follow-up check.
    A referral that never became active (withdrawn before triage) closes with a reason only."""
    actor = acting(actor)
    case = Case.objects.select_for_update().select_related("household", "safety_house").get(pk=case.pk)
    _check_version(case, seen_version)
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf op waarom de casus wordt afgesloten.")})
    if case.state == CaseState.ACTIVE:
        from .aftercare import record_closure_plan

        record_closure_plan(case=case, actor=actor, reason=reason, plan=plan or {})
    set_state(case=case, to_state=CaseState.CLOSED, actor=actor, reason=reason, purpose="afsluiting")
    return case


@transaction.atomic
def reopen_case(*, case: Case, actor, reason: str, seen_version=None, reactivate=()):
    """Reopen a closed case: the same case, its household and all history come back. `reactivate`:
    former team members (users) whose membership starts again (aftercare.after_reopen)."""
    actor = acting(actor)
    case = Case.objects.select_for_update().select_related("household", "safety_house").get(pk=case.pk)
    _check_version(case, seen_version)
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf op waarom de casus wordt heropend.")})
    if not case.route:
        raise ValidationError(_("Een niet opgepakte aanmelding wordt niet heropend; meld het huishouden opnieuw aan."))
    set_state(case=case, to_state=CaseState.ACTIVE, actor=actor, reason=reason, purpose="heropening")
    from .aftercare import after_reopen

    after_reopen(case=case, actor=actor, reason=reason, reactivate=reactivate)
    return case


@transaction.atomic
def add_note(*, case: Case, note, actor, concerns=(), shared_with=()):
    """A professional's note on the case, born with its source (the author's organisation), basis,
    visibility and the persons it concerns."""
    actor = acting(actor)
    by = actor.user
    note.case = case
    note.author = by
    note.source_organisation = by.organisation
    note.save()
    note.concerns.set(concerns)
    note.shared_with.set(shared_with)
    events.record(
        actor=actor,
        action=Action.CREATE,
        purpose="notitie",
        subject=Subject(
            "casenote",
            str(note.public_id),
            str(case.household.public_id),
            person_ids=[str(p.public_id) for p in concerns],
            safety_house_code=case.safety_house.code,
        ),
        detail=f"{note.basis}/{note.visibility}",
    )
    return note


# --- attachments ------------------------------------------------------------------------------------


def attachment_subject(attachment, concerns) -> Subject:
    case = attachment.case
    return Subject(
        "attachment",
        str(attachment.public_id),
        str(case.household.public_id),
        person_ids=[str(p.public_id) for p in concerns],
        safety_house_code=case.safety_house.code,
    )


def add_attachment(*, case: Case, attachment, upload, actor, concerns=(), shared_with=()):
    """A file added to the case, born like a note with its source (the uploader's organisation), basis,
    visibility and the persons it concerns. The kind is recognised from the content (attachments.recognise
    raises Refused for anything not on the list); the file goes to the private storage under a random name.

    The file is written before the row. If this action fails the file is removed at once; if the request's
    transaction rolls back later, the retention job's orphan sweep removes it (attachments.sweep_orphans)."""
    actor = acting(actor)
    by = actor.user
    from .attachments import KINDS, digest, recognise, safe_name, scan

    kind = recognise(upload, upload.name)
    attachment.case = case
    attachment.uploaded_by = by
    attachment.source_organisation = by.organisation
    attachment.file_name = safe_name(upload.name, kind)
    attachment.content_type = KINDS[kind].content_type
    attachment.size = upload.size
    attachment.sha256 = digest(upload)
    attachment.file.save("upload", upload, save=False)
    try:
        scan(attachment.file.name)
        with transaction.atomic():
            attachment.save()
            attachment.concerns.set(concerns)
            attachment.shared_with.set(shared_with)
            events.record(
                actor=actor,
                action=Action.CREATE,
                purpose="bijlage",
                subject=attachment_subject(attachment, concerns),
                detail=f"{attachment.basis}/{attachment.visibility}/{kind}/{attachment.size}",
            )
    except BaseException:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def remove_attachment(*, attachment, actor, reason: str):
    """Remove a file (e.g. added to the wrong case, which is a data breach to be undone quickly). The row
    goes, the write history keeps who removed which attachment when; the file itself is deleted from the
    storage once the transaction has committed (post_delete in attachments.py)."""
    actor = acting(actor)
    concerns = list(attachment.concerns.all())
    subject = attachment_subject(attachment, concerns)
    attachment.delete()
    events.record(actor=actor, action=Action.DELETE, purpose="bijlage", subject=subject, detail=reason[:300])
