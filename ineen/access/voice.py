"""Who may write down a household member's own scores (issue 11, point 6: self-rating). Part of the
access policy (`policy` re-exports these), kept apart to keep policy.py readable.

- Before the meeting (conference planned): the case director or an involved professional of the active
  team, with the preparation talk — they know the family. Not the expert pool, not emergency access.
- At the meeting (conference live): the chair, at the scaling step.
- Never in a closed case. The client's own access (entered_by None) is decided by the portal, not here.
"""

from typing import Any

from ineen.cases.enums import TeamRole

CHAIR = "chair"  # policy.CHAIR (not imported: policy imports this module)


def may_record_self_rating(user: Any, conference: Any, relation: str | None) -> bool:
    from ineen.conferences.enums import ConferenceState

    from .policy import _writable

    if relation is None or not _writable(conference.case):
        return False
    if conference.state == ConferenceState.PLANNED:
        return relation in (TeamRole.CASE_DIRECTOR, TeamRole.PROFESSIONAL)
    if conference.state == ConferenceState.LIVE:
        return relation == CHAIR
    return False


def self_rating_channels_seen(relation: str | None) -> tuple[str, ...]:
    """Which household members' own scores a professional sees in the repeated measurement (issue 13):
    the channels (SelfRatingChannel values). Those who know the family -- the chair, the case director and
    involved professionals of the team (the ones who may write a score down) -- see every own score, with
    how it was given. The expert pool and emergency access see only what was said aloud at the table: a
    score from a preparation talk or through the client's own access was given to one trusted professional
    or alone, not to the meeting. Nobody else sees any."""
    from ineen.conferences.enums import SelfRatingChannel

    if relation in (CHAIR, TeamRole.CASE_DIRECTOR, TeamRole.PROFESSIONAL):
        return tuple(SelfRatingChannel.values)
    if relation is None:
        return ()
    return (SelfRatingChannel.AT_CONFERENCE,)
