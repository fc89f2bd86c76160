from django import template

from ineen.evaluations import chart as charts

register = template.Library()


@register.simple_tag
def chart(questionnaire, house_id):
    return charts.svg(questionnaire, chart_id=f"chart-{house_id}-{questionnaire.kind}")


@register.filter
def means(row, items):
    return row.means(items)


@register.filter
def mean(value):
    """A mean in Dutch notation ("7,5"), or a dash for a suppressed cell."""
    return "—" if value is None else f"{value:.1f}".replace(".", ",")
