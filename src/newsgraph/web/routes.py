"""The REST API under /api: records as in DESIGN.md's export contract, JSON everywhere.

Routes are thin: each opens a store for the request (``app.Stores``), calls a
library function (``Store`` queries, ``newsgraph.api``, ``newsgraph.views``)
and returns its records; no SQL here. Lists are pages: ``limit`` (clamped to
1..500) records and an opaque ``next_cursor`` to pass back as ``cursor`` for
the next page (null on the last). Errors are ``{"error": {"code", "message"}}``
(``app.py`` maps the coded ``NewsgraphError`` classes to statuses).
"""

from __future__ import annotations

import hmac
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from newsgraph import __version__, views
from newsgraph.errors import AuthError, NotFoundError, WritesDisabledError
from newsgraph.model import Entity, Event, Failure, Quote, Story
from newsgraph.store.db import EventFilter
from newsgraph.stories.compare import StoryComparison
from newsgraph.web.jobs import JobRunner

if TYPE_CHECKING:
    from newsgraph.web.app import Stores

# Page sizes: the default, and the largest a client may ask for (larger asks are clamped,
# not refused, so a client never has to know the bound).
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# Actor-network nodes a client may ask for (``max_nodes``).
MAX_NETWORK_NODES = 2000


# --------------------------------------------------------------------------- schemas
class ErrorDetail(BaseModel):
    code: str = Field(description="Stable error code (newsgraph.errors), e.g. E040 for an unknown id.")
    message: str = Field(description="What was wrong and, where it helps, what to do instead.")


class ErrorResponse(BaseModel):
    error: ErrorDetail


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    text = {400: "Bad filter value or cursor", 401: "Missing or wrong token", 403: "Writes are disabled",
            404: "No record with that id", 413: "Request body over the size limit",
            422: "Invalid parameter or body", 503: "Ingest queue full"}
    return {s: {"model": ErrorResponse, "description": text[s]} for s in statuses}


class ArticleRecord(BaseModel):
    """An article's export record; fields of its metadata (``date_source``, ``events_skipped``,
    ``fetched``, ...) come beside these."""

    model_config = ConfigDict(extra="allow")

    id: str
    source_path: str
    text: str = Field(description="The clean text; evidence and quote offsets index it.")
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    standfirst: str | None = None
    authors: list[str] = []
    published: str | None = Field(None, description="ISO 8601 with its UTC offset when known.")
    published_source: Literal["text", "metadata", "inferred"] | None = None
    section: str | None = None
    language: str | None = None
    story_id: str | None = None
    duplicate_of: str | None = Field(None, description="The original's id when this is a (near) copy.")
    dateline: str | None = None


NEXT_CURSOR = "Pass as `cursor` for the next page; null on the last page."


class ArticlePage(BaseModel):
    items: list[ArticleRecord]
    next_cursor: str | None = Field(description=NEXT_CURSOR)


class StoryPage(BaseModel):
    items: list[Story]
    next_cursor: str | None = Field(description=NEXT_CURSOR)


class EventPage(BaseModel):
    items: list[Event]
    next_cursor: str | None = Field(description=NEXT_CURSOR)


class EntityPage(BaseModel):
    items: list[Entity]
    next_cursor: str | None = Field(description=NEXT_CURSOR)


class QuotePage(BaseModel):
    items: list[Quote]
    next_cursor: str | None = Field(description=NEXT_CURSOR)


class FailurePage(BaseModel):
    items: list[Failure]
    next_cursor: str | None = Field(description=NEXT_CURSOR)


class Counts(BaseModel):
    articles: int
    stories: int
    events: int
    entities: int
    quotes: int
    failures: int


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    counts: Counts
    ingest_enabled: bool = Field(description="True when the server has a token, so POST /api/ingest works.")
    ingest_paths: bool = Field(False, description="True when the server was given an ingest root, so POST "
                                                  "/api/ingest may name server-side files under it.")


class ArticleIn(BaseModel):
    """One article to ingest: ``text`` (plain text) or ``html`` (a whole page), and what is known of it."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    html: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="ISO 8601 datetime, e.g. 2023-03-14T17:05:00+00:00.")
    authors: list[str] | None = None
    id: str | None = Field(None, description="Your id for it (kept as metadata; newsgraph ids are content hashes).")

    @field_validator("published")
    @classmethod
    def _iso(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                datetime.fromisoformat(v)
            except ValueError as e:
                raise ValueError(f"{v!r} is not an ISO 8601 datetime") from e
        return v

    @model_validator(mode="after")
    def _body(self) -> ArticleIn:
        if not (self.text or "").strip() and not (self.html or "").strip():
            raise ValueError("an article needs 'text' or 'html'")
        return self


Format = Literal["auto", "text", "html", "jsonl", "rss", "warc"]


class IngestRequest(BaseModel):
    """Either ``articles`` (posted content) or ``paths`` (files on the server), not both."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] | None = Field(None, min_length=1)
    paths: list[str] | None = Field(
        None, min_length=1,
        description="Server-side files or folders, as paths or file:// URLs (http(s) URLs are refused).")
    format: Format = Field("auto", description="Input format of `paths` (posted articles are always read as JSONL).")

    @model_validator(mode="after")
    def _one(self) -> IngestRequest:
        if (self.articles is None) == (self.paths is None):
            raise ValueError("give either 'articles' or 'paths'")
        if self.articles is not None and self.format != "auto":
            raise ValueError("'format' applies to 'paths' only")
        return self


JobState = Literal["queued", "running", "done", "failed"]


class IngestAccepted(BaseModel):
    job_id: str
    state: JobState


class JobStatus(BaseModel):
    job_id: str
    state: JobState
    processed: int = Field(description="Articles processed so far.")
    total: int | None = Field(description="Articles to process, when known (posted articles); null for paths.")
    summary: dict[str, Any] | None = Field(
        description="When done: read, stored, unchanged, duplicates, near_duplicates, failed, totals "
                    "(the database's counts), failures (the first 100).")
    error: str | None = Field(description="Why the job failed.")
    created: str
    started: str | None
    finished: str | None


# --------------------------------------------------------------------------- helpers
router = APIRouter(prefix="/api")
bearer = HTTPBearer(auto_error=False, description="`Authorization: Bearer TOKEN`, the token given to `newsgraph serve`.")

Limit = Annotated[int, Query(description=f"Records per page; clamped to 1..{MAX_LIMIT}.")]
Cursor = Annotated[str | None, Query(description="`next_cursor` of the previous page.")]


def clamp_limit(limit: int) -> int:
    return max(1, min(MAX_LIMIT, limit))


def _cursor(cursor: str | None) -> str | None:
    """An empty cursor (a form's blank field) is the first page."""
    return cursor or None


def _stores(request: Request) -> Stores:
    stores: Stores = request.app.state.stores
    return stores


def _jobs(request: Request) -> JobRunner:
    runner: JobRunner = request.app.state.jobs
    return runner


def event_filter(
    actor: Annotated[str | None, Query(description="Entity id, or part of an actor's or recipient's name.")] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-3 code of an actor or recipient.")] = None,
    type: Annotated[str | None, Query(description="PLOVER type, e.g. CONSULT.")] = None,
    since: Annotated[str | None, Query(description="Earliest event date: YYYY-MM-DD, YYYY-MM or YYYY. An event "
                                                    "dated to a week, month or year is in range if it overlaps it.")] = None,
    until: Annotated[str | None, Query(description="Latest event date: YYYY-MM-DD, YYYY-MM or YYYY (until=2023 "
                                                    "runs through 2023-12-31).")] = None,
    story_id: Annotated[str | None, Query(description="Only this story's events.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0, description="Drop events below this.")] = None,
    q: Annotated[str | None, Query(description="Full text over evidence sentences and actor names.")] = None,
) -> EventFilter:
    """The event filters every event view shares (checked by ``views.event_filter``: 400 on a bad value)."""
    return views.event_filter(actor=actor, country=country, type=type, since=since, until=until,
                              story_id=story_id, min_confidence=min_confidence, query=q)


Filter = Annotated[EventFilter, Depends(event_filter)]


def require_token(request: Request,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    """Writes need the server's token; none configured means writes are off."""
    token: str | None = request.app.state.token
    if not token:
        raise WritesDisabledError("ingest over the API is off: start the server with --token "
                                  "(or $NEWSGRAPH_TOKEN) to enable it")
    given = credentials.credentials if credentials is not None else ""
    if not given or not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        raise AuthError("this request needs the header 'Authorization: Bearer TOKEN' with the server's token")


def _missing(kind: str, record_id: str, hint: str) -> NotFoundError:
    return NotFoundError(f"no {kind} with id {record_id!r}; {hint}")


# --------------------------------------------------------------------------- routes
@router.get("/health", response_model=Health, tags=["meta"])
def health(request: Request) -> dict[str, Any]:
    """Liveness, version and how many records of each kind the database holds."""
    with _stores(request).session() as store:
        counts = store.counts()
    return {"status": "ok", "version": __version__, "counts": counts, "ingest_enabled": bool(request.app.state.token),
            "ingest_paths": _jobs(request).ingest_root is not None}


@router.get("/articles", response_model=ArticlePage, responses=_errors(400, 422), tags=["articles"])
def list_articles(
    request: Request,
    story_id: Annotated[str | None, Query(description="Only this story's articles.")] = None,
    q: Annotated[str | None, Query(description="Full text over titles and text.")] = None,
    limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None,
) -> dict[str, Any]:
    """Articles by publication time (ingest time when undated), then id."""
    with _stores(request).session() as store:
        page = store.article_page(story_id=views.blank(story_id), query=views.blank(q),
                                  limit=clamp_limit(limit), cursor=_cursor(cursor))
    return {"items": [views.article_record(a) for a in page.items], "next_cursor": page.next_cursor}


@router.get("/articles/{article_id}", response_model=ArticleRecord, responses=_errors(404, 422), tags=["articles"])
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    with _stores(request).session() as store:
        a = store.article(article_id)
    if a is None:
        raise _missing("article", article_id, "list them with GET /api/articles")
    return views.article_record(a)


@router.get("/stories", response_model=StoryPage, responses=_errors(400, 422), tags=["stories"])
def list_stories(
    request: Request,
    q: Annotated[str | None, Query(description="Full text over the story's title and summary and its "
                                               "articles' titles and text.")] = None,
    limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None,
) -> dict[str, Any]:
    """Stories, most recent first (by first publication)."""
    with _stores(request).session() as store:
        page = store.story_page(query=views.blank(q), limit=clamp_limit(limit), cursor=_cursor(cursor))
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.get("/stories/{story_id}", response_model=Story, responses=_errors(404, 422), tags=["stories"])
def get_story(request: Request, story_id: str) -> Story:
    with _stores(request).session() as store:
        s = store.story(story_id)
    if s is None:
        raise _missing("story", story_id, "list them with GET /api/stories")
    return s


@router.get("/stories/{story_id}/comparison", response_model=StoryComparison, responses=_errors(404, 422),
            tags=["stories"])
def get_comparison(request: Request, story_id: str) -> StoryComparison:
    """Cross-source comparison: each fact by source, who reported it first, what one source alone
    reported, and where sources disagree (the JSON of `newsgraph story ID --compare --json`)."""
    from newsgraph.api import story_comparison

    with _stores(request).session() as store:
        return story_comparison(store, story_id)


@router.get("/events", response_model=EventPage, responses=_errors(400, 422), tags=["events"])
def list_events(request: Request, f: Filter, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> dict[str, Any]:
    """Merged events (who did what to whom, when, where) by date, then id."""
    with _stores(request).session() as store:
        page = store.event_page(f, limit=clamp_limit(limit), cursor=_cursor(cursor))
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.get("/events/{event_id}", response_model=Event, responses=_errors(404, 422), tags=["events"])
def get_event(request: Request, event_id: str) -> Event:
    with _stores(request).session() as store:
        e = store.event(event_id)
    if e is None:
        raise _missing("event", event_id, "list them with GET /api/events")
    return e


@router.get("/entities", response_model=EntityPage, responses=_errors(400, 422), tags=["entities"])
def list_entities(
    request: Request,
    q: Annotated[str | None, Query(description="Part of a name or alias (case-insensitive).")] = None,
    type: Annotated[str | None, Query(description="Entity type: PERSON, ORG, GPE, ...")] = None,
    limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None,
) -> dict[str, Any]:
    """Entities (people, organisations, countries) by type, then name."""
    with _stores(request).session() as store:
        page = store.entity_page(query=views.blank(q), type=views.blank(type), limit=clamp_limit(limit),
                                 cursor=_cursor(cursor))
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.get("/entities/{entity_id}", response_model=Entity, responses=_errors(404, 422), tags=["entities"])
def get_entity(request: Request, entity_id: str) -> Entity:
    """One entity with its aliases; its events are GET /api/events?actor={entity_id}."""
    with _stores(request).session() as store:
        e = store.entity(entity_id)
    if e is None:
        raise _missing("entity", entity_id, "list them with GET /api/entities")
    return e


@router.get("/quotes", response_model=QuotePage, responses=_errors(400, 422), tags=["quotes"])
def list_quotes(
    request: Request,
    article_id: Annotated[str | None, Query(description="Only this article's quotes.")] = None,
    speaker: Annotated[str | None, Query(description="Entity id of the speaker.")] = None,
    limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None,
) -> dict[str, Any]:
    """Quotes (direct, and reported speech as kind "indirect") by article, then id."""
    with _stores(request).session() as store:
        page = store.quote_page(article_id=views.blank(article_id), speaker=views.blank(speaker),
                                limit=clamp_limit(limit), cursor=_cursor(cursor))
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.get("/failures", response_model=FailurePage, responses=_errors(400, 422), tags=["failures"])
def list_failures(request: Request, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> dict[str, Any]:
    """Inputs that could not be stored, with the stage and the reason."""
    with _stores(request).session() as store:
        page = store.failure_page(limit=clamp_limit(limit), cursor=_cursor(cursor))
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.get("/timeline", response_model=views.Timeline, responses=_errors(400, 422), tags=["views"])
def get_timeline(request: Request, f: Filter) -> views.Timeline:
    """Events per day and type, for the filtered events (no paging); events dated only to a
    week, month or year are in `coarse`, undated ones counted in `undated`."""
    with _stores(request).session() as store:
        return views.timeline(store.events(f))


@router.get("/network", response_model=views.Network, responses=_errors(400, 422), tags=["views"])
def get_network(
    request: Request, f: Filter,
    max_nodes: Annotated[int, Query(description=f"Keep the actors in most events; clamped to "
                                                f"1..{MAX_NETWORK_NODES}.")] = views.DEFAULT_MAX_NODES,
) -> views.Network:
    """Who interacts with whom among the filtered events: edges from actor to recipient, with
    cooperation and conflict counts and a tone for the edge colour."""
    with _stores(request).session() as store:
        return views.actor_network(store.events(f), store.entity, max(1, min(MAX_NETWORK_NODES, max_nodes)))


@router.get("/map", response_model=views.EventMap, responses=_errors(400, 422), tags=["views"])
def get_map(request: Request, f: Filter) -> views.EventMap:
    """Where the filtered events happened: one point per place with its events."""
    with _stores(request).session() as store:
        return views.map_points(store.events(f))


@router.post("/ingest", status_code=202, response_model=IngestAccepted,
             responses=_errors(400, 401, 403, 413, 422, 503), tags=["ingest"],
             dependencies=[Depends(require_token)])
def post_ingest(request: Request, body: IngestRequest) -> dict[str, Any]:
    """Queue an ingest of posted articles or of server-side files; poll GET /api/ingest/{job_id}.
    Needs the token; jobs run one at a time."""
    runner = _jobs(request)
    if body.articles is not None:
        job = runner.submit_articles([a.model_dump() for a in body.articles])
    else:
        job = runner.submit_paths(body.paths or [], body.format)
    return {"job_id": job["job_id"], "state": job["state"]}


@router.get("/ingest/{job_id}", response_model=JobStatus, responses=_errors(404, 422), tags=["ingest"])
def get_ingest(request: Request, job_id: str) -> dict[str, Any]:
    """An ingest job's state and progress, and its summary once done. Job ids are unguessable,
    so this needs no token."""
    return _jobs(request).get(job_id)
