from django import forms
from django.utils.translation import gettext_lazy as _

from ineen.privacy.enums import DisputeKind


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("De code staat op het papier van uw casusregisseur. Bijvoorbeeld: ABCD-EFGH."),
        error_messages={"required": _("Vul de code in.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class ClientDisputeForm(forms.Form):
    """The client's own account. `item` offers only the items listed for this client (content.py): a forged
    value is refused by the choice field like any wrong choice."""

    item = forms.ChoiceField(label=_("Over welke informatie gaat het?"), widget=forms.RadioSelect)
    kind = forms.ChoiceField(label=_("Wat is er mis?"), choices=DisputeKind.choices, widget=forms.RadioSelect)
    account = forms.CharField(
        label=_("Wat klopt er niet? Schrijf het in uw eigen woorden."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        error_messages={"required": _("Schrijf op wat er niet klopt.")},
    )

    def __init__(self, *args, items, informal=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.portal_key, f"{i.portal_label}: {i.portal_text}") for i in items]
        self.fields["item"].error_messages["required"] = _("Kies de informatie die niet klopt.")
        self.fields["item"].error_messages["invalid_choice"] = _("Kies de informatie die niet klopt.")
        if informal:
            self.fields["account"].label = _("Wat klopt er niet? Schrijf het in je eigen woorden.")


class GrantForm(forms.Form):
    person = forms.UUIDField(widget=forms.HiddenInput)
