// Where events happened (GET api/map) over the world outline shipped in static/world/
// (Natural Earth 1:110m countries, public domain; see static/world/SOURCE.md).

import {asset, get} from "./api.js";
import {eventCard, filterForm, filtersFrom} from "./components.js";
import {add, fill, h, plural, s} from "./dom.js";

// Equirectangular: x = longitude, y = -latitude, in degrees. The view runs from 84°N
// to 60°S, leaving out Antarctica, where news events are rare and the area is huge.
const VIEW = {x: -180, y: -84, w: 360, h: 144};
const ZOOM_STEP = 1.6;
const MAX_ZOOM = 24;
const GRATICULE = 30; // degrees between drawn meridians and parallels
const EVENTS_SHOWN = 40; // events listed when a place is clicked

function pointRadius(count) {
  return Math.min(7, 0.9 + 0.9 * Math.sqrt(count));
}

/** The map drawing; onPick(point) is called when a place is clicked. */
export function mapChart(world, points, onPick) {
  const countries = new Set(points.map((p) => p.country).filter(Boolean));
  const svg = s("svg", {viewBox: `${VIEW.x} ${VIEW.y} ${VIEW.w} ${VIEW.h}`, class: "map", role: "img",
    "aria-label": `${plural(points.length, "place")} with events`});
  const grid = s("g", {class: "graticule"});
  for (let lon = -180; lon <= 180; lon += GRATICULE) grid.appendChild(s("line", {x1: lon, x2: lon, y1: -90, y2: 90}));
  for (let lat = -60; lat <= 90; lat += GRATICULE) grid.appendChild(s("line", {x1: -180, x2: 180, y1: -lat, y2: -lat}));
  const land = s("g", {class: "land"});
  for (const c of world.countries) {
    land.appendChild(s("path", {d: c.d, class: ["country", countries.has(c.iso) && "has-events"]}, s("title", {}, c.name)));
  }
  const dots = s("g", {class: "points"});
  const ordered = [...points].sort((a, b) => b.count - a.count); // small dots drawn last stay clickable
  for (const p of ordered) {
    if (typeof p.lat !== "number" || typeof p.lon !== "number") continue;
    const dot = s("circle", {cx: p.lon, cy: -p.lat, r: pointRadius(p.count), class: "point", tabindex: 0, role: "button",
      "aria-label": `${p.name}: ${plural(p.count, "event")}`}, s("title", {}, `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${plural(p.count, "event")}`));
    dot.addEventListener("click", () => onPick(p));
    dot.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        onPick(p);
      }
    });
    dots.appendChild(dot);
  }
  add(svg, grid, land, dots);

  const box = {...VIEW};
  const apply = () => svg.setAttribute("viewBox", `${box.x} ${box.y} ${box.w} ${box.h}`);
  const zoom = (factor) => {
    const w = Math.min(VIEW.w, Math.max(VIEW.w / MAX_ZOOM, box.w / factor));
    const hh = w * (VIEW.h / VIEW.w);
    box.x += (box.w - w) / 2;
    box.y += (box.h - hh) / 2;
    box.w = w;
    box.h = hh;
    apply();
  };
  let drag = null;
  svg.addEventListener("pointerdown", (e) => {
    if (e.target.classList.contains("point")) return;
    drag = {x: e.clientX, y: e.clientY, bx: box.x, by: box.y};
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const scale = box.w / svg.getBoundingClientRect().width;
    box.x = drag.bx - (e.clientX - drag.x) * scale;
    box.y = drag.by - (e.clientY - drag.y) * scale;
    apply();
  });
  svg.addEventListener("pointerup", () => { drag = null; });
  const button = (label, title, fn) => {
    const b = h("button", {type: "button", title, "aria-label": title}, label);
    b.addEventListener("click", fn);
    return b;
  };
  const controls = h("div", {class: "map-controls"},
    button("+", "Zoom in", () => zoom(ZOOM_STEP)),
    button("−", "Zoom out", () => zoom(1 / ZOOM_STEP)),
    button("⟲", "Whole world", () => { Object.assign(box, VIEW); apply(); }));
  return h("div", {class: "chart-box map-box"}, controls, svg);
}

export async function render(view, params, ctx) {
  const filters = filtersFrom(params);
  const chart = h("div", {class: "chart", id: "map-chart"}, h("p", {class: "muted"}, "Loading…"));
  const picked = h("section", {class: "block", id: "map-place"});
  add(view, h("h1", {}, "Event map"), filterForm("map", filters), chart, picked);
  const [world, data] = await Promise.all([asset("world/world.json"), get("map", filters, {signal: ctx.signal})]);
  if (!ctx.alive()) return;
  const total = data.points.reduce((n, p) => n + p.count, 0);
  const onPick = async (p) => {
    const ids = (p.event_ids || []).slice(0, EVENTS_SHOWN);
    fill(picked, h("h2", {}, `${p.name}: ${plural(p.count, "event")}`), h("p", {class: "muted"}, "Loading…"));
    const events = await Promise.all(ids.map((id) => get(`events/${encodeURIComponent(id)}`, null, {signal: ctx.signal})));
    if (!ctx.alive()) return;
    fill(picked, h("h2", {}, `${p.name}: ${plural(p.count, "event")}`),
      p.count > ids.length ? h("p", {class: "muted"}, `The first ${ids.length} are listed.`) : null,
      h("div", {class: "event-list"}, events.map((e) => eventCard(e))));
    picked.scrollIntoView({block: "nearest"});
  };
  fill(chart, 
    h("p", {class: "muted"}, `${plural(total, "event")} at ${plural(data.points.length, "place")}. Click a place for its events.`,
      data.unplaced ? ` ${plural(data.unplaced, "event")} without a known place not drawn.` : null),
    mapChart(world, data.points, (p) => onPick(p).catch(ctx.fail)));
}
