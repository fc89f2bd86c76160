"""The dossier analysis as tables: the raw figures of `dossier.compute` with small cells suppressed and every
number formatted once. The page, CSV, XLSX and API render these tables and nothing else, so the four carry
the same strings.

Suppression (as the evaluation aggregates and the barrier register): a count under THRESHOLD shows as "<5";
a percentage, mean, median or range shows only when the counts it comes from are at least THRESHOLD, else
"—". A selection with fewer than THRESHOLD households shows no tables at all."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ineen.conferences.enums import PhaseDecisionKind
from ineen.guide.enums import Phase
from ineen.households.enums import MEASURE_CATEGORY, LifeDomain, MeasureCategory, MeasureKind, ViolenceType
from ineen.plans.enums import ActionType, Towards

from .dossier import AGREEMENT_CELLS, MOVES, THRESHOLD, TIMINGS

HIDDEN = "—"
SUPPRESSED = f"<{THRESHOLD}"


@dataclass
class Row:
    key: str
    label: str
    cells: list[str]


@dataclass
class Table:
    key: str
    caption: str
    columns: list[str]  # the first column heads the row labels
    rows: list[Row] = field(default_factory=list)


def count(n: int | None) -> str:
    n = n or 0
    return str(n) if n >= THRESHOLD else SUPPRESSED


def percent(n: int | None, of: int | None) -> str:
    n, of = n or 0, of or 0
    return f"{100 * n / of:.1f}%" if n >= THRESHOLD and of >= THRESHOLD else HIDDEN


def number(value: float | int | None, n: int, decimals: int = 1) -> str:
    """A derived figure (mean, median, minimum, maximum) over n units: shown only from THRESHOLD units."""
    if value is None or n < THRESHOLD:
        return HIDDEN
    return f"{value:.{decimals}f}"


def _measure_rows(figures: dict) -> list[Row]:
    categories = dict(MeasureCategory.choices)
    rows = []
    for category in MeasureCategory:
        households = figures["measure_categories"][category.value]
        rows.append(
            Row(
                f"category:{category.value}",
                _("%(soort)s: ten minste één") % {"soort": categories[category]},
                [count(households), percent(households, figures["households"])],
            )
        )
        for kind in MeasureKind:
            if MEASURE_CATEGORY.get(kind) == category:
                n = figures["measure_kinds"][kind.value]
                rows.append(
                    Row(
                        kind.value,
                        f"{categories[category]}: {kind.label}",
                        [count(n), percent(n, figures["households"])],
                    )
                )
    n = figures["measure_kinds"][MeasureKind.OTHER]
    rows.append(
        Row(MeasureKind.OTHER.value, str(MeasureKind.OTHER.label), [count(n), percent(n, figures["households"])])
    )
    return rows


def _dist_rows(prefix: str, label: str, dist: dict, decimals: int = 1) -> list[Row]:
    n = dist["n"]
    return [
        Row(f"{prefix}_min", _("%(maat)s: minimum") % {"maat": label}, [number(dist["min"], n, 0)]),
        Row(f"{prefix}_max", _("%(maat)s: maximum") % {"maat": label}, [number(dist["max"], n, 0)]),
        Row(f"{prefix}_mean", _("%(maat)s: gemiddeld") % {"maat": label}, [number(dist["mean"], n, decimals)]),
    ]


def tables(figures: dict) -> list[Table]:
    """The report's tables, in the research's order. Empty when the selection is too small to show."""
    households = figures["households"]
    if households < THRESHOLD:
        return []
    share = _("Aandeel van de huishoudens")
    hh_col = _("Huishoudens")
    result = []

    summary = Table("selection", _("Selectie"), [_("Maat"), _("Aantal")])
    summary.rows = [
        Row("households", _("Huishoudens"), [count(households)]),
        Row("cases", _("Trajecten (casussen)"), [count(figures["cases"])]),
    ]
    result.append(summary)

    domains = Table(
        "life_domains", _("Tabel 3.1: huishoudens met zorgen per leefgebied"), [_("Leefgebied"), hh_col, share]
    )
    for domain in LifeDomain:
        n = figures["life_domains"][domain.value]
        domains.rows.append(Row(domain.value, str(domain.label), [count(n), percent(n, households)]))
    result.append(domains)
    per = Table("domains_per_household", _("Leefgebieden met zorgen per huishouden"), [_("Maat"), _("Waarde")])
    per.rows = _dist_rows("domains", _("Leefgebieden per huishouden"), figures["domains_per_household"])
    result.append(per)

    violence = Table("violence_types", _("Soorten geweld"), [_("Soort geweld"), hh_col, share])
    for kind in ViolenceType:
        n = figures["violence_types"][kind.value]
        violence.rows.append(Row(kind.value, str(kind.label), [count(n), percent(n, households)]))
    result.append(violence)

    measures = Table(
        "measures",
        _("Strafrechtelijke, civielrechtelijke en bestuursrechtelijke maatregelen"),
        [_("Maatregel"), hh_col, share],
    )
    measures.rows = _measure_rows(figures)
    result.append(measures)

    orgs = figures["organisations"]
    organisations = Table("organisations", _("Betrokken organisaties aan tafel"), [_("Maat"), _("Waarde")])
    organisations.rows = [
        Row("total", _("Verschillende organisaties"), [count(orgs["total"])]),
        Row("one_household", _("Organisaties bij één huishouden"), [count(orgs["one_household"])]),
        Row("one_household_share", _("Aandeel bij één huishouden"), [percent(orgs["one_household"], orgs["total"])]),
        Row("households", _("Huishoudens met organisaties aan tafel"), [count(orgs["per_household"]["n"])]),
        *_dist_rows("per_household", _("Organisaties per huishouden"), orgs["per_household"]),
        *_dist_rows("first", _("Organisaties bij het eerste overleg"), orgs["first"]),
        *_dist_rows("last", _("Organisaties bij het laatste overleg"), orgs["last"]),
    ]
    result.append(organisations)

    conf, span = figures["conferences"], figures["days_first_last"]
    conferences = Table("conferences", _("Overleggen per huishouden"), [_("Maat"), _("Waarde")])
    conferences.rows = [
        Row("total", _("Gehouden overleggen"), [count(conf["total"])]),
        Row("households", _("Huishoudens met ten minste één overleg"), [count(conf["n"])]),
        *_dist_rows("per_household", _("Overleggen per huishouden"), conf),
        Row("households_two", _("Huishoudens met twee of meer overleggen"), [count(span["n"])]),
        *_dist_rows("days", _("Dagen tussen eerste en laatste overleg"), span),
    ]
    result.append(conferences)

    agreements = figures["agreements"]
    total = agreements["total"]
    types, towards = dict(ActionType.choices), dict(Towards.choices)
    table32 = Table(
        "agreements", _("Tabel 3.2: soorten afspraken"), [_("Soort afspraak"), _("Aantal"), _("Aandeel van het totaal")]
    )
    table32.rows = [Row("total", _("Totaal"), [count(total), HIDDEN])]
    for action_type, toward in AGREEMENT_CELLS:
        n = agreements["cells"][f"{action_type}:{toward}"]
        label = f"{types[action_type]}: {str(towards[toward]).lower()}"
        table32.rows.append(Row(f"{action_type}:{toward}", label, [count(n), percent(n, total)]))
    result.append(table32)
    family = sum(agreements["cells"][f"{t}:{Towards.FAMILY}"] for t in ActionType.values)
    about = Table(
        "agreements_summary",
        _("Afspraken: onderbouwing, richting en per overleg"),
        [_("Maat"), _("Aantal"), _("Aandeel")],
    )
    about.rows = [
        Row(
            "with_reason",
            _("Afspraken met een onderbouwing"),
            [count(agreements["with_reason"]), percent(agreements["with_reason"], total)],
        ),
        Row("towards_family", _("Afspraken met of richting het gezin"), [count(family), percent(family, total)]),
        Row(
            "towards_professionals",
            _("Afspraken tussen professionals"),
            [count(total - family), percent(total - family, total)],
        ),
        Row(
            "per_conference",
            _("Afspraken per overleg (gemiddeld)"),
            [number(total / conf["total"] if conf["total"] else None, min(total, conf["total"])), HIDDEN],
        ),
    ]
    result.append(about)

    clients = figures["clients"]
    attendance = Table("clients", _("Cliënten aan tafel"), [_("Maat"), _("Aantal"), _("Aandeel")])
    attendance.rows = [
        Row("invited", _("Uitnodigingen van gezinsleden (per overleg)"), [count(clients["invited"]), HIDDEN]),
        Row(
            "present",
            _("Gezinsleden aanwezig (per overleg)"),
            [count(clients["present"]), percent(clients["present"], clients["invited"])],
        ),
        Row(
            "conferences_with_client",
            _("Overleggen met ten minste één gezinslid aan tafel"),
            [
                count(clients["conferences_with_client"]),
                percent(clients["conferences_with_client"], clients["conferences"]),
            ],
        ),
        Row(
            "households_with_client",
            _("Huishoudens met een gezinslid aan tafel"),
            [count(clients["households_with_client"]), percent(clients["households_with_client"], conf["n"])],
        ),
    ]
    result.append(attendance)

    labels = {
        "referral_triage": _("Aanmelding tot weegoverleg"),
        "triage_conference": _("Weegoverleg tot eerste overleg"),
        "referral_conference": _("Aanmelding tot eerste overleg"),
    }
    timing = Table(
        "timing", _("Doorlooptijd in dagen"), [_("Van en tot"), _("Trajecten"), _("Mediaan"), _("Kortst"), _("Langst")]
    )
    for key in TIMINGS:
        t = figures["timing"][key]
        timing.rows.append(
            Row(
                key,
                str(labels[key]),
                [count(t["n"]), number(t["median"], t["n"]), number(t["min"], t["n"]), number(t["max"], t["n"])],
            )
        )
    result.append(timing)

    phases = Table(
        "phases",
        _("Fase bij het laatste overleg"),
        [_("Fase"), hh_col, _("Aandeel van de huishoudens met een overleg")],
    )
    for phase in Phase:
        n = figures["phases"][phase.value]
        phases.rows.append(Row(phase.value, str(phase.label), [count(n), percent(n, conf["n"])]))
    result.append(phases)
    decisions = figures["movements"]["decisions"]
    all_decisions = sum(decisions.values())
    moves = Table(
        "phase_decisions", _("Fasebesluiten en bewegingen tussen fasen"), [_("Besluit"), _("Aantal"), _("Aandeel")]
    )
    moves.rows = [Row("total", _("Fasebesluiten"), [count(all_decisions), HIDDEN])]
    for kind in PhaseDecisionKind:
        n = decisions[kind.value]
        moves.rows.append(Row(kind.value, str(kind.label), [count(n), percent(n, all_decisions)]))
    phase_labels = dict(Phase.choices)
    for a, b in MOVES:
        n = figures["movements"]["moves"][f"{a}>{b}"]
        label = f"{phase_labels[a]} → {phase_labels[b]}"
        moves.rows.append(Row(f"{a}>{b}", label, [count(n), percent(n, all_decisions)]))
    result.append(moves)
    return result


def as_dicts(report_tables: list[Table]) -> list[dict]:
    return [
        {
            "key": t.key,
            "caption": t.caption,
            "columns": [str(c) for c in t.columns],
            "rows": [{"key": r.key, "label": r.label, "cells": r.cells} for r in t.rows],
        }
        for t in report_tables
    ]


def flat_rows(report_tables: list[Table]) -> list[list[str]]:
    """The tables as one sheet: a caption row, a header row, the rows and an empty line per table (CSV/XLSX)."""
    out: list[list[str]] = []
    for t in report_tables:
        out.append([t.caption])
        out.append([str(c) for c in t.columns])
        out.extend([r.label, *r.cells] for r in t.rows)
        out.append([])
    return out
