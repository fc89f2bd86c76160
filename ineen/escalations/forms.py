"""Forms of escalation and bottom-line breaches. No choice that matters is preselected."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ineen.access import policy
from ineen.web.fields import ShowVersionErrors, VersionField
from ineen.web.forms import DATE, MarkRequired

from .actions import ANSWER_STATUSES, MAX_TEXT, team_users
from .enums import SYSTEM_CATEGORIES, Category, EscalationStatus


class ManagerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name() or obj.email} ({obj.organisation.name})"


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name() or obj.email} ({obj.organisation.name})"


class EscalationForm(MarkRequired, forms.Form):
    category = forms.ChoiceField(label=_("Reden"), choices=[("", "—"), *Category.choices])
    needed = forms.CharField(
        label=_("Wat is er nodig"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Schrijf zo dat de manager het begrijpt zonder het dossier: geen namen of details van het gezin."),
    )
    needed_by = forms.DateField(label=_("Uiterlijk wanneer"), widget=DATE)
    addressed_to = ManagerChoice(
        label=_("Aan welke manager"),
        queryset=None,
        empty_label="—",
        help_text=_("Een manager van de organisatie die iets moet doen."),
    )
    bridging_help = forms.CharField(
        label=_("Overbrugging: wat doen we intussen"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    breach = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressed_to"].queryset = policy.escalation_managers(case.safety_house).order_by(
            "organisation__name", "last_name", "pk"
        )


class AnswerForm(MarkRequired, ShowVersionErrors, forms.Form):
    status = forms.ChoiceField(
        label=_("Stand"),
        choices=[(s.value, s.label) for s in EscalationStatus if s in ANSWER_STATUSES],
        widget=forms.RadioSelect,
    )
    result = forms.CharField(
        label=_("Resultaat"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht bij opgelost of niet opgelost: wat is er geregeld, of waarom niet."),
    )
    version = VersionField()


class BreachForm(MarkRequired, ShowVersionErrors, forms.Form):
    occurred_on = forms.DateField(label=_("Wanneer is het gebeurd"), widget=DATE)
    what_happened = forms.CharField(
        label=_("Wat is er gebeurd"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )
    owner = MemberChoice(label=_("Wie zet het afgesproken gevolg in"), queryset=None, empty_label="—")
    due_on = forms.DateField(label=_("Wanneer klaar"), widget=DATE)
    barrier = forms.ChoiceField(
        label=_("Ligt de oorzaak in het systeem?"),
        required=False,
        choices=[("", _("Nee, of dat weten we niet")), *[(c.value, c.label) for c in SYSTEM_CATEGORIES]],
        help_text=_("Telt mee in het knelpuntenregister, zonder gegevens van de casus."),
    )
    escalate = forms.BooleanField(label=_("Ook opschalen naar een manager"), required=False)
    version = VersionField()

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = team_users(case)
