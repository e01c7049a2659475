"""Times: date expressions anchored on the publication date, and the date each event gets."""

from __future__ import annotations

from datetime import date

import pytest

from sitreps.record import Event, Trigger
from sitreps.text.mentions import EventAnchor
from sitreps.stages.times import TimeFinder
from sitreps.stages.times.dating import NOTE_FUTURE, NOTE_PUBLISHED, date_event

WED = date(2024, 6, 5)  # a Wednesday


@pytest.fixture(scope="module")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture(scope="module")
def finder():
    return TimeFinder()


def times(nlp, finder, text, ref=WED):
    exprs = finder(nlp(text), ref)
    for e in exprs:
        assert text[e.start:e.end] == e.text
    return exprs


def one(nlp, finder, text, needle, ref=WED):
    found = [e for e in times(nlp, finder, text, ref) if needle in e.text]
    assert found, f"no time expression with {needle!r} in {[e.text for e in times(nlp, finder, text, ref)]}"
    return found[0]


def span(e):
    return e.first.isoformat(), e.last.isoformat(), e.precision


# -- expressions ---------------------------------------------------------------------------

def test_overnight_is_the_night_ending_on_the_publication_day(nlp, finder):
    e = one(nlp, finder, "Russian drones attacked the port overnight, the navy said.", "overnight")
    assert span(e) == ("2024-06-04", "2024-06-05", "day")


def test_last_night_is_the_same_night(nlp, finder):
    e = one(nlp, finder, "Explosions were heard in the capital last night.", "last night")
    assert span(e) == ("2024-06-04", "2024-06-05", "day")


@pytest.mark.parametrize("text,needle,expected", [
    ("A shell hit the market on Tuesday, killing two.", "Tuesday", "2024-06-04"),
    ("The governor said on Wednesday that power was restored.", "Wednesday", "2024-06-05"),
    ("Rebels seized the town early on Sunday.", "Sunday", "2024-06-02"),
    ("Police opened fire on protesters last Friday.", "Friday", "2024-05-31"),
    ("The two ministers will meet on Thursday in Geneva.", "Thursday", "2024-06-06"),
    ("A ceasefire is expected to take effect on Saturday.", "Saturday", "2024-06-08"),
    ("Talks are scheduled for Monday.", "Monday", "2024-06-10"),
])
def test_weekdays_take_the_nearest_past_day_unless_the_clause_speaks_of_the_future(nlp, finder, text, needle, expected):
    e = one(nlp, finder, text, needle)
    assert e.first.isoformat() == expected
    assert e.precision == "day"
    assert e.future == (expected > WED.isoformat())


@pytest.mark.parametrize("text,needle,expected", [
    ("Two soldiers were killed yesterday near the border.", "yesterday", ("2024-06-04", "2024-06-04", "day")),
    ("The army said last week it had withdrawn.", "last week", ("2024-05-27", "2024-06-02", "week")),
    ("Fighting intensified earlier this month.", "earlier this month", ("2024-06-01", "2024-06-05", "month")),
    ("The village was shelled on March 3.", "March 3", ("2024-03-03", "2024-03-03", "day")),
    ("The bridge was destroyed in 2022.", "2022", ("2022-01-01", "2022-12-31", "year")),
    ("Clashes broke out in late May.", "May", ("2024-05-01", "2024-05-31", "month")),
    ("Three days ago, gunmen stormed a school.", "Three days ago", ("2024-06-02", "2024-06-02", "day")),
    ("The offensive began on 24 February 2022.", "24 February 2022", ("2022-02-24", "2022-02-24", "day")),
    ("Protests spread last year across the region.", "last year", ("2023-01-01", "2023-12-31", "year")),
])
def test_relative_and_absolute_dates(nlp, finder, text, needle, expected):
    assert span(one(nlp, finder, text, needle)) == expected


def test_a_date_without_a_year_is_put_in_the_nearest_year(nlp, finder):
    # published 5 January: "December 28" is last year's, "January 10" this year's
    ref = date(2025, 1, 5)
    assert one(nlp, finder, "The strike happened on December 28.", "December 28", ref).first == date(2024, 12, 28)
    assert one(nlp, finder, "Elections will be held on January 10.", "January 10", ref).first == date(2025, 1, 10)


def test_weekday_with_a_date_picks_the_year_where_they_agree(nlp, finder):
    e = one(nlp, finder, "The vote is set for Saturday, April 25.", "April 25", date(2026, 4, 20))
    assert e.first == date(2026, 4, 25) and e.first.weekday() == 5


def test_ages_durations_and_counts_are_not_dates(nlp, finder):
    text = ("A 71-year-old man was among the dead in the nine-story building, the latest blow in a four-year "
            "conflict that has displaced 2000 families over 18 months.")
    assert times(nlp, finder, text) == []


def test_may_the_verb_is_not_a_month(nlp, finder):
    assert times(nlp, finder, "Officials warned that the dam May collapse. The army may withdraw.") == []


def test_impossible_day_gives_no_date(nlp, finder):
    e = one(nlp, finder, "Witnesses said the raid took place on 31 February.", "31 February")
    assert e.kind == "invalid" and e.first is None and e.precision == "unknown"


def test_no_publication_date_leaves_relative_dates_unresolved(nlp, finder):
    exprs = times(nlp, finder, "Gunmen killed five people yesterday. The war began on 24 February 2022.", ref=None)
    by_text = {e.text: e for e in exprs}
    assert by_text["yesterday"].kind == "unresolved" and by_text["yesterday"].first is None
    assert by_text["24 February 2022"].first == date(2022, 2, 24)


def test_publication_date_in_the_future_is_only_an_anchor(nlp, finder):
    e = one(nlp, finder, "A missile hit the depot yesterday.", "yesterday", date(2031, 3, 1))
    assert e.first == date(2031, 2, 28)


def test_timeml_values(nlp, finder):
    text = ("Profit fell in the third quarter, after a strong 1990s. Last week the board met; "
            "now it expects results next year.")
    values = {e.text: e.value for e in times(nlp, finder, text, date(1998, 8, 7))}
    assert values["the third quarter"] == "1998-Q3"
    assert values["Last week"] == "1998-W31"
    assert values["now"] == "PRESENT_REF"
    assert values["next year"] == "1999"
    assert values["1990s"] == "199" or values.get("a strong 1990s") == "199"


# -- the stage and event dating ------------------------------------------------------------

def test_a_range_of_days_is_one_datable_expression(extractor):
    from sitreps.stages.times import TimeFinder, datable_times

    text = "Heavy fighting was reported between Monday and Wednesday around the city."
    doc = extractor.nlp(text)
    found = datable_times(TimeFinder(), doc, WED, [s.start_char for s in doc.sents])
    assert [(e.text, e.first, e.last) for e in found] == [("Monday and Wednesday", date(2024, 6, 3), WED)]
    assert text[found[0].start:found[0].end] == found[0].text


def _event(doc, trigger: str, n: int = 0):
    start = doc.text.index(trigger)
    tok = doc.char_span(start, start + len(trigger), alignment_mode="expand").root
    ev = Event(id=f"d#e{n}", plover="ASSAULT", acled_type=None, acled_subtype=None, summary="",
               trigger=Trigger(text=trigger, start=start, end=start + len(trigger)))
    sent = [i for i, s in enumerate(doc.sents) if s.start <= tok.i < s.end][0]
    return ev, EventAnchor(sents=[sent], tokens=[tok.i], start=tok.sent.start_char, end=tok.sent.end_char)


def _date_of(nlp, finder, text, trigger, ref=WED):
    doc = nlp(text)
    ev, anchor = _event(doc, trigger)
    starts = [s.start_char for s in doc.sents]
    return date_event(ev, anchor, finder(doc, ref), doc, ref, starts)


def test_event_takes_the_date_of_its_own_clause(nlp, finder):
    text = "A drone struck a fuel depot on Monday, and on Tuesday missiles hit a power plant."
    assert _date_of(nlp, finder, text, "struck").start == "2024-06-03"
    d = _date_of(nlp, finder, text, "hit")
    assert (d.start, d.text, d.confidence) == ("2024-06-04", "Tuesday", 0.9)


def test_event_without_a_date_in_its_sentence_takes_the_one_before(nlp, finder):
    text = "Russian forces launched a wave of attacks on Sunday. A missile destroyed a school in the suburbs."
    d = _date_of(nlp, finder, text, "destroyed")
    assert d.start == "2024-06-02" and d.text == "Sunday"
    assert d.confidence < 0.9


def test_background_dates_far_back_are_not_taken(nlp, finder):
    text = ("The war began in 2014. Thousands have fled since then. Aid groups are overwhelmed. "
            "Shops are closed. A shell killed a woman in the market.")
    d = _date_of(nlp, finder, text, "killed")
    assert (d.start, d.end) == ("2024-06-04", "2024-06-05") and d.text is None and d.note == NOTE_PUBLISHED
    assert d.start_char is None and d.end_char is None


def test_planned_event_carries_its_future_date(nlp, finder):
    d = _date_of(nlp, finder, "Peace talks are planned for Thursday in Istanbul.", "talks")
    assert d.start == "2024-06-06" and d.note == NOTE_FUTURE


def test_pipeline_dates_events_and_never_invents_a_date(extract):
    record = extract("Gunmen attacked a police checkpoint overnight, killing four officers.", published="2024-06-05")
    assert record.events, "the events stage found no event"
    d = record.events[0].date
    assert (d.start, d.end, d.precision, d.text) == ("2024-06-04", "2024-06-05", "day", "overnight")

    record = extract("Gunmen attacked a police checkpoint yesterday, killing four officers.", published=None)
    d = record.events[0].date
    assert d.start is None and d.precision == "unknown" and "no publication date" in d.note

    record = extract("Gunmen attacked a police checkpoint on 31 February, killing four officers.", published="2024-06-05")
    d = record.events[0].date
    assert d.start is None and d.precision == "unknown" and d.text == "31 February"


# -- robustness ----------------------------------------------------------------------------

@pytest.mark.parametrize("ref", [date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29), None])
def test_edge_of_calendar_reference_dates_do_not_crash(nlp, finder, ref):
    text = ("Overnight and yesterday, last week and next year, on Monday, on 29 February, three decades ago, "
            "the day after tomorrow, in the 21st century and the '90s, the fourth quarter, next spring.")
    found = times(nlp, finder, text, ref)
    assert len(found) >= 8
    for e in found:
        assert e.kind in ("date", "unresolved", "ref", "invalid")
        if e.first is not None:
            assert e.first <= (e.last or e.first)


_WORDS = ["on", "Monday", "last", "week", "March", "3", "31", "February", "2022", "overnight", "yesterday",
          "the", "third", "quarter", "ago", "two", "years", "May", "may", "between", "and", "earlier", "this",
          "month", "night", "'90s", "mid-2023", "Sept.", "the day before", ",", ".", "will", "killed", "said"]

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies


@hypothesis.settings(max_examples=60, deadline=None)
@hypothesis.given(st.lists(st.sampled_from(_WORDS), max_size=25),
                  st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))))
def test_any_word_salad_gives_valid_spans(nlp, finder, words, ref):
    text = " ".join(words)
    exprs = finder(nlp(text), ref)
    ends = [e.start for e in exprs]
    assert ends == sorted(ends)
    for a, b in zip(exprs, exprs[1:]):
        assert a.end <= b.start
    for e in exprs:
        assert text[e.start:e.end] == e.text and e.text.strip()


def test_weekday_counted_from_the_day_told_before(nlp, finder):
    text = "The convoy was ambushed on March 12. Troops had left the base the previous Friday."
    assert one(nlp, finder, text, "Friday").first == date(2024, 3, 8)


def test_past_24_hours_covers_the_day_before_publication(nlp, finder):
    e = one(nlp, finder, "Shelling killed seven civilians over the past 24 hours, officials said.", "24 hours")
    assert span(e) == ("2024-06-04", "2024-06-05", "day")


def test_date_of_a_statement_bounds_the_event_it_tells(nlp, finder):
    text = "Three soldiers were killed in an ambush near the border, the army said on Tuesday."
    d = _date_of(nlp, finder, text, "killed")
    assert (d.start, d.end, d.text) == ("2024-06-03", "2024-06-04", "Tuesday")


def test_a_date_told_before_a_closing_attribution_dates_the_event(nlp, finder):
    # "…, the governor reported" closes the sentence: the date belongs to what he reported
    text = "Russian troops shelled Vovchansk, a border town north of Kharkiv, on June 3, Governor Oleh Syniehubov reported."
    assert not one(nlp, finder, text, "June 3").reported
    d = _date_of(nlp, finder, text, "shelled")
    assert (d.start, d.end) == ("2024-06-03", "2024-06-03")


def test_the_day_before_counts_from_a_statement_day_when_nothing_else_is_told(nlp, finder):
    text = "On Tuesday, the army said it had pushed back an assault on the town the day before."
    assert one(nlp, finder, text, "the day before").first == date(2024, 6, 3)


def test_a_date_of_an_earlier_happening_does_not_date_the_clause(nlp, finder):
    # "the day before" dates the drone attack, not the strikes that followed it
    text = ("The army said on Sunday that it struck several targets in the west after a deadly drone attack "
            "by the rebels on the capital the day before.")
    d = _date_of(nlp, finder, text, "struck")
    assert (d.text, d.start, d.end) == ("Sunday", "2024-06-01", "2024-06-02")
    assert _date_of(nlp, finder, text, "attack").text == "the day before"


def test_lower_cased_wire_copy(nlp, finder):
    text = "police said the mob attacked the station on sunday and two officers were hurt on march 3."
    found = {e.text: e.first for e in times(nlp, finder, text)}
    assert found == {"sunday": date(2024, 6, 2), "march 3": date(2024, 3, 3)}


def test_relative_date_before_a_dash(nlp, finder):
    e = one(nlp, finder, "The deal was announced last week - a surprise to investors.", "last week")
    assert e.precision == "week"


def test_year_ranges_and_today_after_a_country_name(nlp, finder):
    text = "Crimes committed in the 1991-1995 war were discussed as the minister visited Russia today."
    found = {e.text: (e.first, e.last) for e in times(nlp, finder, text)}
    assert found["1991-1995"] == (date(1991, 1, 1), date(1995, 12, 31))
    assert found["today"] == (WED, WED)


def test_dateline_date_is_when_the_story_was_filed(nlp, finder):
    text = "GAZA, March 4 (Reuters) - An air strike killed nine people in a refugee camp, medics said."
    d = _date_of(nlp, finder, text, "killed", ref=date(2024, 3, 4))
    assert (d.start, d.end, d.text) == ("2024-03-03", "2024-03-04", "March 4")


def test_headline_event_takes_the_date_of_the_lead(nlp, finder):
    text = "Gunmen storm police post in northern town\n\nAt least four officers died when gunmen attacked a police post on Sunday night."
    d = _date_of(nlp, finder, text, "storm")
    assert d.start == "2024-06-02" and d.text == "Sunday night"


def test_names_and_neighbourhoods_are_not_dates(nlp, finder):
    text = "Theresa May condemned the attack. Fighting in the quarter left the old souk in ruins."
    assert times(nlp, finder, text) == []


def test_a_day_earlier_counts_from_the_event_not_from_the_statement(nlp, finder):
    text = ("Drones struck a fuel depot overnight, the governor said on Wednesday. "
            "A day earlier, shelling killed a man in the city.")
    e = one(nlp, finder, text, "A day earlier")
    assert e.first == date(2024, 6, 3)


def test_late_paragraph_event_takes_the_time_frame_of_the_lead(nlp, finder):
    text = ("Russian drones struck the port overnight, officials said. Firefighters worked for hours. "
            "The mayor visited the site. Schools stayed closed. Power was cut in two districts. "
            "In a village nearby, a drone hit a barn.")
    d = _date_of(nlp, finder, text, "hit")
    assert (d.start, d.end, d.text) == ("2024-06-04", "2024-06-05", "overnight")


SHELLING_STORY = ("Overnight shelling of the river port killed four people, officials said on Wednesday. "
                  "Firefighters put out the last flames early on Wednesday. "
                  "Two more people died in the old quarter, where a shell struck a bakery.")


def _dated_with_incidents(nlp, finder, text, triggers, which, ref=WED):
    from sitreps.stages.times.dating import incident_clauses

    doc = nlp(text)
    told = [_event(doc, t, n) for n, t in enumerate(triggers)]
    heads = incident_clauses(doc, [ev for ev, _ in told], {ev.id: a for ev, a in told})
    ev, anchor = told[triggers.index(which)]
    return date_event(ev, anchor, finder(doc, ref), doc, ref, [s.start_char for s in doc.sents], incident_heads=heads)


def test_an_undated_incident_takes_the_leads_frame_not_the_date_of_a_rescue(nlp, finder):
    d = _dated_with_incidents(nlp, finder, SHELLING_STORY, ["killed", "struck"], "struck")
    assert (d.start, d.text.lower()) == ("2024-06-04", "overnight")
    assert d.confidence < 0.9


def test_a_date_of_an_incident_just_before_still_beats_the_lead(nlp, finder):
    text = ("Overnight shelling of the river port killed four people, officials said. "
            "On Monday evening, a drone hit a school in the suburbs. "
            "A second drone destroyed a warehouse nearby.")
    d = _dated_with_incidents(nlp, finder, text, ["killed", "hit", "destroyed"], "destroyed")
    assert (d.start, d.text) == ("2024-06-03", "Monday evening")


def test_without_a_dated_incident_in_the_lead_the_date_before_is_kept(nlp, finder):
    text = ("The governor toured the river port on Monday. Firefighters put out the last flames early on Tuesday. "
            "A shell struck a bakery in the old quarter.")
    d = _dated_with_incidents(nlp, finder, text, ["struck"], "struck")
    assert (d.start, d.text) == ("2024-06-04", "early on Tuesday")


def test_pipeline_dates_an_undated_incident_by_the_lead_not_by_a_rescue(extract):
    rec = extract(SHELLING_STORY)
    later = [e for e in rec.events if e.trigger.start > SHELLING_STORY.index("Two more")]
    assert later
    for e in later:
        assert e.date.text and e.date.text.lower() == "overnight" and e.date.start == "2024-06-04"


def test_a_date_on_the_events_own_word_beats_a_nearer_date_of_its_clause(extract):
    # "last month" dates the charge's clause; "the Dec. 23 shooting" dates the shooting itself
    rec = extract("A Clarksburg man now faces a murder charge over a deadly shooting last month outside a motel. "
                  "Detectives had been searching for him since the Dec. 23 shooting outside the Riverside Inn.",
                  published="2015-01-01")
    shootings = [e for e in rec.events if e.acled_type == "Violence against civilians"]
    assert shootings, "no attack found"
    d = shootings[0].date
    assert (d.start, d.end, d.text) == ("2014-12-23", "2014-12-23", "Dec. 23")


def test_under_a_recent_lead_an_older_date_told_between_is_background(extract):
    text = ("Israeli air strikes across Gaza killed at least 40 people overnight, medics said.\n\n"
            "The army, whose campaign restarted in March after a truce collapsed, said it had hit militant targets.\n\n"
            "Israeli leaders say the fighting will go on until every hostage is freed.\n\n"
            "A rescuer said 22 people were killed when a strike hit a school in Khan Younis.")
    rec = extract(text, published="2025-05-26")
    school = [e for e in rec.events if e.trigger.start > text.index("A rescuer")]
    assert school, "the school strike was not found"
    assert (school[0].date.start, school[0].date.text) == ("2025-05-25", "overnight")


def test_a_date_in_a_since_clause_dates_the_start_of_a_period_not_the_event(nlp, finder):
    text = "Israeli jets struck the port of Hodeidah, the first strikes on Yemen since the war started in October."
    d = _date_of(nlp, finder, text, "struck")
    assert d.text != "October" and d.note == NOTE_PUBLISHED
    # a "since" on the event itself still says when it began
    d = _date_of(nlp, finder, "Fighting has raged in the town since Monday.", "Fighting")
    assert (d.start, d.text) == ("2024-06-03", "Monday")


def test_a_statement_date_is_the_one_nearest_the_events_own_trigger(nlp, finder):
    # one event told in two statements: Friday's about the rockets (its trigger), Thursday's about earlier attacks
    text = ("Early Friday, Hezbollah announced on Telegram that its fighters had targeted an Israeli army base near "
            "the border with a salvo of rockets. "
            "The group had claimed on Thursday that it launched several attacks on military posts.")
    doc = nlp(text)
    ev, anchor = _event(doc, "targeted")
    _, second = _event(doc, "attacks", 1)
    anchor = EventAnchor(sents=anchor.sents + second.sents, tokens=anchor.tokens + second.tokens, start=anchor.start, end=anchor.end)
    d = date_event(ev, anchor, finder(doc, date(2024, 9, 13)), doc, date(2024, 9, 13), [s.start_char for s in doc.sents])
    assert (d.start, d.end, d.text) == ("2024-09-12", "2024-09-13", "Early Friday")


_EARLIER = ("Militia fighters shelled the grain market in Tamor, killing six traders, a nurse said.\n\n"
            "In the capital, the ministry called the attack a crime.\n\n"
            "Separately, jets bombed a depot near Kessa, a pilot told reporters.\n\n"
            "{opening}, relief workers said that raiders had burned a village close to Tamor.")


@pytest.mark.parametrize("trigger", ["shelled", "bombed"])
def test_undated_acts_told_before_earlier_on_a_day_fell_on_that_day(nlp, finder, trigger):
    # "Earlier on Wednesday, …" says the acts told before it came later that same day
    d = _date_of(nlp, finder, _EARLIER.format(opening="Earlier on Wednesday"), trigger)
    assert (d.start, d.end, d.text) == ("2024-06-05", "2024-06-05", "Wednesday")


def test_a_later_paragraphs_day_without_earlier_dates_nothing_told_before_it(nlp, finder):
    d = _date_of(nlp, finder, _EARLIER.format(opening="On Tuesday"), "bombed")
    assert d.note == NOTE_PUBLISHED and (d.start, d.end) == ("2024-06-04", "2024-06-05")
