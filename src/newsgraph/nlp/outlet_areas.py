"""Where an outlet's reports are: the states and countries its articles keep naming.

A local paper names its own town without a qualifier: "Paris" in the Paris
Beacon-News is Paris, Texas, and "Henry County" in a Kentucky daily is the one
in Kentucky (the "local lexicon" of Lieberman et al., who built LGL on this).
``OutletAreas`` counts, per outlet, in how many of its articles a town, county
or state of each first-level area (and each country) was resolved; the places
stage gives candidates in the outlet's usual areas a bonus proportional to
that share. It learns only from names that cannot mean anything else (a
state's name, a town name found in one state only: ``Toponym.sure``), never
from its own guesses between namesakes, so one wrong "Dublin" cannot teach a
Dublin, Ohio paper that it is Irish. The first articles of an outlet get no
help; with a ``loader``
(``Store.outlet_areas``) the counts of earlier runs are read back.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsgraph.model import Place
from newsgraph.outlet_memory import OutletCounts

# An outlet's areas count once this many of its articles have been seen: one or two
# reports about a trip abroad should not make a local paper foreign.
MIN_ARTICLES = 3
# Counting stops after this many articles per outlet (shares are stable long before).
MAX_ARTICLES_PER_OUTLET = 1000
# Only these features say where a report is; a country named in passing does not.
LOCAL_FEATURES = ("city", "admin2", "admin1")

AreaCounts = tuple[int, dict[str, int]]  # (articles seen, {area key: articles naming a place in it})


def area_keys(places: Iterable[Place]) -> set[str]:
    """The first-level areas ("USA.ohio") and countries ("USA") of an article's local places."""
    keys: set[str] = set()
    for p in places:
        if p.feature in LOCAL_FEATURES and p.country:
            keys.add(p.country)
            if p.admin1:
                keys.add(p.admin1)
    return keys


class OutletAreas(OutletCounts[str]):
    """Per-outlet counts of the articles naming places in each area (see
    ``outlet_memory.OutletCounts`` for loading from and keeping in a store)."""

    def home(self, outlet: str | None) -> dict[str, float]:
        """{area key: share of the outlet's articles naming a place there}; empty while too few are seen."""
        if outlet is None:
            return {}
        n = self.articles(outlet)
        if n < MIN_ARTICLES:
            return {}
        return {k: c / n for k, c in self.counts(outlet).items()}

    def observe(self, outlet: str | None, places: Iterable[Place]) -> None:
        """Count one article's resolved places for its outlet."""
        if outlet is None or self.articles(outlet) >= MAX_ARTICLES_PER_OUTLET:
            return
        self._count(outlet, area_keys(places))
