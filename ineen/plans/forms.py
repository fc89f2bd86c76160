"""Forms of the plan page. Each carries the version the user saw (optimistic locking); field ids are
made unique per row with auto_id, so many forms on one page stay accessible."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ineen.web.fields import ShowVersionErrors, VersionField

from .actions import MAX_TEXT, SETTABLE_STATUSES
from .enums import ActionStatus, Answer, ChangeKind, Towards


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


class ProgressForm(ShowVersionErrors, forms.Form):
    text = forms.CharField(
        label=_("Voortgang (verplicht)"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat is er sinds het overleg gedaan? Bij vervallen: waarom."),
    )
    status_change = forms.ChoiceField(
        label=_("Stand van de actie"),
        choices=[
            ("", _("Nog bezig")),
            (ActionStatus.DONE.value, _("Gedaan")),
            (ActionStatus.CANCELLED.value, _("Vervallen")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    version = VersionField()


class ChangeForm(forms.Form):
    """One form for every kind of change; the fields that matter depend on `kind` (checked in the domain)."""

    kind = forms.ChoiceField(
        label=_("Wat wilt u wijzigen? (verplicht)"), choices=ChangeKind.choices, widget=forms.RadioSelect
    )
    action = forms.ChoiceField(label=_("Welke actie"), required=False)
    bottom_line = forms.ChoiceField(label=_("Welke bodemeis"), required=False)
    what = forms.CharField(
        label=_("Nieuwe actie: wat"), required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )
    towards = forms.ChoiceField(
        label=_("Nieuwe actie: richting"), choices=[("", "—"), *Towards.choices], required=False
    )
    owner = forms.ChoiceField(label=_("(Nieuwe) eigenaar"), required=False)
    due_on = forms.DateField(
        label=_("(Nieuwe) datum klaar"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(
        label=_("Nieuwe tekst van de bodemeis"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    guardian = forms.ChoiceField(label=_("Nieuwe bewaker van de bodemeis"), required=False)
    on_breach = forms.CharField(
        label=_("Nieuw: wat als het niet nagekomen wordt"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label=_("Waarom deze wijziging? (verplicht)"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    respond_by = forms.DateField(
        label=_("Reageren voor"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leeg laten: vijf werkdagen."),
    )

    def __init__(self, *args, actions=(), lines=(), team=(), **kwargs):
        super().__init__(*args, **kwargs)
        empty = [("", "—")]
        self.fields["action"].choices = empty + [(str(a.public_id), a.what[:80]) for a in actions]
        self.fields["bottom_line"].choices = empty + [(str(b.public_id), b.text[:80]) for b in lines]
        people = empty + [(str(m.public_id), m.user.get_full_name() or m.user.email) for m in team]
        self.fields["owner"].choices = people
        self.fields["guardian"].choices = people


class ResponseForm(forms.Form):
    answer = forms.ChoiceField(label=_("Uw reactie (verplicht)"), choices=Answer.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij bezwaar."),
    )


class ReviewForm(forms.Form):
    held_on = forms.DateField(label=_("Datum (verplicht)"), widget=forms.DateInput(attrs={"type": "date"}))
    with_whom = forms.CharField(label=_("Met wie (verplicht)"), max_length=MAX_TEXT)
    outcome = forms.CharField(
        label=_("Uitkomst (verplicht)"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )


class CadenceForm(forms.Form):
    weeks = forms.IntegerField(label=_("Elke hoeveel weken (verplicht)"), min_value=1, max_value=52)
