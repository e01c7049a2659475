// One incident: its figures by source, its reports, and each report's article with the evidence of
// every extracted value highlighted. The article text is split at the evidence offsets and every piece
// is added as a text node, so markup in an article is shown, never run.
import { get, incidentPath } from "./api.js";
import { clear, el, fmt, link } from "./dom.js";

/** The kind of value a piece of evidence is for: "actors[1]" -> "actors", "location" -> "location". */
export function kindOf(field) {
  return String(field).replace(/\[.*$/, "").replace(/\..*$/, "").replace(/[^a-z_]/gi, "");
}

/** ``text`` cut at every evidence boundary: [{text, fields}] where ``fields`` lists the evidence covering that piece. */
export function segments(text, evidence) {
  const spans = evidence.filter((e) => Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.end <= text.length && e.start < e.end);
  const cuts = new Set([0, text.length]);
  for (const e of spans) { cuts.add(e.start); cuts.add(e.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    pieces.push({ text: text.slice(a, b), fields: spans.filter((e) => e.start <= a && e.end >= b).map((e) => e.field) });
  }
  return pieces;
}

function article(event) {
  const doc = event.document;
  const evidence = event.evidence ?? [];
  const body = el("p", { class: "article" });
  for (const piece of segments(doc.text ?? "", evidence)) {
    if (!piece.fields.length) { body.append(piece.text); continue; }
    const kinds = [...new Set(piece.fields.map(kindOf))];
    body.append(el("mark", { class: `evidence ${kinds.map((k) => `ev-${k}`).join(" ")}`, title: piece.fields.join(", "),
      "data-fields": piece.fields.join(" ") }, piece.text));
  }
  const legend = el("ul", { class: "evidence-list" }, evidence.map((e) =>
    el("li", {}, el("span", { class: `field ev-${kindOf(e.field)}` }, e.field), " ", el("q", {}, e.text))));
  return el("article", { class: "report", "data-event": event.id },
    el("h3", {}, link(doc.url, doc.title || doc.id)),
    el("p", { class: "meta" }, [doc.source, doc.published && `published ${doc.published}`, `event ${event.id}`,
      event.attribution?.source && `according to ${event.attribution.source}`].filter(Boolean).join(" · ")),
    body, el("details", {}, el("summary", {}, `${evidence.length} pieces of evidence`), legend));
}

function figures(incident) {
  const rows = (incident.figures ?? []).map((f) => el("tr", {},
    el("td", {}, f.kind), el("td", { class: "num" }, fmt(f.value)), el("td", {}, f.qualifier ?? ""),
    el("td", {}, f.source ?? "unattributed"), el("td", {}, f.published ?? ""), el("td", {}, f.evidence ? el("q", {}, f.evidence) : "")));
  return el("table", { class: "figures" },
    el("thead", {}, el("tr", {}, ["Figure", "Value", "Qualifier", "Source", "Published", "Evidence"].map((h) => el("th", {}, h)))),
    el("tbody", {}, rows));
}

function range(value) {
  if (!value) return "none reported";
  return value.low === value.high ? fmt(value.best) : `${fmt(value.best)} (reports say ${fmt(value.low)} to ${fmt(value.high)})`;
}

export async function showIncident(panel, id, onClose) {
  clear(panel).hidden = false;
  panel.append(el("p", {}, "Loading…"));
  let incident;
  try {
    incident = await get(incidentPath(id));
  } catch (error) {
    clear(panel).append(el("button", { type: "button", class: "close", onclick: onClose }, "Close"), el("p", { class: "error" }, error.message));
    return;
  }
  const where = incident.location;
  clear(panel).append(
    el("button", { type: "button", class: "close", onclick: onClose, "aria-label": "Close" }, "×"),
    el("h2", {}, incident.summary ?? incident.id),
    el("dl", {},
      el("dt", {}, "When"), el("dd", {}, incident.date ? `${incident.date.start}${incident.date.end !== incident.date.start ? ` to ${incident.date.end}` : ""}` : "undated"),
      el("dt", {}, "Where"), el("dd", {}, where ? [where.name, where.admin1, where.country].filter(Boolean).join(", ") : "unknown"),
      el("dt", {}, "Type"), el("dd", {}, [incident.plover, incident.acled_type, incident.acled_subtype].filter(Boolean).join(" · ")),
      el("dt", {}, "Actors"), el("dd", {}, (incident.actors ?? []).join(", ")),
      el("dt", {}, "Killed"), el("dd", {}, range(incident.killed)),
      el("dt", {}, "Injured"), el("dd", {}, range(incident.injured))),
    el("h3", {}, "Figures by source"), figures(incident),
    el("h3", {}, `Reports (${incident.n_reports} from ${incident.n_documents} articles)`),
    el("ol", { class: "reports" }, (incident.reports ?? []).map((r) => el("li", {}, r.published ?? "", " ", link(r.url, r.title || r.document_id)))),
    el("h3", {}, "Articles, with the evidence of every value"),
    ...(incident.events ?? []).map(article));
  panel.scrollTop = 0;
}
