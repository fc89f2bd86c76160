"""`{% error_summary form formset ... %}`: one list of everything that went wrong, at the top of a form.

Renders web/_error_summary.html: a focusable alert ("Er ging iets mis") with, per field error, a link to the
field (for a group of radio buttons or check boxes: to its first option, so the link lands on something one
can answer). Takes any number of forms and formsets; None and unbound ones are skipped."""

from django import forms, template

register = template.Library()


def _anchor(bound):
    widget = bound.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound.auto_id}_0"
    return bound.id_for_label or bound.auto_id


def _form_items(form, prefix_label=""):
    items = [{"message": message, "anchor": ""} for message in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS or name not in form.fields:
            continue
        bound = form[name]
        label = f"{prefix_label}{bound.label}" if bound.label else prefix_label.rstrip(": ")
        for message in errors:
            items.append({"message": message, "label": label, "anchor": _anchor(bound)})
    return items


def error_items(*forms_and_formsets, item_label=""):
    items = []
    for thing in forms_and_formsets:
        if thing is None or not getattr(thing, "is_bound", False):
            continue
        if isinstance(thing, forms.BaseFormSet):
            items += [{"message": message, "anchor": ""} for message in thing.non_form_errors()]
            for number, form in enumerate(thing.forms, start=1):
                items += _form_items(form, f"{item_label} {number}: " if item_label else "")
        else:
            items += _form_items(thing)
    return items


@register.inclusion_tag("web/_error_summary.html")
def error_summary(*forms_and_formsets, item_label=""):
    """`item_label` names one form of a formset ("Gezinslid" gives "Gezinslid 2: Voornaam")."""
    return {"items": error_items(*forms_and_formsets, item_label=item_label)}
