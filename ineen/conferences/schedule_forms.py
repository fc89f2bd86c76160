"""Forms for scheduling, invitations and preparation. They parse input; the rules live in
schedule.py and prepare.py (ValidationErrors from there are put back on these fields by the views)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ineen.accounts.models import User
from ineen.guide.enums import Phase
from ineen.guide.models import GuideItem
from ineen.households.models import Person
from ineen.web.fields import ModelMultipleChoiceField, ShowVersionErrors, VersionField

from .enums import Attendance, ConferenceKind
from .models import Conference, ConferencePart
from .prepare import INPUT_VISIBILITY

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
INVITE, NOT_INVITE = "invite", "not"


class _MeetingForm(forms.ModelForm):
    """The meeting's facts, shared by planning and changing it."""

    chosen_items = ModelMultipleChoiceField(
        queryset=GuideItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Onderdelen van de leidraad"),
    )
    split = forms.BooleanField(
        required=False,
        label=_(
            "Gesplitst overleg: een besloten deel (zonder cliënten, bijvoorbeeld met het OM) "
            "en een open deel (met cliënten)"
        ),
    )

    class Meta:
        model = Conference
        fields = ["kind", "goal", "starts_at", "duration_minutes", "location", "online_url"]
        widgets = {"goal": forms.Textarea(attrs={"rows": 3}), "starts_at": DATETIME}
        help_texts = {
            "location": _("Nooit het adres van een geheime verblijfplaats: de plaats staat in de agenda."),
            "online_url": _("Staat alleen in Ineen, niet in de e-mail of de agenda."),
        }

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen_items"].queryset = GuideItem.objects.filter(version=version, parent__isnull=True)
        self.fields["kind"].choices = ConferenceKind.choices
        self.fields["kind"].widget = forms.RadioSelect(choices=ConferenceKind.choices)
        for name in ("location", "online_url"):
            self.fields[name].required = False


class ScheduleForm(_MeetingForm):
    phase = forms.ChoiceField(label=_("Fase die besproken wordt"), choices=Phase.choices)

    class Meta(_MeetingForm.Meta):
        fields = ["kind", "phase", "goal", "starts_at", "duration_minutes", "location", "online_url"]

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        add_member_fields(self, members)

    def member_rows(self):
        return member_rows(self)

    def not_invited(self):
        return not_invited(self)


def add_member_fields(form, members):
    """ "Always invited, unless": per household member, invited (the default) or not with a weighty reason.
    Shared by every form that plans a conference (this one, the workspace's next meeting); the rule
    itself is clients.invite_household."""
    form.members = list(members)
    for person in form.members:
        form.fields[f"invite_{person.public_id}"] = forms.ChoiceField(
            label=str(person),
            initial=INVITE,
            widget=forms.RadioSelect,
            choices=[(INVITE, _("Uitnodigen")), (NOT_INVITE, _("Niet uitnodigen, met zwaarwegende reden"))],
        )
        form.fields[f"reason_{person.public_id}"] = forms.CharField(
            label=_("Zwaarwegende reden om %(name)s niet uit te nodigen") % {"name": person},
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )


def member_rows(form):
    return [(p, form[f"invite_{p.public_id}"], form[f"reason_{p.public_id}"]) for p in form.members]


def not_invited(form):
    return {
        p: form.cleaned_data.get(f"reason_{p.public_id}", "")
        for p in form.members
        if form.cleaned_data.get(f"invite_{p.public_id}") == NOT_INVITE
    }


class EditForm(ShowVersionErrors, _MeetingForm):
    version = VersionField()


class CancelForm(ShowVersionErrors, forms.Form):
    reason = forms.CharField(label=_("Waarom gaat het overleg niet door?"), widget=forms.Textarea(attrs={"rows": 2}))
    version = VersionField()


def person_choices(field, members, loaded):
    """`members` (a queryset) validates what is posted; `loaded`, the same members already in memory,
    renders the select without another query."""
    field.queryset = members
    if loaded is not None:
        field.choices = [("", field.empty_label or "---------"), *((p.pk, str(p)) for p in loaded)]


class _PartChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_kind_display()


class _UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        org = obj.organisation.name if obj.organisation else "—"
        return f"{obj.get_full_name() or obj.email} ({org})"


class InviteUserForm(forms.Form):
    user = _UserChoice(label=_("Professional uit het casusteam"), queryset=User.objects.none())
    part = _PartChoice(label=_("Deel"), queryset=ConferencePart.objects.none(), empty_label=None)
    reason = forms.CharField(label=_("Waarom is deze persoon nodig aan tafel?"), max_length=300)

    def __init__(self, *args, conference, candidates, parts, **kwargs):
        super().__init__(*args, auto_id="invite-user-%s", **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["part"].queryset = ConferencePart.objects.filter(conference=conference)
        self.fields["part"].choices = [(p.pk, p.get_kind_display()) for p in parts]


class InvitePersonForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Gezinslid"), queryset=Person.objects.none())
    part = _PartChoice(label=_("Deel"), queryset=ConferencePart.objects.none(), empty_label=None)
    reason = forms.CharField(label=_("Waarom aan tafel (mag leeg)"), max_length=300, required=False)
    trusted_person = forms.CharField(
        label=_("Vertrouwenspersoon die meekomt (mag leeg)"), max_length=200, required=False
    )

    def __init__(self, *args, conference, members, parts, loaded=None, **kwargs):
        super().__init__(*args, auto_id="invite-person-%s", **kwargs)
        person_choices(self.fields["person"], members, loaded)
        self.fields["part"].queryset = ConferencePart.objects.filter(conference=conference)
        # Clients never sit in a closed part, so it is not offered (the action refuses it as well).
        self.fields["part"].choices = [(p.pk, p.get_kind_display()) for p in parts if p.clients_may_attend]


class UninviteForm(forms.Form):
    reason = forms.CharField(
        label=_("Zwaarwegende reden (verplicht bij een gezinslid)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NonInvitationForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Gezinslid"), queryset=Person.objects.none())
    reason = forms.CharField(
        label=_("Zwaarwegende reden om niet uit te nodigen"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, members, loaded=None, **kwargs):
        super().__init__(*args, auto_id="noninvite-%s", **kwargs)
        person_choices(self.fields["person"], members, loaded)


class KeepApartForm(forms.Form):
    person_a = forms.ModelChoiceField(label=_("Gezinslid"), queryset=Person.objects.none())
    person_b = forms.ModelChoiceField(label=_("en gezinslid"), queryset=Person.objects.none())
    reason = forms.CharField(label=_("Reden (bijvoorbeeld: intieme terreur)"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, members, loaded=None, **kwargs):
        super().__init__(*args, auto_id="apart-%s", **kwargs)
        for name in ("person_a", "person_b"):
            person_choices(self.fields[name], members, loaded)


class AttendanceForm(forms.Form):
    """One select per invitation."""

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, auto_id="attendance-%s", **kwargs)
        self.invitations = list(invitations)
        for inv in self.invitations:
            who = inv.user.get_full_name() if inv.user_id else str(inv.person)
            self.fields[f"a_{inv.public_id}"] = forms.ChoiceField(
                label=_("Aanwezigheid van %(name)s (%(part)s)") % {"name": who, "part": inv.part.get_kind_display()},
                choices=Attendance.choices,
                initial=inv.attendance,
            )

    def rows(self):
        return [(inv, self[f"a_{inv.public_id}"]) for inv in self.invitations]

    def values(self):
        return {inv: self.cleaned_data[f"a_{inv.public_id}"] for inv in self.invitations}


class ScoreForm(forms.Form):
    value = forms.TypedChoiceField(
        label=_("Uw cijfer"), coerce=int, widget=forms.RadioSelect, choices=[(n, str(n)) for n in range(1, 11)]
    )
    justification = forms.CharField(
        label=_("Wat is de onderbouwing voor het cijfer?"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="score-%s", **kwargs)


class SummaryForm(ShowVersionErrors, forms.Form):
    text = forms.CharField(label=_("Openingssamenvatting"), required=False, widget=forms.Textarea(attrs={"rows": 10}))
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="summary-%s", **kwargs)


VISIBILITY_CHOICES = [(v.value, v.label) for v in INPUT_VISIBILITY]
