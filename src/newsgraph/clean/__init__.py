"""The clean stage: body text and metadata from browser-saved text and HTML.

Modules, one job each:

* ``result``     ``CleanedDoc``, the stage's output.
* ``plaintext``  browser-saved plain text → ``CleanedDoc`` (the header/body/tail cascade).
* ``furniture``  line features that tell site furniture from prose.
* ``bylines``    author names from bylines and metadata.
* ``datelines``  whole-line publication timestamps (with zones) and wire datelines.
* ``html``       HTML → ``CleanedDoc`` via trafilatura, with full-offset dates.
* ``outlets``    outlet names from URLs (table, user map, domain word split).
* ``normalise``  text normalisation, unwrapping.
* ``language``   language identification of the clean text (is it English?).
* ``recase``     all-caps lines recased before parsing.

Import the submodule you need; ``html`` pulls in trafilatura, the others are light.
"""
