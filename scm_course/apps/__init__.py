"""Interactive apps (ipywidgets): controls -> model -> plot handles.

See :mod:`scm_course.apps.base` for the pattern every app follows.  Each
chapter's app module has a ``chapter_apps(tables=None, names=None)`` function
that builds that chapter's apps on the course data; :data:`APP_MODULES` lists
those modules, so tests and benchmarks cover every app of the course.
"""
import importlib

#: Where each app class lives.  Classes load on first use (``from scm_course.apps import ABCApp``
#: imports the Chapter 4 apps only), so a notebook's kernel does not pay for every chapter's
#: models and plots.
_CLASSES = {
    "CourseApp": "base",
    "AuditApp": "audit", "SegmentApp": "audit",
    "Customer360App": "crm",
    "BullwhipApp": "demand", "ForecastApp": "demand",
    "ABCApp": "priority", "ContributionMatrixApp": "priority", "OrderPriorityApp": "priority",
    "VolumeProfitApp": "priority", "WeightedScoresApp": "priority",
    "OrderPerformanceApp": "service", "SatisfactionGapApp": "service", "StockoutApp": "service",
    "ClusterApp": "segment", "RFMApp": "segment", "WhaleCurveApp": "segment",
    "SafetyStockApp": "tradeoff", "ServiceCostApp": "tradeoff",
    "CohortApp": "value", "CustomerValueApp": "value", "RetentionApp": "value",
}

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


def __getattr__(name):
    if name in _CLASSES:
        return getattr(importlib.import_module(f"{__name__}.{_CLASSES[name]}"), name)
    if name in APP_MODULES or name == "base":
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))


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
