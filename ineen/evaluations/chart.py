"""A server-rendered, accessible SVG bar chart of a questionnaire's means (0-10) per item: role="img" with
<title> and <desc> (the desc lists every number, so a screen reader needs no picture); the same numbers stand
in the data table beside it. No JavaScript. Items whose cell is suppressed get no bar and "—"."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

BAR_HEIGHT = 22
GAP = 10
LABEL_WIDTH = 40
PLOT_WIDTH = 250


def svg(questionnaire, *, chart_id: str) -> str:
    bars = questionnaire.chart
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + PLOT_WIDTH + 50
    parts = []
    described = []
    for index, (item, mean) in enumerate(bars, start=1):
        y = GAP + (index - 1) * (BAR_HEIGHT + GAP)
        shown = "—" if mean is None else f"{mean:.1f}".replace(".", ",")
        described.append(f"{index}. {item.text}: {shown}")
        bar_width = 0 if mean is None else round(PLOT_WIDTH * mean / 10)
        parts.append(
            (
                LABEL_WIDTH - 6,
                y + BAR_HEIGHT * 0.7,
                index,
                LABEL_WIDTH,
                y,
                bar_width,
                BAR_HEIGHT,
                "" if mean is None else f"{mean:.1f}",
                LABEL_WIDTH + bar_width + 6,
                y + BAR_HEIGHT * 0.7,
                shown,
            )
        )
    rows = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="ineen-chart-bar" data-value="{}"></rect>'
        '<text x="{}" y="{}" class="ineen-chart-value">{}</text>',
        parts,
    )
    title = _("Gemiddelde per vraag: %(q)s") % {"q": questionnaire.label}
    desc = _("Gemiddelde op een schaal van 0 tot 10, per vraag: %(list)s.") % {"list": "; ".join(described)}
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {w} {h}" width="100%" '
        'aria-labelledby="{id}-title {id}-desc" class="ineen-chart">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<line x1="{x}" y1="0" x2="{x}" y2="{h}" stroke="currentColor"></line>{rows}</svg>',
        w=width,
        h=height,
        id=chart_id,
        title=title,
        desc=desc,
        x=LABEL_WIDTH,
        rows=rows,
    )
