"""The web layer of ``newsgraph serve``: the REST API (``app``, ``routes``, ``jobs``) and the UI (``ui``, ``static/``)."""
