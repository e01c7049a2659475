// The dashboard: filters and a brushed time range shared by the map, the timeline and the table;
// an incident opens in a side panel with its reports and evidence.
import "./style.css";
import { get } from "./api.js";
import { colour } from "./colours.js";
import { el, finished, fmt } from "./dom.js";
import { showIncident } from "./incident.js";
import { IncidentMap } from "./map.js";
import { IncidentTable } from "./table.js";
import { fillDays, rangeLabel, Timeline } from "./timeline.js";

const $ = (selector) => document.querySelector(selector);
const form = $("#filters");
const status = $("#status");
const panel = $("#incident");
let range = null;
let generation = 0;

/** The filters of the form as the API's query parameters (empty ones left out). */
function filters() {
  const data = new FormData(form);
  const chosen = {};
  for (const name of ["type", "country", "actor", "search"]) {
    const value = String(data.get(name) ?? "").trim();
    if (value) chosen[name] = value;
  }
  const confidence = Number(data.get("min_confidence"));
  if (confidence > 0) chosen.min_confidence = confidence;
  return chosen;
}

function report(error) {
  status.replaceChildren(el("span", { class: "error" }, error.message));
}

function open(id) {
  showIncident(panel, id, close);
}

function close() {
  panel.hidden = true;
  panel.replaceChildren();
}

const map = new IncidentMap($("#map"), { onOpen: open, onStatus: (text) => status.replaceChildren(text) });
const table = new IncidentTable($("#incidents tbody"), $("#more"), { onOpen: open });
const timeline = new Timeline($("#timeline"), { onRange: (chosen) => { range = chosen; refresh(); } });

async function drawTimeline(chosen) {
  const days = await get("/v1/stats", { ...chosen, by: "day" });
  const dated = days.data.filter((d) => d.key);
  const span = dated.length ? (Date.parse(dated[dated.length - 1].key) - Date.parse(dated[0].key)) / 86400000 : 0;
  if (span > 1500) {
    const weeks = await get("/v1/stats", { ...chosen, by: "week" });
    timeline.draw(fillDays(weeks.data, 7), 7, range);
  } else {
    timeline.draw(fillDays(days.data, 1), 1, range);
  }
}

/** Redraw everything under the current filters; the timeline shows every date, the rest only the brushed range. */
async function refresh() {
  const ticket = ++generation;
  const chosen = filters();
  const ranged = range ? { ...chosen, since: range[0], until: range[1] } : chosen;
  $("#range").replaceChildren(rangeLabel(range));
  $("#clear-range").hidden = !range;
  try {
    const [total] = await Promise.all([get("/v1/stats", { ...ranged, by: "type" }), drawTimeline(chosen), map.setFilters(ranged), table.setFilters(ranged)]);
    if (ticket !== generation) return;
    $("#count").replaceChildren(`${fmt(total.total.count)} incidents, ${fmt(total.total.fatalities)} killed`);
  } catch (error) {
    report(error);
  } finally {
    if (ticket === generation) finished("refreshed");
  }
}

async function options() {
  const [types, countries] = await Promise.all([get("/v1/stats", { by: "type" }), get("/v1/stats", { by: "country" })]);
  const typeSelect = form.elements.type;
  for (const item of types.data.filter((d) => d.key)) typeSelect.append(el("option", { value: item.key }, `${item.key} (${fmt(item.count)})`));
  const countrySelect = form.elements.country;
  for (const item of countries.data.filter((d) => d.key)) countrySelect.append(el("option", { value: item.key }, `${item.key} (${fmt(item.count)})`));
  $("#legend").replaceChildren(el("strong", {}, "Types"), ...types.data.filter((d) => d.key).map((d) =>
    el("span", { class: "legend-item" }, el("i", { style: `background:${colour(d.key)}` }), d.key)));
}

let typing = null;
form.addEventListener("input", (event) => {
  form.elements.confidence_out.value = Number(form.elements.min_confidence.value).toFixed(2);
  clearTimeout(typing);
  typing = setTimeout(refresh, event.target.type === "search" ? 300 : 0);
});
form.addEventListener("submit", (event) => { event.preventDefault(); refresh(); });
form.addEventListener("reset", () => setTimeout(() => { range = null; form.elements.confidence_out.value = "0.00"; refresh(); }, 0));
$("#clear-range").addEventListener("click", () => { range = null; refresh(); });
document.addEventListener("keydown", (event) => { if (event.key === "Escape" && !panel.hidden) close(); });
window.addEventListener("resize", () => { clearTimeout(typing); typing = setTimeout(refresh, 200); });

options().then(() => map.fit()).catch(report).finally(refresh);
