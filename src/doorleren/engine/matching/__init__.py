"""Competency-based matching between persons and opportunities (numpy/scipy, no Django).

Large indexes answer top-k queries with a compiled kernel (Numba, ADR 0003) when it is available;
the numpy path is the reference and the fallback. See docs/matching.md for the score, the
explanation, the index and the figures.
"""

from .geo import haversine_km
from .index import OpportunityFacts, OpportunityIndex, PersonIndex, Preferences
from .scoring import Explanation, credit, explain, explanation_text, match_score, score_fraction
from .topk import TopK, rank, warm_up

__all__ = [
    "Explanation",
    "OpportunityFacts",
    "OpportunityIndex",
    "PersonIndex",
    "Preferences",
    "TopK",
    "credit",
    "explain",
    "explanation_text",
    "haversine_km",
    "match_score",
    "rank",
    "score_fraction",
    "warm_up",
]
