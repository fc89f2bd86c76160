"""Transparency to clients: what was shared about a person with whom on which basis, and who looked.

Both reports are filtered so that they cannot themselves leak restricted facts:
- content is never shown, only the kind of information, its date, source, basis and recipients;
- source-only items were not shared, so they are not listed (listing them would reveal them);
- consent-based items whose consent does not hold are listed as "not shared";
- "who looked" shows organisations and months, never individual names, and leaves out events about
  confidential addresses and events that concern only other household members;
- the member's own access (ineen/portal) is listed apart: when it was given or revoked, when they looked or
  wrote themselves, and wrong codes typed on their link (so they notice if someone else tried).
"""

from collections import Counter

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.audit.models import AuditEvent, Outcome
from ineen.cases.models import Attachment, CaseNote
from ineen.households.models import Incident, LegalMeasure, LifeDomainAssessment, Strength

from .enums import Basis, Visibility
from .models import Consent

HIDDEN_PURPOSES = {"geheim adres", "geheim adres tonen"}
CLIENT_CHANNEL = "client"  # Actor.channel of a member's own access (portal.actions.client_actor)
CLIENT_LOG_ROWS = 50


def _items_about(case, person):
    household = case.household
    # Only what is shown through this case: nothing recorded through a later case of the household.
    scope = policy.household_scope_q(case)
    yield from (
        (_("Incident"), i, i.date)
        for i in Incident.objects.filter(scope, household=household, concerns=person)
        .select_related("source_organisation")
        .prefetch_related("shared_with")
    )
    domains = LifeDomainAssessment.objects.filter(scope, household=household).filter(
        Q(concerns=person) | Q(person=person)
    )
    yield from (
        (_("Leefgebied: %s") % a.get_domain_display(), a, a.recorded_at.date())
        for a in domains.distinct().select_related("source_organisation").prefetch_related("shared_with")
    )
    yield from (
        (_("Krachtbron"), s, s.recorded_at.date())
        for s in Strength.objects.filter(scope, household=household, concerns=person)
        .select_related("source_organisation")
        .prefetch_related("shared_with")
    )
    yield from (
        (_("Maatregel: %s") % m.get_kind_display(), m, m.starts_on)
        for m in LegalMeasure.objects.filter(scope, household=household, person=person)
        .select_related("source_organisation")
        .prefetch_related("shared_with")
    )
    yield from (
        (_("Notitie"), n, n.created_at.date())
        for n in CaseNote.objects.filter(case=case, concerns=person)
        .select_related("source_organisation")
        .prefetch_related("shared_with")
    )
    yield from (
        (_("Bijlage (bestand)"), a, a.created_at.date())
        for a in Attachment.objects.filter(case=case, concerns=person)
        .select_related("source_organisation")
        .prefetch_related("shared_with")
    )


def shared_about(case, person) -> list[dict]:
    today = timezone.localdate()
    team_orgs = sorted({m.organisation.name for m in case.team.select_related("organisation") if m.is_active_on(today)})
    consents = {(c.organisation_id, c.purpose) for c in Consent.objects.filter(Consent.active_q(today), person=person)}
    rows = []
    for label, item, day in _items_about(case, person):
        if item.visibility == Visibility.SOURCE_ONLY:
            continue
        if item.basis == Basis.CONSENT and (item.source_organisation_id, item.consent_purpose) not in consents:
            recipients, note = [], _("Niet gedeeld: er is (nu) geen toestemming.")
        elif item.visibility == Visibility.NAMED_ORGANISATIONS:
            recipients, note = sorted(o.name for o in item.shared_with.all()), ""
        else:
            recipients, note = team_orgs, ""
        rows.append(
            {
                "label": label,
                "date": day,
                "source": item.source_organisation.name,
                "basis": item.get_basis_display(),
                "recipients": recipients,
                "note": note,
            }
        )
    return sorted(rows, key=lambda r: r["date"] or today, reverse=True)


def who_looked(case, person) -> list[dict]:
    """Organisations that read or changed data about this person, counted per month."""
    person_id = str(person.public_id)
    counts = Counter()
    events = AuditEvent.objects.filter(household_id=str(case.household.public_id), outcome=Outcome.ALLOWED)
    # Events carry the household, not the case: once a later case of the household was opened, what
    # happened is told through that later case only (docs/privacy.md, "Households with several cases").
    later = policy.later_case_opened_at(case)
    if later is not None:
        events = events.filter(occurred_at__lt=later)
    events = events.exclude(origin_channel=CLIENT_CHANNEL)  # the member's own visits: client_access_log
    for org, occurred_at, person_ids, purpose in events.values_list(
        "organisation_label", "occurred_at", "person_ids", "purpose"
    ).iterator():
        if purpose in HIDDEN_PURPOSES or (person_ids and person_id not in person_ids):
            continue
        month = timezone.localtime(occurred_at).strftime("%Y-%m")
        counts[(month, org or _("onbekend"))] += 1
    return [
        {"month": month, "organisation": org, "count": n} for (month, org), n in sorted(counts.items(), reverse=True)
    ]


def client_access_log(case, person) -> list[dict]:
    """The member's own access, newest first: given and revoked (by which organisation), their own visits
    and entries ("U hebt zelf gekeken op ..."), and wrong codes on their link."""
    person_id = str(person.public_id)
    events = AuditEvent.objects.filter(household_id=str(case.household.public_id)).filter(
        Q(origin_channel=CLIENT_CHANNEL) | Q(object_type="client_access")
    )
    later = policy.later_case_opened_at(case)
    if later is not None:
        events = events.filter(occurred_at__lt=later)
    rows = []
    for occurred_at, person_ids, channel, action, outcome, org in events.order_by("-occurred_at", "-pk").values_list(
        "occurred_at", "person_ids", "origin_channel", "action", "outcome", "organisation_label"
    ):
        if person_id not in (person_ids or []):
            continue
        if outcome == Outcome.DENIED:
            what = _("Inloggen met de eigen link is geweigerd (verkeerde code, of de link werkt niet meer)")
        elif channel != CLIENT_CHANNEL and action == "create":
            what = _("Eigen toegang gegeven door %s") % (org or _("onbekend"))
        elif channel != CLIENT_CHANNEL and action == "delete":
            what = _("Eigen toegang ingetrokken door %s") % (org or _("onbekend"))
        elif channel != CLIENT_CHANNEL:
            continue
        elif action == "create":
            what = _("U hebt zelf iets ingevuld of gemeld")
        else:
            what = _("U hebt zelf gekeken")
        rows.append({"when": timezone.localtime(occurred_at), "what": what})
        if len(rows) >= CLIENT_LOG_ROWS:
            break
    return rows
