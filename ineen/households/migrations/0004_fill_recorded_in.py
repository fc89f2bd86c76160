"""Fill `recorded_in` of existing household records (docs/privacy.md, "Households with several cases").

A record belongs to the household's case that was open when it was recorded (the latest opened, if
several), else to the latest case opened before that moment, else to the earliest case. The moment is
`recorded_at` where the model has one; otherwise the time of the record's CREATE audit event (every
write through the app leaves one); otherwise, for members, the household's first case (members without
an event came with the first referral) and, for other records, the latest case (its team is the
smallest audience: unknown history is not shown to an earlier team).

The rule is copied here, not imported, so this migration keeps working when the app code changes."""

from django.db import migrations

MODELS = (
    "Person",
    "LifeDomainAssessment",
    "Incident",
    "Strength",
    "InvolvedService",
    "LegalMeasure",
    "OtherTableDiscussion",
)


def _case_at(cases, when):
    opened = [c for c in cases if c[1] <= when]
    running = [c for c in opened if c[2] is None or c[2] >= when]
    if running:
        return running[-1][0]
    if opened:
        return opened[-1][0]
    return cases[0][0]


def fill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    by_household = {}
    for pk, household_id, opened_at, closed_at in Case.objects.order_by("opened_at", "pk").values_list(
        "pk", "household_id", "opened_at", "closed_at"
    ):
        by_household.setdefault(household_id, []).append((pk, opened_at, closed_at))
    for name in MODELS:
        model = apps.get_model("households", name)
        has_time = any(f.name == "recorded_at" for f in model._meta.get_fields())
        rows = list(model.objects.filter(recorded_in__isnull=True))
        created = {}
        if not has_time and rows:
            created = dict(
                AuditEvent.objects.filter(
                    object_type=model._meta.model_name, action="create", object_id__in=[str(r.public_id) for r in rows]
                )
                .order_by("-occurred_at")
                .values_list("object_id", "occurred_at")
            )
        for row in rows:
            cases = by_household.get(row.household_id)
            if not cases:
                continue  # a household without a case is shown through no case at all
            when = row.recorded_at if has_time else created.get(str(row.public_id))
            if when is not None:
                row.recorded_in_id = _case_at(cases, when)
            else:
                row.recorded_in_id = cases[0][0] if name == "Person" else cases[-1][0]
            model.objects.filter(pk=row.pk).update(recorded_in_id=row.recorded_in_id)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0006_attachment_history"),
        ("cases", "0003_attachment"),
        ("households", "0003_recorded_in_case"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
