"""The geometry of the server-rendered SVG chart of one scaling question over time (no JavaScript).

Accessibility (WCAG 2.1 AA): each rater has a colour AND a marker shape (professionals: filled shapes and
solid lines; household members: open shapes and dashed lines), so nothing is told by colour alone; every
colour has at least 4.5:1 contrast on white. The range between the lowest and highest professional score
per conference is a grey bar; a spread of DIVERGENCE or more is a red bar with a label under the axis.
The template gives the SVG role="img" with a <title> and <desc>; the data table beside it has every value.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .measurement import DIVERGENCE

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 64
COLOURS = ["#154273", "#8b1e3f", "#1f6f3a", "#5c3c92", "#7a4b00", "#00606b", "#444444", "#a1261c"]
SHAPES = ["circle", "square", "triangle", "diamond", "cross", "plus"]
FLAG_COLOUR = "#b00020"


@dataclass
class Line:
    rater: object
    colour: str
    shape: str
    dashed: bool
    points: list  # [(x, y, value, occasion)]

    @property
    def path(self):
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _v, _o in self.points)


def marker(shape, x, y, size=5):
    """An SVG path for a marker centred on (x, y)."""
    s = size
    if shape == "circle":
        return f"M{x - s:.1f},{y:.1f} a{s},{s} 0 1,0 {2 * s},0 a{s},{s} 0 1,0 {-2 * s},0"
    if shape == "square":
        return f"M{x - s:.1f},{y - s:.1f} h{2 * s} v{2 * s} h{-2 * s} z"
    if shape == "triangle":
        return f"M{x:.1f},{y - s - 1:.1f} L{x + s + 1:.1f},{y + s:.1f} L{x - s - 1:.1f},{y + s:.1f} z"
    if shape == "diamond":
        return f"M{x:.1f},{y - s - 1:.1f} L{x + s + 1:.1f},{y:.1f} L{x:.1f},{y + s + 1:.1f} L{x - s - 1:.1f},{y:.1f} z"
    if shape == "cross":
        return f"M{x - s:.1f},{y - s:.1f} L{x + s:.1f},{y + s:.1f} M{x + s:.1f},{y - s:.1f} L{x - s:.1f},{y + s:.1f}"
    return f"M{x - s:.1f},{y:.1f} H{x + s:.1f} M{x:.1f},{y - s:.1f} V{y + s:.1f}"  # plus


def style(rater):
    return COLOURS[rater.index % len(COLOURS)], SHAPES[rater.index % len(SHAPES)]


def chart(series):
    """The chart of one ScaleSeries: axes, lines with markers, ranges and flags, and the summary text."""
    rows = series.rows
    n = max(len(rows), 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i):
        return LEFT + (i + 0.5) * plot_w / n

    def y(v):
        return TOP + (10 - v) * plot_h / 9

    lines = []
    for k, rater in enumerate(series.raters):
        colour, shape = style(rater)
        points = [
            (x(i), y(row.cells[k].value), row.cells[k].value, row.occasion)
            for i, row in enumerate(rows)
            if row.cells[k]
        ]
        line = Line(rater=rater, colour=colour, shape=shape, dashed=rater.member, points=points)
        line.markers = [marker(shape, px, py) for px, py, _v, _o in points]
        lines.append(line)
    ranges = [
        {"x": x(i), "y1": y(row.highest), "y2": y(row.lowest), "flagged": row.flagged, "spread": row.spread}
        for i, row in enumerate(rows)
        if row.spread is not None and row.spread > 0
    ]
    ticks = [{"v": v, "y": y(v)} for v in range(1, 11)]
    columns = [{"x": x(i), "day": row.occasion.day, "flagged": row.flagged} for i, row in enumerate(rows)]
    if rows:
        first, last = rows[0].occasion.day, rows[-1].occasion.day
        desc = _(
            "%(label)s: %(n)s overleggen van %(first)s tot en met %(last)s, %(raters)s beoordelaars. "
            "Grote spreiding (%(d)s punten of meer) bij %(flagged)s overleggen. Alle cijfers staan in de tabel."
        ) % {
            "label": series.label,
            "n": len(rows),
            "first": first.strftime("%d-%m-%Y"),
            "last": last.strftime("%d-%m-%Y"),
            "raters": len(series.raters),
            "d": DIVERGENCE,
            "flagged": series.flagged_count,
        }
    else:
        desc = _("%(label)s: nog geen cijfers.") % {"label": series.label}
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "lines": lines,
        "ranges": ranges,
        "ticks": ticks,
        "columns": columns,
        "desc": desc,
        "flag_colour": FLAG_COLOUR,
        "label_y": HEIGHT - BOTTOM + 18,
        "flag_y": HEIGHT - BOTTOM + 36,
    }
