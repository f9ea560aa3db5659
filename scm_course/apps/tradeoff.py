"""Apps of Chapter 3, service level, inventory and cost: thin glue, no maths."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import tradeoff as model
from ..data import load_instance
from ..i18n import t
from ..plots import tradeoff as views
from .base import CourseApp

__all__ = ["ServiceCostApp", "SafetyStockApp", "chapter_apps"]

_STYLE = {"description_width": "initial"}


def _slider(key, value, lo, hi, step, fmt=".2f"):
    return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=t(key), readout_format=fmt,
                               continuous_update=True, style=_STYLE, layout=widgets.Layout(width="360px"))


def _point(curves, level) -> dict:
    """The row of a curves table at ``level`` as a plain dict with its service level."""
    return {"service_level": float(level), **{k: float(v) for k, v in curves.loc[level].items()}}


class ServiceCostApp(CourseApp):
    """Service level vs inventory, cost, revenue and profit, and the shift right of the service cost curve.

    Parameters
    ----------
    demand_mean : float
        Mean demand per week (units).
    demand_sd, lead_time, unit_holding_cost, unit_margin : float
        Initial values of the sliders (units per week, weeks, CNY per unit).
    service_level : float
        Initial cycle service level.
    uncertainty_reduction : float
        Initial fraction by which information sharing, customer alliances and
        better transport cut the standard deviation of demand.

    Controls: ``service_level``, ``demand_sd``, ``lead_time``, ``holding_cost``,
    ``margin``, ``uncertainty_reduction``.

    ``result``: ``{"curves": service_cost_curves(...) with the reduction,
    "reference": the same without it, "optimum": the point at the critical
    ratio, "current": the point at the chosen level, "before": that point
    without the reduction, "equivalent_service_level": the level the old
    safety stock buys now}``; points are dicts with ``service_level`` and the
    curve columns.
    """

    figsize, width_ratios = (10.0, 3.9), (1, 1)

    def __init__(self, *, demand_mean=300.0, demand_sd=150.0, lead_time=2.0, unit_holding_cost=20.0,
                 unit_margin=100.0, service_level=0.90, uncertainty_reduction=0.0):
        # validate once, up front, so a bad start value fails loudly
        model.service_cost_curves([service_level], demand_mean=demand_mean, demand_sd=demand_sd,
                                  lead_time=lead_time, unit_margin=unit_margin, unit_holding_cost=unit_holding_cost,
                                  uncertainty_reduction=uncertainty_reduction)
        self.demand_mean = float(demand_mean)
        self.grid = model.service_level_grid(0.5, 0.999, 0.001)
        controls = {
            "service_level": _slider("tradeoff.control.service_level", service_level, 0.5, 0.995, 0.005, ".3f"),
            "demand_sd": _slider("tradeoff.control.demand_sd", demand_sd, 10, 300, 5, ".0f"),
            "lead_time": _slider("tradeoff.control.lead_time", lead_time, 0.5, 8, 0.5, ".1f"),
            "holding_cost": _slider("tradeoff.control.holding_cost", unit_holding_cost, 1, 100, 1, ".0f"),
            "margin": _slider("tradeoff.control.margin", unit_margin, 5, 300, 5, ".0f"),
            "uncertainty_reduction": _slider("tradeoff.control.uncertainty_reduction", uncertainty_reduction,
                                             0, 0.8, 0.05, ".2f"),
        }
        super().__init__(controls, control_columns=2)

    def _params(self, reduction):
        return {"demand_mean": self.demand_mean, "demand_sd": self.value("demand_sd"),
                "lead_time": self.value("lead_time"), "unit_margin": self.value("margin"),
                "unit_holding_cost": self.value("holding_cost"), "uncertainty_reduction": reduction}

    def compute(self):
        level, reduction = self.value("service_level"), self.value("uncertainty_reduction")
        optimum = model.optimal_service_level(self.value("margin"), self.value("holding_cost"))
        now, before = self._params(reduction), self._params(0.0)
        points = model.service_cost_curves([level, optimum], **now)
        before_point = model.service_cost_curves([level], **before)
        return {
            "curves": model.service_cost_curves(self.grid, **now),
            "reference": model.service_cost_curves(self.grid, **before),
            "optimum": _point(points, optimum),
            "current": _point(points, level),
            "before": _point(before_point, level),
            "equivalent_service_level": model.equivalent_service_level(level, reduction),
        }

    def first_draw(self, result):
        return (views.plot_service_cost(result["curves"], result["reference"], current=result["current"],
                                        before=result["before"],
                                        equivalent_level=result["equivalent_service_level"], ax=self.axes[0]),
                views.plot_cost_revenue(result["curves"], optimum=result["optimum"], current=result["current"],
                                        reference=result["reference"], ax=self.axes[1]))

    def draw(self, result, handles):
        views.update_service_cost(handles[0], result["curves"], result["reference"], current=result["current"],
                                  before=result["before"], equivalent_level=result["equivalent_service_level"])
        views.update_cost_revenue(handles[1], result["curves"], optimum=result["optimum"],
                                  current=result["current"], reference=result["reference"])


class SafetyStockApp(CourseApp):
    """Safety factor z <-> cycle service level on the normal curve, and the fill rate.

    Parameters
    ----------
    sigma : float
        Standard deviation of lead-time demand (default: the Chopra & Meindl
        fill-rate example, 500 * sqrt(2) = 707.1).
    order_quantity : float
        Initial order quantity Q.
    z : float
        Initial safety factor.

    Controls: ``z``, ``order_quantity``.  ``result``: ``{"z",
    "cycle_service_level", "fill_rate", "safety_stock",
    "expected_shortage", "fill_rate_curve"}`` (the fill rate over the z grid).
    """

    figsize, width_ratios = (10.0, 3.8), (1, 1)

    def __init__(self, *, sigma=None, order_quantity=10_000.0, z=1.0):
        self.sigma = float(model.lead_time_sd(500, 2)) if sigma is None else float(sigma)
        model.fill_rate(0.0, self.sigma, order_quantity)  # validate up front
        self.z_grid = np.round(np.linspace(0, 3.5, 141), 10)
        seed = model.inventory_service_table()
        self.seed_points = (seed.index.to_numpy(), seed["cycle_service_level"].to_numpy())
        controls = {
            "z": _slider("tradeoff.control.z", z, 0, 3.5, 0.05, ".2f"),
            "order_quantity": _slider("tradeoff.control.order_quantity", order_quantity, 1000, 20000, 500, ".0f"),
        }
        super().__init__(controls)

    def compute(self):
        z, q = self.value("z"), self.value("order_quantity")
        return {
            "z": z,
            "cycle_service_level": model.cycle_service_level(z),
            "fill_rate": model.fill_rate(z, self.sigma, q),
            "safety_stock": model.safety_stock(model.cycle_service_level(z), self.sigma),
            "expected_shortage": model.expected_shortage(z, self.sigma),
            "fill_rate_curve": model.fill_rate(self.z_grid, self.sigma, q),
            "order_quantity": q,
        }

    def first_draw(self, result):
        printed = load_instance("inventory_service_levels")["printed_service_level"]
        return (views.plot_normal_service(result["z"], printed=printed, ax=self.axes[0]),
                views.plot_service_vs_z(self.z_grid, model.cycle_service_level(self.z_grid),
                                        result["fill_rate_curve"], z=result["z"],
                                        point_csl=result["cycle_service_level"], point_fill=result["fill_rate"],
                                        order_quantity=result["order_quantity"], seed_points=self.seed_points,
                                        ax=self.axes[1]))

    def draw(self, result, handles):
        views.update_normal_service(handles[0], result["z"], cycle_service_level=result["cycle_service_level"])
        views.update_service_vs_z(handles[1], self.z_grid, result["fill_rate_curve"], z=result["z"],
                                  point_csl=result["cycle_service_level"], point_fill=result["fill_rate"],
                                  order_quantity=result["order_quantity"])


def chapter_apps(tables=None, names=None) -> dict[str, CourseApp]:
    """The apps of Chapter 3, set up as in the chapter notebook.

    Parameters
    ----------
    tables : dict of DataFrame, optional
        Unused (the Chapter 3 apps run on textbook and illustrative numbers);
        accepted so every chapter's builder has the same signature.
    names : iterable of str, optional
        Which apps to build (default all): ``service_cost``, ``safety_stock``.
    """
    from .._validation import check_option

    builders = {"service_cost": ServiceCostApp, "safety_stock": SafetyStockApp}
    wanted = list(builders) if names is None else [check_option(n, "names", builders) for n in names]
    return {name: builders[name]() for name in wanted}
