"""Case 1 data: Kelan Appliance Logistics (科澜家电物流), a home-appliance maker's logistics arm.

The logistics arm of a (fictional) home-appliance maker stocks 12 product
classes for 30 distributors and promises every distributor the same service
today.  The case asks which distributor x product cells deserve the best
service (客户—产品贡献矩阵), what that policy promises (availability and
delivery days per cell, the seed's bands) and what safety stock (安全库存) it
needs compared with the uniform policy.

Tables (``generate()`` / ``load()``):

``distributors``
    ``distributor_id`` (D01..D30), ``name``, ``city``, ``region``,
    ``channel`` (one of :data:`CHANNELS`), ``outlets`` (stores served).
``product_classes``
    ``class_id`` (P01..P12), ``name_en``, ``name_zh``, ``unit_cost`` and
    ``unit_price`` (CNY per unit, factory cost and wholesale price to the
    distributor), ``importance`` (order-priority code 1 lost sale, 2 slight
    delay acceptable, 3 longer delay acceptable), ``lead_time_weeks``
    (replenishment from the factory to the regional warehouse) and
    ``holding_cost_rate`` (per year, fraction of unit cost).
``weekly_demand``
    ``week`` (Monday of each week of 2024), ``distributor_id``,
    ``class_id``, ``units`` (units ordered by the distributor that week);
    52 x 30 x 12 rows.

How the demand is generated: distributor size (units per year) is lognormal
(median 9,000 units, sigma 0.9) so that a few large regional wholesalers and
retail chains carry most of the volume; each distributor's product mix is the
base mix :data:`BASE_MIX` times its channel's multipliers
(:data:`CHANNEL_MIX`) times a lognormal taste factor (sigma 0.25),
renormalised.  Weekly units are Poisson with a gamma-distributed rate
(a negative binomial): rate = mean x seasonal index x Gamma(1/cv^2, cv^2),
with the class's weekly coefficient of variation ``cv`` and a cosine
seasonal index ``1 + amp cos(2 pi (week - peak) / 52)`` (air conditioners
peak in late June, heaters and air purifiers in winter, televisions around
the November promotions).  Prices, costs, lead times and holding-cost rates
are typical of the Chinese white-goods market in 2023-24 (gross margins
15-30 % at the maker's wholesale price; holding cost 20-28 % a year: capital
about 8 %, warehousing 6-8 %, obsolescence and price erosion 5-12 %).

Helper :func:`pair_stats` summarises the weekly demand per distributor x
product class (mean and standard deviation of weekly units, annual units,
margin and the lead-time standard deviation valued at cost) with
:func:`scm_course.tradeoff.lead_time_sd`.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .._validation import as_folder, check_seed
from ..tradeoff import lead_time_sd
from ._files import read_tables, write_tables

__all__ = [
    "BASE_MIX",
    "CASE_FOLDER",
    "CHANNELS",
    "CHANNEL_MIX",
    "CUSTOMER_CUTOFFS",
    "CUSTOMER_LABELS",
    "PRODUCT_CUTOFFS",
    "PRODUCT_LABELS",
    "SCHEMA",
    "SEED",
    "UNIFORM_AVAILABILITY",
    "cell_sums",
    "generate",
    "load",
    "pair_stats",
    "write",
]

CASE_FOLDER = "01_appliance_logistics"
SEED = 20240101
YEAR_START = "2024-01-01"  # a Monday
WEEKS = 52

SCHEMA = {
    "distributors": {"distributor_id": "str", "name": "str", "city": "str", "region": "str",
                     "channel": "str", "outlets": "int"},
    "product_classes": {"class_id": "str", "name_en": "str", "name_zh": "str", "unit_cost": "float",
                        "unit_price": "float", "importance": "int", "lead_time_weeks": "int",
                        "holding_cost_rate": "float"},
    "weekly_demand": {"week": "date", "distributor_id": "str", "class_id": "str", "units": "int"},
}

#: Case settings (stated in the brief): product classes A-D by annual gross margin,
#: cumulative-share cut-offs 50 / 80 / 95 %; distributor classes I-V by annual gross
#: margin, cut-offs 35 / 60 / 80 / 93 %; today's uniform policy 98 % availability.
PRODUCT_CUTOFFS = (0.5, 0.8, 0.95)
PRODUCT_LABELS = ("A", "B", "C", "D")
CUSTOMER_CUTOFFS = (0.35, 0.6, 0.8, 0.93)
CUSTOMER_LABELS = ("I", "II", "III", "IV", "V")
UNIFORM_AVAILABILITY = 0.98

#: Distribution channels (渠道) of the distributors.
CHANNELS = ("regional_wholesaler", "retail_chain", "e_commerce", "rural_dealer", "project_sales")

# class_id, name_en, name_zh, unit_cost, unit_price, importance, lead_time_weeks, holding_cost_rate,
# base share of units, weekly cv, seasonal amplitude, peak week
_CLASSES = (
    ("P01", "Air conditioners", "空调", 2300, 2950, 1, 2, 0.25, 0.20, 0.45, 0.60, 26),
    ("P02", "Refrigerators", "冰箱", 2100, 2620, 2, 2, 0.22, 0.15, 0.35, 0.15, 28),
    ("P03", "Washing machines", "洗衣机", 1500, 1860, 2, 2, 0.22, 0.14, 0.35, 0.10, 20),
    ("P04", "Televisions", "电视机", 2400, 2840, 1, 3, 0.28, 0.12, 0.50, 0.25, 45),
    ("P05", "Water heaters", "热水器", 1100, 1460, 1, 2, 0.20, 0.09, 0.40, 0.30, 2),
    ("P06", "Range hoods", "油烟机", 1300, 1780, 3, 3, 0.20, 0.06, 0.40, 0.10, 40),
    ("P07", "Gas hobs", "燃气灶", 650, 870, 3, 3, 0.20, 0.06, 0.40, 0.10, 40),
    ("P08", "Microwave ovens", "微波炉", 380, 465, 2, 4, 0.22, 0.07, 0.50, 0.15, 45),
    ("P09", "Dishwashers", "洗碗机", 2600, 3350, 3, 4, 0.24, 0.02, 0.60, 0.10, 45),
    ("P10", "Chest freezers", "冷柜", 1400, 1700, 2, 3, 0.22, 0.03, 0.50, 0.30, 28),
    ("P11", "Air purifiers", "空气净化器", 900, 1210, 2, 4, 0.24, 0.02, 0.60, 0.40, 50),
    ("P12", "Small kitchen appliances", "小厨电", 180, 232, 3, 4, 0.22, 0.04, 0.55, 0.15, 45),
)

#: Base share of each product class in a distributor's units.
BASE_MIX = {row[0]: row[8] for row in _CLASSES}

#: Channel multipliers of the base mix (classes not named keep 1.0).
CHANNEL_MIX = {
    "regional_wholesaler": {},
    "retail_chain": {"P04": 1.4, "P09": 1.5, "P11": 1.3},
    "e_commerce": {"P08": 2.0, "P11": 2.5, "P12": 3.0, "P09": 1.8, "P04": 1.5, "P10": 0.5},
    "rural_dealer": {"P02": 1.3, "P03": 1.3, "P05": 1.2, "P10": 1.8, "P09": 0.3, "P11": 0.3, "P04": 0.8},
    "project_sales": {"P01": 1.8, "P05": 2.0, "P06": 2.5, "P07": 2.5, "P04": 0.3, "P08": 0.3, "P12": 0.2},
}

# city, region, trade name, channel
_DISTRIBUTORS = (
    ("Shanghai", "East", "Huitong", "regional_wholesaler"),
    ("Beijing", "North", "Jingmao", "retail_chain"),
    ("Guangzhou", "South", "Yuehe", "regional_wholesaler"),
    ("Hangzhou", "East", "Xinghai", "e_commerce"),
    ("Chengdu", "Southwest", "Shuxin", "regional_wholesaler"),
    ("Wuhan", "Central", "Jiangcheng", "retail_chain"),
    ("Nanjing", "East", "Jinling", "project_sales"),
    ("Shenzhen", "South", "Pengyuan", "e_commerce"),
    ("Tianjin", "North", "Haihe", "regional_wholesaler"),
    ("Chongqing", "Southwest", "Yuzhou", "retail_chain"),
    ("Xi'an", "Northwest", "Changan", "regional_wholesaler"),
    ("Zhengzhou", "Central", "Zhongyuan", "rural_dealer"),
    ("Jinan", "East", "Quancheng", "retail_chain"),
    ("Changsha", "Central", "Xiangjiang", "regional_wholesaler"),
    ("Shenyang", "Northeast", "Shengjing", "regional_wholesaler"),
    ("Qingdao", "East", "Haiyue", "project_sales"),
    ("Hefei", "East", "Luzhou", "rural_dealer"),
    ("Fuzhou", "South", "Minjiang", "retail_chain"),
    ("Kunming", "Southwest", "Chuncheng", "rural_dealer"),
    ("Harbin", "Northeast", "Bingcheng", "rural_dealer"),
    ("Nanning", "South", "Yongjiang", "rural_dealer"),
    ("Shijiazhuang", "North", "Yanzhao", "rural_dealer"),
    ("Nanchang", "Central", "Ganjiang", "regional_wholesaler"),
    ("Taiyuan", "North", "Jinyang", "rural_dealer"),
    ("Guiyang", "Southwest", "Qianyuan", "rural_dealer"),
    ("Lanzhou", "Northwest", "Longxi", "rural_dealer"),
    ("Xiamen", "South", "Ludao", "project_sales"),
    ("Suzhou", "East", "Gusu", "e_commerce"),
    ("Dalian", "Northeast", "Binhai", "project_sales"),
    ("Urumqi", "Northwest", "Tianshan", "rural_dealer"),
)

_SUFFIX = {"regional_wholesaler": "Appliance Trading", "retail_chain": "Home Electronics",
           "e_commerce": "E-Commerce", "rural_dealer": "Appliance Dealer", "project_sales": "Building Supply"}
_OUTLETS = {"regional_wholesaler": (40, 160), "retail_chain": (15, 60), "e_commerce": (1, 3),
            "rural_dealer": (60, 250), "project_sales": (2, 8)}


def generate(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The case's tables, generated from ``seed`` (see the module docstring for the model).

    Examples
    --------
    >>> tables = generate()
    >>> [len(tables[k]) for k in ("distributors", "product_classes", "weekly_demand")]
    [30, 12, 18720]
    """
    rng = np.random.default_rng(check_seed(seed))
    classes = pd.DataFrame(
        [row[:8] for row in _CLASSES],
        columns=["class_id", "name_en", "name_zh", "unit_cost", "unit_price", "importance",
                 "lead_time_weeks", "holding_cost_rate"],
    )
    classes[["unit_cost", "unit_price"]] = classes[["unit_cost", "unit_price"]].astype(float)
    n = len(_DISTRIBUTORS)
    ids = [f"D{k:02d}" for k in range(1, n + 1)]
    channels = [d[3] for d in _DISTRIBUTORS]
    outlets = [int(rng.integers(*_OUTLETS[c], endpoint=True)) for c in channels]
    distributors = pd.DataFrame({
        "distributor_id": ids,
        "name": [f"{d[2]} {_SUFFIX[d[3]]} ({d[0]})" for d in _DISTRIBUTORS],
        "city": [d[0] for d in _DISTRIBUTORS],
        "region": [d[1] for d in _DISTRIBUTORS],
        "channel": channels,
        "outlets": outlets,
    })
    size = rng.lognormal(np.log(9000.0), 0.9, n)  # units per year
    class_ids = classes["class_id"].tolist()
    base = np.array([BASE_MIX[c] for c in class_ids])
    cv = np.array([row[9] for row in _CLASSES])
    amp = np.array([row[10] for row in _CLASSES])
    peak = np.array([row[11] for row in _CLASSES])
    weeks = np.arange(1, WEEKS + 1)
    season = 1 + amp[None, :] * np.cos(2 * np.pi * (weeks[:, None] - peak[None, :]) / WEEKS)  # weeks x classes
    season = season / season.mean(axis=0)
    shape = 1 / cv**2
    rows = []
    for i in range(n):
        mult = np.array([CHANNEL_MIX[channels[i]].get(c, 1.0) for c in class_ids])
        mix = base * mult * rng.lognormal(0.0, 0.25, len(class_ids))
        mix = mix / mix.sum()
        mean = size[i] * mix / WEEKS  # units per week
        rate = mean[None, :] * season * rng.gamma(shape, 1 / shape, size=(WEEKS, len(class_ids)))
        rows.append(rng.poisson(rate))
    units = np.stack(rows)  # distributors x weeks x classes
    dates = pd.date_range(YEAR_START, periods=WEEKS, freq="W-MON")
    idx = pd.MultiIndex.from_product([ids, dates, class_ids], names=["distributor_id", "week", "class_id"])
    demand = pd.DataFrame({"units": units.reshape(-1)}, index=idx).reset_index()
    demand = demand[["week", "distributor_id", "class_id", "units"]].sort_values(
        ["week", "distributor_id", "class_id"], kind="stable").reset_index(drop=True)
    return {"distributors": distributors, "product_classes": classes, "weekly_demand": demand}


def write(folder, seed: int = SEED) -> None:
    """Write the tables of :func:`generate` as ``<table>.csv`` plus ``SHA256SUMS`` into ``folder``.

    The same seed always gives the same bytes.
    """
    write_tables(as_folder(folder), generate(seed))


def _default_folder() -> Path:
    return Path(__file__).resolve().parents[2] / "casebook" / CASE_FOLDER / "data"


_RESTORE = "restore it with git or re-run python tools/make_case_data.py appliance"


def load(folder=None) -> dict[str, pd.DataFrame]:
    """Read and check the case's CSV files (``casebook/01_appliance_logistics/data`` by default).

    Each file must match its SHA-256 checksum in ``SHA256SUMS`` and its
    :data:`SCHEMA`; demand rows must name known distributors and classes.

    Raises
    ------
    FileNotFoundError
        A file is missing (the message says how to restore it).
    ValueError
        A file is corrupted or truncated (checksum mismatch, naming the file),
        or a table breaks its schema.

    Examples
    --------
    >>> load()["product_classes"].set_index("class_id").loc["P01", "name_en"]
    'Air conditioners'
    """
    folder = _default_folder() if folder is None else as_folder(folder, must_exist=True)
    tables = read_tables(folder, SCHEMA, _RESTORE)
    demand = tables["weekly_demand"]
    for key, table in (("distributor_id", "distributors"), ("class_id", "product_classes")):
        unknown = set(demand[key]) - set(tables[table][key])
        if unknown:
            raise ValueError(f"weekly_demand: unknown {key} {min(unknown)!r}; {_RESTORE}")
    return tables


def pair_stats(tables=None) -> pd.DataFrame:
    """Demand and margin per distributor x product class over the year.

    Returns one row per (``distributor_id``, ``class_id``) with ``weeks``,
    ``annual_units``, ``mean_weekly``, ``sd_weekly`` (``ddof=1``),
    ``lead_time_weeks``, ``sd_lead_time`` (units, ``sd_weekly *
    sqrt(lead_time)`` by :func:`scm_course.tradeoff.lead_time_sd`),
    ``unit_cost``, ``holding_cost_rate``, ``annual_margin`` (CNY, units x
    (price - cost)) and ``sd_lead_time_cost`` (CNY, the lead-time standard
    deviation valued at unit cost).

    Parameters
    ----------
    tables : dict, optional
        The case's tables; :func:`load` by default.

    Examples
    --------
    >>> stats = pair_stats()
    >>> len(stats), round(float(stats["annual_units"].sum()), -3) > 0
    (360, True)
    """
    tables = load() if tables is None else tables
    if not isinstance(tables, dict):
        raise TypeError(f"tables must be the dict of the case's tables (from load()), got {type(tables).__name__}")
    missing = [name for name in ("weekly_demand", "product_classes") if name not in tables]
    if missing:
        raise ValueError(f"tables lacks the table(s) {missing}; it has {list(tables)}")
    demand, classes = tables["weekly_demand"], tables["product_classes"].set_index("class_id")
    grouped = demand.groupby(["distributor_id", "class_id"])["units"]
    out = pd.DataFrame({"weeks": grouped.size(), "annual_units": grouped.sum(),
                        "mean_weekly": grouped.mean(), "sd_weekly": grouped.std(ddof=1)})
    cls = out.index.get_level_values("class_id")
    out["lead_time_weeks"] = classes["lead_time_weeks"].reindex(cls).to_numpy()
    out["sd_lead_time"] = lead_time_sd(out["sd_weekly"], out["lead_time_weeks"].astype(float))
    out["unit_cost"] = classes["unit_cost"].reindex(cls).to_numpy()
    out["holding_cost_rate"] = classes["holding_cost_rate"].reindex(cls).to_numpy()
    unit_margin = (classes["unit_price"] - classes["unit_cost"]).reindex(cls).to_numpy()
    out["annual_margin"] = out["annual_units"] * unit_margin
    out["sd_lead_time_cost"] = out["sd_lead_time"] * out["unit_cost"]
    return out


def cell_sums(stats, customer_class, product_class, value) -> pd.DataFrame:
    """Sum a column of :func:`pair_stats` per customer class x product class.

    Parameters
    ----------
    stats : pandas.DataFrame
        From :func:`pair_stats` (indexed by ``distributor_id, class_id``).
    customer_class, product_class : pandas.Series
        Class per ``distributor_id`` / ``class_id``, e.g. the ``cls`` column of
        :func:`scm_course.priority.abc_classify`; a categorical keeps its
        category order (else sorted).
    value : str or pandas.Series
        A column of ``stats``, or a Series aligned with it (e.g.
        ``stats["sd_lead_time_cost"] * stats["holding_cost_rate"]``).

    Returns
    -------
    pandas.DataFrame
        Rows ``customer_class``, columns ``product_class``; empty cells are 0.
        Safety stock is additive over the pairs of a cell when each pair is
        stocked on its own, so the cell sum of ``sd_lead_time_cost`` times
        ``z`` is the cell's safety stock in CNY.

    Examples
    --------
    >>> stats = pair_stats()
    >>> cust = pd.Series("I", index=stats.index.unique("distributor_id"))
    >>> prod = pd.Series("A", index=stats.index.unique("class_id"))
    >>> float(cell_sums(stats, cust, prod, "annual_units").iloc[0, 0]) == float(stats["annual_units"].sum())
    True
    """
    if not isinstance(stats, pd.DataFrame) or list(stats.index.names) != ["distributor_id", "class_id"]:
        raise TypeError("stats must be the DataFrame of pair_stats (indexed by distributor_id, class_id)")
    if isinstance(value, str):
        if value not in stats.columns:
            raise ValueError(f"value must be a column of stats {list(stats.columns)}, got {value!r}")
        amount = stats[value]
    elif isinstance(value, pd.Series) and value.index.equals(stats.index):
        amount = value
    else:
        raise TypeError("value must be a column name of stats or a Series with the index of stats")
    if len(stats) == 0:
        raise ValueError("stats is empty; it needs the rows of pair_stats")
    if not np.isfinite(amount.to_numpy(dtype=float)).all():
        raise ValueError("value must hold finite numbers (no NaN or inf) in every row of stats")
    keys = {}
    for name, cls, level in (("customer_class", customer_class, "distributor_id"),
                             ("product_class", product_class, "class_id")):
        if not isinstance(cls, pd.Series):
            raise TypeError(f"{name} must be a Series {level} -> class, got {type(cls).__name__}")
        if cls.index.has_duplicates:
            raise ValueError(f"{name} gives {level} {cls.index[cls.index.duplicated()][0]!r} more than one class")
        ids = stats.index.get_level_values(level)
        missing = sorted(set(ids) - set(cls.index))
        if missing:
            raise ValueError(f"{name} has no class for {level} {missing[0]!r}")
        order = list(cls.cat.categories) if isinstance(cls.dtype, pd.CategoricalDtype) else sorted(cls.unique())
        keys[name] = (np.asarray(cls.reindex(ids).astype(object)), order)
    frame = pd.DataFrame({"c": keys["customer_class"][0], "p": keys["product_class"][0],
                          "v": amount.to_numpy(dtype=float)})
    out = frame.groupby(["c", "p"])["v"].sum().unstack("p")
    out = out.reindex(index=keys["customer_class"][1], columns=keys["product_class"][1]).fillna(0.0)
    out.index.name, out.columns.name = "customer_class", "product_class"
    return out
