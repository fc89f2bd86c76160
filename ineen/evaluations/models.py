"""Evaluation questionnaires after a conference: the questionnaires as versioned data (like the guide: a new
wording is a new version, a response keeps the version it was given on) and the responses, one per
(conference, questionnaire, respondent). Each answer is a whole number on a 0-10 line."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .enums import Channel, Kind


class QuestionnaireVersion(models.Model):
    code = models.CharField(_("versie"), max_length=20, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    published_on = models.DateField(_("gepubliceerd op"))
    is_current = models.BooleanField(_("huidige versie"), default=False)

    class Meta:
        ordering = ["-published_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_questionnaire_version"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.code})"


class QuestionnaireItem(models.Model):
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.PROTECT, related_name="items")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    key = models.SlugField(max_length=40, help_text="stable across versions, e.g. heard")
    order = models.PositiveSmallIntegerField()
    text_nl = models.TextField()
    text_en = models.TextField()
    low_nl = models.CharField(max_length=60)
    high_nl = models.CharField(max_length=60)
    low_en = models.CharField(max_length=60)
    high_en = models.CharField(max_length=60)

    class Meta:
        ordering = ["version", "kind", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "kind", "key"], name="questionnaire_item_key_per_version")
        ]

    def __str__(self):
        return self.text

    def _local(self, name):
        return getattr(self, f"{name}_en" if translation.get_language() == "en" else f"{name}_nl")

    @property
    def text(self):
        return self._local("text")

    @property
    def low(self):
        return self._local("low")

    @property
    def high(self):
        return self._local("high")


class EvaluationResponse(models.Model):
    """One filled-in questionnaire. The respondent is a professional (user) or a household member (person);
    `filled_in_by` is who typed it in (the professional themselves, the case director at the debrief, or
    nobody when a client uses their own link)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conference = models.ForeignKey("conferences.Conference", on_delete=models.CASCADE, related_name="evaluations")
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    respondent_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    respondent_person = models.ForeignKey(
        "households.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    filled_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=30, choices=Channel.choices)
    comment = models.TextField(_("toelichting"), blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(respondent_user__isnull=False, respondent_person__isnull=True)
                | Q(respondent_user__isnull=True, respondent_person__isnull=False),
                name="evaluation_one_respondent",
            ),
            models.UniqueConstraint(
                fields=["conference", "kind", "respondent_user"],
                condition=Q(respondent_user__isnull=False),
                name="evaluation_once_per_professional",
            ),
            models.UniqueConstraint(
                fields=["conference", "kind", "respondent_person"],
                condition=Q(respondent_person__isnull=False),
                name="evaluation_once_per_client",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.conference_id})"


class EvaluationAnswer(models.Model):
    response = models.ForeignKey(EvaluationResponse, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(QuestionnaireItem, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["response", "item__order"]
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="evaluation_answer_once"),
            models.CheckConstraint(condition=Q(value__lte=10), name="evaluation_answer_0_10"),
        ]
