"""Service level, inventory and cost (服务水平与库存、成本的权衡).

Chapter 3 models.  With normally distributed lead-time demand (mean x-bar,
standard deviation sigma), stocking ``x-bar + z*sigma`` gives the cycle service
level ``Phi(z)``, the probability of no stockout in a replenishment cycle.  The
seed's table (safety stock 0, 1, 2, 3 sigma -> 50 / 84 / 98 / 99.9 %) is exactly
``Phi(0..3)`` rounded [000 L226-235; COURSE_CONTENT.md section D.8].

References
----------
Ballou, R. H., *Business Logistics/Supply Chain Management*, 5th ed., ch. 9
    (safety stock and the standard normal distribution).
"""
from __future__ import annotations

import numpy as np
from scipy import stats

__all__ = ["safety_factor", "cycle_service_level"]


def _as_float_array(x, name: str) -> np.ndarray:
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a number or an array of numbers, got {x!r}") from None
    if np.asarray(x).dtype == bool:
        raise TypeError(f"{name} must be a number, got a boolean")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite (no NaN or inf), got {x!r}")
    return arr


def safety_factor(service_level):
    """Safety factor ``z = Phi^-1(CSL)`` (安全系数) for a cycle service level.

    Parameters
    ----------
    service_level : float or array_like
        Cycle service level, strictly between 0 and 1 (1.0 would need infinite
        safety stock under the normal model).

    Returns
    -------
    float or numpy.ndarray
        ``z`` such that ``Phi(z) = service_level``; same shape as the input.

    Raises
    ------
    ValueError
        If any level is outside (0, 1) or not finite.

    Examples
    --------
    >>> round(float(safety_factor(0.95)), 4)
    1.6449
    """
    arr = _as_float_array(service_level, "service_level")
    if ((arr <= 0) | (arr >= 1)).any():
        raise ValueError(
            f"service_level must lie strictly between 0 and 1, got {service_level!r} "
            "(100 % needs infinite safety stock under the normal model)"
        )
    z = stats.norm.ppf(arr)
    return float(z) if z.ndim == 0 else z


def cycle_service_level(z):
    """Cycle service level ``Phi(z)`` (服务水平) for a safety factor ``z``.

    Examples
    --------
    >>> [round(float(cycle_service_level(k)), 4) for k in range(4)]
    [0.5, 0.8413, 0.9772, 0.9987]
    """
    arr = _as_float_array(z, "z")
    p = stats.norm.cdf(arr)
    return float(p) if p.ndim == 0 else p
