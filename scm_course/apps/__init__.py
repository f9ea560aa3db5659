"""Interactive apps (ipywidgets): controls -> model -> plot handles.

See :mod:`scm_course.apps.base` for the pattern every app follows.  Each
chapter's app module has a ``chapter_apps(tables=None, names=None)`` function
that builds that chapter's apps on the course data; :data:`APP_MODULES` lists
those modules, so tests and benchmarks cover every app of the course.
"""
import importlib

from .audit import AuditApp, SegmentApp
from .base import CourseApp
from .crm import Customer360App
from .demand import BullwhipApp, ForecastApp
from .priority import ABCApp, ContributionMatrixApp, OrderPriorityApp, VolumeProfitApp, WeightedScoresApp
from .service import OrderPerformanceApp, SatisfactionGapApp, StockoutApp
from .segment import ClusterApp, RFMApp, WhaleCurveApp
from .tradeoff import SafetyStockApp, ServiceCostApp
from .value import CohortApp, CustomerValueApp, RetentionApp

#: App modules (under scm_course.apps) with a ``chapter_apps`` builder.
APP_MODULES = ("crm", "priority", "tradeoff", "service", "audit", "value", "segment", "demand")

__all__ = [
    "APP_MODULES",
    "CourseApp",
    "all_apps",
    "Customer360App",
    "ABCApp",
    "OrderPriorityApp",
    "VolumeProfitApp",
    "ContributionMatrixApp",
    "WeightedScoresApp",
    "ServiceCostApp",
    "SafetyStockApp",
    "OrderPerformanceApp",
    "SatisfactionGapApp",
    "StockoutApp",
    "AuditApp",
    "SegmentApp",
    "CustomerValueApp",
    "RetentionApp",
    "CohortApp",
    "RFMApp",
    "ClusterApp",
    "WhaleCurveApp",
    "ForecastApp",
    "BullwhipApp",
]


def all_apps(modules=APP_MODULES):
    """Every app of the course, as ``{"module.name": app}`` (built on the course data)."""
    out = {}
    for module in modules:
        builder = importlib.import_module(f"{__name__}.{module}").chapter_apps
        out.update({f"{module}.{name}": app for name, app in builder().items()})
    return out
