"""PLOVER event types and their CAMEO/quad/intensity equivalents.

PLOVER (the successor of CAMEO used by POLECAT) has 16 event types. CAMEO
codes are kept beside the PLOVER type for GDELT-compatible exports; the quad
class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict) and a Goldstein-style intensity in [-10, 10] follow the
CAMEO root of the event.
"""

from __future__ import annotations

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# Names used by PLOVER 0.5b1 (the gold records) mapped to today's types.
LEGACY_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}

QUAD_CLASS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3,
    "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

# CAMEO code used when a pattern names no more specific one.
DEFAULT_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "051", "CONCEDE": "080", "COOPERATE": "060",
    "AID": "070", "RETREAT": "087", "REQUEST": "020", "ACCUSE": "112", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "SANCTION": "163", "MOBILIZE": "150", "COERCE": "170",
    "ASSAULT": "190",
}

# Goldstein (1992) weights for CAMEO root codes, as published with the CAMEO
# codebook (root level; sub-codes inherit the root's weight here).
GOLDSTEIN_ROOT = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0,
    "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2,
    "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0, "20": -10.0,
}
# More specific weights where the sub-code differs markedly from its root.
GOLDSTEIN_CODE = {"040": 1.0, "041": 1.0, "042": 1.9, "043": 2.8, "044": 2.5, "046": 7.0, "036": 4.0,
                  "141": -6.5, "163": -8.0, "173": -5.0, "175": -9.0, "194": -10.0, "195": -10.0}


def quad_class(plover_type: str) -> int:
    return QUAD_CLASS[plover_type]


def goldstein(cameo: str | None) -> float | None:
    """Goldstein-style intensity for a CAMEO code (None when there is no code)."""
    if not cameo:
        return None
    return GOLDSTEIN_CODE.get(cameo, GOLDSTEIN_ROOT.get(cameo[:2]))


def is_cooperative(plover_type: str) -> bool:
    return QUAD_CLASS[plover_type] in (1, 2)
