"""Forms of the plan page. Each carries the version the user saw (optimistic locking); field ids are
made unique per row with auto_id, so many forms on one page stay accessible."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ineen.web.fields import ShowVersionErrors, VersionField

from .actions import MAX_TEXT, SETTABLE_STATUSES
from .enums import ActionStatus


class ActionUpdateForm(ShowVersionErrors, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[(s.value, s.label) for s in ActionStatus if s in SETTABLE_STATUSES]
    )
    outcome = forms.CharField(
        label=_("Resultaat"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat is er gedaan, en wat heeft het opgeleverd?"),
    )
    version = VersionField()


class CarryOverForm(ShowVersionErrors, forms.Form):
    due_on = forms.DateField(label=_("Nieuwe datum"), widget=forms.DateInput(attrs={"type": "date"}))
    version = VersionField()

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("Kies een nieuwe datum vanaf vandaag."))
        return due_on


class BreachForm(ShowVersionErrors, forms.Form):
    version = VersionField()
