from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import MAX_REASON


class ProfileForm(forms.Form):
    profile = forms.ModelChoiceField(
        label=_("Gezinsprofiel"), queryset=None, empty_label=None, to_field_name="public_id"
    )
    reason = forms.CharField(
        label=_("Waarom past dit profiel?"),
        help_text=_("Noem wat u ziet: het soort geweld, hoe lang het speelt, wat er onder ligt."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_REASON,
    )
    seen = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, profiles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = profiles
        self.fields["profile"].widget = forms.RadioSelect(choices=self.fields["profile"].choices)


class ElementChoiceForm(forms.Form):
    """One element of an arrangement: propose it or not, with its owner and date."""

    chosen = forms.BooleanField(label=_("Voorstellen"), required=False)
    owner = forms.TypedChoiceField(label=_("Wie"), coerce=int, choices=())
    due_on = forms.DateField(
        label=_("Wanneer klaar"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [(m.user_id, f"{m.user.get_full_name()} ({m.organisation})") for m in team]
