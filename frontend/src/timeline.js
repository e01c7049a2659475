// The timeline: incidents per day as bars, fatalities per day as a line, and a brush: drag across it
// to choose a range of days (a click chooses one day), which then filters the map and the table.
import { el, fmt } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const HEIGHT = 120;
const PAD = { left: 36, right: 36, top: 10, bottom: 20 };

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const toDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const fromDay = (day) => Date.parse(`${day}T00:00:00Z`);

/** Every day from the first to the last of ``items`` (keys YYYY-MM-DD), with zeros for days without incidents. */
export function fillDays(items, step = 1) {
  const dated = items.filter((item) => item.key);
  if (!dated.length) return [];
  const byDay = new Map(dated.map((item) => [item.key, item]));
  const first = fromDay(dated[0].key);
  const last = fromDay(dated[dated.length - 1].key);
  const days = [];
  for (let t = first; t <= last; t += step * DAY) {
    const item = byDay.get(toDay(t));
    days.push({ key: toDay(t), count: item ? item.count : 0, fatalities: item ? item.fatalities : 0 });
  }
  return days;
}

export class Timeline {
  constructor(node, { onRange }) {
    this.node = node;
    this.onRange = onRange;
    this.days = [];
    this.step = 1;
    this.range = null;
  }

  draw(days, step, range) {
    this.days = days;
    this.step = step;
    this.range = range;
    const width = Math.max(320, this.node.clientWidth || 800);
    this.width = width;
    const root = svg("svg", { width, height: HEIGHT, class: "timeline", role: "img",
      "aria-label": `${days.length} ${step === 7 ? "weeks" : "days"} of incidents and fatalities` });
    this.node.replaceChildren(root);
    if (!days.length) {
      root.append(svg("text", { x: PAD.left, y: HEIGHT / 2, class: "empty" }, "No dated incidents under these filters"));
      return;
    }
    const inner = width - PAD.left - PAD.right;
    const slot = inner / days.length;
    const maxCount = Math.max(1, ...days.map((d) => d.count));
    const maxKilled = Math.max(1, ...days.map((d) => d.fatalities));
    const h = HEIGHT - PAD.top - PAD.bottom;
    const bars = svg("g", { class: "bars" });
    days.forEach((d, i) => {
      if (!d.count) return;
      const bh = (d.count / maxCount) * h;
      const selected = !range || (d.key >= range[0] && d.key <= range[1]);
      const bar = svg("rect", { x: PAD.left + i * slot + slot * 0.1, y: PAD.top + h - bh, width: Math.max(1, slot * 0.8), height: bh,
        class: selected ? "bar" : "bar out", "data-day": d.key });
      bar.append(svg("title", {}, `${d.key}: ${fmt(d.count)} incidents, ${fmt(d.fatalities)} killed`));
      bars.append(bar);
    });
    const points = days.map((d, i) => `${PAD.left + (i + 0.5) * slot},${PAD.top + h - (d.fatalities / maxKilled) * h}`);
    const line = svg("polyline", { points: points.join(" "), class: "fatalities" });
    const axis = svg("g", { class: "axis" });
    const last = days.length - 1;
    for (const i of new Set([0, Math.floor(last / 2), last])) {
      axis.append(svg("text", { x: PAD.left + (i + 0.5) * slot, y: HEIGHT - 4, "text-anchor": "middle" }, days[i].key));
    }
    axis.append(svg("text", { x: PAD.left - 4, y: PAD.top + 8, "text-anchor": "end", class: "count" }, fmt(maxCount)));
    axis.append(svg("text", { x: width - PAD.right + 4, y: PAD.top + 8, class: "killed" }, fmt(maxKilled)));
    const brush = svg("rect", { class: "brush", x: 0, y: PAD.top, width: 0, height: h, visibility: "hidden" });
    const surface = svg("rect", { class: "surface", x: PAD.left, y: 0, width: inner, height: HEIGHT });
    root.append(bars, line, axis, brush, surface);
    this.listen(surface, brush, slot);
  }

  indexAt(event, surface, slot) {
    const box = surface.getBoundingClientRect();
    const i = Math.floor((event.clientX - box.left) / slot);
    return Math.max(0, Math.min(this.days.length - 1, i));
  }

  listen(surface, brush, slot) {
    let start = null;
    const show = (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      brush.setAttribute("x", PAD.left + lo * slot);
      brush.setAttribute("width", (hi - lo + 1) * slot);
      brush.setAttribute("visibility", "visible");
    };
    surface.addEventListener("pointerdown", (event) => {
      start = this.indexAt(event, surface, slot);
      surface.setPointerCapture(event.pointerId);
      show(start, start);
    });
    surface.addEventListener("pointermove", (event) => {
      if (start !== null) show(start, this.indexAt(event, surface, slot));
    });
    surface.addEventListener("pointerup", (event) => {
      if (start === null) return;
      const end = this.indexAt(event, surface, slot);
      const [lo, hi] = start <= end ? [start, end] : [end, start];
      start = null;
      const until = toDay(fromDay(this.days[hi].key) + (this.step - 1) * DAY);
      this.onRange([this.days[lo].key, until]);
    });
  }
}

export function rangeLabel(range) {
  return range ? el("span", {}, `${range[0]} to ${range[1]}`) : el("span", {}, "all dates (drag across the timeline to choose days)");
}
