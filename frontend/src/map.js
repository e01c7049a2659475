// The map: Natural Earth country borders as the only base layer (no tiles), and the incidents of the
// current filters in view. A view holding few incidents shows each one, coloured by its type and sized
// by its fatalities; a view holding many shows the server's grid cells (/v1/stats?by=grid), so 100k
// incidents cost a few thousand circles at most.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { feature } from "topojson-client";
import { get } from "./api.js";
import { colour } from "./colours.js";
import { el, finished, fmt } from "./dom.js";

/** At most this many incidents in view are drawn one by one; more are drawn as grid cells. */
export const SINGLE_LIMIT = 500;

export class IncidentMap {
  constructor(node, { onOpen, onStatus }) {
    this.onOpen = onOpen;
    this.onStatus = onStatus;
    this.filters = {};
    this.request = 0;
    this.map = L.map(node, { worldCopyJump: false, minZoom: 1, maxZoom: 14, zoomSnap: 1, attributionControl: true });
    this.map.attributionControl.setPrefix("Leaflet");
    this.map.attributionControl.addAttribution("Borders: Natural Earth");
    this.map.setView([30, 20], 2);
    this.layer = L.layerGroup().addTo(this.map);
    this.map.on("moveend", () => this.refresh().catch((error) => this.onStatus(error.message)));
    this.borders();
  }

  async borders() {
    const answer = await fetch("countries-50m.json");
    const topology = await answer.json();
    const countries = feature(topology, topology.objects.countries);
    L.geoJSON(countries, {
      interactive: false,
      style: { color: "#8a8f98", weight: 0.7, fillColor: "#eceae4", fillOpacity: 1 },
    }).addTo(this.map).bringToBack();
  }

  setFilters(filters) {
    this.filters = filters;
    return this.refresh();
  }

  /** Fit the view to the incidents of the current filters (from the grid of the whole world). */
  async fit() {
    const grid = await get("/v1/stats", { ...this.filters, by: "grid", zoom: 2 });
    const boxes = grid.data.filter((cell) => cell.bbox);
    if (!boxes.length) return;
    let [w, s, e, n] = boxes[0].bbox;
    for (const { bbox } of boxes) {
      w = Math.min(w, bbox[0]); s = Math.min(s, bbox[1]); e = Math.max(e, bbox[2]); n = Math.max(n, bbox[3]);
    }
    this.map.fitBounds([[s, w], [n, e]], { padding: [30, 30], maxZoom: 7 });
  }

  viewBox() {
    const b = this.map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    const box = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)];
    return box.map((v) => v.toFixed(4)).join(",");
  }

  async refresh() {
    const ticket = ++this.request;
    const params = { ...this.filters, bbox: this.viewBox() };
    const zoom = Math.max(0, Math.min(20, Math.round(this.map.getZoom())));
    const grid = await get("/v1/stats", { ...params, by: "grid", zoom });
    if (ticket !== this.request) return;
    const inView = grid.data.reduce((sum, cell) => sum + cell.count, 0);
    if (inView <= SINGLE_LIMIT) {
      const page = await get("/v1/incidents", { ...params, limit: SINGLE_LIMIT });
      if (ticket !== this.request) return;
      this.drawIncidents(page.data);
    } else {
      this.drawCells(grid.data);
    }
    this.onStatus(`${fmt(inView)} incidents on the map in this view`);
    finished("mapDrawn");
  }

  drawIncidents(incidents) {
    this.layer.clearLayers();
    for (const incident of incidents) {
      const where = incident.location;
      if (!where || where.lat === null || where.lon === null) continue;
      const killed = incident.killed ? incident.killed.best : 0;
      const marker = L.circleMarker([where.lat, where.lon], {
        radius: 5 + 3 * Math.sqrt(killed || 0),
        color: "#222", weight: 1, fillColor: colour(incident.plover), fillOpacity: 0.8,
        className: "marker marker-incident",
      });
      marker.bindTooltip(() => el("div", {}, el("strong", {}, incident.summary ?? ""), el("br"),
        `${incident.date?.start ?? "undated"} · ${where.name ?? ""} · killed ${killed ?? "?"}`));
      marker.on("click", () => this.onOpen(incident.id));
      marker.addTo(this.layer);
    }
  }

  drawCells(cells) {
    this.layer.clearLayers();
    for (const cell of cells) {
      const marker = L.circleMarker([cell.lat, cell.lon], {
        radius: 6 + 2 * Math.sqrt(cell.fatalities || 0) + Math.log2(cell.count),
        color: "#1f2d3d", weight: 1, fillColor: "#4a6b8a", fillOpacity: 0.55,
        className: "marker marker-cell",
      });
      marker.bindTooltip(() => el("div", {}, `${fmt(cell.count)} incidents, ${fmt(cell.fatalities)} killed`, el("br"),
        cell.id ? "click to open" : "click to zoom in"));
      marker.on("click", () => {
        if (cell.id) this.onOpen(cell.id);
        else this.map.fitBounds([[cell.bbox[1], cell.bbox[0]], [cell.bbox[3], cell.bbox[2]]], { padding: [20, 20] });
      });
      marker.addTo(this.layer);
    }
  }
}
