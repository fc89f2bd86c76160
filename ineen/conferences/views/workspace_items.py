"""Live workspace views for everyone's own items: contributions, the brainstorm's priorities and notes,
with corrections and withdrawal (see views/workspace.py)."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ineen.access import policy
from ineen.audit.models import Action

from .. import live, live_state
from .. import live_forms as f
from ..enums import BRAINSTORM_KINDS
from ..models import ConferenceNote, Contribution
from .workspace_common import (
    CHAIR,
    TAKE_PART,
    _act,
    _load,
    _rebound,
)

# --- contributions and priorities --------------------------------------------------


@require_POST
@login_required
@policy.access_rule(TAKE_PART)
def workspace_contribution(request, public_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.CREATE)
    conference, relation = access.conference, access.relation
    idea = request.POST.get("kind") in BRAINSTORM_KINDS
    form = (
        f.IdeaForm(request.POST, auto_id="ws-idea-%s")
        if idea
        else f.ContributionForm(request.POST, auto_id="ws-contribution-%s")
    )
    return _act(
        request,
        conference,
        relation,
        region="idea-form" if idea else "contribution-form",
        key="idea" if idea else "contribution",
        form=form,
        message=_("Uw inbreng is toegevoegd."),
        run=lambda d: live.add_contribution(conference=conference, actor=access.actor, **d),
    )


@require_POST
@login_required
@policy.access_rule(CHAIR)
def workspace_priority(request, public_id, item_id):
    access = _load(request, public_id, allow=policy.may_chair_conference, action=Action.UPDATE)
    conference, relation = access.conference, access.relation
    idea = Contribution.objects.filter(conference=conference, public_id=item_id, kind__in=BRAINSTORM_KINDS).first()
    if idea is None or not policy.may_see_item(request.user, idea):
        raise access.refuse(reason="unknown or unreadable idea", object_type="contribution", object_id=item_id)
    idea.conference = conference
    auto_id = f"ws-idea-{idea.pk}-%s"

    def conflict(c):
        current = c.current
        return {
            f"idea-{idea.pk}": _rebound(f.PriorityForm, request, version=current.version, auto_id=auto_id),
            f"idea-{idea.pk}-current": current,
        }

    return _act(
        request,
        conference,
        relation,
        region="ideas",
        key=f"idea-{idea.pk}",
        on_conflict=conflict,
        form=f.PriorityForm(request.POST, auto_id=auto_id),
        message=_("De prioriteit is opgeslagen."),
        run=lambda d: live.set_priority(contribution=idea, actor=access.actor, seen_version=d.pop("version"), **d),
    )


# --- notes -----------------------------------------------------------------------------------------


@require_POST
@login_required
@policy.access_rule(TAKE_PART)
def workspace_note(request, public_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.CREATE)
    conference, relation = access.conference, access.relation
    view = live_state.view_for(conference, request.POST.get("weergave"))
    if view.notes_step is None:
        raise access.refuse(reason="no notes in this view", object_type="conference_note")
    _people, _clients, parts = live_state.participants(conference)
    form = f.NoteForm(request.POST, parts=parts or list(conference.parts.all()), auto_id="ws-newnote-%s")
    return _act(
        request,
        conference,
        relation,
        region="note-form",
        key="note",
        form=form,
        message=_("De aantekening is opgeslagen."),
        run=lambda d: live.add_note(conference=conference, actor=access.actor, step=view.notes_step, **d),
    )


@require_POST
@login_required
@policy.access_rule("get_conference + may_take_part + may_edit_note (the author or the chair)")
def workspace_note_edit(request, public_id, note_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.UPDATE)
    conference, relation = access.conference, access.relation
    note = _own_note(request, access, note_id)
    auto_id = f"ws-note-{note.pk}-%s"

    def conflict(c):
        return {
            f"note-{note.pk}": _rebound(f.NoteEditForm, request, version=c.current.version, auto_id=auto_id),
            f"note-{note.pk}-current": c.current,
        }

    return _act(
        request,
        conference,
        relation,
        region="notes",
        key=f"note-{note.pk}",
        on_conflict=conflict,
        form=f.NoteEditForm(request.POST, auto_id=auto_id),
        message=_("De aantekening is bijgewerkt."),
        run=lambda d: live.update_note(note=note, actor=access.actor, seen_version=d["version"], text=d["text"]),
    )


def _own_note(request, access, note_id):
    """The note `note_id` of this conference, when this user may read it and change it (author or chair,
    policy.may_edit_note); an audited refusal otherwise."""
    note = ConferenceNote.objects.filter(conference=access.conference, public_id=note_id).first()
    if (
        note is None
        or not policy.may_see_item(request.user, note)
        or not policy.may_edit_note(request.user, note, access.relation)
    ):
        raise access.refuse(reason="unknown, unreadable or not the author", object_type="conference_note")
    note.conference = access.conference
    return note


def _own_contribution(request, access, item_id):
    """The contribution `item_id` of this conference, when this user may read it and correct it (author
    or chair, policy.may_edit_contribution); an audited refusal otherwise."""
    conference, relation = access.conference, access.relation
    item = Contribution.objects.filter(conference=conference, public_id=item_id).first()
    if (
        item is None
        or not policy.may_see_item(request.user, item)
        or not policy.may_edit_contribution(request.user, item, relation)
    ):
        raise access.refuse(reason="unknown, unreadable or not the author", object_type="contribution")
    item.conference = conference
    return item


def _contribution_region(item):
    return "ideas" if item.kind in BRAINSTORM_KINDS else "contributions"


@require_POST
@login_required
@policy.access_rule("get_conference + may_take_part + may_edit_contribution (the author or the chair)")
def workspace_contribution_edit(request, public_id, item_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.UPDATE)
    conference, relation = access.conference, access.relation
    item = _own_contribution(request, access, item_id)
    auto_id = f"ws-item-{item.pk}-%s"

    def conflict(c):
        return {
            f"item-{item.pk}": _rebound(
                f.ContributionEditForm, request, version=c.current.version if c.current else 0, auto_id=auto_id
            ),
            f"item-{item.pk}-current": c.current or "withdrawn",
        }

    return _act(
        request,
        conference,
        relation,
        region=_contribution_region(item),
        key=f"item-{item.pk}",
        on_conflict=conflict,
        form=f.ContributionEditForm(request.POST, auto_id=auto_id),
        message=_("Uw inbreng is bijgewerkt."),
        run=lambda d: live.update_contribution(
            contribution=item, actor=access.actor, seen_version=d["version"], text=d["text"]
        ),
    )


@require_POST
@login_required
@policy.access_rule("get_conference + may_take_part + may_edit_contribution (the author or the chair)")
def workspace_contribution_withdraw(request, public_id, item_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.DELETE)
    conference, relation = access.conference, access.relation
    item = _own_contribution(request, access, item_id)
    return _act(
        request,
        conference,
        relation,
        region=_contribution_region(item),
        key=f"withdraw-{item.pk}",
        form=f.WithdrawForm(request.POST),
        message=_("De inbreng is ingetrokken."),
        run=lambda d: live.withdraw_contribution(contribution=item, actor=access.actor, seen_version=d["version"]),
    )


@require_POST
@login_required
@policy.access_rule("get_conference + may_take_part + may_edit_note (the author or the chair)")
def workspace_note_withdraw(request, public_id, note_id):
    access = _load(request, public_id, allow=policy.may_take_part, action=Action.DELETE)
    conference, relation = access.conference, access.relation
    note = _own_note(request, access, note_id)
    return _act(
        request,
        conference,
        relation,
        region="notes",
        key=f"withdraw-{note.pk}",
        form=f.WithdrawForm(request.POST),
        message=_("De aantekening is ingetrokken."),
        run=lambda d: live.withdraw_note(note=note, actor=access.actor, seen_version=d["version"]),
    )
