// Pieces several views share: entity links, event cards with their evidence, paged lists, filters.

import {ApiError, get, PAGE_SIZE} from "./api.js";
import {findWord, h, highlighted, markFor, plural, route} from "./dom.js";

/** An actor or recipient: a link to its entity page when resolved, else its words. */
export function entityRef(ref) {
  const label = [ref.name || "(unnamed)"];
  const tags = [ref.country, ref.sector].filter(Boolean).join(" ");
  const body = ref.entity_id
    ? h("a", {href: route("entity", ref.entity_id), class: "entity-link"}, label)
    : h("span", {class: "entity-name"}, label);
  return tags ? h("span", {class: "ref"}, body, " ", h("span", {class: "tag"}, tags)) : body;
}

function joinNodes(nodes, sep) {
  const out = [];
  nodes.forEach((n, i) => {
    if (i) out.push(sep);
    out.push(n);
  });
  return out;
}

export function eventLabel(event) {
  return event.mode ? `${event.type}/${event.mode}` : event.type;
}

/**
 * Marks for an event's evidence sentence: its trigger word (at the evidence's own trigger
 * offsets when it has them: each report may use another word), then its participants' names.
 */
export function eventMarks(event, sentence, evidence) {
  const marks = [];
  const ev = {...(evidence || {}), sentence};
  const word = ev.trigger || event.trigger;
  const trigger = word ? markFor(ev, word, ev.trigger_start, ev.trigger_end, "trigger", "trigger") : null;
  if (trigger) marks.push(trigger);
  for (const [side, refs] of [["actor", event.actor || []], ["recipient", event.recipient || []]]) {
    for (const ref of refs) {
      const at = ref.name ? findWord(sentence, ref.name) : null;
      if (at) marks.push({start: at[0], end: at[1], cls: side, title: side});
    }
  }
  return marks;
}

// Articles fetched to name the outlet of an evidence sentence, once per page load.
const articleNames = new Map();

/**
 * The outlet (else title) of an article, as a text node: from `known` when the view
 * already has the article, else filled in when GET api/articles/{id} answers.
 */
export function articleName(id, known) {
  const art = known && known.get(id);
  if (art) return document.createTextNode(art.outlet || art.title || id);
  const node = document.createTextNode(id);
  if (!articleNames.has(id)) {
    articleNames.set(id, get(`articles/${encodeURIComponent(id)}`).then((a) => a.outlet || a.title || id, (err) => {
      articleNames.delete(id); // named by id this time; asked again by the next view
      if (!(err instanceof ApiError) && err.name !== "AbortError") throw err;
      return id;
    }));
  }
  articleNames.get(id).then((name) => { node.textContent = name; });
  return node;
}

/**
 * One event with its evidence sentences (trigger and participants marked).
 * articles maps article ids to {outlet, title} where known.
 */
export function eventCard(event, articles) {
  const known = articles || new Map();
  const meta = [
    event.date ? `${event.date}${event.date_precision && event.date_precision !== "day" ? ` (${event.date_precision})` : ""}` : "undated",
    event.location ? event.location.name + (event.location.country ? ` (${event.location.country})` : "") : null,
    plural(event.num_sources || 0, "source"),
    `confidence ${Number(event.confidence || 0).toFixed(2)}`,
  ].filter(Boolean);
  const evidence = (event.evidence || []).map((ev) => h("li", {class: "evidence"},
    h("blockquote", {}, highlighted(ev.sentence, eventMarks(event, ev.sentence || "", ev))),
    h("span", {class: "source"}, "— ", articleName(ev.article_id, known))));
  return h("article", {class: "event card", dataset: {eventId: event.id}},
    h("header", {},
      h("span", {class: "etype"}, eventLabel(event)),
      event.aux_mode ? h("span", {class: "badge aux"}, event.aux_mode) : null,
      event.cameo ? h("span", {class: "tag"}, "CAMEO " + event.cameo) : null,
      h("span", {class: "meta"}, meta.join(" · "))),
    h("p", {class: "participants"},
      joinNodes((event.actor || []).map(entityRef), ", "),
      (event.actor || []).length ? " " : null,
      h("span", {class: "arrow", "aria-label": "acts on"}, "→"),
      " ",
      joinNodes((event.recipient || []).map(entityRef), ", "),
      (event.recipient || []).length ? null : h("span", {class: "muted"}, "(no recipient)")),
    h("ul", {class: "evidence-list"}, evidence));
}

/** A "load more" button that fetches the next page when clicked. */
export function moreButton(label, load) {
  const button = h("button", {type: "button", class: "more"}, label);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await load();
    } finally {
      button.remove();
    }
  });
  return button;
}

/**
 * A paged list of events matching params, each page appended as it is asked for.
 * Returns the list's element; ctx.alive() says whether the view is still shown.
 */
export function eventList(params, ctx, options) {
  const list = h("div", {class: "event-list"});
  const status = h("p", {class: "muted"}, "Loading events…");
  const box = h("section", {class: "events"}, status, list);
  const articles = (options && options.articles) || new Map();
  async function page(cursor) {
    const data = await get("events", {...params, limit: PAGE_SIZE, cursor}, {signal: ctx.signal});
    if (!ctx.alive()) return;
    for (const ev of data.items) list.appendChild(eventCard(ev, articles));
    const shown = list.children.length;
    status.textContent = shown ? plural(shown, "event") + (data.next_cursor ? " shown" : "") : "No events.";
    if (data.next_cursor) box.appendChild(moreButton("More events", () => page(data.next_cursor)));
  }
  page(null).catch(ctx.fail);
  return box;
}

// The filters the events, timeline, network and map endpoints share.
export const EVENT_FILTERS = [
  {name: "q", label: "Text", type: "search", placeholder: "words in evidence or names"},
  {name: "actor", label: "Actor", type: "text", placeholder: "name or entity id"},
  {name: "country", label: "Country", type: "text", placeholder: "ISO3, e.g. RUS"},
  {name: "type", label: "Type", type: "text", placeholder: "e.g. ACCUSE"},
  {name: "since", label: "Since", type: "date"},
  {name: "until", label: "Until", type: "date"},
  {name: "min_confidence", label: "Min. confidence", type: "number", step: "0.05", min: "0", max: "1"},
  {name: "story_id", label: "Story id", type: "text", placeholder: "story_…"},
];

/** The filters present in a route's query string. */
export function filtersFrom(params) {
  const out = {};
  for (const f of EVENT_FILTERS) {
    const v = params.get(f.name);
    if (v) out[f.name] = v;
  }
  return out;
}

/** A filter bar; submitting it navigates to the same view with the filters in the URL. */
export function filterForm(view, filters) {
  const inputs = EVENT_FILTERS.map((f) => {
    const input = h("input", {
      name: f.name, id: `f-${f.name}`, type: f.type, placeholder: f.placeholder, step: f.step,
      min: f.min, max: f.max,
    });
    input.value = filters[f.name] || "";
    return h("label", {class: "field", for: `f-${f.name}`}, h("span", {}, f.label), input);
  });
  const form = h("form", {class: "filters", role: "search"}, inputs,
    h("div", {class: "buttons"},
      h("button", {type: "submit"}, "Apply"),
      h("a", {href: "#/" + view, class: "button-link"}, "Clear")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const input of form.querySelectorAll("input")) if (input.value) q.set(input.name, input.value);
    const text = q.toString();
    window.location.hash = "#/" + view + (text ? "?" + text : "");
  });
  return form;
}

/** A definition list of label → value pairs (values are text or nodes). */
export function facts(pairs) {
  const dl = h("dl", {class: "facts"});
  for (const [label, value] of pairs) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) continue;
    dl.appendChild(h("dt", {}, label));
    dl.appendChild(h("dd", {}, value));
  }
  return dl;
}
