"""The web application: the REST API (``routes``), its docs, and the web UI (``ui``).

``create_app(db_url)`` is what ``newsgraph serve`` runs under uvicorn. Choices
that keep it safe to leave running:

* a store per server thread, used only in the thread that opened it (a SQLite
  connection may not cross threads, and uvicorn runs sync routes in a pool) and
  reused by the requests that thread serves (``Stores``);
* errors as JSON ``{"error": {"code", "message"}}`` under /api, with the coded
  error classes mapped to HTTP statuses (``STATUS``);
* request bodies capped (``max_body_bytes``), by Content-Length and by counting
  what actually arrives (a chunked body has no length);
* writes (``POST /api/ingest``) only with a token, compared in constant time;
* the docs page's Swagger UI served from a package's files, never a CDN.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph import __version__
from newsgraph.errors import (
    AuthError,
    BusyError,
    ConfigError,
    CursorError,
    FormatError,
    InputError,
    NewsgraphError,
    NoContentError,
    NotFoundError,
    RequestError,
    RequestTooLargeError,
    StoreError,
    WritesDisabledError,
)
from newsgraph.store import open_store
from newsgraph.store.db import Store
from newsgraph.web.jobs import JobRunner

log = logging.getLogger(__name__)

# Largest request body accepted: a batch of posted articles. 16 MB holds thousands of
# news articles (a long report is ~50 kB of HTML); bigger corpora go in by server-side
# paths, which are streamed.
MAX_BODY_BYTES = 16 * 2**20
API_PREFIX = "/api"

# HTTP status of each coded error (the first matching class wins; subclasses first).
STATUS: tuple[tuple[type[NewsgraphError], int], ...] = (
    (NotFoundError, 404),
    (CursorError, 400),
    (ConfigError, 400),
    (InputError, 400),
    (FormatError, 400),
    (NoContentError, 400),
    (RequestError, 422),
    (AuthError, 401),
    (WritesDisabledError, 403),
    (RequestTooLargeError, 413),
    (BusyError, 503),
    (StoreError, 500),
)


def status_of(e: NewsgraphError) -> int:
    for cls, status in STATUS:
        if isinstance(e, cls):
            return status
    return 500


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


class Stores:
    """The database for each request: one store per server thread, reused by the requests
    that thread serves (a SQLite connection may not cross threads; see the module docstring).

    Opening costs a connection and a migration check: GET /api/stories on the example corpus
    took 19.8 ms on PostgreSQL with a store opened per request and 1.5 ms reused (SQLite 1.9
    and 1.3; TestClient, 200 requests, one run). Both
    engines run reads in autocommit mode, so a reused connection sees every commit (an
    ingest job's too). A store that raised StoreError is closed and replaced on the
    thread's next request, so a dropped connection costs one failed request.
    """

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url
        self._local = threading.local()

    @contextmanager
    def session(self) -> Iterator[Store]:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db_url)
            self._local.store = store
        try:
            yield store
        except StoreError:
            self._local.store = None
            with suppress(*store.dialect.errors, OSError):  # its connection may be gone already
                store.close()
            raise

    def close_here(self) -> None:
        """Close this thread's store, if it has one (tests; a thread about to end)."""
        store = getattr(self._local, "store", None)
        self._local.store = None
        if store is not None:
            store.close()


def create_app(db_url: str, *, token: str | None = None, max_body_bytes: int = MAX_BODY_BYTES,
               ui: bool = True, ingest_root: str | None = None) -> FastAPI:
    """The app serving the database at ``db_url``: API under /api, docs at /api/docs, UI at /.

    The database is opened (and migrated) once here, so a bad URL fails at startup,
    not on the first request. ``token`` enables ``POST /api/ingest``. ``ui=False``
    leaves out the web UI (``newsgraph.web.ui``). ``ingest_root`` is the folder whose files
    ``POST /api/ingest`` may read by path (none without it).
    """
    if db_url.strip() in (":memory:", "sqlite://", "sqlite:///:memory:"):
        raise ConfigError("an in-memory database cannot be served (each request would see an empty one); "
                          "give a file path or a postgresql:// URL")
    if max_body_bytes < 1:
        raise ConfigError(f"max_body_bytes must be positive, not {max_body_bytes}")
    open_store(db_url).close()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.jobs.close()  # the worker ends after its current job; queued ones are dropped

    app = FastAPI(
        title="newsgraph", version=__version__, lifespan=lifespan,
        description="News reports in, a traceable record of world events out: articles, stories (with the "
                    "cross-source comparison), PLOVER events, entities, quotes and ingest failures. Lists are "
                    "cursor-paginated; errors are `{\"error\": {\"code\", \"message\"}}`.",
        openapi_url=f"{API_PREFIX}/openapi.json", docs_url=None, redoc_url=None,
    )
    app.state.stores = Stores(db_url)
    app.state.token = token or None
    if ingest_root is not None and not Path(ingest_root).is_dir():
        raise ConfigError(f"{ingest_root}: the ingest root must be an existing folder")
    app.state.jobs = JobRunner(db_url, ingest_root=ingest_root)
    _install_errors(app)
    from newsgraph.web.routes import router

    app.include_router(router)
    _install_docs(app)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(NoSniff)
    app.add_middleware(NoNul)
    if ui:
        from newsgraph.web import ui as web_ui

        web_ui.install(app)
    return app


# --------------------------------------------------------------------------- errors
def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(NewsgraphError)
    async def coded(_request: Request, exc: NewsgraphError) -> JSONResponse:
        status = status_of(exc)
        if status >= 500:
            log.error("%s", exc)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(error_body(exc.code, exc.detail), status_code=status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(error_body(RequestError.code, validation_message(exc.errors())), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        if not _under_api(request.url.path):
            return await http_exception_handler(request, exc)
        if exc.status_code == 404:
            code, message = NotFoundError.code, f"no API route {request.url.path}; see {API_PREFIX}/docs"
        elif exc.status_code == 405:
            code, message = RequestError.code, f"{request.method} is not allowed on {request.url.path}"
        else:
            code, message = RequestError.code, str(exc.detail)
        return JSONResponse(error_body(code, message), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return JSONResponse(error_body("E000", "internal server error; the server log has the details"),
                            status_code=500)


def _under_api(path: str) -> bool:
    return path == API_PREFIX or path.startswith(API_PREFIX + "/")


# Validation problems spelt out in one error message; the rest are counted.
MAX_LISTED_PROBLEMS = 5


def validation_message(errors: Any) -> str:
    """FastAPI's validation errors as one sentence: "query parameter 'limit': Input should be ..."."""
    where = {"query": "query parameter", "path": "path parameter", "header": "header", "body": "body field"}
    parts = []
    for err in list(errors)[:MAX_LISTED_PROBLEMS]:
        loc = [str(x) for x in err.get("loc", ())]
        kind = where.get(loc[0], loc[0]) if loc else "request"
        name = ".".join(loc[1:])
        parts.append(f"{kind} {name!r}: {err.get('msg', 'invalid')}" if name else f"{kind}: {err.get('msg')}")
    more = len(list(errors)) - MAX_LISTED_PROBLEMS
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


# --------------------------------------------------------------------------- docs
def swagger_assets() -> Path:
    """Swagger UI's JS and CSS as shipped in the fastapi-offline wheel (Swagger UI 5, Apache-2.0)."""
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


def _install_docs(app: FastAPI) -> None:
    assets = f"{API_PREFIX}/docs/assets"
    app.mount(assets, StaticFiles(directory=swagger_assets()), name="docs-assets")

    @app.get(f"{API_PREFIX}/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}", title="newsgraph API",
            swagger_js_url=f"{root}{assets}/swagger-ui-bundle.js", swagger_css_url=f"{root}{assets}/swagger-ui.css",
            swagger_favicon_url=f"{root}{assets}/favicon.png", oauth2_redirect_url=None,
            # Swagger UI would otherwise send the schema to an online validator for its badge.
            swagger_ui_parameters={"validatorUrl": None},
        )


# --------------------------------------------------------------------------- headers
class NoSniff:
    """``X-Content-Type-Options: nosniff`` on every response: a browser must never read a JSON
    record holding article text (``<script>`` included) as HTML."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                if not any(k.lower() == b"x-content-type-options" for k, _ in headers):
                    headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_header)


class NoNul:
    """400 for a URL whose path or query holds a NUL character: no id, filter or search term
    can contain one, and PostgreSQL refuses it in any text parameter (a 500 otherwise)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and ("\x00" in scope.get("path", "")
                                        or b"%00" in scope.get("query_string", b"").lower()):
            response = JSONResponse(error_body(RequestError.code, "the request's URL holds a NUL character (%00)"),
                                    status_code=400)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


# --------------------------------------------------------------------------- body limit
class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, before the app reads them.

    A declared Content-Length over the limit is refused unread; otherwise the body is
    read here, counting, and handed on only if it stayed within the limit (so a
    chunked upload cannot slip past a missing length).
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await self._refuse(send, 400, RequestError.code, "Content-Length is not a number")
                return
            if declared > self.max_bytes:
                await self._too_large(send)
                return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break  # the client went away; let the app see it
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._too_large(send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, send: Send) -> None:
        await self._refuse(send, 413, RequestTooLargeError.code,
                           f"request body over the {self.max_bytes} byte limit; ingest large corpora from "
                           "server-side paths instead")

    @staticmethod
    async def _refuse(send: Send, status: int, code: str, message: str) -> None:
        response = JSONResponse(error_body(code, message), status_code=status, headers={"Connection": "close"})
        await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}
