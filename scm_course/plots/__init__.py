"""Plot layer: matplotlib only.

Every ``plot_*`` function takes ``ax=None`` (or ``axes=None``) and returns a
handles object; the matching ``update_*`` function changes those artists in
place, so an app redraws the same figure instead of making a new one.
Labels come from :mod:`scm_course.i18n`.
"""
from .style import new_figure

__all__ = ["new_figure"]
