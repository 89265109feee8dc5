// One entity: its names, where it appears, its events (GET api/events?actor=ID) and its quotes.

import {get, PAGE_SIZE} from "./api.js";
import {eventList, facts, moreButton} from "./components.js";
import {add, h, plural, route, when} from "./dom.js";
import {timelineChart} from "./timeline.js";

// Articles listed by title on the entity page; the rest are counted.
const ARTICLES_SHOWN = 12;

function quoteList(id, ctx) {
  const list = h("ul", {class: "quotes"});
  const status = h("p", {class: "muted"}, "Loading quotes…");
  const box = h("div", {id: "entity-quotes"}, status, list);
  async function page(cursor) {
    const data = await get("quotes", {speaker: id, limit: PAGE_SIZE, cursor}, {signal: ctx.signal});
    if (!ctx.alive()) return;
    for (const q of data.items) {
      list.appendChild(h("li", {}, h("q", {}, q.text), " ", q.kind ? h("span", {class: "badge"}, q.kind) : null));
    }
    status.textContent = list.children.length ? plural(list.children.length, "quote") : "No quotes attributed.";
    if (data.next_cursor) box.appendChild(moreButton("More quotes", () => page(data.next_cursor)));
  }
  page(null).catch(ctx.fail);
  return box;
}

function articleList(ids, ctx) {
  const list = h("ul", {class: "article-titles"});
  Promise.all(ids.slice(0, ARTICLES_SHOWN).map((aid) => get(`articles/${encodeURIComponent(aid)}`, null, {signal: ctx.signal})))
    .then((arts) => {
      if (!ctx.alive()) return;
      for (const a of arts) {
        list.appendChild(h("li", {},
          a.story_id ? h("a", {href: route("story", a.story_id)}, a.title || a.id) : (a.title || a.id),
          h("span", {class: "source"}, ` — ${a.outlet || "unknown outlet"}, ${when(a.published)}`)));
      }
      if (ids.length > ARTICLES_SHOWN) list.appendChild(h("li", {class: "muted"}, `and ${ids.length - ARTICLES_SHOWN} more`));
    })
    .catch(ctx.fail);
  return list;
}

export async function render(view, params, ctx, id) {
  const entity = await get(`entities/${encodeURIComponent(id)}`, null, {signal: ctx.signal});
  if (!ctx.alive()) return;
  const filter = "?actor=" + encodeURIComponent(id);
  const chart = h("div", {class: "chart", id: "entity-timeline"});
  add(view, 
    h("p", {class: "crumbs"}, h("a", {href: "#/entities"}, "Entities"), " / ", entity.id),
    h("h1", {id: "entity-name"}, entity.name),
    facts([
      ["Type", entity.type],
      ["Country", entity.country],
      ["Sector", entity.sector],
      ["Names used", h("span", {class: "chips", id: "entity-aliases"},
        (entity.aliases && entity.aliases.length ? entity.aliases : [entity.name]).map((a) => h("span", {class: "chip"}, a)))],
      ["Titles", (entity.titles || []).join(", ")],
      ["Views", h("span", {class: "chips"},
        h("a", {href: "#/timeline" + filter}, "timeline"), " ",
        h("a", {href: "#/network" + filter}, "network"), " ",
        h("a", {href: "#/map" + filter}, "map"))],
    ]),
    h("section", {class: "block"}, h("h2", {}, "Events over time"), chart),
    h("section", {class: "block"}, h("h2", {}, "Events"), eventList({actor: id}, ctx)),
    h("section", {class: "block"}, h("h2", {}, "Quotes"), quoteList(id, ctx)),
    h("section", {class: "block"}, h("h2", {}, `In ${plural((entity.article_ids || []).length, "article")}`),
      articleList(entity.article_ids || [], ctx)),
  );
  const data = await get("timeline", {actor: id}, {signal: ctx.signal});
  if (ctx.alive()) chart.appendChild(timelineChart(data.buckets, {height: 180}));
}
