"""PolNeAR (political news attribution relations): attribution sources and quote speakers.

Metrics, each over every annotated attribution of the text (not only those of events):

* ``source_f1`` / ``source_f1_exact``: a found attribution is right when its cue overlaps the cue
  of a gold attribution (the pairing BBC's Citron uses) and its source span overlaps (exactly
  equals) that attribution's source; gold relations without a source are left out, and so are
  found ones without a source. Precision over found relations, recall over gold ones.
* ``cue_f1``: cue overlap alone (is the relation found at all).
* ``quote_speaker_accuracy``: over gold direct quotes with a source, the share for which the
  quote we emit over that content names a speaker whose mention overlaps the gold source, or
  whose normalised name equals it. A quote we do not find counts as wrong.
"""

from __future__ import annotations

import re
from typing import Any

from ...stages.attribution import EVIDENCE, SPEECH, find_attributions
from ...stages.quotes import find_quotes
from ...text.quotes import scan_quotes
from ..harness import EvalContext, EvalResult, register

Spans = list[tuple[int, int]]


def _spans(part: dict[str, Any] | None) -> Spans:
    if not part:
        return []
    return [(int(s), int(e)) for s, e in part.get("spans") or []]


def _overlap(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _strip(spans: Spans, text: str) -> Spans:
    out = []
    for s, e in spans:
        while s < e and (text[s].isspace() or text[s] in ",;:"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
            e -= 1
        out.append((s, e))
    return out


def _same_span(a: Spans, b: Spans, text: str) -> bool:
    return sorted(_strip(a, text)) == sorted(_strip(b, text))


_TITLE = re.compile(r"^(mr|mrs|ms|dr|sen|rep|gov|gen|president|senator)\.?\s+", re.I)


def _norm_name(name: str | None) -> str:
    if not name:
        return ""
    name = re.sub(r"[’']s$", "", name.strip(" ,.;:")).strip()
    name = _TITLE.sub("", name)
    parts = name.lower().split()
    return parts[-1] if parts else ""


@register("polnear_test")
def evaluate(ctx: EvalContext) -> EvalResult:
    rows = ctx.jsonl("polnear_test.jsonl")
    texts = [r["text"] for r in rows]
    nlp_ex = ctx.extractor(stages=[])
    tp_exact = tp_over = found = gold_total = 0
    fn_exact = fn_over = 0
    cue_tp = cue_found = cue_gold_hit = cue_gold = 0
    quote_total = quote_right = quote_found = 0
    report_total = report_hit = 0  # gold relations whose cue is a verb of saying/reporting
    misses: list[dict[str, Any]] = []
    for row, doc in zip(rows, ctx.track(ctx.parse(texts, nlp_ex), total=len(rows), what="attributions")):
        text = row["text"]
        spans = scan_quotes(text)
        pred = find_attributions(doc, spans)
        gold = row["attributions"]
        gold_cues = [_spans(g.get("cue")) for g in gold]
        # cue-level detection
        for m in pred:
            cue_found += 1
            if any(_overlap([(m.cue_start, m.cue_end)], gc) for gc in gold_cues):
                cue_tp += 1
        for gc in gold_cues:
            if gc:
                cue_gold += 1
                if any(_overlap([(m.cue_start, m.cue_end)], gc) for m in pred):
                    cue_gold_hit += 1
        # source spans, paired by cue
        gold_src = [(g, _spans(g.get("cue")), _spans(g.get("source"))) for g in gold if g.get("source")]
        pred_src = [m for m in pred if m.source_start is not None and m.source_end is not None]
        for m in pred_src:
            found += 1
            mine = [(m.source_start, m.source_end)]
            paired = [gs for _, gc, gs in gold_src if _overlap([(m.cue_start, m.cue_end)], gc)]
            if any(_same_span(mine, gs, text) for gs in paired):
                tp_exact += 1
            if any(_overlap(mine, gs) for gs in paired):
                tp_over += 1
        for g, gc, gs in gold_src:
            gold_total += 1
            paired = [m for m in pred_src if _overlap([(m.cue_start, m.cue_end)], gc)]
            cue_span = doc.char_span(gc[0][0], gc[0][1], alignment_mode="expand") if gc else None
            if cue_span is not None and any(t.lemma_.lower() in SPEECH or t.lemma_.lower() in EVIDENCE or t.lower_ == "according" for t in cue_span):
                report_total += 1
                report_hit += any(_overlap([(m.source_start, m.source_end)], gs) for m in paired)
            if not any(_same_span([(m.source_start, m.source_end)], gs, text) for m in paired):
                fn_exact += 1
            if not any(_overlap([(m.source_start, m.source_end)], gs) for m in paired):
                fn_over += 1
                if len(misses) < 40:
                    misses.append({"id": row["id"], "cue": (g.get("cue") or {}).get("text"), "source": g["source"]["text"],
                                   "found": [text[m.source_start:m.source_end] for m in paired]})
        # direct quotes and their speakers
        quotes = [q for q in find_quotes(doc, spans, pred) if q.kind == "direct"]
        for g, gc, gs in gold_src:
            if not g.get("is_direct_quote"):
                continue
            quote_total += 1
            content = _spans(g.get("content"))
            cands = [q for q in quotes if _overlap([(q.start, q.end)], content)]
            if not cands:
                continue
            quote_found += 1
            q = max(cands, key=lambda q: sum(max(0, min(q.end, e) - max(q.start, s)) for s, e in content))
            right = False
            mentions = [(q.source_start, q.source_end)]
            if q.attribution is not None:  # the mention as written ("who"), besides the one it stands for
                mentions.append((q.attribution.source_start, q.attribution.source_end))
            if any(s is not None and e is not None and _overlap([(s, e)], gs) for s, e in mentions):
                right = True
            elif q.speaker is not None and q.speaker.name and _norm_name(q.speaker.name) == _norm_name(g["source"]["text"]):
                right = True
            quote_right += right
    p_exact = tp_exact / found if found else 0.0
    r_exact = (gold_total - fn_exact) / gold_total if gold_total else 0.0
    p_over = tp_over / found if found else 0.0
    r_over = (gold_total - fn_over) / gold_total if gold_total else 0.0
    f_exact = 2 * p_exact * r_exact / (p_exact + r_exact) if p_exact + r_exact else 0.0
    f_over = 2 * p_over * r_over / (p_over + r_over) if p_over + r_over else 0.0
    cue_p = cue_tp / cue_found if cue_found else 0.0
    cue_r = cue_gold_hit / cue_gold if cue_gold else 0.0
    metrics = {
        "source_f1": f_over,
        "source_precision": p_over,
        "source_recall": r_over,
        "source_f1_exact": f_exact,
        "cue_f1": 2 * cue_p * cue_r / (cue_p + cue_r) if cue_p + cue_r else 0.0,
        "quote_speaker_accuracy": quote_right / quote_total if quote_total else 0.0,
        "direct_quote_recall": quote_found / quote_total if quote_total else 0.0,
    }
    details = {
        "gold_sourced_attributions": gold_total, "found_sourced_attributions": found,
        "cue_precision": cue_p, "cue_recall": cue_r, "gold_direct_quotes": quote_total,
        "source_recall_reporting_cues": report_hit / report_total if report_total else 0.0,
        "gold_with_reporting_cue": report_total,
        "published": {"citron_speaker_f1_overlap": 0.853, "citron_speaker_f1_exact": 0.820},
        "source_misses": misses,
    }
    return EvalResult(dataset="polnear_test", n=len(rows), metrics=metrics, details=details)
