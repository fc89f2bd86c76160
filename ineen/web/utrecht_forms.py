"""NL Design System (Utrecht) component classes on every form widget, set in Python.

The vendored Utrecht component CSS (ineen/static/vendor/utrecht/) styles form controls by class
(``utrecht-textbox``, ``utrecht-select`` ...), not by element. Rather than naming a class in each of the
many ``forms.py`` widgets, every form gets them once, by widget type, when it is created (the fields are
per-instance copies, so this never leaks between forms). A widget that already names a class keeps it.
Labels, descriptions and error messages get theirs in ineen/templates/django/forms/field.html.
"""

import functools

from django import forms
from django.forms.forms import BaseForm
from django.forms.widgets import Input

# Most specific first: CheckboxSelectMultiple is a RadioSelect subclass, Textarea/Select are not inputs.
WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxSelectMultiple, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.ClearableFileInput, "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--file"),
    (forms.FileInput, "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--file"),
    (Input, "utrecht-textbox utrecht-textbox--html-input"),
]


def component_class(widget: forms.Widget) -> str | None:
    if isinstance(widget, forms.HiddenInput | forms.MultipleHiddenInput):
        return None
    for kind, css in WIDGET_CLASSES:
        if isinstance(widget, kind):
            return css
    return None


def add_component_classes():
    original = BaseForm.__init__
    if getattr(original, "_ineen_utrecht_classes", False):
        return

    @functools.wraps(original)
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        for field in self.fields.values():
            css = component_class(field.widget)
            if css and "class" not in field.widget.attrs:
                field.widget.attrs["class"] = css

    __init__._ineen_utrecht_classes = True
    BaseForm.__init__ = __init__
