"""Free text and names in case data: the one list, used by the retention job and by the write history.

- `retention.py` empties (SCRUB: "" for text, {} for JSON), deletes (DELETE) or overwrites (PERSON_CLEARED,
  HOUSEHOLD_CLEARED) these when it anonymises a household;
- `audit/history.py` never copies them into the trigger-captured write history (data minimisation): the
  history is kept for the audit period (15 years), far beyond the 5 years of the content, so it holds who
  changed which record when, with ids, codes and dates, but no free text and no names
  (`never_in_history()`).

Labels and field names only, no model imports: history.py is imported by audit/models.py, and
retention.py imports the audit app. Tests: tests/privacy/test_retention.py (every text field of case data
is handled here) and tests/audit/test_history_minimised.py (none of these reaches the history).
"""

ANONYMISED = "Geanonimiseerd"

# Free text in the household's records, emptied on anonymisation:
# model label -> (lookup from that model to the household, fields to empty).
SCRUB: dict[str, tuple[str, tuple[str, ...]]] = {
    "households.LifeDomainAssessment": ("household", ("note", "basis_reason")),
    "households.Incident": ("household", ("description", "basis_reason")),
    "households.Strength": ("household", ("description", "basis_reason")),
    "households.InvolvedService": ("household", ("aim",)),
    "households.LegalMeasure": ("household", ("note", "basis_reason")),
    "households.OtherTableDiscussion": ("household", ("note",)),
    "cases.CaseStateChange": ("case__household", ("reason",)),
    "cases.Referral": (
        "case__household",
        ("summary", "needs", "risk_factors_other", "clients_view", "clients_wishes", "clients_informed_note"),
    ),
    "cases.Triage": ("case__household", ("participants", "preparation", "reasons", "referred_to")),
    "cases.CaseDirectorAssignment": ("case__household", ("handover_note", "outgoing_note")),
    "cases.ClosurePlan": (
        "case__household",
        (
            "signals",
            "who_acts",
            "contact_name",
            "contact_organisation",
            "contact_reach",
            "agreed_with",
            "reason",
            "followup_how",
        ),
    ),
    "conferences.Conference": (
        "case__household",
        ("goal", "location", "online_url", "opening_summary", "cancel_reason"),
    ),
    "conferences.KeepApart": ("household", ("reason",)),
    "conferences.Invitation": ("conference__case__household", ("reason", "trusted_person")),
    "conferences.ClientNotInvited": ("conference__case__household", ("reason",)),
    "conferences.PreparationInput": ("conference__case__household", ("text", "basis_reason")),
    "conferences.ScalingScore": ("conference__case__household", ("justification",)),
    "conferences.SelfRating": ("conference__case__household", ("words",)),
    "conferences.Contribution": (
        "conference__case__household",
        ("text", "basis_reason", "client_priority", "expert_view", "client_capacity"),
    ),
    "conferences.SharedTopItem": ("conference__case__household", ("text",)),
    "conferences.PhaseDecision": ("conference__case__household", ("reason",)),
    "conferences.PreparationTalk": (
        "conference__case__household",
        ("wants_discussed", "hopes", "trusted_person_name", "trusted_person_relation", "language_needs", "message"),
    ),
    "conferences.ClientFollowUp": ("conference__case__household", ("note",)),
    "conferences.OwnGuide": ("conference__case__household", ("worries", "going_well", "needs", "ideas")),
    "plans.PlanAction": ("case__household", ("what", "reason", "outcome", "client_wording")),
    "plans.BottomLine": ("case__household", ("text", "how_we_know", "on_breach", "client_wording")),
    "plans.ActionProgress": ("action__case__household", ("text",)),
    "plans.PlanReview": ("case__household", ("with_whom", "outcome")),
    # before/after hold the changed action's display values (texts, names) as JSON: emptied to {}.
    "plans.PlanChange": ("case__household", ("reason", "before", "after")),
    "plans.PlanChangeResponse": ("change__case__household", ("comment",)),
    "plans.CollaborationAgreement": ("conference__case__household", ("timeline", "keep_informed", "closure_plan")),
    "escalations.Escalation": ("case__household", ("needed", "bridging_help", "result")),
    "escalations.BottomLineBreach": ("case__household", ("what_happened",)),
    "arrangements.CaseProfile": ("case__household", ("reason",)),
}
# Records deleted on anonymisation: model label -> (lookup to the household, their free-text fields).
# The whole row goes; the text fields are listed so that the history never copies them either.
DELETE: dict[str, tuple[str, tuple[str, ...]]] = {
    "cases.CaseNote": ("case__household", ("text", "basis_reason")),
    # The file goes with the row (post_delete in cases/attachments.py, after commit).
    "cases.Attachment": ("case__household", ("title", "file_name", "basis_reason")),
    "conferences.ConferenceNote": ("conference__case__household", ("text", "basis_reason")),
    "privacy.Consent": ("person__household", ("note",)),
    "privacy.ConfidentialAddress": ("person__household", ("address",)),
    "privacy.Dispute": ("case__household", ("account", "answer", "previous_text")),
}
# Person fields after anonymisation (the birth year becomes its decade; relationship and living at home stay).
# The text values (names, language, custody notes) are never in the history; the flags are.
PERSON_CLEARED = {
    "first_name": ANONYMISED,
    "last_name": "",
    "language": "",
    "needs_interpreter": False,
    "custody_notes": "",
    "birth_date": None,
    "has_confidential_address": False,
}
# Household fields after anonymisation.
HOUSEHOLD_CLEARED = {"name": ANONYMISED, "postcode_area": ""}


def never_in_history() -> dict[str, tuple[str, ...]]:
    """Model label -> the fields the write history never copies: everything retention empties, the free
    text of what it deletes, and the names and texts it overwrites."""
    fields: dict[str, tuple[str, ...]] = {label: names for label, (_lookup, names) in SCRUB.items()}
    fields |= {label: names for label, (_lookup, names) in DELETE.items()}
    fields["households.Person"] = tuple(name for name, value in PERSON_CLEARED.items() if isinstance(value, str))
    fields["households.Household"] = tuple(name for name, value in HOUSEHOLD_CLEARED.items() if isinstance(value, str))
    return fields
