"""The web UI: one static page (hash-routed vanilla JS + SVG) served by the REST app.

Everything the page needs ships in ``static/`` as package data, so the UI works
with no network beyond the server itself: no CDN, no web fonts, the world
outline for the map included (``static/world/SOURCE.md``).

The page shows article text written by anyone, so it is served with a strict
Content-Security-Policy: scripts only from this server (no inline scripts or
event-handler attributes, which the page's own HTML and JS never use), and
Trusted Types required, so that any assignment of a string to ``innerHTML``
or a similar HTML sink throws instead of parsing markup. The JS puts every
piece of data into the DOM with ``textContent``/``createElement`` only.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from newsgraph.errors import UIAssetsError

STATIC_DIR = Path(__file__).parent / "static"
INDEX = STATIC_DIR / "index.html"
# files the page cannot work without: checked at install time so that a build that
# dropped the package data fails when the server starts, not in a user's browser
REQUIRED_ASSETS = ("index.html", "app.css", "js/main.js", "world/world.json")

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",  # every form is handled in JS; none submits to a URL
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",  # innerHTML = string throws in browsers that enforce it
    "trusted-types 'none'",
])

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class _UIStaticFiles(StaticFiles):
    """Static files with the UI's security headers on every response (a 304 or 404 too)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers.update(SECURITY_HEADERS)
        return response


def install(app: FastAPI) -> None:
    """Serve the page at ``/`` and its assets under ``/static``.

    Raises ``UIAssetsError`` when the package was installed without its static files.
    """
    missing = [name for name in REQUIRED_ASSETS if not (STATIC_DIR / name).is_file()]
    if missing:
        raise UIAssetsError(
            f"the web UI's files {', '.join(missing)} are missing from {STATIC_DIR}; "
            "reinstall newsgraph from a wheel or source tree that includes newsgraph/web/static"
        )
    app.mount("/static", _UIStaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        """The single page; routes live after the ``#`` so every view is this one file."""
        # no-cache: the page names its assets by path, so a stale copy would load stale JS
        return FileResponse(INDEX, media_type="text/html; charset=utf-8",
                            headers={**SECURITY_HEADERS, "Cache-Control": "no-cache"})
