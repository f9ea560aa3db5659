"""scm-course: an interactive course on supply-chain customer relationship management.

The helper package behind the course notebooks (供应链客户关系管理课程的辅助包).

Layers
------
models  pure functions, pandas in -> pandas out: :mod:`scm_course.service`,
        :mod:`scm_course.tradeoff`, :mod:`scm_course.priority`,
        :mod:`scm_course.audit`, :mod:`scm_course.value`,
        :mod:`scm_course.segment`, :mod:`scm_course.crm`,
        :mod:`scm_course.demand`, :mod:`scm_course.data`
plots   matplotlib, update in place: :mod:`scm_course.plots`
apps    ipywidgets apps: :mod:`scm_course.apps`

``set_language("zh")`` / ``set_language("en")`` switch every label.
Sub-modules load on first use, so ``import scm_course`` stays fast.
"""
from __future__ import annotations

import importlib

from .i18n import get_language, set_language, t

__version__ = "0.1.0"
__all__ = ["set_language", "get_language", "t", "__version__",
           "priority", "tradeoff", "service", "audit", "value", "segment", "crm", "demand", "data", "plots",
           "apps", "exercises"]

_SUBMODULES = {"priority", "tradeoff", "service", "audit", "value", "segment", "crm", "demand", "data", "plots",
               "apps", "exercises", "i18n"}


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'scm_course' has no attribute {name!r}")
