"""Storage: the only package that holds SQL. SQLite by default."""

from newsgraph.store.db import Store, open_store, resolve_db_url

__all__ = ["Store", "open_store", "resolve_db_url"]
