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


class OwnGuideForm(forms.Form):
    """The member's own version of the guide (conferences.own_guide): four open questions, at least one
    answered (the domain checks it). `version`: the version the member saw (empty for a first save)."""

    worries = forms.CharField(required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    going_well = forms.CharField(required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    needs = forms.CharField(required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    ideas = forms.CharField(required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.CharField(required=False, max_length=12, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        from ineen.conferences.documents import QUESTIONS

        super().__init__(*args, **kwargs)
        for field, question in QUESTIONS:
            self.fields[field].label = question
            self.fields[field].error_messages["max_length"] = _("Maximaal 4000 tekens.")


SCALE = [(str(n), str(n)) for n in range(1, 11)]


class SelfRatingForm(forms.Form):
    """The member's own two scores (conferences.self_rating), each 1-10 with optional own words and the
    version the member saw. The radios are drawn by the template (fieldset + legend)."""

    safety = forms.ChoiceField(choices=SCALE, widget=forms.RadioSelect)
    safety_words = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    safety_version = forms.CharField(required=False, max_length=12, widget=forms.HiddenInput)
    life = forms.ChoiceField(choices=SCALE, widget=forms.RadioSelect)
    life_words = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    life_version = forms.CharField(required=False, max_length=12, widget=forms.HiddenInput)

    def __init__(self, *args, informal=False, **kwargs):
        from ineen.conferences.self_rating import question_text

        super().__init__(*args, **kwargs)
        for question in ("safety", "life"):
            field = self.fields[question]
            field.label = question_text(question, informal)
            field.error_messages["required"] = _("Kies een cijfer van 1 tot en met 10.")
            field.error_messages["invalid_choice"] = _("Kies een cijfer van 1 tot en met 10.")
            words = self.fields[f"{question}_words"]
            words.label = (
                _("In je eigen woorden (mag leeg blijven)") if informal else _("In uw eigen woorden (mag leeg blijven)")
            )
            words.error_messages["max_length"] = _("Maximaal 2000 tekens.")
