"""Language analysis: spaCy loading (only here), time, places, actors, entities, quotes."""
