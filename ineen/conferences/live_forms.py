"""Forms of the live workspace. They only parse input; the rules live in conferences/live.py and
guide/rules.py. Every form gets its own `auto_id` so several can sit on one page with unique ids."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ineen.guide.enums import Phase
from ineen.plans.enums import ActionType, Towards
from ineen.web.fields import ShowVersionErrors, VersionField

from .enums import BRAINSTORM_KINDS, ConferenceKind, Horizon, IncidentMarkKind, PhaseDecisionKind

SCORES = [(n, str(n)) for n in range(1, 11)]
RANKS = [(1, "1"), (2, "2"), (3, "3")]


def _area(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class BudgetsForm(forms.Form):
    picture = forms.IntegerField(label=_("Beeldvorming (minuten)"), min_value=1, max_value=240)
    judgement = forms.IntegerField(label=_("Oordeelsvorming (minuten)"), min_value=1, max_value=240)
    decision = forms.IntegerField(label=_("Besluitvorming (minuten)"), min_value=1, max_value=240)


class ScoreForm(forms.Form):
    value = forms.TypedChoiceField(label=_("Uw cijfer"), choices=SCORES, coerce=int, widget=forms.RadioSelect)
    justification = forms.CharField(
        label=_("Wat is de onderbouwing voor het cijfer?"), widget=_area(3), max_length=4000
    )


class ContributionForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Uw inbreng"), widget=_area(2), max_length=4000)


class IdeaForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort idee"), widget=forms.RadioSelect, choices=[(k.value, k.label) for k in BRAINSTORM_KINDS]
    )
    text = forms.CharField(label=_("Uw idee"), widget=_area(2), max_length=4000)


class PriorityForm(ShowVersionErrors, forms.Form):
    version = VersionField()
    is_priority = forms.BooleanField(label=_("Prioriteit"), required=False)
    client_priority = forms.CharField(label=_("Prioriteit voor de cliënt"), max_length=300, required=False)
    expert_view = forms.CharField(label=_("Visie materiedeskundigen"), max_length=300, required=False)
    client_capacity = forms.CharField(label=_("Belastbaarheid van de cliënt"), max_length=300, required=False)
    horizon = forms.ChoiceField(
        label=_("Termijn"), required=False, choices=[("", _("Nog niet gekozen")), *Horizon.choices]
    )


class TopSeen:
    """The text the chair saw on each place of the top 3 (live.top_seen), sent back as seen_1..seen_3,
    so an edit made meanwhile is a conflict instead of being overwritten. `seen()` gives the chosen
    place's value, None when the form did not carry it."""

    def seen(self):
        name = f"seen_{self.cleaned_data['rank']}"
        return self.cleaned_data.get(name) if name in self.data else None


def _seen_field():
    return forms.CharField(widget=forms.HiddenInput, required=False, strip=False, max_length=500)


class TopItemForm(TopSeen, forms.Form):
    rank = forms.TypedChoiceField(label=_("Plaats"), choices=RANKS, coerce=int)
    text = forms.CharField(label=_("Omschrijving"), max_length=500)
    seen_1, seen_2, seen_3 = _seen_field(), _seen_field(), _seen_field()


class TopPickForm(TopSeen, forms.Form):
    rank = forms.TypedChoiceField(choices=RANKS, coerce=int)
    contribution = forms.UUIDField()
    seen_1, seen_2, seen_3 = _seen_field(), _seen_field(), _seen_field()


class TopClearForm(TopSeen, forms.Form):
    rank = forms.TypedChoiceField(choices=RANKS, coerce=int)
    seen_1, seen_2, seen_3 = _seen_field(), _seen_field(), _seen_field()


class IncidentMarkForm(forms.Form):
    mark = forms.ChoiceField(choices=IncidentMarkKind.choices)
    incident = forms.UUIDField(required=False)


class PhaseDecisionForm(forms.Form):
    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    decision = forms.ChoiceField(label=_("Fasebesluit"), widget=forms.RadioSelect, choices=PhaseDecisionKind.choices)
    to_phase = forms.ChoiceField(
        label=_("Naar fase (bij door of terug)"), required=False, choices=[("", "—"), *Phase.choices]
    )
    reason = forms.CharField(label=_("Reden"), widget=_area(3), max_length=4000)
    closure_plan = forms.CharField(
        label=_("Afsluitingsplan: wat is het plan voor als het later toch weer niet goed gaat?"),
        widget=_area(3),
        max_length=4000,
        required=False,
    )

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["decision"].choices = [(k.value, k.label) for k in allowed]
            targets = {p for phases in allowed.values() for p in phases}
            self.fields["to_phase"].choices = [("", "—")] + [(p.value, p.label) for p in Phase if p in targets]
            if PhaseDecisionKind.CLOSE not in allowed:
                del self.fields["closure_plan"]


def _team_label(membership):
    return f"{membership.user.get_full_name()} ({membership.organisation.name}) — {membership.get_role_display()}"


class ObjectChoiceField(forms.ChoiceField):
    """A choice among objects the view has already loaded (no extra query to render or to validate);
    cleans to the object. `key` gives an object's value in the form (a public id)."""

    def __init__(self, *args, objects=(), key=lambda obj: str(obj.public_id), label_of=str, empty=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_objects(objects, key=key, label_of=label_of, empty=empty)

    def set_objects(self, objects, *, key=lambda obj: str(obj.public_id), label_of=str, empty=None):
        self.objects = {key(obj): obj for obj in objects}
        choices = [(value, label_of(obj)) for value, obj in self.objects.items()]
        self.choices = ([("", empty)] if empty is not None else []) + choices

    def clean(self, value):
        value = super().clean(value)
        return self.objects.get(value) if value else None


# The family reads it on paper and through their own access (/mijn/plan/), where no professional checks it
# first: so never where someone stays.
WORDING_HINT = _(
    "Schrijf het zo dat het gezin het begrijpt: korte zinnen, gewone woorden. Voor kinderen in hun eigen woorden. "
    "Het gezin leest dit ook zelf. Schrijf nooit waar iemand verblijft."
)


def _wording_field():
    return forms.CharField(
        label=_("In woorden voor het gezin"), help_text=WORDING_HINT, widget=_area(2), required=False, max_length=4000
    )


class PlanActionForm(forms.Form):
    what = forms.CharField(label=_("Wat"), widget=_area(2), max_length=4000)
    owner = ObjectChoiceField(label=_("Wie (één persoon en organisatie)"))
    due_on = forms.DateField(label=_("Wanneer klaar"), widget=forms.DateInput(attrs={"type": "date"}))
    answers = ObjectChoiceField(label=_("Waarom: antwoord op punt uit de top 3"), required=False)
    reason = forms.CharField(label=_("Waarom (in eigen woorden)"), widget=_area(2), required=False, max_length=4000)
    action_type = forms.ChoiceField(label=_("Soort"), choices=ActionType.choices, initial=ActionType.ACTION)
    towards = forms.ChoiceField(label=_("Richting"), choices=Towards.choices, initial=Towards.FAMILY)
    horizon = forms.ChoiceField(label=_("Termijn"), choices=Horizon.choices, initial=Horizon.SHORT)
    client_wording = _wording_field()
    # The prioritised idea this action is made of ("Maak hier een actie van"); only the chair is offered any.
    idea = ObjectChoiceField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, team=(), top=(), ideas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].set_objects(team, label_of=_team_label, empty=_("— kies wie —"))
        self.fields["idea"].set_objects(ideas)
        self.fields["answers"].set_objects(
            top,
            key=lambda item: str(item.pk),
            label_of=lambda item: f"{item.rank}. {item.text}",
            empty=_("— geen punt gekozen —"),
        )

    def clean(self):
        # A hidden field's error would be invisible: say it above the form instead.
        if self._errors and self._errors.pop("idea", None):
            self.add_error(
                None, _("Van dit idee kan geen actie (meer) worden gemaakt: misschien deed iemand anders dat al.")
            )
        return super().clean()


class BottomLineForm(forms.Form):
    text = forms.CharField(
        label=_("Bodemeis: wat moet er minimaal gerealiseerd worden?"), widget=_area(2), max_length=4000
    )
    guardian = ObjectChoiceField(label=_("Wie bewaakt deze bodemeis?"))
    how_we_know = forms.CharField(
        label=_("Hoe weten we dat de bodemeis wordt nagekomen?"), widget=_area(2), required=False, max_length=4000
    )
    on_breach = forms.CharField(
        label=_("Wat gebeurt er als de bodemeis niet wordt nagekomen?"), widget=_area(2), max_length=4000
    )
    client_wording = _wording_field()

    def __init__(self, *args, team=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guardian"].set_objects(team, label_of=_team_label, empty=_("— kies wie —"))


class AgreementForm(ShowVersionErrors, forms.Form):
    version = VersionField()
    timeline = forms.CharField(label=_("Wat wordt de tijdslijn?"), widget=_area(3), required=False, max_length=4000)
    keep_informed = forms.CharField(
        label=_("Op welke wijze houden we elkaar op de hoogte?"), widget=_area(3), required=False, max_length=4000
    )
    closure_plan = forms.CharField(
        label=_("Afsluitingsplan: wat is het plan voor als het later toch weer niet goed gaat?"),
        widget=_area(3),
        required=False,
        max_length=4000,
    )


class NextMeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Datum en tijd"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    kind = forms.ChoiceField(label=_("Soort overleg"), choices=ConferenceKind.choices)
    goal = forms.CharField(label=_("Doel van het volgende overleg"), widget=_area(2), max_length=4000)

    def __init__(self, *args, members=(), **kwargs):
        # Imported here: schedule_forms reaches the preparation module, which the workspace loads later.
        from .schedule_forms import add_member_fields, member_rows, not_invited

        super().__init__(*args, **kwargs)
        add_member_fields(self, members)
        self._rows, self._not_invited = member_rows, not_invited

    def member_rows(self):
        return self._rows(self)

    def not_invited(self):
        return self._not_invited(self)


class NoteForm(forms.Form):
    part = ObjectChoiceField(label=_("Deel van het overleg"))
    text = forms.CharField(label=_("Aantekening"), widget=_area(3), max_length=4000)

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].set_objects(parts, label_of=lambda part: part.get_kind_display())
        if len(parts) == 1:
            self.fields["part"].widget = forms.HiddenInput()
            self.initial.setdefault("part", str(parts[0].public_id))


class NoteEditForm(ShowVersionErrors, forms.Form):
    version = VersionField()
    text = forms.CharField(label=_("Aantekening"), widget=_area(3), max_length=4000)


class ContributionEditForm(ShowVersionErrors, forms.Form):
    version = VersionField()
    text = forms.CharField(label=_("Uw inbreng"), widget=_area(2), max_length=4000)


class WithdrawForm(ShowVersionErrors, forms.Form):
    version = VersionField()
