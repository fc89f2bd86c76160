"""Labels and legends with the Utrecht classes, for ineen/templates/django/forms/field.html.

``BoundField.label_tag`` takes its attributes only from Python; these filters pass them, keeping Django's
``for``, label suffix ("(verplicht)") and escaping."""

from django import template

register = template.Library()


@register.filter
def utrecht_label(field):
    css = "utrecht-form-label"
    widget = field.field.widget
    if getattr(widget, "input_type", None) in {"checkbox", "radio"}:
        css += " utrecht-form-label--" + widget.input_type
    return field.label_tag(attrs={"class": css})


@register.filter
def utrecht_legend(field):
    return field.legend_tag(attrs={"class": "utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend"})
