"""newsgraph: news reports from many outlets → a traceable record of world events.

Public API: ``newsgraph.api.ingest``, ``newsgraph.store.open_store``,
``newsgraph.pipeline.Pipeline``.
"""

__version__ = "0.1.0"
