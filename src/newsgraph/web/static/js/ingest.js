// Start an ingest (POST api/ingest with the server's token) and follow its job
// (GET api/ingest/{id}) until it is done or failed.

import {ApiError, get, post} from "./api.js";
import {facts} from "./components.js";
import {add, fill, h, route} from "./dom.js";

const POLL_MS = 1000; // how often a running job is asked for its progress
const TOKEN_KEY = "newsgraph.token"; // sessionStorage: kept for this tab only, never on disk

function field(label, input) {
  return h("label", {class: "field", for: input.id}, h("span", {}, label), input);
}

function input(id, attrs) {
  return h("input", {id, name: id, ...attrs});
}

/** Articles from chosen files: .html/.htm as HTML, .jsonl as one article a line, anything else as text. */
async function articlesFromFiles(files, outlet) {
  const out = [];
  for (const file of files) {
    const body = await file.text();
    const name = file.name.toLowerCase();
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      body.split("\n").forEach((line, i) => {
        if (!line.trim()) return;
        let record;
        try {
          record = JSON.parse(line);
        } catch (err) {
          throw new Error(`${file.name} line ${i + 1} is not JSON: ${err.message}`);
        }
        out.push(outlet && !record.outlet ? {...record, outlet} : record);
      });
    } else if (name.endsWith(".html") || name.endsWith(".htm")) {
      out.push({html: body, outlet: outlet || undefined});
    } else {
      out.push({text: body, outlet: outlet || undefined});
    }
  }
  return out;
}

function explain(err) {
  if (err instanceof ApiError && err.status === 403) {
    return "This server takes no writes: start it with `newsgraph serve --token …` (or $NEWSGRAPH_TOKEN) to ingest from here.";
  }
  if (err instanceof ApiError && err.status === 401) return "The token is missing or wrong.";
  return err.message;
}

/** A job summary's value: a count, the database totals, or the list of failed inputs. */
function summaryValue(value) {
  if (Array.isArray(value)) {
    return value.length ? h("ul", {class: "failures"}, value.map((f) =>
      h("li", {}, f && typeof f === "object" ? `${f.input}: ${f.error}${f.detail ? " (" + f.detail + ")" : ""}` : String(f))))
      : null;
  }
  if (value && typeof value === "object") return Object.entries(value).map(([a, b]) => `${a} ${b}`).join(", ");
  return String(value);
}

function jobView(job) {
  const bar = h("progress", {id: "ingest-progress", max: job.total || 1});
  if (job.total) bar.value = job.processed || 0;
  else if (job.state === "done") bar.value = 1;
  // no total yet: an indeterminate bar (no value attribute)
  const summary = job.summary ? facts(Object.entries(job.summary).map(([k, v]) => [k.replace(/_/g, " "), summaryValue(v)]))
    : null;
  return h("div", {class: ["job", "card", job.state], id: "ingest-job", dataset: {state: job.state}},
    h("p", {}, h("strong", {}, "Job ", job.job_id), " — ", h("span", {class: "state", id: "ingest-state"}, job.state)),
    bar,
    h("p", {class: "muted"}, `${job.processed || 0}${job.total ? " of " + job.total : ""} processed`),
    job.error ? h("p", {class: "error"}, job.error) : null,
    summary,
    job.state === "done" ? h("p", {}, h("a", {href: route("")}, "See the stories")) : null);
}

export async function render(view, params, ctx) {
  const token = input("ingest-token", {type: "password", autocomplete: "off", placeholder: "the server's --token"});
  token.value = window.sessionStorage.getItem(TOKEN_KEY) || "";
  const mode = h("select", {id: "ingest-mode", name: "mode"},
    h("option", {value: "text"}, "Paste an article"),
    h("option", {value: "files"}, "Upload files (.txt, .html, .jsonl)"),
    h("option", {value: "paths"}, "Files on the server (paths or file:// URLs)"));
  const title = input("ingest-title", {type: "text"});
  const outlet = input("ingest-outlet", {type: "text"});
  const filesOutlet = input("ingest-files-outlet", {type: "text"});
  const published = input("ingest-published", {type: "text", placeholder: "2024-03-04T09:00:00+01:00"});
  const url = input("ingest-url", {type: "url", placeholder: "https://…"});
  const text = h("textarea", {id: "ingest-text", name: "text", rows: 10, placeholder: "Article text, or HTML"});
  const files = input("ingest-files", {type: "file", multiple: true, accept: ".txt,.text,.html,.htm,.jsonl,.ndjson"});
  const paths = h("textarea", {id: "ingest-paths", name: "paths", rows: 4, placeholder: "/data/news/ one per line"});
  const parts = {
    text: h("fieldset", {}, h("legend", {}, "Article"), field("Title", title), field("Outlet", outlet),
      field("Published", published), field("URL", url), field("Text or HTML", text)),
    files: h("fieldset", {}, h("legend", {}, "Files"), field("Files", files), field("Outlet (for files that name none)", filesOutlet)),
    paths: h("fieldset", {}, h("legend", {}, "Server-side inputs"), field("Paths", paths)),
  };
  const status = h("div", {id: "ingest-status", "aria-live": "polite"});
  const submit = h("button", {type: "submit"}, "Ingest");
  const form = h("form", {class: "ingest", id: "ingest-form"}, field("Token", token), field("Input", mode),
    parts.text, parts.files, parts.paths, h("div", {class: "buttons"}, submit));
  const show = () => {
    for (const [name, part] of Object.entries(parts)) part.hidden = name !== mode.value;
  };
  mode.addEventListener("change", show);
  show();

  async function body() {
    if (mode.value === "paths") {
      const list = paths.value.split("\n").map((p) => p.trim()).filter(Boolean);
      if (!list.length) throw new Error("Name at least one path.");
      return {paths: list};
    }
    if (mode.value === "files") {
      if (!files.files.length) throw new Error("Choose at least one file.");
      return {articles: await articlesFromFiles([...files.files], filesOutlet.value.trim())};
    }
    const content = text.value.trim();
    if (!content) throw new Error("Paste the article's text.");
    const article = {[/^\s*</.test(content) ? "html" : "text"]: content};
    for (const [key, el] of [["title", title], ["outlet", outlet], ["published", published], ["url", url]]) {
      if (el.value.trim()) article[key] = el.value.trim();
    }
    return {articles: [article]};
  }

  async function follow(jobId) {
    while (ctx.alive()) {
      const job = await get(`ingest/${encodeURIComponent(jobId)}`, null,
        {signal: ctx.signal, headers: token.value ? {Authorization: "Bearer " + token.value} : {}});
      if (!ctx.alive()) return;
      fill(status, jobView(job));
      if (job.state === "done" || job.state === "failed") {
        ctx.refreshCounts();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const payload = await body();
      window.sessionStorage.setItem(TOKEN_KEY, token.value);
      const job = await post("ingest", payload, token.value);
      fill(status, jobView({...job, processed: 0, total: null}));
      await follow(job.job_id);
    } catch (err) {
      if (err.name === "AbortError") return;
      fill(status, h("p", {class: "error", id: "ingest-error"}, explain(err)));
    } finally {
      submit.disabled = false;
    }
  });

  const health = await get("health", null, {signal: ctx.signal});
  if (!ctx.alive()) return;
  if (health.ingest_paths === false) {
    const option = mode.querySelector('option[value="paths"]');
    option.disabled = true;
    option.textContent = "Files on the server (off: the server was started without --ingest-root)";
  }
  add(view, h("h1", {}, "Ingest"),
    h("p", {class: "muted"}, "Add articles to this server's database. Writes need the token the server was started with."),
    health.ingest_enabled === false
      ? h("p", {class: "error", id: "ingest-disabled"}, "This server takes no writes: it was started without a token.")
      : null,
    form, status);
}
