"""Deaths and injuries caused by a hazard, a crash, disease or hunger are no one's violence: no
violent event, no invented conflict toll; the same words beside a real attack change nothing."""

from __future__ import annotations

import pytest

from sitreps.evaluation.labels import is_violent

NOT_VIOLENCE = [
    "A strong earthquake on the main island of Java killed eight people, including a woman whose motorcycle was hit by "
    "falling rocks, and damaged more than 1,300 buildings, officials said.",
    "The death toll climbed to 66 on Friday after torrential rains and heavy floods hit parts of Japan.",
    "A tsunami following a volcanic eruption killed 222 people and injured 800 more as it slammed into tourist beaches.",
    "A man had to be airlifted to hospital after sustaining life-changing injuries in a serious crash near the town.",
    "Several people were injured on Monday after the volcano erupted off the east coast.",
    "Three children died of cholera in the camp last week.",
]


@pytest.mark.parametrize("text", NOT_VIOLENCE)
def test_a_toll_of_a_hazard_is_no_violent_event(extractor, text):
    record = extractor(text, published="2019-01-01")
    assert not [e for e in record.events if is_violent(e)]


@pytest.mark.parametrize("text, killed", [
    ("Gunmen killed five people in a village hit by floods last year.", 5),
    ("Floods hit the region on Monday as militants attacked a village, killing five people.", 5),
    ("Two soldiers died in a helicopter crash, the army said, while a drone strike killed three civilians in Kherson.", 3),
    ("A man was airlifted to hospital after being shot in the chest on Friday.", 0),
])
def test_violence_told_beside_a_hazard_stays(extractor, text, killed):
    violent = [e for e in extractor(text, published="2019-01-01").events if is_violent(e)]
    assert len(violent) == 1
    assert (violent[0].fatalities.value if violent[0].fatalities else 0) == killed
