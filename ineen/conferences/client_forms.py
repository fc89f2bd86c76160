"""Forms for clients at the table (conferences/clients.py holds the rules): the preparation talk, the
household's attendance and the debrief or feedback."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ineen.web.fields import ShowVersionErrors, VersionField

from .clients import ClientAttendance
from .enums import Attendance, ComingAs

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _area(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class OwnGuideForm(ShowVersionErrors, forms.Form):
    """What the client wrote in their own version of the guide, typed in word for word."""

    worries = forms.CharField(label=_("Waar maak ik me zorgen over?"), widget=_area(), required=False, max_length=4000)
    going_well = forms.CharField(label=_("Wat gaat er goed?"), widget=_area(), required=False, max_length=4000)
    needs = forms.CharField(label=_("Wat heb ik nodig?"), widget=_area(), required=False, max_length=4000)
    ideas = forms.CharField(
        label=_("Mijn ideeën: wat zou kunnen helpen?"), widget=_area(), required=False, max_length=4000
    )
    version = VersionField(required=False)


class TalkForm(ShowVersionErrors, forms.Form):
    held_on = forms.DateField(label=_("Datum van het gesprek"), widget=DATE, required=False)
    coming_as = forms.ChoiceField(
        label=_("Hoe doet de cliënt mee aan het overleg?"), choices=ComingAs.choices, widget=forms.RadioSelect
    )
    wants_discussed = forms.CharField(
        label=_("Wat wil de cliënt dat er besproken wordt?"), widget=_area(), required=False, max_length=4000
    )
    hopes = forms.CharField(
        label=_("Wat hoopt de cliënt dat het overleg oplevert?"), widget=_area(), required=False, max_length=4000
    )
    message = forms.CharField(
        label=_("Boodschap van de cliënt aan het overleg"),
        help_text=_("Verplicht als de cliënt niet komt: zo is de stem van de cliënt er toch. In de eigen woorden."),
        widget=_area(4),
        required=False,
        max_length=4000,
    )
    trusted_person_name = forms.CharField(label=_("Naam vertrouwenspersoon"), required=False, max_length=200)
    trusted_person_relation = forms.CharField(
        label=_("Relatie tot de cliënt"),
        help_text=_("Bijvoorbeeld: zus, buurvrouw, mentor."),
        required=False,
        max_length=200,
    )
    language_needs = forms.CharField(
        label=_("Taal of tolk"),
        help_text=_("Bijvoorbeeld: tolk Arabisch, eenvoudige taal, gebarentolk."),
        required=False,
        max_length=300,
    )
    without_parents = forms.BooleanField(
        label=_("Gesprek zonder ouders erbij"),
        help_text=_(
            "Voor een jongere die apart gehoord is. Wat de jongere zegt, komt dan nooit in de stukken voor de ouders."
        ),
        required=False,
    )
    version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="talk-%s", **kwargs)


# Attendance the chair records for a household member: "not known yet" is what the prompt is about.
CLIENT_ATTENDANCE = [(v, label) for v, label in Attendance.choices if v != Attendance.UNKNOWN]


class ClientAttendanceForm(forms.Form):
    """Per invited household member: how they were there, who sat with them online, their trusted person,
    and the chair's check that they understood and had their say."""

    def __init__(self, *args, invitations, team, **kwargs):
        super().__init__(*args, auto_id="client-att-%s", **kwargs)
        self.invitations = list(invitations)
        for inv in self.invitations:
            key, name = inv.public_id, str(inv.person)
            self.fields[f"attendance_{key}"] = forms.ChoiceField(
                label=_("Aanwezigheid van %(name)s") % {"name": name},
                choices=CLIENT_ATTENDANCE,
                widget=forms.RadioSelect,
                initial=None if inv.attendance == Attendance.UNKNOWN else inv.attendance,
            )
            self.fields[f"online_with_{key}"] = forms.ModelChoiceField(
                label=_("Online: welke professional zit bij %(name)s?") % {"name": name},
                queryset=team,
                required=False,
                initial=inv.online_with_id,
            )
            self.fields[f"trusted_{key}"] = forms.BooleanField(
                label=_("Vertrouwenspersoon aanwezig (%(who)s)") % {"who": inv.trusted_person}
                if inv.trusted_person
                else _("Vertrouwenspersoon aanwezig"),
                required=False,
                initial=inv.trusted_person_present,
            )
            self.fields[f"heard_{key}"] = forms.BooleanField(
                label=_(
                    "Begrepen en gehoord: %(name)s begreep wat er besproken werd en kon zeggen wat hij of zij "
                    "wilde zeggen"
                )
                % {"name": name},
                required=False,
                initial=inv.heard,
            )

    def rows(self):
        return [
            (
                inv,
                self[f"attendance_{inv.public_id}"],
                self[f"online_with_{inv.public_id}"],
                self[f"trusted_{inv.public_id}"],
                self[f"heard_{inv.public_id}"],
            )
            for inv in self.invitations
        ]

    def values(self):
        data = self.cleaned_data
        return {
            inv: ClientAttendance(
                attendance=data[f"attendance_{inv.public_id}"],
                online_with=data.get(f"online_with_{inv.public_id}"),
                trusted_person_present=data.get(f"trusted_{inv.public_id}", False),
                heard=data.get(f"heard_{inv.public_id}", False),
            )
            for inv in self.invitations
        }


class FollowUpDoneForm(ShowVersionErrors, forms.Form):
    note = forms.CharField(label=_("Korte aantekening"), widget=_area(2), max_length=4000)
    version = VersionField()


class FollowUpChangeForm(ShowVersionErrors, forms.Form):
    owner = forms.ModelChoiceField(label=_("Wie doet het"), queryset=None)
    due_on = forms.DateField(label=_("Klaar uiterlijk"), widget=DATE)
    version = VersionField()

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = team


class SelfRatingForm(ShowVersionErrors, forms.Form):
    """One household member's own answer to one question (conferences/self_rating.py). The label is the
    question as the member hears it ("je" or "u"), set by the view."""

    value = forms.TypedChoiceField(
        label=_("Cijfer"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(n, str(n)) for n in range(1, 11)],
        error_messages={
            "required": _("Kies een cijfer van 1 tot en met 10."),
            "invalid_choice": _("Kies een cijfer van 1 tot en met 10."),
        },
    )
    words = forms.CharField(
        label=_("In eigen woorden (mag leeg)"),
        help_text=_("Wat zegt het gezinslid zelf over dit cijfer? Schrijf het op zoals het gezegd is."),
        widget=_area(),
        required=False,
        max_length=2000,
    )
    version = VersionField(required=False)
