// The REST API under api/ (relative, so the UI also works behind a path prefix).

// A page of a listing the UI asks for; the API clamps limits to 1..500.
export const PAGE_SIZE = 50;
// The most records one view gathers by following cursors (a story's events, an
// entity's quotes) before it stops and says that more exist.
export const MAX_GATHER = 2000;

export class ApiError extends Error {
  constructor(status, code, message) {
    super(code ? `${code}: ${message}` : message);
    this.status = status;
    this.code = code;
    this.detail = message;
  }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === null || value === undefined || value === "") continue;
    q.set(key, String(value));
  }
  const text = q.toString();
  return text ? "?" + text : "";
}

async function parse(response) {
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : null;
  if (!response.ok) {
    const err = body && body.error ? body.error : null;
    const message = err ? err.message : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, err ? err.code : null, message);
  }
  if (body === null) throw new ApiError(response.status, null, `expected JSON from ${response.url}`);
  return body;
}

/** GET api/<path>?params as JSON; raises ApiError with the server's code and message. */
export async function get(path, params, options) {
  const response = await fetch("api/" + path + query(params), {
    headers: {Accept: "application/json", ...(options && options.headers)},
    signal: options && options.signal,
  });
  return parse(response);
}

/** POST JSON to api/<path> with a bearer token. */
export async function post(path, body, token) {
  const headers = {Accept: "application/json", "Content-Type": "application/json"};
  if (token) headers.Authorization = "Bearer " + token;
  const response = await fetch("api/" + path, {method: "POST", headers, body: JSON.stringify(body)});
  return parse(response);
}

/** Every item of a paged listing, following next_cursor up to MAX_GATHER items. */
export async function gather(path, params, options) {
  const items = [];
  let cursor = null;
  do {
    const page = await get(path, {...params, limit: 500, cursor}, options);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && items.length < MAX_GATHER);
  return {items, truncated: Boolean(cursor)};
}

/** Fetch a JSON asset shipped under static/ (once per page load). */
const assets = new Map();
export function asset(path) {
  if (!assets.has(path)) {
    assets.set(path, fetch("static/" + path).then((r) => {
      if (!r.ok) throw new ApiError(r.status, null, `could not load static/${path}`);
      return r.json();
    }).catch((err) => {
      assets.delete(path);  // a failed load is retried on the next view, not cached
      throw err;
    }));
  }
  return assets.get(path);
}
