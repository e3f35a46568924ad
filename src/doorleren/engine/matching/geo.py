"""Great-circle distance (haversine) in kilometres."""

from __future__ import annotations

import numpy as np

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat: float, lon: float, coords: np.ndarray) -> np.ndarray:
    """Distance from (lat, lon) to each row (lat, lon) of ``coords``, in degrees -> km."""
    coords = np.asarray(coords, dtype=np.float64).reshape(-1, 2)
    lat1, lon1 = np.radians(lat), np.radians(lon)
    lat2, lon2 = np.radians(coords[:, 0]), np.radians(coords[:, 1])
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
