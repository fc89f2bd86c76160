"""No colon after form labels, for every form (ours, allauth's, the admin's).

Django appends ``label_suffix`` (":" by default) to every ``<label>``; the NL Design System style has no colon
after a label above its field, and a label that reads "Naam:" is noise for a screen reader. A form (or a caller)
that passes its own ``label_suffix`` keeps it.
"""

import functools
import inspect

from django.forms.forms import BaseForm


def drop_label_colons():
    original = BaseForm.__init__
    if getattr(original, "_ineen_no_label_suffix", False):
        return
    signature = inspect.signature(original)

    @functools.wraps(original)
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if signature.bind(self, *args, **kwargs).arguments.get("label_suffix") is None:
            self.label_suffix = ""

    __init__._ineen_no_label_suffix = True
    BaseForm.__init__ = __init__
