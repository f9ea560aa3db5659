"""Interactive apps (ipywidgets): controls -> model -> plot handles.

See :mod:`scm_course.apps.base` for the pattern every app follows.
"""
from .base import CourseApp
from .priority import ABCApp, ContributionMatrixApp, OrderPriorityApp, VolumeProfitApp, WeightedScoresApp

__all__ = [
    "CourseApp",
    "ABCApp",
    "OrderPriorityApp",
    "VolumeProfitApp",
    "ContributionMatrixApp",
    "WeightedScoresApp",
]
