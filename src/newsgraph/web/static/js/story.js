// One story: its articles, the cross-source comparison, its events with evidence, quotes by speaker.

import {gather, get} from "./api.js";
import {entityRef, eventCard, facts} from "./components.js";
import {add, h, highlighted, markFor, plural, route, when} from "./dom.js";

const KINDS = [
  ["events", "Events"],
  ["quotes", "Quotes"],
  ["numbers", "Numbers"],
  ["dates", "Dates"],
  ["people", "People"],
];
// Fact kinds whose cells show each source's value (a count, a date) rather than a tick,
// so that differing figures stand side by side.
const VALUE_KINDS = new Set(["number", "date"]);

function reportItem(report, articles) {
  const art = articles.get(report.article_id);
  const mark = markFor(report.evidence || {}, report.text, report.start, report.end, "hit", report.value || undefined);
  return h("li", {class: "evidence"},
    h("blockquote", {}, highlighted((report.evidence || {}).sentence, mark ? [mark] : [])),
    h("span", {class: "source"}, "— ", report.source,
      art && art.outlet && art.outlet !== report.source ? ` (${art.outlet})` : null,
      report.published ? `, ${when(report.published)}` : null,
      report.value && report.kind !== "quote" ? h("span", {class: "value"}, " · ", report.value) : null));
}

function cellFor(fact, source) {
  const reports = fact.reports.filter((r) => r.source === source);
  if (!reports.length) return h("td", {class: "absent"}, h("span", {class: "sr-only"}, "not reported"));
  const values = [...new Set(reports.map((r) => r.value).filter(Boolean))];
  const first = fact.first.includes(source);
  const shown = VALUE_KINDS.has(fact.kind) && values.length ? values.join(", ") : "✓";
  return h("td", {class: ["reported", first && "first"], title: values.join(" | ") || undefined},
    shown, first ? h("span", {class: "badge first"}, "first") : null);
}

function comparisonTable(cmp, articles) {
  const sources = cmp.sources.map((s) => s.source);
  const width = sources.length + 2;
  const head = h("thead", {}, h("tr", {},
    h("th", {scope: "col"}, "Fact"),
    sources.map((src) => h("th", {scope: "col", class: "source-col"}, src)),
    h("th", {scope: "col"}, "First reported")));
  const body = h("tbody");
  for (const [kind, title] of KINDS) {
    const rows = cmp[kind] || [];
    if (!rows.length) continue;
    body.appendChild(h("tr", {class: "group"}, h("th", {colspan: width, scope: "colgroup"}, `${title} (${rows.length})`)));
    for (const fact of rows) {
      const detail = h("tr", {class: "evidence-row", hidden: true},
        h("td", {colspan: width}, h("ul", {class: "evidence-list"}, fact.reports.map((r) => reportItem({...r, kind: fact.kind}, articles)))));
      const toggle = h("button", {type: "button", class: "fact-toggle", "aria-expanded": "false"}, fact.label);
      toggle.addEventListener("click", () => {
        detail.hidden = !detail.hidden;
        toggle.setAttribute("aria-expanded", String(!detail.hidden));
      });
      const firstCell = fact.unique
        ? h("td", {class: "only"}, h("span", {class: "badge only"}, "only " + fact.sources[0]))
        : h("td", {}, fact.first.length
          ? [fact.first.join(", "), h("br"), h("span", {class: "tag"}, when(fact.first_published))] : "undated");
      body.appendChild(h("tr", {class: ["fact", fact.unique && "unique"], dataset: {factId: fact.id}},
        h("th", {scope: "row"}, toggle),
        sources.map((src) => cellFor(fact, src)),
        firstCell));
      body.appendChild(detail);
    }
  }
  return h("div", {class: "table-wrap"}, h("table", {class: "comparison", id: "comparison-table"}, head, body));
}

function sourcesTable(cmp) {
  const firsts = new Map();
  for (const [kind] of KINDS) {
    for (const fact of cmp[kind] || []) for (const src of fact.first) firsts.set(src, (firsts.get(src) || 0) + 1);
  }
  return h("div", {class: "table-wrap"}, h("table", {class: "sources", id: "sources-table"},
    h("thead", {}, h("tr", {}, ["Source", "Outlets", "Articles", "First published", "Reported first", "Only here"]
      .map((t) => h("th", {scope: "col"}, t)))),
    h("tbody", {}, cmp.sources.map((s) => h("tr", {},
      h("th", {scope: "row"}, s.source),
      h("td", {}, s.outlets.join(", ")),
      h("td", {}, String(s.article_ids.length), s.copies.length ? ` (${s.copies.length} copies)` : null),
      h("td", {}, when(s.first_published)),
      h("td", {}, plural(firsts.get(s.source) || 0, "fact")),
      h("td", {}, plural(s.unique_facts.length, "fact")))))));
}

function uniqueFacts(cmp) {
  const byId = new Map();
  for (const [kind] of KINDS) for (const fact of cmp[kind] || []) byId.set(fact.id, fact);
  const blocks = cmp.sources.filter((s) => s.unique_facts.length).map((s) => h("div", {class: "unique-block"},
    h("h3", {}, s.source),
    h("ul", {}, s.unique_facts.map((id) => {
      const fact = byId.get(id);
      return h("li", {}, h("span", {class: "badge kind"}, fact ? fact.kind : id.split(":")[0]), " ", fact ? fact.label : id);
    }))));
  return blocks.length ? h("div", {class: "unique-facts", id: "unique-facts"}, blocks)
    : h("p", {class: "muted"}, "Every fact was reported by more than one source.");
}

function disagreements(cmp, articles) {
  if (!cmp.disagreements.length) return h("p", {class: "muted", id: "disagreements"}, "No disagreements between sources.");
  return h("div", {id: "disagreements"}, cmp.disagreements.map((d) => h("article", {class: "card disagreement"},
    h("h3", {}, h("span", {class: "badge kind"}, d.kind), " ", d.label),
    h("ul", {class: "competing"}, d.values.map((v) => h("li", {},
      h("p", {}, h("strong", {class: "value"}, v.value), " — ", v.sources.join(", ")),
      h("ul", {class: "evidence-list"}, v.reports.map((r) => reportItem(r, articles)))))))));
}

function quotesBySpeaker(quotes, articles) {
  const groups = new Map();
  for (const q of quotes) {
    const key = q.speaker ? (q.speaker.entity_id || "name:" + q.speaker.name.toLowerCase()) : "";
    if (!groups.has(key)) groups.set(key, {speaker: q.speaker, quotes: []});
    groups.get(key).quotes.push(q);
  }
  const ordered = [...groups.values()].sort((a, b) =>
    (!a.speaker - !b.speaker) || b.quotes.length - a.quotes.length ||
    (a.speaker ? a.speaker.name : "").localeCompare(b.speaker ? b.speaker.name : ""));
  if (!ordered.length) return h("p", {class: "muted"}, "No quotes.");
  return h("div", {class: "quote-groups", id: "quotes-by-speaker"}, ordered.map((g) => h("section", {class: "speaker card"},
    h("h3", {}, g.speaker ? entityRef(g.speaker) : h("span", {class: "muted"}, "Unattributed"),
      h("span", {class: "count"}, ` ${plural(g.quotes.length, "quote")}`)),
    h("ul", {class: "quotes"}, g.quotes.map((q) => {
      const art = articles.get(q.article_id);
      return h("li", {},
        h("q", {}, q.text),
        " ", q.kind ? h("span", {class: "badge"}, q.kind) : null,
        h("span", {class: "source"}, " — ", art ? (art.outlet || art.title || q.article_id) : q.article_id));
    })))));
}

function articleTable(articles) {
  return h("div", {class: "table-wrap"}, h("table", {class: "articles", id: "articles-table"},
    h("thead", {}, h("tr", {}, ["Outlet", "Title", "Published", ""].map((t) => h("th", {scope: "col"}, t)))),
    h("tbody", {}, [...articles.values()].map((a) => h("tr", {},
      h("td", {}, a.outlet || "—"),
      h("td", {}, a.url ? h("a", {href: a.url, rel: "noopener noreferrer", target: "_blank"}, a.title || a.url) : (a.title || a.id)),
      h("td", {}, when(a.published), a.published_source === "inferred" ? h("span", {class: "tag"}, " inferred") : null),
      h("td", {}, a.duplicate_of ? h("span", {class: "badge"}, "copy") : null))))));
}

function section(id, title, ...children) {
  return h("section", {id, class: "block"}, h("h2", {}, title), ...children);
}

export async function render(view, params, ctx, id) {
  const opts = {signal: ctx.signal};
  const [story, cmp, arts, evs] = await Promise.all([
    get(`stories/${encodeURIComponent(id)}`, null, opts),
    get(`stories/${encodeURIComponent(id)}/comparison`, null, opts),
    gather("articles", {story_id: id}, opts),
    gather("events", {story_id: id}, opts),
  ]);
  if (!ctx.alive()) return;
  const articles = new Map(arts.items.map((a) => [a.id, a]));
  const quoteLists = await Promise.all(arts.items.map((a) => gather("quotes", {article_id: a.id}, opts)));
  if (!ctx.alive()) return;
  const quotes = quoteLists.flatMap((l) => l.items);
  const filter = "?story_id=" + encodeURIComponent(id);
  const events = [...evs.items].sort((a, b) => (a.date || "~").localeCompare(b.date || "~") || a.id.localeCompare(b.id));

  add(view, 
    h("p", {class: "crumbs"}, h("a", {href: "#/"}, "Stories"), " / ", story.id),
    h("h1", {id: "story-title"}, story.title || story.id),
    h("p", {class: "summary lead", id: "story-summary"}, story.summary || ""),
    facts([
      ["Outlets", h("span", {class: "chips"}, (story.outlets || []).map((o) => h("span", {class: "chip"}, o)))],
      ["Published", `${when(story.first_published)}${story.last_published ? " – " + when(story.last_published) : ""}`],
      ["Records", `${plural(articles.size, "article")}, ${plural(events.length, "event")}, ${plural(quotes.length, "quote")}`],
      ["Views", h("span", {class: "chips"},
        h("a", {href: "#/timeline" + filter}, "timeline"), " ",
        h("a", {href: "#/network" + filter}, "network"), " ",
        h("a", {href: "#/map" + filter}, "map"))],
    ]),
    h("nav", {class: "toc", "aria-label": "Sections"},
      ["comparison", "firsts", "only-one", "disagree", "events", "quotes", "articles"].map((s) =>
        h("button", {type: "button", class: "link", dataset: {target: "sec-" + s}}, s.replace("-", " ")))),
    section("sec-comparison", "Facts by source", h("p", {class: "muted"},
      "Each row is one fact lined up across sources (wire copies count as their original). ",
      "Click a fact to see each source's sentence."), comparisonTable(cmp, articles)),
    section("sec-firsts", "Who reported first", sourcesTable(cmp)),
    section("sec-only-one", "Reported by one source only", uniqueFacts(cmp)),
    section("sec-disagree", "Disagreements", disagreements(cmp, articles)),
    section("sec-events", `Events (${events.length})`,
      evs.truncated ? h("p", {class: "muted"}, "Only the first events are shown.") : null,
      h("div", {class: "event-list", id: "story-events"}, events.map((e) => eventCard(e, articles)))),
    section("sec-quotes", `Quotes by speaker (${quotes.length})`, quotesBySpeaker(quotes, articles)),
    section("sec-articles", `Articles (${articles.size})`, articleTable(articles)),
  );
  for (const button of view.querySelectorAll("nav.toc button")) {
    button.addEventListener("click", () => document.getElementById(button.dataset.target).scrollIntoView());
  }
}
