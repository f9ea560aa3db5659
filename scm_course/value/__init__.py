"""Customer value, lifetime value and retention (客户价值、客户终身价值与客户保持).

The models of Chapter 6, in three small modules re-exported here:

* :mod:`scm_course.value.clv` -- customer value, the seed's CLV formula and
  the retention model of CLV (Gupta & Lehmann), expected lifetime, retention
  rate, the customer base over time;
* :mod:`scm_course.value.cohorts` -- retention measured from a transaction
  log: cohort tables;
* :mod:`scm_course.value.btyd` -- "buy till you die" models on transaction
  logs: summaries (frequency, recency, T, monetary value), BG/NBD and
  Gamma-Gamma (Fader, Hardie & Lee 2005) and CLV per customer.

Use them as ``from scm_course import value; value.clv_retention(...)``.
"""
from .btyd import *  # noqa: F401,F403
from .btyd import __all__ as _btyd_all
from .clv import *  # noqa: F401,F403
from .clv import __all__ as _clv_all
from .cohorts import *  # noqa: F401,F403
from .cohorts import __all__ as _cohorts_all

__all__ = list(_clv_all) + list(_cohorts_all) + list(_btyd_all)
