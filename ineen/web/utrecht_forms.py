"""NL Design System (Utrecht) component classes on every form widget, set in Python.

The vendored Utrecht component CSS (ineen/static/vendor/utrecht/) styles form controls by class
(``utrecht-textbox``, ``utrecht-select`` ...), not by element. Rather than naming a class in each of the
many ``forms.py`` widgets, every widget gets one by its type when it is rendered (nothing is stored on the
widget, so nothing leaks between forms). A widget that already names a class keeps it.
Labels, descriptions and error messages get theirs in ineen/templates/django/forms/field.html.
"""

import functools

from django import forms
from django.forms.boundfield import BoundField
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
    """Give each widget its class as it is rendered (BoundField.build_widget_attrs), so fields a form adds
    after Django's __init__ (one select per invitation, say) get it too."""
    original = BoundField.build_widget_attrs
    if getattr(original, "_ineen_utrecht_classes", False):
        return

    @functools.wraps(original)
    def build_widget_attrs(self, attrs, widget=None):
        attrs = original(self, attrs, widget)
        widget = widget or self.field.widget
        css = component_class(widget)
        if css and "class" not in attrs and "class" not in widget.attrs:
            attrs["class"] = css
        return attrs

    build_widget_attrs._ineen_utrecht_classes = True
    BoundField.build_widget_attrs = build_widget_attrs
