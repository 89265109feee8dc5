"""Per-outlet counts learnt from a corpus and kept across runs (the lines an outlet
repeats, the areas it reports from).

``OutletCounts`` holds, per outlet, how many articles were counted and in how many
of them each key occurred; with a ``loader`` (a ``Store`` method) an outlet's
counts from earlier runs are read the first time the outlet is seen, and
``take_pending`` hands back what this run added, for the store to keep.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K")


class OutletCounts(Generic[K]):
    """Articles counted per outlet and, per key, the articles it occurs in."""

    def __init__(self, loader: Callable[[str], tuple[int, dict[K, int]]] | None = None) -> None:
        self._articles: Counter[str] = Counter()
        self._counts: dict[str, Counter[K]] = defaultdict(Counter)
        self._loaded: set[str] = set()
        self._pending_articles: Counter[str] = Counter()
        self._pending: dict[str, Counter[K]] = defaultdict(Counter)
        self.loader = loader

    def _ensure(self, outlet: str) -> None:
        if outlet in self._loaded:
            return
        self._loaded.add(outlet)
        if self.loader is not None:
            n, counts = self.loader(outlet)
            self._articles[outlet] += n
            self._counts[outlet].update(counts)

    def articles(self, outlet: str) -> int:
        self._ensure(outlet)
        return self._articles[outlet]

    def counts(self, outlet: str) -> Counter[K]:
        self._ensure(outlet)
        return self._counts[outlet]

    def _count(self, outlet: str, keys: Iterable[K]) -> None:
        """Count one article of ``outlet`` holding ``keys`` (each counted once)."""
        keys = set(keys)
        self._articles[outlet] += 1
        self._counts[outlet].update(keys)
        self._pending_articles[outlet] += 1
        self._pending[outlet].update(keys)

    def take_pending(self) -> list[tuple[str, int, dict[K, int]]]:
        """(outlet, articles added, {key: articles added}) since the last call; clears them."""
        out = [(o, self._pending_articles[o], dict(self._pending[o])) for o in self._pending_articles]
        self._pending.clear()
        self._pending_articles.clear()
        return out
