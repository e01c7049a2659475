"""The mention types stages pass to one another through the context's slots
(:class:`sitreps.contract.Context`; the record is the contract with the outside world).

Every mention carries character offsets into the document text and the index of its sentence
in ``list(doc.sents)``:

=================  ==========================  ==================
slot               type                        written by stage
=================  ==========================  ==================
``casualties``     list[CasualtyMention]       numbers
``weapons``        list[WeaponMention]         numbers
``targets``        list[TargetMention]         numbers
``triggers``       list[TriggerMention]        triggers
``anchors``        dict[str, EventAnchor]      events  (event id -> where it is told)
``attributions``   list[AttributionMention]    attribution
``quote_spans``    list[QuoteSpan]             attribution (type in :mod:`sitreps.text.quotes`)
=================  ==========================  ==================
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Sequence

if TYPE_CHECKING:
    from ..record import Count


@dataclass
class CasualtyMention:
    kind: Literal["killed", "injured"]
    value: int
    qualifier: str  # exact | at_least | at_most | approx
    text: str
    start: int
    end: int
    sent: int
    negated: bool = False  # "no one was killed" -> value 0, negated True
    token: int | None = None  # index of the verb/noun the figure hangs on
    inclusive: bool = False  # injured figure counting everyone hit, killed or not ("four were shot, one fatally")
    additional: bool = False  # adds to a figure told just before ("two others were hurt")
    anaphoric: bool = False  # one victim named as someone told before ("he was wounded", "the boy")
    of_wounded: bool = False  # a death of someone told as hit before ("later died", "succumbed", "was pronounced dead")
    victim: str | None = None  # what the one victim counted is called, when it tells them apart ("16-year-old", "daughter")
    vague: bool = False  # a lower bound told by a word ("dozens dead", "several killed"): it tells no incident from another


def less_the_later_dead(injured: "Count | None", mentions: "Sequence[CasualtyMention]") -> "Count | None":
    """No injured figure when the one victim told as hit is told after it as having died of the
    wounds: "a young man with a gunshot wound … died later in hospital" is one
    killed, none injured (GVA and ACLED count each victim once). With more victims the later dead
    are as often others than the wounded counted ("three were wounded; a fourth man later died"),
    so larger figures stand."""
    if injured is None or injured.value != 1:
        return injured
    later = [m for m in mentions if m.kind == "killed" and not m.negated and m.start > injured.start]
    killed = {m.value for m in mentions if m.kind == "killed" and not m.negated}
    return None if killed == {1} and any(m.of_wounded for m in later) else injured


def told_dead(injured: CasualtyMention, mentions: "Sequence[CasualtyMention]") -> bool:
    """The one victim of an injured figure is told in another sentence as killed, under the same
    description: "has killed a 16-year-old" … "critically injured a 16-year-old" (an earlier
    report left in the page), "Child dies" … "a wounded child". One person, counted once."""
    return injured.victim is not None and any(
        m.kind == "killed" and m.value == 1 and m.victim == injured.victim and m.sent != injured.sent for m in mentions)


@dataclass
class WeaponMention:
    kind: str  # sitreps.record.WEAPON_KINDS
    count: int | None
    qualifier: str | None
    text: str
    start: int
    end: int
    sent: int
    intercepted: bool = False  # "shot down 40 of 50 drones": the 40, kind drone
    launched: int | None = None  # the "50" of "40 of 50", when given


@dataclass
class TargetMention:
    kind: str  # sitreps.record.TARGET_KINDS
    text: str
    start: int
    end: int
    sent: int


@dataclass
class TriggerMention:
    text: str
    start: int
    end: int
    sent: int
    token: int  # spaCy token index of the trigger head
    plover: str
    acled_type: str | None
    acled_subtype: str | None
    score: float = 0.5
    negated: bool = False
    hypothetical: bool = False  # threatened / plans / would / could
    future: bool = False
    consequence: bool = False  # tells only what an incident did ("were killed"), not the act: set by the triggers stage
    answered: bool = False  # the earlier act an answer names ("in retaliation for the strike"): set by the triggers stage
    #: an earlier act of another side ("struck the town after a raid by the militia"): set by the triggers stage
    earlier: bool = False


@dataclass
class EventAnchor:
    """Where an event is told: the sentences and the trigger tokens of every mention merged into it."""

    sents: list[int] = field(default_factory=list)
    tokens: list[int] = field(default_factory=list)
    start: int = 0  # char span of the first clause that tells it
    end: int = 0
    summary_of: list[str] = field(default_factory=list)  # for a lead event: ids of the detailed events it sums up
    place: int | None = None  # char start of the place the event is at when its clause lists several ("in Nyala and El Geneina")


@dataclass(frozen=True)
class AttributionMention:
    """One attribution relation: character spans of source, cue and content, plus how it was found."""

    cue_start: int
    cue_end: int
    source_start: int | None
    source_end: int | None
    content_start: int | None
    content_end: int | None
    kind: str  # speech | reaction | evidence | belief | according | hedge
    lemma: str
    hedged: bool
    direct: bool  # the content is (or holds) a quotation
    sent: int
    cue_token: int
    source_tokens: tuple[int, int] | None = None  # token span [start, end) of the source mention

    @property
    def phrase(self) -> tuple[int, int]:
        """The attributing phrase: source and cue together ("regional governor X said")."""
        if self.source_start is None or self.source_end is None:
            return self.cue_start, self.cue_end
        return min(self.source_start, self.cue_start), max(self.source_end, self.cue_end)

    def holds(self, start: int, end: int) -> bool:
        return self.content_start is not None and self.content_end is not None and self.content_start <= start and end <= self.content_end
