"""Apps of Chapter 5, the customer service audit: thin glue, no maths."""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import audit as model
from ..i18n import has_label, t
from ..plots import audit as views
from .base import CourseApp

__all__ = ["AuditApp", "SegmentApp", "chapter_apps", "firm_label"]

_STYLE = {"description_width": "initial"}


def _slider(key, value, lo, hi, step, fmt=".2f"):
    return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=t(key), readout_format=fmt,
                               continuous_update=True, style=_STYLE, layout=widgets.Layout(width="340px"))


def _label(prefix: str, key) -> str:
    name = f"{prefix}.{key}"
    return t(name) if has_label(name) else str(key)


def firm_label(name: str) -> str:
    """Translated name of a rated firm ("Company B" -> "公司B" in Chinese)."""
    return _label("audit.firm", str(name).lower().replace(" ", "_"))


class AuditApp(CourseApp):
    """The four-step analysis of an audit survey, with its settings as controls.

    Parameters
    ----------
    responses : pandas.DataFrame
        Long survey ``respondent, attribute, rater, score`` (importance and at
        least two rated firms).
    firm : str
        The firm whose service is audited; every other rated firm is offered
        as the competitor.

    Controls: ``competitor`` (drop-down; only when two or more firms besides
    ``firm`` are rated), ``importance_threshold``, ``parity``.
    ``result``: ``{"relative", "position", "matrix", "plan",
    "importance_threshold", "parity"}`` -- STEP 1 to STEP 4 and the settings.
    The action list (STEP 4) shows as a table under the figure.
    """

    figsize, width_ratios = (11.0, 4.6), (1, 1)
    control_ranges = {"importance_threshold": (3.0, 6.5), "parity": (0.1, 2.0)}

    def __init__(self, responses: pd.DataFrame, firm: str = "Company A"):
        rivals = [r for r in responses["rater"].unique() if r not in (model.IMPORTANCE, firm)]
        if firm not in set(responses["rater"]) or not rivals:
            raise ValueError(f"firm must be one of the rated firms of responses and another firm must be rated; "
                             f"got firm {firm!r} with raters {sorted(set(responses['rater']))}")
        self.responses, self.firm = responses, firm
        # STEP 1 per competitor: the model's output, computed once (the Welch tests do not depend on the sliders)
        self._relative = {c: model.relative_performance(responses, firm, c) for c in rivals}
        self.rivals = rivals
        controls = {}
        if len(rivals) > 1:  # a drop-down with a single choice would be a control that does nothing
            controls["competitor"] = widgets.Dropdown(options=[(firm_label(c), c) for c in rivals], value=rivals[0],
                                                      description=t("audit.app.competitor"), style=_STYLE)
        controls["importance_threshold"] = _slider("audit.app.importance_threshold", 5.0, 1.0, 7.0, 0.1, fmt=".1f")
        controls["parity"] = _slider("audit.app.parity", 1.0, 0.0, 3.0, 0.05)
        self.plan_html = widgets.HTML()
        super().__init__(controls, extra=[self.plan_html])

    @property
    def competitor(self) -> str:
        """The competitor of the current analysis."""
        return self.value("competitor") if "competitor" in self.controls else self.rivals[0]

    def compute(self):
        relative = self._relative[self.competitor]
        threshold, parity = self.value("importance_threshold"), self.value("parity")
        return {
            "relative": relative,
            "position": model.competitive_position(relative, importance_threshold=threshold, parity=parity),
            "matrix": model.performance_matrix(relative),
            "plan": model.action_plan(relative, importance_threshold=threshold, parity=parity),
            "importance_threshold": threshold,
            "parity": parity,
        }

    def _show_plan(self, result):
        codes = views.attribute_codes(result["relative"].index)
        header = [t("audit.table.no"), t("audit.table.attribute"), t("audit.importance"), t("audit.table.performance"),
                  t("audit.table.relative", competitor=firm_label(self.competitor)),
                  t("audit.table.region"), t("audit.table.action")]
        rows = []
        for attribute, row in result["plan"].iterrows():
            cells = [str(codes[attribute]), _label("attr", attribute), f"{row['importance']:.2f}",
                     f"{row['performance']:.2f}", f"{row['difference']:+.2f}{row['mark']}",
                     t(f"audit.region.{row['region']}"), t(f"audit.action.{row['action']}")]
            style = ' style="color:#c0392b"' if row["behind_competitor"] else ""
            rows.append(f"<tr{style}>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
        head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
        self.plan_html.value = (f"<b>{html.escape(t('audit.table.title', firm=firm_label(self.firm)))}</b>"
                                f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
                                f"<small>{html.escape(t('audit.table.note'))}</small>")

    def first_draw(self, result):
        self._show_plan(result)
        marks = result["relative"]["mark"]
        kw = {"importance_threshold": result["importance_threshold"]}
        return (views.plot_competitive_position(result["position"], marks, parity=result["parity"], ax=self.axes[0],
                                                **kw),
                views.plot_performance_matrix(result["matrix"], ax=self.axes[1], **kw))

    def draw(self, result, handles):
        self._show_plan(result)
        marks = result["relative"]["mark"]
        kw = {"importance_threshold": result["importance_threshold"]}
        views.update_competitive_position(handles[0], result["position"], marks, parity=result["parity"], **kw)
        views.update_performance_matrix(handles[1], result["matrix"], **kw)


class SegmentApp(CourseApp):
    """Market segmentation by cluster analysis of importance profiles.

    Parameters
    ----------
    responses : pandas.DataFrame
        Long survey with importance ratings.
    k_range : (int, int)
        Smallest and largest number of segments offered (default 2-6).
    seed : int
        Random state of k-means.

    Controls: ``k``.  ``result``: the :func:`~scm_course.audit.importance_segments`
    dict (``segment``, ``profiles``, ``sizes``).  The segmentations for every
    k are fitted once, when the app is built.
    """

    figsize, width_ratios = (10.0, 4.0), (2.2, 1)

    def __init__(self, responses: pd.DataFrame, *, k_range=(2, 6), k=3, seed=0):
        lo, hi = k_range
        self._fits = {n: model.importance_segments(responses, n, seed=seed) for n in range(lo, hi + 1)}
        self.max_segments = hi
        self.attributes = list(next(iter(self._fits.values()))["profiles"].columns)
        controls = {"k": widgets.IntSlider(value=k, min=lo, max=hi, step=1, description=t("audit.app.k"),
                                           style=_STYLE, layout=widgets.Layout(width="340px"))}
        self.legend_html = widgets.HTML(self._legend())
        super().__init__(controls, extra=[self.legend_html])

    def _legend(self):
        items = "".join(f"<li>{html.escape(_label('attr', a))}</li>" for a in self.attributes)
        return f"<small><b>{html.escape(t('audit.segment.xlabel'))}</b><ol>{items}</ol></small>"

    def compute(self):
        return self._fits[self.value("k")]

    def first_draw(self, result):
        return views.plot_segment_profiles(result["profiles"], result["sizes"], max_segments=self.max_segments,
                                           axes=self.axes)

    def draw(self, result, handles):
        views.update_segment_profiles(handles, result["profiles"], result["sizes"])


def chapter_apps(tables=None, names=None) -> dict[str, CourseApp]:
    """The apps of Chapter 5, built on the course's survey data.

    Parameters
    ----------
    tables : dict of DataFrame, optional
        ``{"audit_survey": ..., "supplier_survey": ...}`` as returned by
        :func:`scm_course.data.load_survey` (loaded if None).
    names : iterable of str, optional
        Which apps to build (default all): ``audit`` (Company A vs B),
        ``audit_suppliers`` (Supplier 1 vs 2 or 3), ``segments``.
    """
    from .._validation import check_option
    from ..data import load_survey

    tables = dict(tables or {})

    def survey(name):
        if name not in tables:
            tables[name] = load_survey(name)
        return tables[name]

    builders = {
        "audit": lambda: AuditApp(survey("audit_survey"), firm="Company A"),
        "audit_suppliers": lambda: AuditApp(survey("supplier_survey"), firm="Supplier 1"),
        "segments": lambda: SegmentApp(survey("audit_survey")),
    }
    wanted = list(builders) if names is None else [check_option(n, "names", builders) for n in names]
    return {name: builders[name]() for name in wanted}
