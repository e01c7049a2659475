"""Quotes: direct quotes with their speakers (named, pronouns, appositions), indirect quotes, bad input."""

from __future__ import annotations

import pytest

from sitreps.text.quotes import scan_quotes


def _direct(record):
    return [q for q in record.quotes if q.kind == "direct"]


def test_inverted_speaker_with_apposition_role(extract):
    text = ('"The windows came in on us while we slept," said Liudmyla, a 70-year-old resident of the building.')
    (q,) = _direct(extract(text))
    assert q.text == "The windows came in on us while we slept"
    assert q.speaker == "Liudmyla"
    assert q.speaker_role.startswith("resident")
    assert text[q.speaker_start:q.speaker_end].startswith("Liudmyla")


def test_pronoun_speaker_resolves_to_last_named_person_without_offsets(extract):
    text = ("Kremlin spokesperson Dmitry Peskov told reporters on Friday that the talks would not resume. "
            "\u201cThere is nothing to discuss,\u201d he said.")
    record = extract(text)
    (q,) = _direct(record)
    assert q.text == "There is nothing to discuss"
    assert q.speaker == "Dmitry Peskov"
    assert q.speaker_role == "Kremlin spokesperson"
    assert q.speaker_text is None and q.speaker_start is None and q.speaker_end is None
    indirect = [x for x in record.quotes if x.kind == "indirect"]
    assert indirect and indirect[0].speaker == "Dmitry Peskov"
    assert indirect[0].text == "that the talks would not resume"


def test_quote_split_around_its_cue_and_continued_in_next_paragraph(extract):
    text = ('"We ran to the corridor," said Olena Hrytsenko, who lives on the fifth floor. "Then the second '
            'bomb hit and the stairs were gone.\n\n"We waited for the rescuers for two hours."')
    quotes = _direct(extract(text))
    assert len(quotes) == 2
    assert all(q.speaker == "Olena Hrytsenko" for q in quotes)
    assert quotes[1].text.startswith("Then the second bomb hit")
    assert quotes[1].text.endswith("We waited for the rescuers for two hours.")


def test_nested_single_quotes_stay_inside_the_double_quote(extract):
    text = ("\u201cThe soldier told us, \u2018Go to the basement now,\u2019 and we ran,\u201d "
            "said Petro Melnyk, a farmer from the village.")
    (q,) = _direct(extract(text))
    assert "\u2018Go to the basement now,\u2019" in q.text
    assert q.speaker == "Petro Melnyk" and q.speaker_role == "farmer"


def test_unbalanced_quote_mark_invents_nothing(extract):
    text = ('The statement said "all units will hold their positions and the city remains under control.\n\n'
            "Shelling continued through the night in the eastern districts.")
    assert _direct(extract(text)) == []


def test_very_long_unclosed_quote_does_not_crash_or_emit(extract):
    body = "The line held and the men stayed where they were. " * 150
    text = "He said: \u201c" + body + "\n\nNo further details were given."
    assert _direct(extract(text)) == []


def test_unattributed_scare_quotes_are_not_quotes(extract):
    text = 'The so-called "filtration camps" were set up near the border last year.'
    assert _direct(extract(text)) == []


def test_partial_quote_keeps_the_speaker_of_its_cue(extract):
    text = 'Officials described the raid as a "complete success" and said the convoy had continued north.'
    (q,) = _direct(extract(text))
    assert q.text == "complete success" and q.speaker == "Officials"


def test_scan_quotes_straight_marks_and_apostrophes():
    text = "It's the army's \"last line,\" he said, and 'maybe' it is. \"Unclosed"
    spans = scan_quotes(text)
    assert [text[q.inner_start:q.inner_end] for q in spans] == ["last line,"]


def test_doubled_apostrophes_are_quotation_marks(extract):
    text = ("''We will not leave our homes,'' said Mykola Shevchuk, the head of the village council. "
            "The shelling went on all night.")
    (q,) = _direct(extract(text))
    assert q.text == "We will not leave our homes"
    assert q.speaker == "Mykola Shevchuk"


def test_quote_across_paragraphs_needs_an_opening_mark_to_continue():
    text = '"First part of the statement.\n\nThis paragraph is narration." Then more.'
    # the first paragraph never closes and the next one does not reopen: nothing is a quote
    spans = scan_quotes(text)
    assert all(text[q.start:q.end].count("\n") == 0 for q in spans)
    assert not any(text[q.inner_start:q.inner_end].startswith("First part") for q in spans)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("ab ,.\n\"“”‘’'`:") + ["said", " he ", "Ms. Kovalenko", "''"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_scan_quotes_never_invents_spans(text):
    for q in scan_quotes(text):
        assert 0 <= q.start < q.inner_start <= q.inner_end < q.end <= len(text)
        assert text[q.inner_start:q.inner_end].strip()


@settings(max_examples=25, deadline=None)
@given(st.lists(_ALPHABET, min_size=1, max_size=40).map("".join))
def test_quotes_stage_never_raises_and_keeps_offsets(extractor, text):
    from sitreps.stages.attribution import find_attributions
    from sitreps.stages.quotes import find_quotes

    doc = extractor.nlp(text)
    spans = scan_quotes(text)
    for m in find_quotes(doc, spans, find_attributions(doc, spans)):
        record = m.to_record(text)
        assert text[record.start:record.end] == record.text
        if record.speaker_start is not None:
            assert text[record.speaker_start:record.speaker_end] == record.speaker_text


# a text with one direct quote, and what its speaker must be
SPEAKERS = {
    "introduced_in_the_sentence_before": (
        "The mayor, Vitali Klitschko, wrote on Telegram:\n\n"
        "\u201cAll emergency services are working at the scene. Stay in shelters.\u201d",
        {"speaker": "Vitali Klitschko"}),
    "surname_gets_the_full_name_and_role_given_earlier": (
        "According to Oleh Kiper, the regional governor, rescue teams worked through the night. "
        "\u201cThe fire has been extinguished,\u201d Kiper wrote on Telegram.",
        {"speaker": "Oleh Kiper", "speaker_role": "regional governor", "speaker_text": "Kiper"}),
    "relative_pronoun_points_at_the_person": (
        'The strike was condemned by Olena Kovalenko, who said: "This is a crime against children."',
        {"speaker": "Olena Kovalenko", "speaker_text": "Olena Kovalenko"}),
    "she_prefers_the_woman_named_before_over_a_nearer_man": (
        "Olena Hrytsenko, a mother of two, stood outside the ruined shop. Her neighbour, Petro Melnyk, had already "
        'left for Kyiv. "We have nothing left here," she said.',
        {"speaker": "Olena Hrytsenko"}),
}


@pytest.mark.parametrize("text, expected", SPEAKERS.values(), ids=SPEAKERS.keys())
def test_the_direct_quote_has_its_speaker(extract, text, expected):
    (q,) = _direct(extract(text))
    assert {k: getattr(q, k) for k in expected} == expected


def test_curly_single_quotes_in_a_headline(extract):
    text = ("Zelensky: \u2018We will not give up the east\u2019\n\n"
            "Ukraine's president said on Sunday that his forces would hold the line.")
    record = extract(text)
    direct = _direct(record)
    assert [q.text for q in direct] == ["We will not give up the east"]
    assert direct[0].speaker == "Zelensky"


def test_apostrophes_are_not_single_quotes():
    text = "It\u2019s the army\u2019s problem, officials\u2019 statements said, and the \u201890s are over."
    assert scan_quotes(text) == []


@pytest.mark.parametrize("text", [
    "BAMAKO, Mali — Gunmen on motorbikes killed nine herders near a well on Sunday, a local official said.",
    "LAGOS, May 4 (Reuters) - Gunmen on motorbikes killed nine herders near a well on Sunday, a local official said.",
])
def test_reported_content_leaves_out_the_dateline(extract, text):
    quotes = [q for q in extract(text).quotes if q.speaker_role == "official" or "official" in (q.speaker or "")]
    assert quotes and quotes[0].text.startswith("Gunmen on motorbikes"), [q.text for q in extract(text).quotes]
