"""The dossier analysis pages: HTML, CSV and XLSX of the same tables (dossier_table). Who: the policy's
dossier_analysis_houses (chair, manager or researcher of the house); anyone else, and anyone asking for
another house, gets an audited 404. Each read is one audit event naming the selection, never a case."""

import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ineen.access import policy
from ineen.accounts.models import SafetyHouse
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.privacy import csvsafe

from . import dossier, dossier_table
from .dossier_forms import SelectionForm, describe

RULE = "dossier_analysis_houses: chair, manager or researcher of the house; aggregates only"
PURPOSE = "dossier_analysis"


def houses_for(user, requested: str = "") -> list[SafetyHouse]:
    """The houses this user may analyse; a requested house outside them is an audited refusal (404)."""
    house_ids = policy.dossier_analysis_houses(user)
    houses = list(SafetyHouse.objects.filter(pk__in=house_ids).order_by("name")) if house_ids else []
    if not houses or (requested and requested not in {h.code for h in houses}):
        raise policy.refusal(
            "dossier_analysis",
            purpose=PURPOSE,
            reason="not chair, manager or researcher of the house",
            object_id=requested,
        )
    return houses


def analyse(who, form: SelectionForm, *, action: Action = Action.VIEW) -> tuple[SafetyHouse, list]:
    """Compute the tables of a valid selection and record the read (the page, the exports and the API)."""
    house = form.cleaned_data["huis"]
    selection = form.selection()
    report_tables = dossier_table.tables(dossier.compute(selection))
    events.record(
        actor=policy.actor_of(who),
        action=action,
        subject=Subject("dossier_analysis", house.code, safety_house_code=house.code),
        purpose=PURPOSE,
        detail=describe(selection, house),
    )
    return house, report_tables


def _form(request) -> SelectionForm:
    houses = houses_for(request.user, request.GET.get("huis", ""))
    return SelectionForm(request.GET, houses=houses)


@require_GET
@login_required
@policy.access_rule(RULE)
def report(request):
    form = _form(request)
    if not form.is_valid():
        return render(request, "insights/dossier.html", {"form": form, "threshold": dossier.THRESHOLD}, status=400)
    house, report_tables = analyse(request, form)
    return render(
        request,
        "insights/dossier.html",
        {
            "form": form,
            "house": house,
            "tables": report_tables,
            "threshold": dossier.THRESHOLD,
            "query": request.GET.urlencode(),
        },
    )


def _export(request):
    form = _form(request)
    if not form.is_valid():
        messages = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return None, HttpResponse(
            _("Ongeldige selectie: %(fouten)s") % {"fouten": messages},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    house, report_tables = analyse(request, form, action=Action.EXPORT)
    return (house, report_tables), None


def _filename(house, ext: str) -> str:
    return f'attachment; filename="dossieranalyse-{house.code}.{ext}"'


@require_GET
@login_required
@policy.access_rule(RULE)
def export_csv(request):
    done, error = _export(request)
    if error:
        return error
    house, report_tables = done
    out = io.StringIO()
    writer = csvsafe.writer(out)  # no cell starts a formula in a spreadsheet
    writer.writerows(dossier_table.flat_rows(report_tables) or [[_("Te weinig huishoudens in deze selectie.")]])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _filename(house, "csv")
    return response


@require_GET
@login_required
@policy.access_rule(RULE)
def export_xlsx(request):
    from openpyxl import Workbook

    done, error = _export(request)
    if error:
        return error
    house, report_tables = done
    book = Workbook()
    sheet = book.active
    sheet.title = _("Dossieranalyse")[:31]
    for row in dossier_table.flat_rows(report_tables) or [[_("Te weinig huishoudens in deze selectie.")]]:
        sheet.append(row)  # strings, exactly as on the page: "<5" and "—" stay what they are
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = _filename(house, "xlsx")
    return response
