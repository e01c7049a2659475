"""The events stage's values: an event's figure of one kind, its weapons and its targets."""

from __future__ import annotations

from ...record import Count, Target, Weapon
from ...text.mentions import CasualtyMention, TargetMention, WeaponMention


def figure(mentions: list[CasualtyMention], text: str, others: tuple[CasualtyMention, ...] | list[CasualtyMention] = ()) -> Count | None:
    """The event's figure of one kind: the largest, with "N others" added to the figure
    before it; 0 from a negated mention only when there is no positive one."""
    positive = [m for m in mentions if not m.negated and m.value > 0]
    if not positive:
        neg = next((m for m in mentions if m.negated), None)
        if neg is None:
            return None
        return Count(value=0, qualifier="exact", text=neg.text, start=neg.start, end=neg.end)
    best: tuple[int, str, int, int] | None = None
    prev: CasualtyMention | None = None
    for m in sorted(positive, key=lambda m: m.start):
        value, start, end = m.value, m.start, m.end
        # "a teenager was injured and two others were hospitalized": 3; but in "two men were killed
        # and three other people were wounded" the others are others than the dead
        between = [o for o in others if prev is not None and prev.end <= o.start < m.start and o.kind != m.kind]
        if m.additional and prev is not None and prev.sent == m.sent and not prev.additional and m.token != prev.token and not between:
            value, start = prev.value + m.value, prev.start
        if best is None or value > best[0]:
            best = (value, m.qualifier, start, end)
        prev = m
    assert best is not None
    value, qual, start, end = best
    return Count(value=value, qualifier=qual, text=text[start:end], start=start, end=end)  # type: ignore[arg-type]


def weapon_lists(mentions: list[WeaponMention]) -> tuple[list[Weapon], list[Weapon]]:
    used: dict[str, Weapon] = {}
    downed: dict[str, Weapon] = {}
    for m in mentions:
        bucket = downed if m.intercepted else used
        w = Weapon(kind=m.kind, count=m.count, qualifier=m.qualifier, text=m.text, start=m.start, end=m.end)  # type: ignore[arg-type]
        have = bucket.get(m.kind)
        if have is None or (have.count is None and w.count is not None):
            bucket[m.kind] = w
    return list(used.values()), list(downed.values())


def dedupe_targets(mentions: list[TargetMention]) -> list[Target]:
    out: list[Target] = []
    seen: set[tuple[str, str]] = set()
    for m in mentions:
        key = (m.kind, m.text.lower())
        if key not in seen:
            seen.add(key)
            out.append(Target(kind=m.kind, text=m.text, start=m.start, end=m.end))
    return out
