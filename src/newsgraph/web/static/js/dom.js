// DOM building without HTML parsing.
//
// Article, quote and entity text is written by anyone, so it only ever reaches the
// page as text nodes: h() turns every string child into a Text node and sets
// attributes one by one. Nothing here (nor anywhere in the UI) assigns innerHTML;
// the server's Content-Security-Policy requires Trusted Types, so such an
// assignment would throw.

const SVG_NS = "http://www.w3.org/2000/svg";

function append(el, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(el, c);
  } else if (child instanceof Node) {
    el.appendChild(child);
  } else {
    el.appendChild(document.createTextNode(String(child)));
  }
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") {
      el.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    } else if (key === "on") {
      for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    } else if (key === "dataset") {
      for (const [k, v] of Object.entries(value)) el.dataset[k] = String(v);
    } else if (key === "href") {
      el.setAttribute("href", safeHref(value));
    } else if (key.startsWith("on")) {
      throw new Error(`event handler attribute ${key} is not allowed; use {on: {...}}`);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

/** An HTML element: h("a", {href: "#/"}, "text", otherNode, [more]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** An SVG element; numbers are written as attributes. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Append children (strings as text; null, undefined and false skipped, unlike Element.append). */
export function add(el, ...children) {
  append(el, children);
  return el;
}

/** Replace an element's children (strings as text; null, undefined and false skipped). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Links from data may only go to the web or to this page's own routes. */
export function safeHref(url) {
  const value = String(url);
  if (value.startsWith("#") || value.startsWith("api/") || value.startsWith("static/")) return value;
  try {
    const parsed = new URL(value, window.location.href);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed.href;
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
  }
  return "#";
}

/** A link to a route of this page, e.g. route("story", id). */
export function route(name, ...parts) {
  return "#/" + [name, ...parts.map((p) => encodeURIComponent(p))].join("/");
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const WORD_CHAR = "[\\p{L}\\p{M}\\p{N}]";

/**
 * Where a word is in a sentence: [start, end] of the whole word, or null. An exact
 * word first; else a word beginning like it, so a lemma ("accuse") finds its
 * inflected form ("accusing", "accused").
 */
export function findWord(sentence, word) {
  const w = (word || "").trim();
  if (!w) return null;
  const exact = new RegExp(`(?<!${WORD_CHAR})${escapeRegExp(w)}(?!${WORD_CHAR})`, "iu").exec(sentence);
  if (exact) return [exact.index, exact.index + exact[0].length];
  if (w.includes(" ") || w.length < 4) return null;
  const stem = w.slice(0, Math.max(4, w.length - 2));
  const prefix = new RegExp(`(?<!${WORD_CHAR})${escapeRegExp(stem)}${WORD_CHAR}*`, "iu").exec(sentence);
  return prefix ? [prefix.index, prefix.index + prefix[0].length] : null;
}

/**
 * A sentence with parts marked: marks are {start, end, cls, title} in the sentence's
 * own offsets; overlapping marks keep the earlier (then the longer) one.
 */
export function highlighted(sentence, marks) {
  const text = String(sentence || "");
  const ordered = marks
    .filter((m) => m && m.start >= 0 && m.end > m.start && m.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const frag = document.createDocumentFragment();
  let pos = 0;
  for (const m of ordered) {
    if (m.start < pos) continue;
    if (m.start > pos) frag.appendChild(document.createTextNode(text.slice(pos, m.start)));
    frag.appendChild(h("mark", {class: m.cls, title: m.title}, text.slice(m.start, m.end)));
    pos = m.end;
  }
  if (pos < text.length) frag.appendChild(document.createTextNode(text.slice(pos)));
  return frag;
}

/** A mark for a report's words in its evidence sentence: by offsets when they fit, else by search. */
export function markFor(evidence, text, start, end, cls, title) {
  const sentence = evidence.sentence || "";
  if (start !== null && start !== undefined && evidence.start !== null && evidence.start !== undefined) {
    const rs = start - evidence.start;
    const re = end - evidence.start;
    if (rs >= 0 && re <= sentence.length && re > rs) return {start: rs, end: re, cls, title};
  }
  const found = findWord(sentence, text);
  return found ? {start: found[0], end: found[1], cls, title} : null;
}

/** Short human date-time from an ISO string, keeping its own offset. */
export function when(iso) {
  if (!iso) return "undated";
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(iso);
  if (!m) return iso;
  return m[2] ? `${m[1]} ${m[2]}` : m[1];
}

export function plural(n, word, many) {
  return `${n} ${n === 1 ? word : many || word + "s"}`;
}

/** A small inline SVG colour swatch (inline styles are forbidden by the CSP). */
export function swatch(colour, shape) {
  const mark = shape === "line"
    ? s("line", {x1: 1, y1: 6, x2: 17, y2: 6, stroke: colour, "stroke-width": 3})
    : s("rect", {x: 1, y: 1, width: 10, height: 10, rx: 2, fill: colour});
  return s("svg", {class: "swatch", width: shape === "line" ? 18 : 12, height: 12, "aria-hidden": "true"}, mark);
}
