"""Shared fixtures: the spaCy pipeline (loaded once per test session) and data paths."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp.spacy_model import load

    return load()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA



# -- storage backends: the store tests run on SQLite and on PostgreSQL -----------------------
# The PostgreSQL server the tests use; each test gets fresh schemas on it, dropped afterwards.
TEST_POSTGRES_ENV = "NEWSGRAPH_TEST_POSTGRES"
DEFAULT_TEST_POSTGRES = "postgresql://root@127.0.0.1:5432/test"
# Set to 1 (CI does) to fail, not skip, the PostgreSQL cases when the server cannot be reached.
REQUIRE_POSTGRES_ENV = "NEWSGRAPH_REQUIRE_POSTGRES"
STORE_BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_admin():
    """An autocommit connection to the test server (for making and dropping schemas).

    Skips the PostgreSQL cases with the reason when the server is unreachable, or
    fails them when $NEWSGRAPH_REQUIRE_POSTGRES=1; pytest keeps the outcome for the session.
    """
    url = os.environ.get(TEST_POSTGRES_ENV) or DEFAULT_TEST_POSTGRES
    from newsgraph.store.postgres import redact_url

    try:
        import psycopg
    except ImportError as e:
        conn, problem = None, f"psycopg is not installed ({e})"
    else:
        try:
            conn, problem = psycopg.connect(url, autocommit=True, connect_timeout=5), ""
        except psycopg.Error as e:
            conn, problem = None, " ".join(str(e).split())
    if conn is None:
        reason = f"PostgreSQL test server {redact_url(url)} unreachable: {problem} (set ${TEST_POSTGRES_ENV})"
        if os.environ.get(REQUIRE_POSTGRES_ENV) == "1":
            pytest.fail(f"{reason}; ${REQUIRE_POSTGRES_ENV}=1 requires it")
        pytest.skip(reason)
    yield url, conn
    conn.close()


def with_search_path(url: str, schema: str) -> str:
    """``url`` with ``schema`` as its search_path (libpq's ``options`` parameter), other options kept."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query["options"] = (query.get("options", "") + f" -csearch_path={schema}").strip()
    return urlunsplit(parts._replace(query=urlencode(query)))


@pytest.fixture(params=STORE_BACKENDS)
def store_backend(request) -> str:
    return request.param


@pytest.fixture
def new_db(store_backend, request, tmp_path):
    """A factory of fresh, empty databases on the parametrised backend, as URLs for open_store.

    SQLite: ``:memory:``, or a file in tmp_path when ``reopenable=True``. PostgreSQL: a new
    schema with a random name on the test server (via search_path), dropped after the test.
    """
    schemas: list[str] = []
    admin = request.getfixturevalue("postgres_admin") if store_backend == "postgresql" else None

    def new(reopenable: bool = False) -> str:
        if admin is None:
            return str(tmp_path / f"db{uuid.uuid4().hex[:8]}.db") if reopenable else ":memory:"
        url, conn = admin
        schema = f"ng_test_{uuid.uuid4().hex[:12]}"
        conn.execute(f'CREATE SCHEMA "{schema}"')
        schemas.append(schema)
        return with_search_path(url, schema)

    yield new
    if admin is not None:
        for schema in schemas:
            admin[1].execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def make_store(new_db):
    """A factory of fresh, empty, migrated stores on the parametrised backend; all closed afterwards."""
    from newsgraph.store import open_store

    opened = []

    def make(url: str | None = None):
        s = open_store(url or new_db())
        opened.append(s)
        return s

    yield make
    for s in opened:
        s.close()
