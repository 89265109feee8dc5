// Events over time (GET api/timeline): stacked bars per day, coloured by event type.

import {get} from "./api.js";
import {eventList, filterForm, filtersFrom} from "./components.js";
import {add, fill, h, plural, s, swatch} from "./dom.js";
import {TYPE_ORDER, typeColour} from "./palette.js";

const WIDTH = 960; // viewBox units; the SVG scales to its container
const MARGIN = {left: 44, right: 12, top: 12, bottom: 34};
const MAX_BAR = 36; // widest bar, so a few days do not become slabs
const DAY_MS = 86400000;
// Spacing of date ticks, in days, from which the first giving at most MAX_TICKS is used.
const TICK_STEPS = [1, 2, 7, 14, 30, 61, 91, 182, 365, 730, 1826, 3652];
const MAX_TICKS = 8;
// A sparse series (a few days spread over years) is drawn day after day, with dashed
// lines where days are skipped: on a calendar axis its bars would be hairlines.
const ORDINAL_MAX_DAYS = 60;
const ORDINAL_SPARSITY = 3; // calendar days per day with events above which days go side by side
const ORDINAL_LABELS = 12; // date labels that fit under the chart
const MIN_CALENDAR_DAYS = 7; // under a week, days side by side read better than a calendar

function dayOf(date) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

function isoDay(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function niceStep(max) {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return Math.max(1, m * mag);
  return 10 * mag;
}

/**
 * An SVG bar chart of buckets [{date, count, by_type}]; options.onPick(date) is called
 * when a day's bar is clicked (or chosen with the keyboard).
 */
export function timelineChart(buckets, options) {
  const opts = options || {};
  const height = opts.height || 260;
  const days = buckets.map((b) => ({...b, day: dayOf(b.date)})).filter((b) => b.day !== null);
  if (!days.length) return h("p", {class: "muted empty-chart"}, "No dated events match.");
  days.sort((a, b) => a.day - b.day);
  const first = days[0].day;
  const span = days[days.length - 1].day - first + 1;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const ordinal = days.length <= ORDINAL_MAX_DAYS && (span > ORDINAL_SPARSITY * days.length || span < MIN_CALENDAR_DAYS);
  const slot = plotW / (ordinal ? days.length : span);
  const barW = Math.max(1.5, Math.min(MAX_BAR, slot * 0.8));
  const x = (day) => MARGIN.left + ((day - first) / span) * plotW;
  days.forEach((d, i) => {
    d.x = ordinal ? MARGIN.left + i * slot + (slot - barW) / 2 : x(d.day);
  });
  const top = Math.max(...days.map((d) => d.count));
  const yStep = niceStep(top);
  const yMax = Math.ceil(top / yStep) * yStep;
  const y = (n) => MARGIN.top + plotH - (n / yMax) * plotH;

  const svg = s("svg", {viewBox: `0 0 ${WIDTH} ${height}`, class: "timeline", role: "img",
    "aria-label": `Events per day, ${days[0].date} to ${days[days.length - 1].date}`});
  const axis = s("g", {class: "axis"});
  for (let v = 0; v <= yMax; v += yStep) {
    axis.appendChild(s("line", {x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(v), y2: y(v), class: "grid"}));
    axis.appendChild(s("text", {x: MARGIN.left - 6, y: y(v) + 4, "text-anchor": "end"}, String(v)));
  }
  const tick = (tx, label, cls) => {
    axis.appendChild(s("line", {x1: tx, x2: tx, y1: MARGIN.top + plotH, y2: MARGIN.top + plotH + 5, class: "tick"}));
    axis.appendChild(s("text", {x: tx, y: height - 10, "text-anchor": "middle", class: cls}, label));
  };
  if (ordinal) {
    // days side by side: every day labelled (or every k-th), a dashed line where days are skipped
    const every = Math.ceil(days.length / ORDINAL_LABELS);
    days.forEach((d, i) => {
      if (i % every === 0) tick(d.x + barW / 2, d.date);
      if (i && d.day - days[i - 1].day > 1) {
        const gx = MARGIN.left + i * slot;
        axis.appendChild(s("line", {x1: gx, x2: gx, y1: MARGIN.top, y2: MARGIN.top + plotH, class: "gap-line"},
          s("title", {}, `${d.day - days[i - 1].day - 1} days without events`)));
      }
    });
  } else {
    const step = TICK_STEPS.find((t) => span / t <= MAX_TICKS) || TICK_STEPS[TICK_STEPS.length - 1];
    for (let d = first; d < first + span; d += step) {
      const label = step >= 365 ? isoDay(d).slice(0, 4) : step >= 30 ? isoDay(d).slice(0, 7) : isoDay(d);
      tick(x(d) + (step === 1 ? barW / 2 : 0), label);
    }
  }
  axis.appendChild(s("line", {x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0), class: "baseline"}));
  svg.appendChild(axis);

  const seen = new Set();
  const bars = s("g", {class: "bars"});
  for (const d of days) {
    const types = Object.entries(d.by_type || {}).sort((a, b) => {
      const ia = TYPE_ORDER.indexOf(a[0]);
      const ib = TYPE_ORDER.indexOf(b[0]);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a[0].localeCompare(b[0]);
    });
    const label = `${d.date}: ${plural(d.count, "event")}` + (types.length ? " — " + types.map(([t, n]) => `${t} ${n}`).join(", ") : "");
    const g = s("g", {class: "bar", tabindex: opts.onPick ? 0 : null, role: opts.onPick ? "button" : null, "aria-label": label,
      dataset: {date: d.date}}, s("title", {}, label));
    let base = 0;
    const parts = types.length ? types : [["", d.count]];
    for (const [type, n] of parts) {
      if (type) seen.add(type);
      g.appendChild(s("rect", {x: d.x, y: y(base + n), width: barW, height: Math.max(0.5, y(base) - y(base + n)),
        fill: typeColour(type)}));
      base += n;
    }
    if (opts.onPick) {
      g.addEventListener("click", () => opts.onPick(d.date));
      g.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          opts.onPick(d.date);
        }
      });
    }
    bars.appendChild(g);
  }
  svg.appendChild(bars);
  const legend = h("ul", {class: "legend"},
    TYPE_ORDER.filter((t) => seen.has(t)).concat([...seen].filter((t) => !TYPE_ORDER.includes(t)))
      .map((t) => h("li", {}, swatch(typeColour(t)), " ", t)));
  return h("div", {class: "chart-box"}, svg, legend);
}

export async function render(view, params, ctx) {
  const filters = filtersFrom(params);
  const chart = h("div", {class: "chart", id: "timeline-chart"}, h("p", {class: "muted"}, "Loading…"));
  const picked = h("section", {class: "block", id: "timeline-day"});
  add(view, h("h1", {}, "Event timeline"), filterForm("timeline", filters), chart, picked);
  const data = await get("timeline", filters, {signal: ctx.signal});
  if (!ctx.alive()) return;
  const total = data.buckets.reduce((n, b) => n + b.count, 0);
  const coarse = (data.coarse || []).reduce((n, b) => n + b.count, 0);
  const notes = [
    coarse ? `${plural(coarse, "event")} dated only to a week, month or year (${(data.coarse || []).map((b) => b.date).join(", ")})` : null,
    data.undated ? `${plural(data.undated, "event")} without a date` : null,
  ].filter(Boolean);
  fill(chart, 
    h("p", {class: "muted"}, `${plural(total, "event")} dated to the day, over ${plural(data.buckets.length, "day")}. Click a bar for its events.`),
    notes.length ? h("p", {class: "muted", id: "timeline-notes"}, "Not drawn: ", notes.join("; "), ".") : null,
    timelineChart(data.buckets, {
      onPick: (date) => {
        fill(picked, h("h2", {}, `Events on ${date}`), eventList({...filters, since: date, until: date}, ctx));
        picked.scrollIntoView({block: "nearest"});
      },
    }));
}
