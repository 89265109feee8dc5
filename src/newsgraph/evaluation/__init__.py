"""Scoring against the real evaluation sets in ../shared/data.

The ``bench/`` scripts print these figures and the tests pin minimums on them,
so both call the same functions. Nothing here is used by the pipeline itself.
"""
