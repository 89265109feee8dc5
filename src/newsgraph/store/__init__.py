"""Storage: the only package that holds SQL. SQLite by default, PostgreSQL for a ``postgresql://`` URL."""

from newsgraph.store.db import EventFilter, Page, Store, open_store, resolve_db_url

__all__ = ["EventFilter", "Page", "Store", "open_store", "resolve_db_url"]
