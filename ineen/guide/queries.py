"""Reading the guide: the current version, a phase's items as a tree, a meeting's default parts."""

from dataclasses import dataclass, field

from django.db.models import Q

from .enums import Phase
from .models import GuideItem, GuidePhaseIntro, GuideVersion


@dataclass
class GuideNode:
    """One guide item with its sub-items, in guide order."""

    item: GuideItem
    children: list["GuideNode"] = field(default_factory=list)


def current_version():
    """The current GuideVersion, or None when no guide is loaded."""
    return GuideVersion.objects.filter(is_current=True).first()


def _phase_q(phase, include_before):
    phase = Phase(phase)
    return Q(phase=phase) | Q(phase="") if include_before else Q(phase=phase)


def items_for(version, phase, *, include_before=True, only=None):
    """The items for a meeting in `phase` as a tree: top-level items (Vooraf first, then beeldvorming,
    schaalvraag, oordeelsvorming, besluitvorming) each with its children, all in guide order.

    `only`: top-level items (or their ids) to keep, e.g. a conference's chosen items; their children
    always come along.
    """
    items = list(GuideItem.objects.filter(_phase_q(phase, include_before), version=version).order_by("order"))
    nodes = {item.pk: GuideNode(item) for item in items}
    keep = None if only is None else {getattr(x, "pk", x) for x in only}
    roots = []
    for item in items:
        node = nodes[item.pk]
        if item.parent_id is None:
            if keep is None or item.pk in keep:
                roots.append(node)
        elif item.parent_id in nodes:
            nodes[item.parent_id].children.append(node)
    return roots


def default_selection(version, phase):
    """A sensible default set of parts for a meeting of `phase`: every top-level item of that phase
    (all four steps, so besluitvorming is never left out) plus the Vooraf items. The chair narrows it
    down to the meeting's goal; children of a chosen item always come along."""
    return GuideItem.objects.filter(_phase_q(phase, True), version=version, parent__isnull=True).order_by("order")


def phase_intro(version, phase):
    """The phase's title and Doelstelling in this version (None if the version has none)."""
    return GuidePhaseIntro.objects.filter(version=version, phase=Phase(phase)).first()


def item_by_key(version, key):
    """The item with this stable key in this version, or None."""
    return GuideItem.objects.filter(version=version, key=key).first()
