// Who interacts with whom (GET api/network): a force-directed graph of actors, edges
// coloured by the tone of their events (cooperation, conflict or mixed).

import {get} from "./api.js";
import {filterForm, filtersFrom} from "./components.js";
import {add, fill, h, plural, route, s, swatch} from "./dom.js";
import {TONE_COLOURS} from "./palette.js";

const WIDTH = 960;
const HEIGHT = 620;
const PAD = 40;
// Largest graph drawn: the most active actors are kept so the layout stays legible
// and the O(n²) layout below stays well under a frame budget per iteration.
const MAX_NODES = 150;
const LABELLED = 30; // the most active nodes get a name beside them
const ITERATIONS = 320;
const GRAVITY = 0.05; // pull toward the group's centre, so leaves do not drift off
const GROUP_GAP = 1.2; // space around each group, in ideal edge lengths
const MAX_EDGE_PX = 140; // a tiny graph is not blown up past this edge length
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const NODE_COLOURS = {PERSON: "#4e79a7", ORG: "#f28e2b", GPE: "#59a14f", LOC: "#76b7b2", NORP: "#b07aa1"};
const OTHER_NODE = "#9c9c9c";

function radius(node) {
  return Math.min(22, 4 + 2.2 * Math.sqrt(node.events || 1));
}

/**
 * Fruchterman–Reingold layout of one connected group in unit space (ideal edge length 1),
 * deterministic: nodes start on a sunflower spiral in the order given, so the same data
 * always gives the same picture.
 */
function forceLayout(n, links) {
  const pos = Array.from({length: n}, (_, i) => {
    const r = Math.sqrt(i + 0.5) * 0.6;
    return {x: Math.cos(i * GOLDEN_ANGLE) * r, y: Math.sin(i * GOLDEN_ANGLE) * r};
  });
  let temperature = Math.sqrt(n) / 2;
  const cooling = temperature / (ITERATIONS + 1);
  for (let it = 0; it < ITERATIONS && n > 1; it++) {
    const dx = new Float64Array(n);
    const dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ddx = pos[i].x - pos[j].x;
        let ddy = pos[i].y - pos[j].y;
        let d2 = ddx * ddx + ddy * ddy;
        if (d2 < 1e-6) { // coincident: push apart in a fixed direction
          ddx = 0.01 * ((i % 7) - 3);
          ddy = 0.01 * ((j % 5) - 2) + 0.005;
          d2 = ddx * ddx + ddy * ddy;
        }
        const f = 1 / d2; // repulsion k²/d with k = 1, along the unit vector (d/d²)
        dx[i] += ddx * f; dy[i] += ddy * f;
        dx[j] -= ddx * f; dy[j] -= ddy * f;
      }
    }
    for (const [a, b, w] of links) {
      const ddx = pos[a].x - pos[b].x;
      const ddy = pos[a].y - pos[b].y;
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
      const f = d * w; // attraction d²/k, along the unit vector
      dx[a] -= ddx * f; dy[a] -= ddy * f;
      dx[b] += ddx * f; dy[b] += ddy * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] -= pos[i].x * GRAVITY;
      dy[i] -= pos[i].y * GRAVITY;
      const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const step = Math.min(len, temperature);
      pos[i].x += (dx[i] / len) * step;
      pos[i].y += (dy[i] / len) * step;
    }
    temperature -= cooling;
  }
  return pos;
}

/**
 * Positions in the drawing for nodes (busiest first) and edges: each connected group is
 * laid out on its own, then the groups are packed in rows, biggest first, so that pairs
 * of actors off on their own do not push the big group into a corner.
 */
export function layout(nodes, edges) {
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const parent = nodes.map((_, i) => i);
  const root = (i) => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (const e of edges) parent[root(index.get(e.source))] = root(index.get(e.target));
  const groups = new Map();
  nodes.forEach((_, i) => {
    const r = root(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r).push(i);
  });
  const boxes = [];
  for (const members of groups.values()) {
    const local = new Map(members.map((m, j) => [m, j]));
    const links = edges
      .filter((e) => local.has(index.get(e.source)))
      .map((e) => [local.get(index.get(e.source)), local.get(index.get(e.target)), 1 + Math.log(e.count || 1)]);
    const pos = forceLayout(members.length, links);
    const x0 = Math.min(...pos.map((p) => p.x));
    const y0 = Math.min(...pos.map((p) => p.y));
    const w = Math.max(...pos.map((p) => p.x)) - x0 + GROUP_GAP;
    const hh = Math.max(...pos.map((p) => p.y)) - y0 + GROUP_GAP;
    boxes.push({members, pos: pos.map((p) => ({x: p.x - x0, y: p.y - y0})), w, h: hh});
  }
  boxes.sort((a, b) => b.members.length - a.members.length || b.h - a.h);
  // shelf packing into a strip about as wide, relative to its height, as the drawing
  const area = boxes.reduce((n, b) => n + b.w * b.h, 0);
  const stripW = Math.max(Math.sqrt(area * (WIDTH / HEIGHT)) * 1.1, ...boxes.map((b) => b.w));
  let x = 0;
  let y = 0;
  let rowH = 0;
  for (const b of boxes) {
    if (x > 0 && x + b.w > stripW) {
      x = 0;
      y += rowH;
      rowH = 0;
    }
    b.x = x;
    b.y = y;
    x += b.w;
    rowH = Math.max(rowH, b.h);
  }
  const totalW = Math.max(...boxes.map((b) => b.x + b.w)) - GROUP_GAP;
  const totalH = y + rowH - GROUP_GAP;
  const scale = Math.min((WIDTH - 2 * PAD) / Math.max(totalW, 1e-3), (HEIGHT - 2 * PAD) / Math.max(totalH, 1e-3),
    MAX_EDGE_PX);
  const cx = (WIDTH - totalW * scale) / 2;
  const cy = (HEIGHT - totalH * scale) / 2;
  const out = new Array(nodes.length);
  for (const b of boxes) {
    b.members.forEach((m, j) => {
      out[m] = {x: cx + (b.x + b.pos[j].x) * scale, y: cy + (b.y + b.pos[j].y) * scale};
    });
  }
  return out;
}

function entityHref(node) {
  // node ids are entity ids, or "name:" and the words for an actor no entity was resolved for
  return node.id && !String(node.id).startsWith("name:") ? route("entity", node.id) : null;
}

/** The network drawing: an SVG (drag a node to move it; click one to open its entity). */
export function networkChart(data) {
  // Actors with no link (an event with no recipient) say nothing about who interacts
  // with whom: they are counted, not drawn.
  const linked = new Set(data.edges.flatMap((e) => (e.source !== e.target ? [e.source, e.target] : [])));
  const ranked = data.nodes.filter((n) => linked.has(n.id))
    .sort((a, b) => (b.events || 0) - (a.events || 0) || String(a.id).localeCompare(String(b.id)));
  const nodes = ranked.slice(0, MAX_NODES);
  const kept = new Set(nodes.map((n) => n.id));
  const edges = data.edges.filter((e) => kept.has(e.source) && kept.has(e.target) && e.source !== e.target);
  if (!nodes.length) {
    return h("p", {class: "muted empty-chart"}, data.nodes.length
      ? `${plural(data.nodes.length, "actor")}, but no event links two of them.` : "No actors match.");
  }
  const pos = layout(nodes, edges);
  const at = new Map(nodes.map((node, i) => [node.id, pos[i]]));
  const labelled = new Set(nodes.slice(0, LABELLED).map((n) => n.id));

  const svg = s("svg", {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "network", role: "img",
    "aria-label": `${plural(nodes.length, "actor")} and ${plural(edges.length, "link")}`});
  const edgeLayer = s("g", {class: "edges"});
  const nodeLayer = s("g", {class: "nodes"});
  add(svg, edgeLayer, nodeLayer);
  const lines = new Map(); // node id -> its lines, for dragging and hover
  const neighbours = new Map(nodes.map((n) => [n.id, new Set([n.id])]));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const e of edges) {
    const a = at.get(e.source);
    const b = at.get(e.target);
    const tone = TONE_COLOURS[e.tone] ? e.tone : "mixed";
    const title = `${byId.get(e.source).name} — ${byId.get(e.target).name}: ${plural(e.count, "event")}` +
      ` (${e.cooperation || 0} cooperation, ${e.conflict || 0} conflict)`;
    const line = s("line", {x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: TONE_COLOURS[tone],
      "stroke-width": Math.min(8, 1.2 + Math.log2(e.count || 1)), class: `edge ${tone}`, dataset: {tone}},
    s("title", {}, title));
    edgeLayer.appendChild(line);
    for (const id of [e.source, e.target]) {
      if (!lines.has(id)) lines.set(id, []);
    }
    lines.get(e.source).push([line, "1"]);
    lines.get(e.target).push([line, "2"]);
    neighbours.get(e.source).add(e.target);
    neighbours.get(e.target).add(e.source);
  }

  for (const node of nodes) {
    const p = at.get(node.id);
    const r = radius(node);
    const circle = s("circle", {cx: p.x, cy: p.y, r, fill: NODE_COLOURS[node.type] || OTHER_NODE, class: "node"},
      s("title", {}, `${node.name}${node.country ? " (" + node.country + ")" : ""}: ${plural(node.events || 0, "event")}`));
    const label = labelled.has(node.id) ? s("text", {x: p.x + r + 3, y: p.y + 4, class: "label"}, node.name) : null;
    const g = s("g", {class: "node-group", dataset: {id: node.id}}, circle, label);
    nodeLayer.appendChild(g);
    dragAndClick(svg, g, circle, label, node, lines.get(node.id) || []);
    g.addEventListener("pointerenter", () => {
      svg.classList.add("focus");
      for (const other of nodeLayer.children) other.classList.toggle("hl", neighbours.get(node.id).has(other.dataset.id));
      for (const [line] of lines.get(node.id) || []) line.classList.add("hl");
    });
    g.addEventListener("pointerleave", () => {
      svg.classList.remove("focus");
      for (const el of svg.querySelectorAll(".hl")) el.classList.remove("hl");
    });
  }
  const types = [...new Set(nodes.map((n) => n.type).filter(Boolean))];
  const legend = h("ul", {class: "legend"},
    Object.entries(TONE_COLOURS).map(([tone, colour]) => h("li", {}, swatch(colour, "line"), " ", tone)),
    types.map((t) => h("li", {}, swatch(NODE_COLOURS[t] || OTHER_NODE), " ", t)));
  const unlinked = data.nodes.length - ranked.length;
  const notes = [
    ranked.length > nodes.length ? `the ${nodes.length} most active of ${ranked.length} linked actors are drawn` : null,
    data.truncated ? "the server kept only the busiest actors" : null,
    unlinked ? `${plural(unlinked, "actor")} with no link to another not drawn` : null,
  ].filter(Boolean);
  const note = notes.length ? h("p", {class: "muted", id: "network-notes"}, notes.join("; ") + ".") : null;
  return h("div", {class: "chart-box"}, note, svg, legend);
}

function dragAndClick(svg, g, circle, label, node, lines) {
  let dragging = null;
  const point = (e) => {
    const m = svg.getScreenCTM();
    return m ? new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse()) : {x: e.clientX, y: e.clientY};
  };
  g.addEventListener("pointerdown", (e) => {
    dragging = {start: point(e), moved: false};
    g.setPointerCapture(e.pointerId);
  });
  g.addEventListener("pointermove", (e) => {
    if (!dragging) return;
    const p = point(e);
    if (Math.hypot(p.x - dragging.start.x, p.y - dragging.start.y) > 3) dragging.moved = true;
    if (!dragging.moved) return;
    circle.setAttribute("cx", p.x);
    circle.setAttribute("cy", p.y);
    if (label) {
      label.setAttribute("x", p.x + Number(circle.getAttribute("r")) + 3);
      label.setAttribute("y", p.y + 4);
    }
    for (const [line, end] of lines) {
      line.setAttribute("x" + end, p.x);
      line.setAttribute("y" + end, p.y);
    }
  });
  g.addEventListener("pointerup", () => {
    const wasClick = dragging && !dragging.moved;
    dragging = null;
    const href = entityHref(node);
    if (wasClick && href) window.location.hash = href;
  });
}

export async function render(view, params, ctx) {
  const filters = filtersFrom(params);
  const chart = h("div", {class: "chart", id: "network-chart"}, h("p", {class: "muted"}, "Loading…"));
  add(view, h("h1", {}, "Actor network"), filterForm("network", filters),
    h("p", {class: "muted"}, "Actors linked by the events between them; drag to move, click to open."), chart);
  const data = await get("network", filters, {signal: ctx.signal});
  if (!ctx.alive()) return;
  fill(chart, networkChart(data));
}
