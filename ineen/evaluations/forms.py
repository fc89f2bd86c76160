"""One form for a set of questionnaires: every item a required 0-10 radio row (no value preselected)."""

from django import forms
from django.utils.translation import gettext_lazy as _

SCALE = [(str(n), str(n)) for n in range(11)]


def field_name(item) -> str:
    return f"{item.kind}-{item.key}"


class EvaluationForm(forms.Form):
    comment = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, grouped, **kwargs):
        super().__init__(*args, **kwargs)
        self.grouped = grouped
        for kind_items in grouped.values():
            for item in kind_items:
                self.fields[field_name(item)] = forms.ChoiceField(
                    label=item.text,
                    choices=SCALE,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Kies een cijfer van 0 tot en met 10.")},
                )

    def sections(self):
        """Per questionnaire: its items with their bound field, for the template."""
        return [[(item, self[field_name(item)]) for item in kind_items] for kind_items in self.grouped.values()]

    def values(self) -> dict[tuple[str, str], int]:
        return {
            (item.kind, item.key): int(self.cleaned_data[field_name(item)])
            for kind_items in self.grouped.values()
            for item in kind_items
        }
