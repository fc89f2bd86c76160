"""Authorization matrix: every route of ineen.web × HTTP method × role of the cast.

Legend (one letter per role, columns in ROLES order):
  A  allowed: 2xx, or a 3xx that is not to the login or MFA page; a POST must succeed (3xx, no error
     message) and change state.
  D  denied: 404 (forbidden and non-existent look the same) and no state change.
  R  refused by the form with the same answer whether or not the object exists (400), no state change
     (break-the-glass: a case the user may not open looks like an unknown reference).
  L  anonymous: redirected to the login page, no state change.
  P  client portal (/mijn/) without a client session: redirected to the portal's own "open your link again"
     page, never data, no state change. (A client session's view: tests/portal/.)
Methods not in a route's row must be refused with 405 (see test_other_methods_refused).

The rows are the policy as the brief states it: case data for the chair of the house and active team
members only; narrower actions for the chair (triage, case direction, state) and chair + case director
(team); a referral's status for its referrer only; referring for casework roles of a partner organisation.
test_routes_meta.py fails when a route of our own apps has no row here.
"""

import pytest
from django.conf import settings
from django.contrib.messages import constants as message_levels
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from ineen.access import policy
from ineen.access.actor import Actor
from ineen.audit.models import AuditEvent, Outcome
from ineen.cases import actions
from ineen.cases.enums import CaseState
from ineen.cases.models import (
    Case,
    CaseDirectorAssignment,
    CaseNote,
    CaseStateChange,
    Referral,
    TeamMembership,
    Triage,
)
from ineen.households.models import Person, Strength
from ineen.privacy import actions as privacy_actions
from ineen.privacy.models import BreakGlassAccess, ConfidentialAddress, Consent, Dispute
from tests.factories import CLOSURE_PLAN

from . import matrix_arrangements
from .conftest import recently_reauthenticated

ISSUER = Actor.system(channel="cli")  # the operator's issue_enrolment_code command

ROLES = [
    "chair",
    "director",
    "member",
    "expert",
    "outsider",
    "former",
    "manager",
    "admin",
    "researcher",
    "other_chair",
    "anonymous",
]

# route name -> {method: expectation per role}
#                                       chair dir mem exp out for mgr adm res oth anon
MATRIX = {
    "web:dashboard": {"GET": "A   A   A   A   A   A   A   A   A   A   L"},
    "web:mfa_required": {"GET": "A   A   A   A   A   A   A   A   A   A   L"},
    # own account only: the one-time code before the first second factor (tests/security/test_mfa_enrolment.py)
    "web:mfa_enrolment_code": {
        "GET": "A   A   A   A   A   A   A   A   A   A   L",
        "POST": "A   A   A   A   A   A   A   A   A   A   L",
    },
    "web:referral_new": {
        "GET": "A   A   A   A   A   A   D   D   D   A   L",
        "POST": "A   A   A   A   A   A   D   D   D   A   L",
    },
    "web:referral_detail": {"GET": "D   D   A   D   D   D   D   D   D   D   L"},  # member referred
    "web:case_list": {"GET": "A   A   A   A   A   A   A   A   A   A   L"},  # own cases only
    "web:case_detail": {"GET": "A   A   A   A   D   D   D   D   D   D   L"},
    "web:case_household": {"GET": "A   A   A   A   D   D   D   D   D   D   L"},
    "web:case_services": {"GET": "A   A   A   A   D   D   D   D   D   D   L"},
    "web:case_close": {
        "GET": "A   D   D   D   D   D   D   D   D   D   L",
        "POST": "A   D   D   D   D   D   D   D   D   D   L",
    },
    # --- issue 10, case direction / aftercare / triage meeting (i10-direction) ---
    "web:case_handover": {
        "GET": "D   A   D   D   D   D   D   D   D   D   L",
        "POST": "D   A   D   D   D   D   D   D   D   D   L",
    },
    "web:handover_write": {
        "GET": "A   A   D   D   D   D   D   D   D   D   L",
        "POST": "A   A   D   D   D   D   D   D   D   D   L",
    },
    "web:case_followup": {
        "GET": "D   D   D   D   D   D   D   D   D   D   L",
        "POST": "D   D   D   D   D   D   D   D   D   D   L",
    },
    "web:triage_meeting_new": {
        "GET": "A   D   D   D   D   D   D   D   D   A   L",
        "POST": "A   D   D   D   D   D   D   D   D   R   L",
    },
    "web:triage_meeting": {"GET": "A   D   D   D   D   D   D   D   D   D   L"},
    "web:triage_meeting_outcome": {"POST": "A   D   D   D   D   D   D   D   D   D   L"},
    "web:case_reopen": {"POST": "A   D   D   D   D   D   D   D   D   D   L"},
    "web:triage": {
        "GET": "A   D   D   D   D   D   D   D   D   D   L",
        "POST": "A   D   D   D   D   D   D   D   D   D   L",
    },
    "web:triage_decide": {"POST": "A   D   D   D   D   D   D   D   D   D   L"},
    "web:case_director": {
        "GET": "A   D   D   D   D   D   D   D   D   D   L",
        "POST": "A   D   D   D   D   D   D   D   D   D   L",
    },
    "web:team_add": {
        "GET": "A   A   D   D   D   D   D   D   D   D   L",
        "POST": "A   A   D   D   D   D   D   D   D   D   L",
    },
    "web:team_end": {
        "GET": "A   A   D   D   D   D   D   D   D   D   L",
        "POST": "A   A   D   D   D   D   D   D   D   D   L",
    },
    "web:household_add": {
        "GET": "A   A   A   A   D   D   D   D   D   D   L",
        "POST": "A   A   A   A   D   D   D   D   D   D   L",
    },
    "web:person_edit": {
        "GET": "A   A   A   A   D   D   D   D   D   D   L",
        "POST": "A   A   A   A   D   D   D   D   D   D   L",
    },
    "web:note_add": {
        "GET": "A   A   A   A   D   D   D   D   D   D   L",
        "POST": "A   A   A   A   D   D   D   D   D   D   L",
    },
    # attachments: added like notes; the test file is the member's, visible to the team; removed by the
    # chair or its uploader (the member)
    "web:case_attachments": {"GET": "A   A   A   A   D   D   D   D   D   D   L"},
    "web:attachment_add": {
        "GET": "A   A   A   A   D   D   D   D   D   D   L",
        "POST": "A   A   A   A   D   D   D   D   D   D   L",
    },
    "web:attachment_download": {"GET": "A   A   A   A   D   D   D   D   D   D   L"},
    "web:attachment_remove": {
        "GET": "A   D   A   D   D   D   D   D   D   D   L",
        "POST": "A   D   A   D   D   D   D   D   D   D   L",
    },
    # privacy: consent registry, confidential addresses, transparency, emergency access
    "privacy:overview": {
        "GET": "A   A   D   D   D   D   D   D   D   D   L",
        "POST": "A   A   D   D   D   D   D   D   D   D   L",
    },
    "privacy:consent_withdraw": {"POST": "A A   D   D   D   D   D   D   D   D   L"},
    # no address recorded yet: the chair or the case director starts the protection (once recorded, only its
    # guardians: tests/security/test_matrix_flags.py and tests/privacy/test_confidential_address.py)
    "privacy:address_edit": {
        "GET": "A   A   D   D   D   D   D   D   D   D   L",
        "POST": "A   A   D   D   D   D   D   D   D   D   L",
    },
    # guardians of the address: the chair who recorded it and the member named by her
    "privacy:address_reveal": {"GET": "A   D   A   D   D   D   D   D   D   D   L"},
    # lifting the protection: its guardians only (the chair who recorded it, the member); never a role
    "privacy:address_remove": {"POST": "A   D   A   D   D   D   D   D   D   D   L"},
    "privacy:transparency": {"GET": "A   A   D   D   D   D   D   D   D   D   L"},
    # casework role in the house, partner organisation, no relation to the case: outsider, former
    "privacy:break_glass": {
        "GET": "A   A   A   A   A   A   A   A   A   A   L",
        "POST": "R   R   R   R   A   A   R   R   R   R   L",
    },
    "privacy:break_glass_report": {"GET": "A D  D   D   D   D   D   D   D   A   L"},
    # the review of a use (the outsider's, in this house): the chair of the case's house only
    "privacy:break_glass_review": {"POST": "A   D   D   D   D   D   D   D   D   D   L"},
    # exports: subject access for chair + case director; research export for the house's researcher only
    "privacy:subject_export": {"GET": "A   A   D   D   D   D   D   D   D   D   L"},
    "privacy:research_export": {"GET": "D   D   D   D   D   D   D   D   A   D   L"},
    # i11-correct: a member's dispute, recorded by whoever may read the item; answered by its source only
    # (the note is the member's organisation's)
    "privacy:dispute_raise": {
        "GET": "A   A   A   A   D   D   D   D   D   D   L",
        "POST": "A   A   A   A   D   D   D   D   D   D   L",
    },
    "privacy:dispute_answer": {
        "GET": "D   D   A   D   D   D   D   D   D   D   L",
        "POST": "D   D   A   D   D   D   D   D   D   D   L",
    },
    # audit log: log managers (logbeheerder) only, none of the roles above; their allow and the other
    # house's log manager's deny are in tests/audit/test_views.py
    "audit:event_list": {"GET": "D   D   D   D   D   D   D   D   D   D   L"},
    # /beheer/: only the functional-admin role (granted with four eyes) gets in, to the admin index; everyone
    # else logged in finds no admin (404). Its other pages are Django's own (allowlisted in
    # test_routes_meta.py); tests/accounts/test_admin_access.py covers them per role.
    "admin:login": {"GET": "D   D   D   D   D   D   D   A   D   D   L"},
    # conferences, planning: the chair schedules, invites and records; the case team reads the schedule
    "conferences:schedule": {
        "GET": "A   D   D   D   D   D   D   D   D   D   L",
        "POST": "A   D   D   D   D   D   D   D   D   D   L",
    },
    "conferences:detail": {"GET": "A   A   A   A   D   D   D   D   D   D   L"},
    "conferences:edit": {
        "GET": "A   D   D   D   D   D   D   D   D   D   L",
        "POST": "A   D   D   D   D   D   D   D   D   D   L",
    },
    "conferences:cancel": {"POST": "A   D   D   D   D   D   D   D   D   D   L"},
    "conferences:invite_user": {"POST": "A  D   D   D   D   D   D   D   D   D   L"},
    "conferences:invite_person": {"POST": "A D  D   D   D   D   D   D   D   D   L"},
    "conferences:uninvite": {"POST": "A   D   D   D   D   D   D   D   D   D   L"},
    "conferences:non_invitation": {"POST": "A D D   D   D   D   D   D   D   D   L"},
    "conferences:keep_apart": {"POST": "A   D   D   D   D   D   D   D   D   D   L"},
    "conferences:attendance": {"POST": "A   D   D   D   D   D   D   D   D   D   L"},
    # clients at the table (i11): the page for the team; the preparation talk by the case director or an
    # involved professional (not the chair, not the expert pool); the household's attendance by the chair;
    # a debrief changed by the director or chair, done by its owner (the member) too
    "conferences:clients": {"GET": "A   A   A   A   D   D   D   D   D   D   L"},
    "conferences:client_talk": {
        "GET": "D   A   A   D   D   D   D   D   D   D   L",
        "POST": "D   A   A   D   D   D   D   D   D   D   L",
    },
    "conferences:client_attendance": {
        "GET": "A   D   D   D   D   D   D   D   D   D   L",
        "POST": "A   D   D   D   D   D   D   D   D   D   L",
    },
    # the household's own voice (i11 points 6, 9): before the meeting the director or an involved member writes
    # down a member's own scores (at the meeting: the chair, tests/conferences/test_self_rating.py); the
    # youth part is added by the chair
    "conferences:self_rating": {
        "GET": "D   A   A   D   D   D   D   D   D   D   L",
        "POST": "D   A   A   D   D   D   D   D   D   D   L",
    },
    "conferences:youth_part": {"POST": "A   D   D   D   D   D   D   D   D   D   L"},
    "conferences:client_follow_up_change": {"POST": "A   A   D   D   D   D   D   D   D   D   L"},
    "conferences:client_follow_up_done": {"POST": "A   A   A   D   D   D   D   D   D   D   L"},
    # preparation: the chair and the invited director and member; the expert is in the team, not invited
    "conferences:prepare": {"GET": "A   A   A   D   D   D   D   D   D   D   L"},
    "conferences:prepare_inputs": {"POST": "A A A   D   D   D   D   D   D   D   L"},
    "conferences:prepare_overview": {"GET": "A D D  D   D   D   D   D   D   D   L"},
    "conferences:prepare_summary": {"POST": "A D D  D   D   D   D   D   D   D   L"},
    # report: everyone with a case relation; its plain-language client version: chair and case director
    "conferences:report": {"GET": "A   A   A   A   D   D   D   D   D   D   L"},
    "conferences:client_report": {"GET": "A A   D   D   D   D   D   D   D   D   L"},
    # i11-docs: a member's plain-language documents (print pages): chair and case director, like the
    # client report; the own version of the guide typed in by whoever may record the preparation talk
    "conferences:client_document": {"GET": "A A   D   D   D   D   D   D   D   D   L"},
    "conferences:client_own_guide": {
        "GET": "D   A   A   D   D   D   D   D   D   D   L",
        "POST": "D   A   A   D   D   D   D   D   D   D   L",
    },
    # plan: the team reads; the action's owner (member), the director and the chair update it (a bottom
    # line's breach is recorded through escalations:breach_new)
    "plans:plan": {"GET": "A   A   A   A   D   D   D   D   D   D   L"},
    "plans:action_detail": {"GET": "A   A   A   A   D   D   D   D   D   D   L"},
    "plans:action_update": {"POST": "A   A   A   D   D   D   D   D   D   D   L"},
    "plans:action_carry_over": {"POST": "A  A   A   D   D   D   D   D   D   D   L"},
    # i11-docs: the family's words of an action / bottom line: chair and case director only
    "plans:action_wording": {
        "GET": "A   A   D   D   D   D   D   D   D   D   L",
        "POST": "A   A   D   D   D   D   D   D   D   D   L",
    },
    "plans:bottom_line_wording": {
        "GET": "A   A   D   D   D   D   D   D   D   D   L",
        "POST": "A   A   D   D   D   D   D   D   D   D   L",
    },
    # --- escalation (opschalen), bottom-line breaches, barrier register (ineen/escalations) ---
    # the team raises and reads; the member guards the bottom line; the escalation is addressed to `manager`
    # (a manager of the organisation concerned), who is no team member and sees only its own page
    "escalations:case_list": {"GET": "A   A   A   A   D   D   D   D   D   D   L"},
    "escalations:new": {
        "GET": "A   A   A   A   D   D   D   D   D   D   L",
        "POST": "A   A   A   A   D   D   D   D   D   D   L",
    },
    "escalations:detail": {"GET": "A   A   A   A   D   D   D   D   D   D   L"},
    "escalations:breach_new": {
        "GET": "A   A   A   D   D   D   D   D   D   D   L",
        "POST": "A   A   A   D   D   D   D   D   D   D   L",
    },
    "escalations:manager_detail": {
        "GET": "D   D   D   D   D   D   A   D   D   D   L",
        "POST": "D   D   D   D   D   D   A   D   D   D   L",
    },
    # aggregates only: managers and chairs of a house (other_chair sees her own house's register)
    "escalations:barriers": {"GET": "A   D   D   D   D   D   A   D   D   A   L"},
    # i11-eval: a professional's own evaluation (the conference's chair and invited professionals: not the
    # expert, who is in the team but not invited); the client's with the chair or case director; aggregates
    # for chair, manager and researcher of the house (other_chair: her own house's)
    "evaluations:professional": {
        "GET": "A   A   A   D   D   D   D   D   D   D   L",
        "POST": "A   A   A   D   D   D   D   D   D   D   L",
    },
    "evaluations:with_client": {
        "GET": "A   A   D   D   D   D   D   D   D   D   L",
        "POST": "A   A   D   D   D   D   D   D   D   D   L",
    },
    "evaluations:aggregates": {"GET": "A   D   D   D   D   D   A   D   A   A   L"},
    # i13-report, the dossier analysis (aggregates only, small cells suppressed): chair, manager and researcher
    # of the house (other_chair: her own house's); a team role alone gives nothing
    "insights:dossier": {"GET": "A   D   D   D   D   D   A   D   A   A   L"},
    "insights:dossier_csv": {"GET": "A   D   D   D   D   D   A   D   A   A   L"},
    "insights:dossier_xlsx": {"GET": "A   D   D   D   D   D   A   D   A   A   L"},
    # i10-plan, between the meetings: progress (owner = member, director, chair); proposing a change (chair and
    # active team); answering it (required partners only: the owner and the case director); plan review
    # (director and chair)
    "plans:action_progress": {"POST": "A   A   A   D   D   D   D   D   D   D   L"},
    "plans:change_new": {
        "GET": "A   A   A   A   D   D   D   D   D   D   L",
        "POST": "A   A   A   A   D   D   D   D   D   D   L",
    },
    "plans:change_respond": {"POST": "D   A   A   D   D   D   D   D   D   D   L"},
    "plans:review_new": {"POST": "A   A   D   D   D   D   D   D   D   D   L"},
    "plans:review_cadence": {"POST": "A   A   D   D   D   D   D   D   D   D   L"},
    # live workspace: the team looks on (the expert is in the team, not invited); the invited take part
    # (scores, contributions, notes, plan); the chair runs the meeting and records the joint choices
    "conferences:workspace": {"GET": "A   A   A   A   D   D   D   D   D   D   L"},
    "conferences:workspace_poll": {"GET": "A A  A   A   D   D   D   D   D   D   L"},
    "conferences:workspace_start": {"POST": "A D D  D   D   D   D   D   D   D   L"},
    "conferences:workspace_step": {"POST": "A D  D   D   D   D   D   D   D   D   L"},
    "conferences:workspace_budgets": {"POST": "A D D D   D   D   D   D   D   D   L"},
    "conferences:workspace_score": {"POST": "A A A  D   D   D   D   D   D   D   L"},
    "conferences:workspace_reveal": {"POST": "A D D  D   D   D   D   D   D   D   L"},
    "conferences:workspace_contribution": {"POST": "A A A D D D D   D   D   D   L"},
    "conferences:workspace_priority": {"POST": "A D D D  D   D   D   D   D   D   L"},
    "conferences:workspace_top": {"POST": "A  D   D   D   D   D   D   D   D   D   L"},
    "conferences:workspace_top_pick": {"POST": "A D D D  D   D   D   D   D   D   L"},
    "conferences:workspace_top_clear": {"POST": "A D D D D   D   D   D   D   D   L"},
    "conferences:workspace_incident": {"POST": "A D D D  D   D   D   D   D   D   L"},
    "conferences:workspace_phase": {"POST": "A D  D   D   D   D   D   D   D   D   L"},
    "conferences:workspace_action": {"POST": "A A A  D   D   D   D   D   D   D   L"},
    "conferences:workspace_bottom_line": {"POST": "A A A D D D  D   D   D   D   L"},
    "conferences:workspace_agreement": {"POST": "A A A D  D   D   D   D   D   D   L"},
    "conferences:workspace_next": {"POST": "A  D   D   D   D   D   D   D   D   D   L"},
    "conferences:workspace_note": {"POST": "A  A   A   D   D   D   D   D   D   D   L"},
    # a note is changed by its author (the member) or the chair
    "conferences:workspace_note_edit": {"POST": "A D A D  D   D   D   D   D   D   L"},
    # a note, worry or idea is corrected or withdrawn by its author (the member) or the chair
    "conferences:workspace_note_withdraw": {"POST": "A D A D  D   D   D   D   D   D   L"},
    "conferences:workspace_contribution_edit": {"POST": "A D A D  D   D   D   D   D   D   L"},
    "conferences:workspace_contribution_withdraw": {"POST": "A D A D  D   D   D   D   D   D   L"},
    # the projector: the chair and the invited participants
    "conferences:workspace_projector": {"GET": "A A A  D   D   D   D   D   D   D   L"},
    # i11-portal, a household member's own access: handed out and revoked by the chair and the case director
    # (a fresh login to grant; the handover sheet with the code is the POST's own 200 page, shown once)...
    "portal:manage": {
        "GET": "A   A   D   D   D   D   D   D   D   D   L",
        "POST": "A   A   D   D   D   D   D   D   D   D   L",
    },
    "portal:revoke": {"POST": "A   A   D   D   D   D   D   D   D   D   L"},
    # ...and the member's own pages: never for a professional's session (404, audited), whatever the role;
    # without a client session the code page (the same for any link; a wrong code: 400) or the portal's start
    "portal:code": {
        "GET": "D   D   D   D   D   D   D   D   D   D   A",
        "POST": "D   D   D   D   D   D   D   D   D   D   R",
    },
    "portal:signed_out": {"GET": "D   D   D   D   D   D   D   D   D   D   A"},
    # issue 12: the load balancer's health check; public, no case data, not audited (tests/ops/test_health.py)
    "ops:health": {"GET": "A   A   A   A   A   A   A   A   A   A   A"},
    "portal:logout": {"POST": "D   D   D   D   D   D   D   D   D   D   P"},
    "portal:home": {"GET": "D   D   D   D   D   D   D   D   D   D   P"},
    "portal:dispute": {
        "GET": "D   D   D   D   D   D   D   D   D   D   P",
        "POST": "D   D   D   D   D   D   D   D   D   D   P",
    },
    "portal:evaluation": {
        "GET": "D   D   D   D   D   D   D   D   D   D   P",
        "POST": "D   D   D   D   D   D   D   D   D   D   P",
    },
    "portal:plan": {"GET": "D   D   D   D   D   D   D   D   D   D   P"},
    "portal:invitation": {"GET": "D   D   D   D   D   D   D   D   D   D   P"},
    "portal:how_it_goes": {"GET": "D   D   D   D   D   D   D   D   D   D   P"},
    "portal:preparation": {
        "GET": "D   D   D   D   D   D   D   D   D   D   P",
        "POST": "D   D   D   D   D   D   D   D   D   D   P",
    },
    "portal:scores": {
        "GET": "D   D   D   D   D   D   D   D   D   D   P",
        "POST": "D   D   D   D   D   D   D   D   D   D   P",
    },
}

# POSTs whose success is a page of their own (200), not a redirect: the handover sheet shows the client's code
# once, so it never passes through the session store (ineen/portal/views_manage.py).
ONE_TIME_PAGES = {"portal:manage"}
# POSTs no role of the cast makes: a household member's, through their own access. The junk-input and
# message tests post them through a client session in tests/portal/test_client_input.py.
CLIENT_PORTAL_POSTS = {
    "portal:code",
    "portal:logout",
    "portal:dispute",
    "portal:evaluation",
    "portal:preparation",
    "portal:scores",
}


# --- the real objects behind each route's parameters ------------------------------------------------


def _case(c):
    return {"public_id": c.case.public_id}


def _person(c):
    return c.case.household.members.order_by("pk")[0]


def _waiting_case(c, user=None):
    """A referral waiting for triage in cast.house (another house's chair cannot put it on an agenda)."""
    existing = Case.objects.filter(safety_house=c.house, state=CaseState.REFERRED).first()
    return existing or actions.submit_referral(
        actor=c.member, house=c.house, household_name="Wachtend", people=[], answers={"summary": "Zorgen."}
    )


def _triage_meeting(c):
    from ineen.cases import triage_meetings
    from ineen.cases.models import TriageMeeting

    meeting = TriageMeeting.objects.filter(safety_house=c.house).first()
    if meeting is None:
        meeting = triage_meetings.plan_meeting(
            house=c.house,
            actor=c.chair,
            starts_at=timezone.now() + timezone.timedelta(days=2),
            location="Zaal 1",
            invited=[c.member],
            cases=[_waiting_case(c, c.chair)],
        )
    return meeting


def _note(c):
    """A team-visible note of the member's organisation: the item disputed in the matrix."""
    return CaseNote.objects.filter(case=c.case).first() or CaseNote.objects.create(
        case=c.case, author=c.member, text="Vader was agressief.", source_organisation=c.member.organisation
    )


def _dispute(c):
    from ineen.privacy import disputes

    return Dispute.objects.first() or disputes.raise_dispute(
        case=c.case, item=_note(c), person=_person(c), kind="disputed", account="Dat klopt niet.", actor=c.director
    )


ARGS = {
    "web:referral_detail": lambda c: {"public_id": c.case.referral.public_id},
    "web:case_detail": _case,
    "web:case_household": _case,
    "web:case_services": _case,
    "web:case_close": _case,
    "web:case_handover": _case,
    "web:handover_write": _case,
    "web:case_followup": _case,
    "web:triage_meeting_new": lambda c: {},
    "web:triage_meeting": lambda c: {"meeting_id": _triage_meeting(c).public_id},
    "web:triage_meeting_outcome": lambda c: {
        "meeting_id": _triage_meeting(c).public_id,
        "item_id": _triage_meeting(c).agenda.get().public_id,
    },
    "web:case_reopen": _case,
    "web:triage": _case,
    "web:triage_decide": _case,
    "web:case_director": _case,
    "web:team_add": _case,
    "web:team_end": lambda c: {**_case(c), "membership_id": c.case.team.get(user=c.expert).public_id},
    "web:household_add": lambda c: {**_case(c), "kind": "krachtbron"},
    "web:person_edit": lambda c: {**_case(c), "person_id": _person(c).public_id},
    "web:note_add": _case,
    "privacy:overview": _case,
    "privacy:transparency": lambda c: {**_case(c), "person_id": _person(c).public_id},
    "privacy:consent_withdraw": lambda c: {**_case(c), "consent_id": Consent.objects.get().public_id},
    "privacy:address_edit": lambda c: {**_case(c), "person_id": _person(c).public_id},
    "privacy:address_reveal": lambda c: {**_case(c), "person_id": _person(c).public_id},
    "privacy:address_remove": lambda c: {**_case(c), "person_id": _person(c).public_id},
    "privacy:break_glass_review": lambda c: {"grant_id": _emergency(c).public_id},
    "privacy:subject_export": lambda c: {**_case(c), "person_id": _person(c).public_id},
    "privacy:dispute_raise": lambda c: {**_case(c), "kind": "notitie", "item_id": _note(c).public_id},
    "privacy:dispute_answer": lambda c: {**_case(c), "dispute_id": _dispute(c).public_id},
}


def _attachment(c):
    """The member's attachment (visibility: case team). Made once per test, before the fingerprint."""
    from ineen.cases.models import Attachment
    from tests.cases.test_attachments import add

    return Attachment.objects.filter(case=c.case).first() or add(c.case, c.member, title="Verslag")


ARGS.update(
    {
        "web:attachment_add": _case,
        "web:case_attachments": _case,
        "web:attachment_download": lambda c: {**_case(c), "attachment_id": _attachment(c).public_id},
        "web:attachment_remove": lambda c: {**_case(c), "attachment_id": _attachment(c).public_id},
    }
)


def url_for(route, cast):
    return reverse(route, kwargs=ARGS.get(route, lambda c: {})(cast))


def _back_in_triage(c):
    # The case goes back to triage with its whole team attached: the strictest test of "chair only".
    Case.objects.filter(pk=c.case.pk).update(state=CaseState.IN_TRIAGE)


def _closed(c):
    actions.close_case(plan=CLOSURE_PLAN, case=c.case, actor=c.chair, reason="Afgerond.")


def _consent(c):
    privacy_actions.record_consent(
        case=c.case,
        person=_person(c),
        organisation=c.member.organisation,
        purpose="case_conference",
        form="written",
        actor=c.chair,
    )


def _address(c):
    privacy_actions.set_confidential_address(
        case=c.case, person=_person(c), address="Opvang, Ergens 1", guardians=[c.member], actor=c.chair
    )


def _emergency(c):
    """The outsider's use of emergency access to the case. Made once per test, before the fingerprint."""
    return BreakGlassAccess.objects.filter(case=c.case).first() or privacy_actions.break_glass(
        case=c.case, actor=c.outsider, reason_code="child_in_danger", reason="Acuut: kind alleen thuis."
    )


def _enrolment_codes(c):
    """A code for every user of the cast; the POST enters the user's own."""
    from ineen.accounts import enrolment

    c.enrolment_codes = {
        user.pk: enrolment.issue_code(user=user, actor=ISSUER)
        for role in ROLES
        if (user := getattr(c, role, None)) is not None
    }


PREPARE = {
    ("web:triage_meeting_new", "POST"): _waiting_case,
    ("web:mfa_enrolment_code", "POST"): _enrolment_codes,
    ("privacy:consent_withdraw", "POST"): _consent,
    ("privacy:address_reveal", "GET"): _address,
    ("privacy:address_remove", "POST"): _address,
    ("privacy:break_glass_review", "POST"): _emergency,
    ("web:case_reopen", "POST"): _closed,
    ("web:triage", "POST"): _back_in_triage,
    ("web:triage_decide", "POST"): _back_in_triage,
}


def _referral_data(c, user):
    houses = policy.referral_houses(user) if user else None
    house = houses.first() if houses is not None and houses.exists() else c.house
    return {
        "safety_house": house.pk,
        "household_name": "Gezin Uniek",
        "postcode_area": "2511",
        "summary": "Zorgen.",
        "clients_informed": "unknown",
        "person-TOTAL_FORMS": "1",
        "person-INITIAL_FORMS": "0",
        "person-MIN_NUM_FORMS": "1",
        "person-MAX_NUM_FORMS": "20",
        "person-0-first_name": "Xander",
        "person-0-last_name": "Uniek",
        "person-0-birth_year": "1990",
        "person-0-relationship": "parent",
        "person-0-living_at_home": "on",
        "person-0-language": "Nederlands",
    }


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


# Valid data, so that an allowed POST really performs its action.
POST_DATA = {
    "web:referral_new": _referral_data,
    "web:case_close": lambda c, u: {"reason": "Doelen bereikt.", **CLOSURE_PLAN},
    "web:case_handover": lambda c, u: {},
    "web:handover_write": lambda c, u: {"note": "Moeder wil eerst bellen, dan pas een huisbezoek."},
    "web:case_followup": lambda c, u: {"how": "Het gaat goed.", "reopen_needed": "no"},
    "web:triage_meeting_new": lambda c, u: {
        "starts_at": (timezone.localtime() + timezone.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        "location": "Zaal 2",
        "cases": [_waiting_case(c, u).pk],
    },
    "web:triage_meeting_outcome": lambda c, u: {
        f"{_triage_meeting(c).agenda.get().public_id}-decision": "advice",
        f"{_triage_meeting(c).agenda.get().public_id}-reasons": "Eerst het wijkteam inschakelen.",
    },
    "web:case_reopen": lambda c, u: {"reason": "Nieuwe zorgen."},
    "web:triage": lambda c, u: {"participants": "Politie, Veilig Thuis", "preparation": "Dossiers lezen."},
    "web:triage_decide": lambda c, u: {"decision": "accept", "route": "mda", "reasons": "Complex."},
    "web:case_director": lambda c, u: {"director": c.member.pk, "handover_note": "Warme overdracht."},
    "web:team_add": lambda c, u: {"user": c.outsider.pk, "role": "professional"},
    "web:team_end": lambda c, u: {},
    "web:mfa_enrolment_code": lambda c, u: {"code": c.enrolment_codes[u.pk] if u else "ABCD-EFGH-JKMN"},
    "web:household_add": lambda c, u: {
        "description": "Opa haalt de kinderen op.",
        "basis": "covenant",
        "visibility": "team",
    },
    "web:person_edit": lambda c, u: {
        "first_name": "Anna",
        "last_name": "Test",
        "birth_year": "1985",
        "relationship": "parent",
        "living_at_home": "on",
        "language": "Nederlands",
        "custody_notes": "gewijzigd",
    },
    "web:note_add": lambda c, u: {"text": "Gesprek gehad.", "basis": "covenant", "visibility": "team"},
    "privacy:overview": lambda c, u: {
        "person": _person(c).pk,
        "organisation": c.member.organisation.pk,
        "purpose": "case_conference",
        "form": "written",
        "given_on": timezone.localdate().isoformat(),
    },
    "privacy:consent_withdraw": lambda c, u: {},
    "privacy:address_edit": lambda c, u: {"address": "Opvang, Ergens 1", "reason": "Naar de opvang."},
    "privacy:address_remove": lambda c, u: {"opheffen-reason": "Terug naar huis, veilig."},
    "privacy:break_glass_review": lambda c, u: {"verdict": "justified", "note": ""},
    "privacy:dispute_raise": lambda c, u: {"person": _person(c).pk, "kind": "outdated", "account": "Dat is oud."},
    "privacy:dispute_answer": lambda c, u: {"state": "confirmed", "answer": "Klopt nog.", "version": "1"},
    "web:attachment_add": lambda c, u: {
        "title": "Veiligheidsplan",
        "basis": "covenant",
        "visibility": "team",
        "upload": _pdf(),
    },
    "web:attachment_remove": lambda c, u: {"reason": "Bij de verkeerde casus gezet."},
    "privacy:break_glass": lambda c, u: {
        "reference": c.case.reference,
        "reason_code": "adult_in_danger",
        "reason": "Acute dreiging, nu nodig.",
    },
}


# --- conferences: planning and preparation (ineen/conferences/views/schedule.py, prepare.py) ----------


def _planned(c):
    """The case's planned conference: the case director and the member invited, the expert (in the team)
    not; Bram, the child, not invited with a reason. Made once per test, before the fingerprint."""
    from ineen.conferences import schedule
    from ineen.conferences.models import Conference

    conference = Conference.objects.filter(case=c.case).first()
    if conference is None:
        bram = c.case.household.members.get(first_name="Bram")
        conference = schedule.schedule(
            case=c.case,
            actor=c.chair,
            kind="mda",
            phase="immediate_safety",
            goal="Veiligheid.",
            starts_at=timezone.now() + timezone.timedelta(days=7),
            location="ZVH",
            not_invited={bram: "Eerst apart gesproken."},
        )
        for user in (c.director, c.member):
            schedule.invite_user(
                conference=conference, actor=c.chair, part=conference.parts.get(), user=user, reason="Betrokken."
            )
    return conference


def _conference(c):
    return {"public_id": _planned(c).public_id}


def _meeting_data(c):
    from ineen.guide import queries

    items = queries.default_selection(queries.current_version(), "immediate_safety")
    start = timezone.localtime(timezone.now() + timezone.timedelta(days=9))
    return {
        "kind": "focus",
        "goal": "Zicht op veiligheid.",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "60",
        "location": "Stadhuis",
        "chosen_items": [i.pk for i in items],
    }


def _schedule_data(c, u):
    members = {f"invite_{p.public_id}": "invite" for p in c.case.household.members.all()}
    return {**_meeting_data(c), **members, "phase": "immediate_safety", "tree_phase": "immediate_safety"}


def _input_data(c, u):
    from ineen.conferences import prepare

    item = prepare.questions(_planned(c))[0].item
    return {
        f"text_{item.pk}": "Stand van zaken.",
        f"version_{item.pk}": "0",
        f"visibility_{item.pk}": "team",
        # One form holds the answers and the score (views/prepare.py).
        "value": "4",
        "justification": "Zorgen over de avonden.",
    }


ARGS.update(
    {
        "conferences:schedule": _case,
        "conferences:detail": _conference,
        "conferences:edit": _conference,
        "conferences:cancel": _conference,
        "conferences:invite_user": _conference,
        "conferences:invite_person": _conference,
        "conferences:non_invitation": _conference,
        "conferences:keep_apart": _conference,
        "conferences:attendance": _conference,
        "conferences:uninvite": lambda c: {
            **_conference(c),
            "invitation_id": _planned(c).invitations.get(user=c.member).public_id,
        },
        "conferences:prepare": _conference,
        "conferences:prepare_inputs": _conference,
        "conferences:prepare_overview": _conference,
        "conferences:prepare_summary": _conference,
    }
)
POST_DATA.update(
    {
        "conferences:schedule": _schedule_data,
        "conferences:edit": lambda c, u: {**_meeting_data(c), "version": _planned(c).version},
        "conferences:cancel": lambda c, u: {"reason": "Zitting verplaatst.", "version": _planned(c).version},
        "conferences:invite_user": lambda c, u: {
            "user": c.expert.pk,
            "part": _planned(c).parts.get().pk,
            "reason": "Kent de jeugdbescherming.",
        },
        "conferences:invite_person": lambda c, u: {
            "person": c.case.household.members.get(first_name="Bram").pk,
            "part": _planned(c).parts.get().pk,
        },
        "conferences:uninvite": lambda c, u: {},
        "conferences:non_invitation": lambda c, u: {
            "person": c.case.household.members.get(first_name="Bram").pk,
            "reason": "Andere zwaarwegende reden.",
        },
        "conferences:keep_apart": lambda c, u: {
            "person_a": c.case.household.members.get(first_name="Anna").pk,
            "person_b": c.case.household.members.get(first_name="Bram").pk,
            "reason": "Intieme terreur.",
        },
        "conferences:attendance": lambda c, u: {
            f"a_{inv.public_id}": "physical" for inv in _planned(c).invitations.all()
        },
        "conferences:prepare_inputs": _input_data,
        "conferences:prepare_summary": lambda c, u: {"text": "Samenvatting.", "version": _planned(c).version},
    }
)


# --- conferences: the live workspace (ineen/conferences/views/workspace.py) --------------------------


def _live(c):
    """The planned conference, started (opening step)."""
    from ineen.conferences import live

    conference = _planned(c)
    if conference.state == "planned":
        live.start(conference=conference, actor=c.chair)
    return conference


def _worry(c, kind="worry"):
    from ineen.conferences.models import Contribution

    conference = _planned(c)
    return Contribution.objects.filter(conference=conference, kind=kind).first() or Contribution.objects.create(
        conference=conference,
        kind=kind,
        author=c.member,
        text="Zorg van Sanne.",
        source_organisation=c.member.organisation,
    )


def _incident(c):
    from ineen.households.models import Incident

    return Incident.objects.filter(household=c.case.household).first() or Incident.objects.create(
        household=c.case.household,
        date=timezone.localdate(),
        description="Incident.",
        source_organisation=c.member.organisation,
    )


def _member_note(c):
    from ineen.conferences.models import ConferenceNote

    conference = _planned(c)
    return ConferenceNote.objects.filter(conference=conference).first() or ConferenceNote.objects.create(
        conference=conference,
        part=conference.parts.get(),
        step="picture",
        author=c.member,
        text="Notitie.",
        source_organisation=c.member.organisation,
    )


def _in_a_week():
    return (timezone.localdate() + timezone.timedelta(days=7)).isoformat()


_WORKSPACE = [
    "workspace",
    "workspace_poll",
    "workspace_projector",
    "workspace_start",
    "workspace_step",
    "workspace_budgets",
    "workspace_score",
    "workspace_reveal",
    "workspace_contribution",
    "workspace_top",
    "workspace_top_pick",
    "workspace_top_clear",
    "workspace_incident",
    "workspace_phase",
    "workspace_action",
    "workspace_bottom_line",
    "workspace_agreement",
    "workspace_next",
    "workspace_note",
]
ARGS.update({f"conferences:{name}": _conference for name in _WORKSPACE})
ARGS.update(
    {
        "conferences:workspace_priority": lambda c: {**_conference(c), "item_id": _worry(c, "offer").public_id},
        "conferences:workspace_note_edit": lambda c: {**_conference(c), "note_id": _member_note(c).public_id},
        "conferences:workspace_note_withdraw": lambda c: {**_conference(c), "note_id": _member_note(c).public_id},
        "conferences:workspace_contribution_edit": lambda c: {**_conference(c), "item_id": _worry(c).public_id},
        "conferences:workspace_contribution_withdraw": lambda c: {**_conference(c), "item_id": _worry(c).public_id},
    }
)
PREPARE.update({("conferences:workspace_step", "POST"): _live})


def _anna(c):
    return c.case.household.members.get(first_name="Anna")


def _follow_up(c):
    """A debrief with Anna after the conference, owned by the member. Made once per test."""
    from ineen.conferences.models import ClientFollowUp

    conference = _planned(c)
    return ClientFollowUp.objects.filter(conference=conference).first() or ClientFollowUp.objects.create(
        conference=conference, person=_anna(c), kind="debrief", owner=c.member, due_on=timezone.localdate()
    )


ARGS.update(
    {
        "conferences:clients": _conference,
        "conferences:client_talk": lambda c: {**_conference(c), "person_id": _anna(c).public_id},
        "conferences:client_attendance": _conference,
        "conferences:self_rating": lambda c: {**_conference(c), "person_id": _anna(c).public_id},
        "conferences:youth_part": _conference,
        "conferences:client_follow_up_change": lambda c: {**_conference(c), "follow_up_id": _follow_up(c).public_id},
        "conferences:client_follow_up_done": lambda c: {**_conference(c), "follow_up_id": _follow_up(c).public_id},
    }
)
PREPARE.update({("conferences:client_attendance", "POST"): _live})
POST_DATA.update(
    {
        "conferences:client_talk": lambda c, u: {"coming_as": "in_person", "wants_discussed": "De omgang."},
        "conferences:self_rating": lambda c, u: {"question": "safety", "safety-value": "5", "safety-words": "Gaat."},
        "conferences:youth_part": lambda c, u: {},
        "conferences:client_attendance": lambda c, u: {
            f"attendance_{_planned(c).invitations.get(person=_anna(c)).public_id}": "physical"
        },
        "conferences:client_follow_up_change": lambda c, u: {
            "owner": c.director.pk,
            "due_on": _in_a_week(),
            "version": "1",
        },
        "conferences:client_follow_up_done": lambda c, u: {"note": "Met Anna nabesproken.", "version": "1"},
    }
)
POST_DATA.update(
    {
        "conferences:workspace_start": lambda c, u: {},
        "conferences:workspace_step": lambda c, u: {"from_step": "opening", "to_step": "picture"},
        "conferences:workspace_budgets": lambda c, u: {"picture": "25", "judgement": "20", "decision": "35"},
        "conferences:workspace_score": lambda c, u: {"value": "6", "justification": "Zorgen over de avonden."},
        "conferences:workspace_reveal": lambda c, u: {},
        "conferences:workspace_contribution": lambda c, u: {"kind": "worry", "text": "Vader drinkt."},
        "conferences:workspace_priority": lambda c, u: {
            "version": "1",
            "is_priority": "on",
            "horizon": "short",
            "client_priority": "",
            "expert_view": "",
            "client_capacity": "",
        },
        "conferences:workspace_top": lambda c, u: {"rank": "1", "text": "Kinderen zien het geweld."},
        "conferences:workspace_top_pick": lambda c, u: {"rank": "2", "contribution": _worry(c).public_id},
        "conferences:workspace_top_clear": lambda c, u: {"rank": "1"},
        "conferences:workspace_incident": lambda c, u: {"mark": "first", "incident": _incident(c).public_id},
        "conferences:workspace_phase": lambda c, u: {
            "decision": "stay",
            "reason": "Nog zorgen.",
            "to_phase": "",
            "seen": "",
        },
        "conferences:workspace_action": lambda c, u: {
            "what": "Gesprek met moeder.",
            "owner": c.case.team.get(user=c.member).public_id,
            "due_on": _in_a_week(),
            "reason": "Top 3, punt 1.",
            "action_type": "action",
            "towards": "family",
            "horizon": "short",
        },
        "conferences:workspace_bottom_line": lambda c, u: {
            "text": "Geen alcohol in huis.",
            "guardian": c.case.team.get(user=c.member).public_id,
            "how_we_know": "Huisbezoek.",
            "on_breach": "Opschalen.",
        },
        "conferences:workspace_agreement": lambda c, u: {
            "version": "0",
            "timeline": "Zes weken.",
            "keep_informed": "",
            "closure_plan": "",
        },
        "conferences:workspace_next": lambda c, u: {
            "starts_at": timezone.localtime(timezone.now() + timezone.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
            "kind": "mda",
            "goal": "Evaluatie.",
            # "always invited, unless" holds here too (clients.invite_household)
            **{f"invite_{p.public_id}": "invite" for p in c.case.household.members.all()},
        },
        "conferences:workspace_note": lambda c, u: {"part": _planned(c).parts.get().public_id, "text": "Aantekening."},
        "conferences:workspace_note_edit": lambda c, u: {"version": "1", "text": "Aangevuld."},
        "conferences:workspace_note_withdraw": lambda c, u: {"version": "1"},
        "conferences:workspace_contribution_edit": lambda c, u: {"version": "1", "text": "Vader drinkt veel."},
        "conferences:workspace_contribution_withdraw": lambda c, u: {"version": "1"},
    }
)


# --- report and plan (ineen/conferences/views/report.py, ineen/plans/views.py) ------------------------


def _plan_action(c):
    """An open action of the case, owned by the member. Made once per test, before the fingerprint."""
    from ineen.plans.models import PlanAction

    return PlanAction.objects.filter(case=c.case).first() or PlanAction.objects.create(
        case=c.case,
        what="Huisbezoek.",
        owner=c.member,
        owner_organisation=c.member.organisation,
        due_on=timezone.localdate() + timezone.timedelta(days=7),
        reason="Zorgen over de avonden.",
    )


def _seen(row):
    from ineen.plans.wording import seen_token

    ids = row.concerns.values_list("pk", flat=True) if hasattr(row, "concerns") else ()
    return seen_token(row, ids)


def _plan_line(c):
    """A bottom line of the case, guarded by the member."""
    from ineen.plans.models import BottomLine

    return BottomLine.objects.filter(case=c.case).first() or BottomLine.objects.create(
        case=c.case,
        text="Geen geweld.",
        guardian=c.member,
        guardian_organisation=c.member.organisation,
        on_breach="Opschalen.",
    )


ARGS.update(
    {
        "conferences:report": _conference,
        "conferences:client_report": lambda c: {**_conference(c), "person_id": _person(c).public_id},
        # i11-docs
        "conferences:client_document": lambda c: {
            **_conference(c),
            "person_id": _person(c).public_id,
            "kind": "mijn-plan",
        },
        "conferences:client_own_guide": lambda c: {**_conference(c), "person_id": _anna(c).public_id},
        "plans:action_wording": lambda c: {**_case(c), "action_id": _plan_action(c).public_id},
        "plans:bottom_line_wording": lambda c: {**_case(c), "line_id": _plan_line(c).public_id},
        "plans:plan": _case,
        "plans:action_detail": lambda c: {**_case(c), "action_id": _plan_action(c).public_id},
        "plans:action_update": lambda c: {**_case(c), "action_id": _plan_action(c).public_id},
        "plans:action_carry_over": lambda c: {**_case(c), "action_id": _plan_action(c).public_id},
        # i10-plan
        "plans:action_progress": lambda c: {**_case(c), "action_id": _plan_action(c).public_id},
        "plans:change_new": lambda c: (_plan_action(c), _case(c))[1],  # the action exists before the fingerprint
        "plans:change_respond": lambda c: {**_case(c), "change_id": _plan_change(c).public_id},
        "plans:review_new": _case,
        "plans:review_cadence": _case,
    }
)
POST_DATA.update(
    {
        "plans:action_update": lambda c, u: {
            "status": "done",
            "outcome": "Gedaan.",
            "version": _plan_action(c).version,
        },
        "plans:action_carry_over": lambda c, u: {
            "due_on": (timezone.localdate() + timezone.timedelta(days=14)).isoformat(),
            "version": _plan_action(c).version,
        },
        # i10-plan
        "plans:action_progress": lambda c, u: {"text": "Gebeld met school.", "version": _plan_action(c).version},
        "plans:change_new": lambda c, u: {
            "kind": "action_change",
            "action": str(_plan_action(c).public_id),
            "due_on": (timezone.localdate() + timezone.timedelta(days=21)).isoformat(),
            "reason": "Wachtlijst.",
        },
        "plans:change_respond": lambda c, u: {"answer": "agree"},
        # i11-docs
        "conferences:client_own_guide": lambda c, u: {"worries": "Papa drinkt.", "ideas": "Oma helpt."},
        "plans:action_wording": lambda c, u: {
            "client_wording": "Sanne komt bij jullie langs.",
            "seen": _seen(_plan_action(c)),
        },
        "plans:bottom_line_wording": lambda c, u: {
            "client_wording": "Niemand slaat.",
            "seen": _seen(_plan_line(c)),
        },
        "plans:review_new": lambda c, u: {
            "held_on": timezone.localdate().isoformat(),
            "with_whom": "Moeder en vader.",
            "outcome": "Het gaat beter.",
        },
        "plans:review_cadence": lambda c, u: {"weeks": "4"},
    }
)


# --- escalation (ineen/escalations) ---------------------------------------------------------------------


def _escalation(c):
    """An open escalation of the case, raised by the member, addressed to the manager."""
    from ineen.escalations.models import Escalation

    return Escalation.objects.filter(case=c.case).first() or Escalation.objects.create(
        case=c.case,
        category="waiting_list",
        needed="Een plek bij de specialistische hulp.",
        needed_by=timezone.localdate() + timezone.timedelta(days=14),
        organisation=c.manager.organisation,
        addressed_to=c.manager,
        raised_by=c.member,
    )


ARGS.update(
    {
        "escalations:case_list": _case,
        "escalations:new": _case,
        "escalations:detail": lambda c: {**_case(c), "escalation_id": _escalation(c).public_id},
        "escalations:breach_new": lambda c: {**_case(c), "line_id": _plan_line(c).public_id},
        "escalations:manager_detail": lambda c: {"escalation_id": _escalation(c).public_id},
    }
)

# Issue 13: repeated measurement and the family's timeline are case reads (get_case), as the case pages.
MATRIX.update(
    {
        "insights:measurements": {"GET": "A   A   A   A   D   D   D   D   D   D   L"},
        "insights:timeline": {"GET": "A   A   A   A   D   D   D   D   D   D   L"},
    }
)
ARGS.update({"insights:measurements": _case, "insights:timeline": _case})
POST_DATA.update(
    {
        "escalations:new": lambda c, u: {
            "category": "no_mandate",
            "needed": "Mandaat voor de inzet.",
            "needed_by": _in_a_week(),
            "addressed_to": c.manager.pk,
        },
        "escalations:breach_new": lambda c, u: {
            "occurred_on": timezone.localdate().isoformat(),
            "what_happened": "Het is weer gebeurd.",
            "owner": c.member.pk,
            "due_on": _in_a_week(),
            "version": _plan_line(c).version,
        },
        "escalations:manager_detail": lambda c, u: {
            "status": "in_progress",
            "version": _escalation(c).version,
        },
    }
)


def _escalation_state():
    from ineen.escalations.models import BottomLineBreach, Escalation

    return (sorted(Escalation.objects.values_list("pk", "status", "version")), BottomLineBreach.objects.count())


def _plan_change(c):
    """An open plan change on the member's action, proposed by the expert: the member (owner) and the
    director (case director) must answer."""
    from ineen.plans import changes
    from ineen.plans.models import PlanChange

    return PlanChange.objects.filter(case=c.case).first() or changes.propose_change(
        case=c.case,
        actor=c.expert,
        kind="action_change",
        action=_plan_action(c),
        due_on=timezone.localdate() + timezone.timedelta(days=30),
        reason="Wachtlijst.",
    )


# --- evaluations after a conference (ineen/evaluations) -------------------------------------------------


def _ended_conference(c):
    """An earlier conference of the case, ended (moved to the past by hand: the matrix tests access, not the
    meeting), invited like the planned one. Its own conference, not the planned one ended: building this
    route's URL must not change the state other routes' pages are read in (test_junk_input.py reads every
    page the role may open)."""
    from ineen.conferences import schedule
    from ineen.conferences.models import Conference

    planned = _planned(c)
    conference = Conference.objects.filter(case=c.case, state="ended").exclude(pk=planned.pk).first()
    if conference is None:
        bram = c.case.household.members.get(first_name="Bram")
        conference = schedule.schedule(
            case=c.case,
            actor=c.chair,
            kind="mda",
            phase="immediate_safety",
            goal="Eerder overleg.",
            starts_at=timezone.now() + timezone.timedelta(days=6),
            location="ZVH",
            not_invited={bram: "Eerst apart gesproken."},
        )
        for user in (c.director, c.member):
            schedule.invite_user(
                conference=conference, actor=c.chair, part=conference.parts.get(), user=user, reason="Betrokken."
            )
        # In the past: the planned conference stays the case's first (latest) one for _planned.
        past = timezone.now() - timezone.timedelta(days=7)
        Conference.objects.filter(pk=conference.pk).update(state="ended", starts_at=past, ended_at=past)
        conference.refresh_from_db()
    return conference


# --- a household member's own access (ineen/portal) -----------------------------------------------------


def _client_access(c):
    """Anna's live own access, granted by the case director (made once per test, before the fingerprint)."""
    from ineen.portal import actions as portal_actions
    from ineen.portal.models import ClientAccess

    access = ClientAccess.objects.filter(case=c.case, revoked_at__isnull=True).first()
    if access is None:
        anna = c.case.household.members.get(first_name="Anna")
        access, c.client_token, _code = portal_actions.grant_access(actor=c.director, case=c.case, person=anna)
    return access


def _portal_state():
    from ineen.portal.models import ClientAccess

    return sorted(ClientAccess.objects.values_list("pk", "revoked_at", "failed_attempts", "last_used_at"))


ARGS.update(
    {
        "portal:manage": _case,
        "portal:revoke": lambda c: {**_case(c), "access_id": _client_access(c).public_id},
        # an unknown link: its page is the same as a real one's (tests/portal/test_sign_in.py), and a wrong code
        # on it changes nothing in the database
        "portal:code": lambda c: {"token": "A" * 43},
    }
)
POST_DATA.update(
    {
        "portal:manage": lambda c, u: {"person": str(c.case.household.members.get(first_name="Anna").public_id)},
        "portal:revoke": lambda c, u: {},
        "portal:code": lambda c, u: {"code": "ZZZZZZZZ"},
        "portal:logout": lambda c, u: {},
        "portal:dispute": lambda c, u: {"item": "notitie:x", "kind": "disputed", "account": "Klopt niet."},
        "portal:evaluation": lambda c, u: _evaluation_answers(["client", "wellbeing"]),
        "portal:preparation": lambda c, u: {"worries": "Ik slaap slecht.", "version": ""},
        "portal:scores": lambda c, u: {"safety": "5", "life": "6"},
    }
)


def _evaluation_answers(kinds):
    from ineen.evaluations import actions as evaluation_actions

    grouped = evaluation_actions.items(evaluation_actions.current_version(), kinds)
    return {f"{item.kind}-{item.key}": "7" for items in grouped.values() for item in items}


def _evaluation_state():
    from ineen.evaluations.models import EvaluationAnswer, EvaluationResponse

    return EvaluationResponse.objects.count(), EvaluationAnswer.objects.count()


ARGS.update(
    {
        "evaluations:professional": lambda c: {"public_id": _ended_conference(c).public_id},
        "evaluations:with_client": lambda c: {
            "public_id": _ended_conference(c).public_id,
            "person_id": _ended_conference(c).invitations.filter(person__isnull=False).first().person.public_id,
        },
    }
)
POST_DATA.update(
    {
        "evaluations:professional": lambda c, u: _evaluation_answers(
            ["professional_self", "professional_estimate", "professional_guide"]
        ),
        "evaluations:with_client": lambda c, u: _evaluation_answers(["client", "wellbeing"]),
    }
)


def _plan_state():
    from ineen.plans.models import (
        ActionProgress,
        BottomLine,
        PlanAction,
        PlanChange,
        PlanChangeResponse,
        PlanReview,
        PlanReviewCadence,
    )

    return (
        sorted(PlanAction.objects.values_list("pk", "status", "version", "outcome", "client_wording")),
        sorted(BottomLine.objects.values_list("pk", "status", "version", "client_wording")),
        # i10-plan
        ActionProgress.objects.count(),
        sorted(PlanChange.objects.values_list("pk", "state")),
        sorted(PlanChangeResponse.objects.values_list("pk", "answer")),
        PlanReview.objects.count(),
        sorted(PlanReviewCadence.objects.values_list("pk", "weeks")),
    )


def _conference_state():
    from ineen.conferences.models import (
        ClientFollowUp,
        ClientNotInvited,
        Conference,
        ConferencePart,
        Invitation,
        KeepApart,
        OwnGuide,
        PreparationInput,
        PreparationTalk,
        ScalingScore,
        SelfRating,
    )

    return (
        # live_revision: every write in the live workspace bumps it (ineen/conferences/live.py)
        sorted(
            Conference.objects.values_list(
                "pk", "state", "version", "ical_sequence", "opening_summary", "current_step", "live_revision"
            )
        ),
        sorted(Invitation.objects.values_list("pk", "attendance", "online_with", "heard")),
        sorted(ClientNotInvited.objects.values_list("pk", "reason")),
        sorted(PreparationTalk.objects.values_list("pk", "version")),
        sorted(OwnGuide.objects.values_list("pk", "version")),
        sorted(ClientFollowUp.objects.values_list("pk", "owner", "due_on", "done_at")),
        sorted(PreparationInput.objects.values_list("pk", "version")),
        sorted(ScalingScore.objects.values_list("pk", "value")),
        sorted(SelfRating.objects.values_list("pk", "value", "version")),
        sorted(ConferencePart.objects.values_list("pk", "kind")),
        KeepApart.objects.count(),
    )


def _attachment_state():
    from ineen.cases.models import Attachment

    return sorted(Attachment.objects.values_list("pk", "title"))


def _enrolment_state():
    from ineen.accounts.models import EnrolmentCode

    return sorted(EnrolmentCode.objects.values_list("pk", "used_at", "failed_attempts"))


def _direction_state():
    """Issue 10 (i10-direction): closure plans with their follow-up check, triage meetings and agendas."""
    from ineen.cases.models import ClosurePlan, TriageAgendaItem, TriageMeeting

    return (
        sorted(ClosurePlan.objects.values_list("pk", "followup_done_at", "followup_reopen_needed", "version")),
        sorted(TriageMeeting.objects.values_list("pk", "starts_at", "location")),
        sorted(TriageAgendaItem.objects.values_list("pk", "case_id", "triage_id")),
    )


# Areas kept in their own modules (the matrix is split per area from issue 13 on).
for _area in (matrix_arrangements,):
    MATRIX.update(_area.MATRIX)
    ARGS.update(_area.ARGS)
    PREPARE.update(_area.PREPARE)
    POST_DATA.update(_area.POST_DATA)


def state_fingerprint():
    """Everything a POST in the matrix could change."""
    return (
        sorted(Case.objects.values_list("pk", "state", "version", "route")),
        sorted(TeamMembership.objects.values_list("pk", "role", "active_until")),
        sorted(Person.objects.values_list("pk", "first_name", "custody_notes", "has_confidential_address")),
        sorted(Triage.objects.values_list("pk", "decision", "participants", "referred_to")),
        sorted(Consent.objects.values_list("pk", "withdrawn_on")),
        sorted(ConfidentialAddress.objects.values_list("pk", "address")),
        Referral.objects.count(),
        Strength.objects.count(),
        sorted(
            CaseDirectorAssignment.objects.values_list(
                "pk", "ended_at", "handover_note", "handover_read_at", "outgoing_note", "version"
            )
        ),
        _direction_state(),
        CaseStateChange.objects.count(),
        CaseNote.objects.count(),
        sorted(Dispute.objects.values_list("pk", "state")),
        sorted(BreakGlassAccess.objects.values_list("pk", "verdict", "reviewed_by")),
        _conference_state(),
        _plan_state(),
        _escalation_state(),
        _attachment_state(),
        _enrolment_state(),
        _evaluation_state(),
        _portal_state(),
        matrix_arrangements.state(),
    )


def cells():
    for route, methods in MATRIX.items():
        for method, row in methods.items():
            expected = row.split()
            assert len(expected) == len(ROLES), f"{route} {method}: {len(expected)} columns, not {len(ROLES)}"
            for role, outcome in zip(ROLES, expected, strict=True):
                yield pytest.param(route, method, role, outcome, id=f"{route}-{method}-{role}")


def _redirected_to(response, name):
    return response.status_code in (301, 302, 303, 307, 308) and response["Location"].startswith(reverse(name))


@pytest.mark.parametrize(("route", "method", "role", "expected"), list(cells()))
def test_matrix(route, method, role, expected, cast, client, login):
    where = f"{method} {route} as {role}"
    prepare = PREPARE.get((route, method))
    if prepare:
        prepare(cast)
    user = None if role == "anonymous" else getattr(cast, role)
    http = login(user) if user else client
    if user:
        # Sensitive pages (confidential addresses) also ask for a fresh password; give every role one,
        # so the matrix tests the policy, not the re-authentication step (test_auth.py does that).
        recently_reauthenticated(http, user)
    url = url_for(route, cast)
    before = state_fingerprint()
    refusals = AuditEvent.objects.filter(outcome=Outcome.DENIED).count()
    response = http.get(url) if method == "GET" else http.post(url, POST_DATA[route](cast, user))
    status = response.status_code
    if expected == "L":
        assert _redirected_to(response, settings.LOGIN_URL), f"{where}: expected login redirect, got {status}"
    elif expected == "P":
        assert _redirected_to(response, "portal:signed_out"), f"{where}: expected the portal's start, got {status}"
    elif expected == "D":
        assert status == 404, f"unexpected allow: {where} gave {status}, expected 404"
        # Every refusal is an audited one (the access contract): a 404 without its audit event is a bare
        # Http404 somewhere, which the audit never sees.
        assert AuditEvent.objects.filter(outcome=Outcome.DENIED).count() > refusals, f"{where}: 404 not audited"
    elif expected == "R":
        assert status == 400, f"unexpected allow: {where} gave {status}, expected the form's refusal (400)"
    else:
        assert 200 <= status < 400, f"unexpected deny: {where} gave {status}"
        assert not _redirected_to(response, settings.LOGIN_URL), f"unexpected deny: {where} sent to login"
        assert not _redirected_to(response, "web:mfa_required"), f"{where} sent to the MFA page"
    if method == "POST" and expected == "A":
        errors = [str(m) for m in get_messages(response.wsgi_request) if m.level >= message_levels.ERROR]
        succeeded = 300 <= status < 400 or (route in ONE_TIME_PAGES and status == 200)
        assert succeeded and not errors, f"{where}: the action did not succeed ({status}, {errors})"
        assert state_fingerprint() != before, f"{where}: allowed but nothing changed"
    elif method == "POST":
        assert state_fingerprint() == before, f"{where}: denied, yet state changed"


@pytest.mark.parametrize("route", list(MATRIX))
def test_other_methods_refused(route, cast, login):
    """Methods without a column in the matrix are refused outright (405), so the matrix is complete."""
    for (prepared_route, _method), prepare in PREPARE.items():
        if prepared_route == route:
            prepare(cast)
            break
    http = login(cast.chair)
    url = url_for(route, cast)
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        if method in MATRIX[route]:
            continue
        status = getattr(http, method.lower())(url).status_code
        assert status == 405, f"{method} {route} as chair gave {status}, expected 405"


# --- a closed case (ineen/access/policy.py, _writable): read-only for everyone ----------------------------
# The same routes with cast.case closed (within INEEN_CLOSED_CASE_READ_DAYS), for the roles with a relation
# to it. Rule: every POST is denied (D) and every GET keeps its row above, except the rows below: the chair
# reopens (and closing again is refused by the state machine, R); the forms that only exist to change the
# case are gone (D); referring and break-the-glass are not about writing through this case.

CLOSED_ROLES = ["chair", "director", "member", "expert"]
#                                                chair dir mem exp
CLOSED_CASE = {
    # i10-plan: the proposal form exists only to change the plan
    ("plans:change_new", "GET"): "D   D   D   D",
    ("web:case_reopen", "POST"): "A   D   D   D",
    ("web:case_close", "POST"): "R   D   D   D",
    # issue 10 (i10-direction): the follow-up check is the one write on a closed case besides reopening.
    ("web:case_followup", "GET"): "A   A   D   D",
    ("web:case_followup", "POST"): "A   A   D   D",
    ("web:handover_write", "GET"): "D   D   D   D",
    ("web:case_handover", "GET"): "D   D   D   D",
    ("web:triage_meeting_new", "POST"): "A   D   D   D",
    ("web:triage_meeting_outcome", "POST"): "A   D   D   D",
    ("web:referral_new", "POST"): "A   A   A   A",
    ("privacy:break_glass", "POST"): "R   R   R   R",
    # not about this case: one's own second factor; the chair's review of an emergency access to it (oversight
    # goes on after closure); the address form is one of the forms that only exist to change the case.
    ("web:mfa_enrolment_code", "POST"): "A   A   A   A",
    ("privacy:break_glass_review", "POST"): "A   D   D   D",
    ("privacy:address_edit", "GET"): "D   D   D   D",
    **{
        (route, "GET"): "D   D   D   D"
        for route in (
            "web:triage",
            "web:case_director",
            "web:team_add",
            "web:team_end",
            "web:household_add",
            "web:person_edit",
            "web:note_add",
            "web:attachment_add",
            "web:attachment_remove",
            "escalations:new",
            "escalations:breach_new",
            "conferences:schedule",
            "conferences:edit",
            "conferences:prepare",
            "conferences:prepare_overview",
            "privacy:dispute_raise",
            "privacy:dispute_answer",
            "conferences:client_talk",
            "conferences:client_attendance",
            "conferences:client_own_guide",
            "plans:action_wording",
            "plans:bottom_line_wording",
            "conferences:self_rating",
            "evaluations:professional",
            "evaluations:with_client",
            "portal:manage",
        )
    },
}


def closed_cells():
    for route, methods in MATRIX.items():
        for method, row in methods.items():
            open_row = dict(zip(ROLES, row.split(), strict=True))
            if (route, method) in CLOSED_CASE:
                expected = CLOSED_CASE[(route, method)].split()
            elif method == "POST":
                expected = ["D"] * len(CLOSED_ROLES)
            else:
                expected = [open_row[role] for role in CLOSED_ROLES]
            for role, outcome in zip(CLOSED_ROLES, expected, strict=True):
                yield pytest.param(route, method, role, outcome, open_row[role], id=f"closed-{route}-{method}-{role}")


@pytest.mark.parametrize(("route", "method", "role", "expected", "when_open"), list(closed_cells()))
def test_matrix_closed_case(route, method, role, expected, when_open, cast, login):
    where = f"{method} {route} as {role}, case closed"
    prepare = PREPARE.get((route, method))
    if prepare and prepare is not _closed:
        prepare(cast)
    user = getattr(cast, role)
    http = login(user)
    recently_reauthenticated(http, user)
    url = url_for(route, cast)  # makes the route's objects (a conference, an action) while the case is open
    data = POST_DATA[route](cast, user) if method == "POST" else None
    cast.case.refresh_from_db()
    if cast.case.state != CaseState.CLOSED:
        actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Afgerond.")
    cast.case.refresh_from_db()
    denials = AuditEvent.objects.filter(outcome=Outcome.DENIED).count()
    before = state_fingerprint()
    response = http.get(url) if method == "GET" else http.post(url, data)
    status = response.status_code
    if expected == "D":
        assert status == 404, f"unexpected allow: {where} gave {status}, expected 404"
        if when_open == "A":  # refused because the case is closed: audited like every refusal
            assert AuditEvent.objects.filter(outcome=Outcome.DENIED).count() > denials, f"{where}: not audited"
    elif expected == "R":
        assert status == 400, f"{where} gave {status}, expected the form's refusal (400)"
    else:
        assert 200 <= status < 400, f"unexpected deny: {where} gave {status}"
    if method == "POST" and expected != "A":
        assert state_fingerprint() == before, f"{where}: denied, yet state changed"


# --- a record recorded through a later case of the household (policy.household_scope_q) -------------------
# Routes that take a household member, asked through the EARLIER case (cast.case) for a member added through
# a later case: not found, for every role, the chair included (she sees it through the later case).

LATER_MEMBER_ROUTES = [
    ("web:person_edit", "GET"),
    ("web:person_edit", "POST"),
    ("privacy:transparency", "GET"),
    ("privacy:address_edit", "GET"),
    ("privacy:address_reveal", "GET"),
    ("privacy:subject_export", "GET"),
    ("conferences:client_report", "GET"),
    ("conferences:client_document", "GET"),
]


def _later_member(c):
    """A second case of cast.case's household, with a member (Carla) recorded through it; the chair and
    the case director guard her confidential address."""
    from ineen.households import actions as household_actions

    later = actions.submit_referral(
        actor=c.member,
        house=c.house,
        household_name="",
        people=[],
        answers={"summary": "Opnieuw."},
        existing_household=c.case.household,
    )
    carla = household_actions.save_record(
        case=later, record=Person(first_name="Carla", relationship="child"), actor=c.chair
    )
    privacy_actions.set_confidential_address(
        case=later, person=carla, address="Opvang 2", guardians=[c.chair, c.director], actor=c.chair
    )
    return carla


@pytest.mark.parametrize(("route", "method"), LATER_MEMBER_ROUTES)
@pytest.mark.parametrize("role", CLOSED_ROLES)
def test_matrix_later_case_member(route, method, role, cast, login):
    where = f"{method} {route} as {role}, member of a later case"
    carla = _later_member(cast)
    user = getattr(cast, role)
    http = login(user)
    recently_reauthenticated(http, user)
    kwargs = {"public_id": cast.case.public_id, "person_id": carla.public_id}
    if route in ("conferences:client_report", "conferences:client_document"):
        kwargs["public_id"] = _planned(cast).public_id
    if route == "conferences:client_document":
        kwargs["kind"] = "mijn-plan"
    url = reverse(route, kwargs=kwargs)
    before = state_fingerprint()
    response = http.get(url) if method == "GET" else http.post(url, POST_DATA[route](cast, user))
    assert response.status_code == 404, f"unexpected allow: {where} gave {response.status_code}"
    assert "Carla" not in response.content.decode(), where
    assert state_fingerprint() == before, where
