// The table of incidents under the current filters, newest first, a page at a time (the API's cursor).
import { get } from "./api.js";
import { colour } from "./colours.js";
import { clear, el, fmt } from "./dom.js";

const PAGE = 100;

function figure(value) {
  if (!value) return "";
  return value.low !== value.high ? `${fmt(value.best)} (${fmt(value.low)}–${fmt(value.high)})` : fmt(value.best);
}

export class IncidentTable {
  constructor(body, more, { onOpen }) {
    this.body = body;
    this.more = more;
    this.onOpen = onOpen;
    this.cursor = null;
    this.request = 0;
    more.addEventListener("click", () => this.page(false));
  }

  setFilters(filters) {
    this.filters = filters;
    return this.page(true);
  }

  async page(first) {
    const ticket = first ? ++this.request : this.request;
    const params = { ...this.filters, limit: PAGE };
    if (!first) params.cursor = this.cursor;
    const answer = await get("/v1/incidents", params);
    if (ticket !== this.request) return;
    if (first) clear(this.body);
    for (const incident of answer.data) this.body.append(this.row(incident));
    this.cursor = answer.next_cursor;
    this.more.hidden = !this.cursor;
  }

  row(incident) {
    const where = incident.location;
    const place = where ? [where.name, where.admin1, where.country].filter(Boolean).join(", ") : "";
    const type = incident.plover ?? "";
    const row = el("tr", { tabindex: 0, "data-id": incident.id },
      el("td", { class: "date" }, incident.date ? incident.date.start : "undated"),
      el("td", {}, el("span", { class: "chip", style: `border-color:${colour(type)}` }, type), " ", incident.acled_subtype ?? ""),
      el("td", {}, place),
      el("td", { class: "num" }, figure(incident.killed)),
      el("td", { class: "num" }, figure(incident.injured)),
      el("td", { class: "num" }, fmt(incident.n_reports)),
      el("td", { class: "summary" }, incident.summary ?? ""));
    row.addEventListener("click", () => this.onOpen(incident.id));
    row.addEventListener("keydown", (event) => { if (event.key === "Enter") this.onOpen(incident.id); });
    return row;
  }
}
