"""Retention: how long each kind of record is kept, and what happens when that time is over.

Periods are in settings.INEEN_RETENTION (years); docs/privacy.md, "Retention and rights", explains them.
`apply()` is run daily by `manage.py apply_retention`:

- A household whose cases are **all closed** and whose **last** case has expired (closed case: N years
  after closure; referral declined in triage and never active: N years after the decision) is
  anonymised in one transaction: persons lose their names, language and custody notes, the birth year
  becomes its decade; notes, consents and confidential addresses are deleted; every free-text field of
  the household's records is emptied. Kept are the facts the research figures need: which records
  exist, their kinds (violence types, life domains and concern, measures, routes, states) and dates.
  One audit event per household (actor none, channel "job").
- Emergency-access records are deleted N years after the access started (one audit event each).
- Audit events are never updated nor deleted here (append-only); those beyond their period are only
  counted. Removing expired audit partitions is an operator step (docs/privacy.md).

Nothing is touched before it expires: every check compares an expiry moment with `now`, and a
household is checked again under a row lock just before it is changed. A second run finds nothing
left to do (privacy.Anonymisation marks a household as done).
"""

from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import JSONField, Max, Q
from django.utils import timezone

from ineen.access.actor import Actor
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action, AuditEvent
from ineen.cases.enums import CaseState, TriageDecision
from ineen.households.models import Household, Person

from .freetext import ANONYMISED as ANONYMISED  # re-exported (callers and tests use retention.ANONYMISED)
from .freetext import DELETE, HOUSEHOLD_CLEARED, PERSON_CLEARED, SCRUB
from .models import Anonymisation, BreakGlassAccess, BreakGlassRefusal

CLOSED_CASE, DECLINED_REFERRAL = "closed_case", "declined_referral"
BREAK_GLASS, AUDIT_EVENT = "break_glass", "audit_event"
RULES = (CLOSED_CASE, DECLINED_REFERRAL, BREAK_GLASS, AUDIT_EVENT)

# What is emptied, deleted and overwritten (SCRUB, DELETE, PERSON_CLEARED, HOUSEHOLD_CLEARED) is declared in
# freetext.py, which the write history (audit/history.py) also uses: it never copies those fields.


def period(rule: str) -> int:
    return int(settings.INEEN_RETENTION[rule])


def add_years(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February in a year that has none
        return moment.replace(year=moment.year + years, day=28)


# --- when does a record expire? ----------------------------------------------------------------


def case_expiry(case) -> tuple[datetime | None, str]:
    """The moment the case's content may go, and the rule that says so; (None, "") while it is not closed.
    A referral declined in triage that never became active follows the shorter declined-referral rule."""
    if case.state != CaseState.CLOSED:
        return None, ""
    closed_at = case.closed_at or max(
        (c.changed_at for c in case.state_changes.all() if c.to_state == CaseState.CLOSED), default=None
    )
    if closed_at is None:
        return None, ""
    was_active = any(c.to_state == CaseState.ACTIVE for c in case.state_changes.all())
    declines = [t.decided_at or closed_at for t in case.triages.all() if t.decision == TriageDecision.DECLINE]
    if declines and not was_active:
        return add_years(max(declines), period(DECLINED_REFERRAL)), DECLINED_REFERRAL
    return add_years(closed_at, period(CLOSED_CASE)), CLOSED_CASE


def household_expiry(household) -> tuple[datetime | None, str]:
    """The household expires when its last case expires; never while any case is open."""
    latest, rule = None, ""
    cases = list(household.cases.all())
    if not cases:
        return None, ""
    for case in cases:
        expiry, case_rule = case_expiry(case)
        if expiry is None:
            return None, ""
        if latest is None or expiry > latest:
            latest, rule = expiry, case_rule
    return latest, rule


def _candidates(now):
    """Households that might have expired: not yet anonymised, no open case, last closure long enough ago
    for the shortest rule. The exact check is household_expiry()."""
    shortest = min(period(CLOSED_CASE), period(DECLINED_REFERRAL))
    return (
        Household.objects.filter(anonymisation__isnull=True, cases__isnull=False)
        .exclude(cases__state__in=[s for s in CaseState.values if s != CaseState.CLOSED])
        .annotate(last_closed=Max("cases__closed_at"))
        .filter(Q(last_closed__lte=add_years(now, -shortest)) | Q(last_closed__isnull=True))
        .select_related("safety_house")
        .prefetch_related("cases__state_changes", "cases__triages")
        .distinct()
        .order_by("pk")
    )


def expired_households(now=None) -> list[tuple[Household, str]]:
    now = now or timezone.now()
    found = []
    for household in _candidates(now):
        expiry, rule = household_expiry(household)
        if expiry is not None and expiry <= now:
            found.append((household, rule))
    return found


def expired_break_glass(now=None):
    now = now or timezone.now()
    return BreakGlassAccess.objects.filter(started_at__lte=add_years(now, -period(BREAK_GLASS)))


def audit_beyond_retention(now=None) -> dict[str, int]:
    """Counts only: audit events and trigger-captured history rows older than the audit period."""
    cutoff = add_years(now or timezone.now(), -period(AUDIT_EVENT))
    counts = {"audit_events": AuditEvent.objects.filter(occurred_at__lt=cutoff).count(), "history_rows": 0}
    if connection.vendor == "postgresql":
        for model in apps.get_app_config("audit").get_models():
            if any(f.name == "pgh_created_at" for f in model._meta.concrete_fields):
                counts["history_rows"] += model.objects.filter(pgh_created_at__lt=cutoff).count()
    return counts


# --- what happens then -------------------------------------------------------------------------


def anonymise_household(household, *, now=None) -> Anonymisation | None:
    """Anonymise one expired household (see module docstring). Returns None, changing nothing, when the
    household is not (or no longer) expired or was anonymised already."""
    now = now or timezone.now()
    with transaction.atomic():
        household = Household.objects.select_for_update().select_related("safety_house").get(pk=household.pk)
        if Anonymisation.objects.filter(household=household).exists():
            return None
        expiry, rule = household_expiry(household)  # again, under the lock: a case may just have reopened
        if expiry is None or expiry > now:
            return None
        deleted = {
            label: apps.get_model(label).objects.filter(**{lookup: household}).delete()[0]
            for label, (lookup, _text) in DELETE.items()
        }
        for label, (lookup, fields) in SCRUB.items():
            model = apps.get_model(label)
            empty = {name: {} if isinstance(model._meta.get_field(name), JSONField) else "" for name in fields}
            model.objects.filter(**{lookup: household}).update(**empty)
        persons = list(household.members.all())
        for person in persons:
            for name, value in PERSON_CLEARED.items():
                setattr(person, name, value)
            person.birth_year = person.birth_year // 10 * 10 if person.birth_year else None
        Person.objects.bulk_update(persons, [*PERSON_CLEARED, "birth_year"])
        for name, value in HOUSEHOLD_CLEARED.items():
            setattr(household, name, value)
        household.save(update_fields=list(HOUSEHOLD_CLEARED))
        record = Anonymisation.objects.create(household=household, anonymised_at=now, persons=len(persons), rule=rule)
        summary = ", ".join(f"{label.split('.')[1]}: {n}" for label, n in deleted.items() if n)
        events.record(
            actor=Actor.system(channel="job", role="system"),
            action=Action.DELETE,
            purpose="bewaartermijn",
            subject=Subject(
                "household",
                str(household.public_id),
                str(household.public_id),
                person_ids=[str(p.public_id) for p in persons],
                safety_house_code=household.safety_house.code,
            ),
            detail=f"anonymised ({rule}, expired {expiry:%Y-%m-%d}); {len(persons)} persons; "
            f"deleted {summary or 'nothing'}",
        )
    return record


def delete_break_glass(grant) -> None:
    with transaction.atomic():
        case = grant.case
        events.record(
            actor=Actor.system(channel="job", role="system"),
            action=Action.DELETE,
            purpose="bewaartermijn",
            subject=Subject(
                "break_glass",
                str(grant.public_id),
                str(case.household.public_id),
                safety_house_code=case.safety_house.code,
            ),
            detail=f"break-glass record of {grant.started_at:%Y-%m-%d} deleted ({BREAK_GLASS})",
        )
        grant.delete()


@dataclass
class Report:
    now: datetime
    dry_run: bool = False
    households: list[tuple[str, str]] = field(default_factory=list)  # (public id, rule)
    break_glass: list[str] = field(default_factory=list)
    orphan_files: int = 0
    audit: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        verb = "would be" if self.dry_run else "were"
        return [
            f"Retention run at {self.now:%Y-%m-%d %H:%M} UTC{' (dry run: nothing changed)' if self.dry_run else ''}",
            f"- {len(self.households)} household(s) {verb} anonymised",
            *[f"    {public_id} ({rule})" for public_id, rule in self.households],
            f"- {len(self.break_glass)} emergency-access record(s) {verb} deleted",
            f"- {self.orphan_files} attachment file(s) without a record {verb} removed",
            f"- audit events beyond {period(AUDIT_EVENT)} years: {self.audit.get('audit_events', 0)}; "
            f"history rows: {self.audit.get('history_rows', 0)} (not touched: removing expired audit "
            f"partitions is an operator step, see docs/privacy.md)",
        ]


def _job_context(name):
    """Trigger-captured history rows of this run carry the job's name (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return nullcontext()
    import pghistory

    return pghistory.context(channel="job", job=name, actor="system")


def apply(now=None, *, dry_run=False) -> Report:
    """Handle everything that has expired at `now` (default: the current time)."""
    now = now or timezone.now()
    report = Report(now=now, dry_run=dry_run)
    with _job_context("apply_retention"):
        for household, rule in expired_households(now):
            if dry_run or anonymise_household(household, now=now) is not None:
                report.households.append((str(household.public_id), rule))
        for grant in expired_break_glass(now).select_related("case__household", "case__safety_house"):
            if not dry_run:
                delete_break_glass(grant)
            report.break_glass.append(str(grant.public_id))
        # Refused emergency-access requests (user and time only) go with the same period.
        if not dry_run:
            BreakGlassRefusal.objects.filter(at__lte=add_years(now, -period(BREAK_GLASS))).delete()
        report.audit = audit_beyond_retention(now)
    # Attachment files without a row (an upload whose request rolled back): removed a day later.
    from ineen.cases.attachments import sweep_orphans

    report.orphan_files = sweep_orphans(dry_run=dry_run)
    return report
