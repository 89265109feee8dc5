// The page's router: #/ stories, #/story/ID, #/entities, #/entity/ID, #/timeline,
// #/network, #/map, #/ingest; a query string after the route carries its filters.

import {get} from "./api.js";
import {add, fill, h} from "./dom.js";
import * as entities from "./entities.js";
import * as entity from "./entity.js";
import * as ingest from "./ingest.js";
import * as map from "./map.js";
import * as network from "./network.js";
import * as story from "./story.js";
import * as stories from "./stories.js";
import * as timeline from "./timeline.js";

const ROUTES = {
  "": {view: stories, nav: "stories", title: "Stories"},
  story: {view: story, nav: "stories", title: "Story", needsId: true},
  entities: {view: entities, nav: "entities", title: "Entities"},
  entity: {view: entity, nav: "entities", title: "Entity", needsId: true},
  timeline: {view: timeline, nav: "timeline", title: "Timeline"},
  network: {view: network, nav: "network", title: "Network"},
  map: {view: map, nav: "map", title: "Map"},
  ingest: {view: ingest, nav: "ingest", title: "Ingest"},
};

const viewEl = document.getElementById("view");
const errorEl = document.getElementById("error");
const countsEl = document.getElementById("counts");
let generation = 0;
let controller = null;

function showError(err) {
  if (err && err.name === "AbortError") return; // a view left before its data came
  fill(errorEl, h("strong", {}, "Could not load this view. "), String(err && err.message ? err.message : err));
  errorEl.hidden = false;
}

async function refreshCounts() {
  try {
    const health = await get("health");
    const c = health.counts || {};
    countsEl.textContent = `${c.stories ?? 0} stories · ${c.articles ?? 0} articles · ${c.events ?? 0} events`;
    countsEl.title = `newsgraph ${health.version || ""}`;
  } catch (err) {
    countsEl.textContent = "server unreachable";
    showError(err);
  }
}

function parseHash() {
  const raw = window.location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?", 2);
  const segments = path.split("/").filter(Boolean).map(decodeURIComponent);
  return {name: segments[0] || "", id: segments.slice(1).join("/"), params: new URLSearchParams(query || "")};
}

async function navigate() {
  const {name, id, params} = parseHash();
  const mine = ++generation;
  if (controller) controller.abort();
  controller = new AbortController();
  errorEl.hidden = true;
  delete viewEl.dataset.ready;
  viewEl.replaceChildren();
  window.scrollTo(0, 0);
  const entry = ROUTES[name];
  for (const link of document.querySelectorAll("[data-nav]")) {
    link.classList.toggle("active", Boolean(entry) && link.dataset.nav === entry.nav);
  }
  if (!entry || (entry.needsId && !id)) {
    document.title = "Not found · newsgraph";
    add(viewEl, h("h1", {}, "Not found"), h("p", {}, "No such view. ", h("a", {href: "#/"}, "Back to the stories")));
    viewEl.dataset.ready = "not-found";
    return;
  }
  document.title = `${entry.title}${id ? " " + id : ""} · newsgraph`;
  const ctx = {
    signal: controller.signal,
    alive: () => mine === generation,
    fail: (err) => { if (mine === generation) showError(err); },
    refreshCounts,
  };
  viewEl.classList.add("loading");
  try {
    await entry.view.render(viewEl, params, ctx, id);
  } catch (err) {
    ctx.fail(err);
  } finally {
    if (mine === generation) {
      viewEl.classList.remove("loading");
      viewEl.dataset.ready = name || "stories"; // tests and screenshots wait for this
    }
  }
}

window.addEventListener("hashchange", navigate);
refreshCounts();
navigate();
