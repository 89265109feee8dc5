// The story list with full-text search (GET api/stories?q=).

import {get, PAGE_SIZE} from "./api.js";
import {moreButton} from "./components.js";
import {add, h, plural, route, when} from "./dom.js";

// Characters of a story's summary shown in the list (the story page has it whole).
const SUMMARY_CHARS = 280;

function clip(text, n) {
  if (!text || text.length <= n) return text || "";
  const cut = text.slice(0, n);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), n - 20)) + "…";
}

function storyItem(story) {
  return h("li", {class: "story-item card", dataset: {storyId: story.id}},
    h("h2", {}, h("a", {href: route("story", story.id), class: "story-link"}, story.title || story.id)),
    h("p", {class: "summary"}, clip(story.summary, SUMMARY_CHARS)),
    h("p", {class: "meta"},
      when(story.first_published),
      story.last_published && story.last_published !== story.first_published ? ` – ${when(story.last_published)}` : null,
      " · ", plural((story.article_ids || []).length, "article"),
      " · ", plural((story.event_ids || []).length, "event"),
      " · ", (story.outlets || []).join(", ")));
}

export async function render(view, params, ctx) {
  const q = params.get("q") || "";
  const input = h("input", {type: "search", name: "q", id: "story-search", placeholder: "Search stories: words in titles or text",
    "aria-label": "Search stories", autocomplete: "off"});
  input.value = q;
  const form = h("form", {class: "search", role: "search"}, input, h("button", {type: "submit"}, "Search"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = input.value.trim();
    window.location.hash = value ? "#/?q=" + encodeURIComponent(value) : "#/";
  });
  const list = h("ul", {class: "story-list", id: "story-list"});
  const status = h("p", {class: "muted", id: "story-status"}, "Loading…");
  const box = h("div", {}, list);
  add(view, h("h1", {}, q ? `Stories matching “${q}”` : "Stories"), form, status, box);

  async function page(cursor) {
    const data = await get("stories", {q, limit: PAGE_SIZE, cursor}, {signal: ctx.signal});
    if (!ctx.alive()) return;
    for (const story of data.items) list.appendChild(storyItem(story));
    const n = list.children.length;
    status.textContent = n
      ? plural(n, "story", "stories") + (data.next_cursor ? " shown" : "")
      : q ? "No story matches." : "No stories yet: ingest some articles.";
    if (data.next_cursor) box.appendChild(moreButton("More stories", () => page(data.next_cursor)));
  }
  await page(null);
  if (!q) input.focus();
}
