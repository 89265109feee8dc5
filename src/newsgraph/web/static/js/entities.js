// Entity search (GET api/entities?q=&type=): names and aliases, by type.

import {get, PAGE_SIZE} from "./api.js";
import {moreButton} from "./components.js";
import {add, h, plural, route} from "./dom.js";

const TYPES = [["", "any type"], ["PERSON", "people"], ["ORG", "organisations"], ["GPE", "places with a government"],
  ["LOC", "other places"], ["NORP", "groups"]];

export async function render(view, params, ctx) {
  const q = params.get("q") || "";
  const type = params.get("type") || "";
  const input = h("input", {type: "search", name: "q", id: "entity-search", placeholder: "Name or alias", autocomplete: "off",
    "aria-label": "Search entities"});
  input.value = q;
  const select = h("select", {name: "type", "aria-label": "Entity type"},
    TYPES.map(([value, label]) => h("option", {value, selected: value === type}, label)));
  const form = h("form", {class: "search", role: "search"}, input, select, h("button", {type: "submit"}, "Search"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    if (input.value.trim()) p.set("q", input.value.trim());
    if (select.value) p.set("type", select.value);
    window.location.hash = "#/entities" + (p.toString() ? "?" + p : "");
  });
  const table = h("tbody");
  const status = h("p", {class: "muted"}, "Loading…");
  const box = h("div", {class: "table-wrap"}, h("table", {class: "entities", id: "entity-table"},
    h("thead", {}, h("tr", {}, ["Name", "Type", "Country", "Sector", "Also called", "Articles"].map((t) => h("th", {scope: "col"}, t)))),
    table));
  add(view, h("h1", {}, "Entities"), form, status, box);

  async function page(cursor) {
    const data = await get("entities", {q, type, limit: PAGE_SIZE, cursor}, {signal: ctx.signal});
    if (!ctx.alive()) return;
    for (const e of data.items) {
      table.appendChild(h("tr", {},
        h("th", {scope: "row"}, h("a", {href: route("entity", e.id), class: "entity-link"}, e.name)),
        h("td", {}, e.type || ""),
        h("td", {}, e.country || ""),
        h("td", {}, e.sector || ""),
        h("td", {class: "aliases"}, (e.aliases || []).filter((a) => a !== e.name).join(", ")),
        h("td", {class: "num"}, String((e.article_ids || []).length))));
    }
    const n = table.children.length;
    status.textContent = n ? plural(n, "entity", "entities") + (data.next_cursor ? " shown" : "") : "No entity matches.";
    if (data.next_cursor) box.appendChild(moreButton("More entities", () => page(data.next_cursor)));
  }
  await page(null);
}
