"""The conversation guide (Leidraad Gezamenlijke Analyse en Planvorming) as versioned data.

A conference keeps a reference to the GuideVersion it used, so an old conference always shows the
wording it was held with. Items are never edited in place: a new wording is a new version.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .enums import ItemKind, Phase, Scale, Step, Top3Kind


class GuideVersion(models.Model):
    code = models.CharField(_("versie"), max_length=20, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    published_on = models.DateField(_("gepubliceerd op"))
    is_current = models.BooleanField(_("huidige versie"), default=False)

    class Meta:
        ordering = ["-published_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_guide_version"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.code})"


class GuidePhaseIntro(models.Model):
    """A phase's heading in the guide: its title ("Samenwerken aan ...") and its "Doelstelling"."""

    version = models.ForeignKey(GuideVersion, on_delete=models.PROTECT, related_name="phase_intros")
    phase = models.CharField(max_length=20, choices=Phase.choices)
    order = models.PositiveSmallIntegerField()
    title_nl = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    goal_nl = models.TextField(help_text="Doelstelling")
    goal_en = models.TextField()

    class Meta:
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "phase"], name="guide_intro_phase_per_version")]

    def __str__(self):
        return f"{self.get_phase_display()}: {self.title}"

    @property
    def title(self):
        return self.title_en if translation.get_language() == "en" else self.title_nl

    @property
    def goal(self):
        return self.goal_en if translation.get_language() == "en" else self.goal_nl


class GuideItem(models.Model):
    version = models.ForeignKey(GuideVersion, on_delete=models.PROTECT, related_name="items")
    key = models.SlugField(max_length=80, help_text="stable across versions, e.g. p1-picture-worries")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    phase = models.CharField(max_length=20, choices=Phase.choices, blank=True, help_text="empty = every phase")
    step = models.CharField(max_length=20, choices=Step.choices)
    kind = models.CharField(max_length=20, choices=ItemKind.choices)
    text_nl = models.TextField()
    text_en = models.TextField()
    order = models.PositiveIntegerField()
    scale = models.CharField(max_length=20, choices=Scale.choices, blank=True)
    top3 = models.CharField(max_length=20, choices=Top3Kind.choices, blank=True)

    class Meta:
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="guide_item_key_per_version")]

    def __str__(self):
        return self.text

    @property
    def text(self):
        return self.text_en if translation.get_language() == "en" else self.text_nl
