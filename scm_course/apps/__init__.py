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
#: The chapter whose notebook shows each module's apps.
APP_CHAPTERS = {"crm": 1, "service": 2, "tradeoff": 3, "priority": 4, "audit": 5, "value": 6, "segment": 7,
                "demand": 8}
#: Every app, ``"module.name"``, in chapter order (the names ``chapter_apps`` builds).
_APP_NAMES = {
    "crm": ("customer360",),
    "service": ("order_performance", "satisfaction_gap", "stockout"),
    "tradeoff": ("safety_stock", "service_cost"),
    "priority": ("abc", "order_priority", "volume_profit", "contribution_matrix", "weighted_scores"),
    "audit": ("audit", "audit_suppliers", "segments"),
    "value": ("customer_value", "retention", "cohorts"),
    "segment": ("whale", "rfm", "clusters"),
    "demand": ("forecast", "bullwhip"),
}

__all__ = [
    "APP_MODULES",
    "APP_CHAPTERS",
    "CourseApp",
    "all_apps",
    "app_keys",
    "dashboard",
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


def app_keys() -> list[str]:
    """Every app of the course as ``"module.name"``, in chapter order (e.g. ``"priority.abc"``)."""
    return [f"{module}.{name}" for module in sorted(APP_CHAPTERS, key=APP_CHAPTERS.get) for name in _APP_NAMES[module]]


def dashboard(key: str):
    """One app on its own, built on the course data: the content of a Voilà dashboard.

    >>> dashboard("priority.abc")
    <ABCApp: 3 controls>
    """
    keys = app_keys()
    if key not in keys:
        raise ValueError(f"key must be one of {keys}, got {key!r}")
    module, name = key.split(".")
    return importlib.import_module(f"{__name__}.{module}").chapter_apps(names=[name])[name]
