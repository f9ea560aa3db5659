"""Case 2 data: Hengtong Industrial Supply's customer service audit (恒通工业供应的客户服务审计).

Hengtong Industrial Supply (恒通工业供应, fictional) distributes bearings,
power-transmission parts, fasteners and other MRO supplies (维护、维修和运行
物资) to factories and contractors in the Yangtze River Delta.  Its audit has
two halves, as Lambert & Stock (ch. 4) prescribe:

* the **external audit** (外部审计): a customer survey -- importance of twelve
  service attributes and the performance of Hengtong and of its two main
  competitors, Dacheng Bearing & Transmission (大成轴承传动, a full-line
  specialist with regional warehouses) and PartsHub (零件汇, an online
  catalogue distributor), each rated only by respondents who also buy from it;
* the **internal audit** (内部审计): the service measures Hengtong already
  keeps, month by month in 2025, with the standards management set for them.

Tables (all synthetic, seeded; see ``casebook/02_industrial_audit/data/README.md``):

``survey``
    Long form ``respondent, attribute, rater, score`` (1-7), the format of
    :mod:`scm_course.audit`; raters ``"importance"``, ``"Hengtong"``,
    ``"Dacheng"``, ``"PartsHub"``.
``respondents``
    One row per responding customer: type, region, years as a customer,
    annual spend with Hengtong, and which competitors it also buys from.
``attributes``
    The questionnaire: attribute number, key, service phase, English and
    Chinese wording.
``kpi_monthly``
    Hengtong's internal service measures per month of 2025.
``kpi_standards``
    For each internal measure: the survey attribute it stands for, unit,
    standard, tolerance, direction, and the system it comes from.

How the survey is generated: for every rater and attribute a multiset of
integer ratings with the design mean (exact to the integer grid: the sum is
``round(n * mean)``) and standard deviation is drawn with
:func:`scm_course.data.ratings_with_moments`; the ratings are then handed to
the raters' respondents in the order of a latent score, so answers correlate
like real ones (a halo per respondent and firm plus one factor per group of
attributes for performance; the customer type's priorities plus noise for
importance) while the marginal means and sds stay as designed.

References
----------
Lambert, D. M. and Stock, J. R., *Strategic Logistics Management*, 3rd ed.,
    ch. 4 (the customer service audit: external and internal audit,
    competitive position and performance matrices).
Seed [002 L230-369] (COURSE_CONTENT.md section D.13): the four-step analysis
    and the control loop of service standards.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from .._validation import as_folder
from ..data import DatasetError, file_sha256, ratings_with_moments, validate_table

__all__ = ["CASE_FOLDER", "SEED", "SCHEMA", "FIRM", "COMPETITORS", "RATERS", "ATTRIBUTES", "MEASURES",
           "N_RESPONDENTS", "generate", "write", "load", "data_folder"]

#: The case's folder under ``casebook/``.
CASE_FOLDER = "02_industrial_audit"
#: Seed of the committed data.
SEED = 2702
#: Responding customers (520 active accounts surveyed, a 31 % response rate).
N_RESPONDENTS = 160
#: The audited firm and its competitors (rater names in ``survey``).
FIRM = "Hengtong"
COMPETITORS = ("Dacheng", "PartsHub")
RATERS = ("importance", FIRM, *COMPETITORS)

#: Customer types: share of respondents, spend multiplier, P(buys from Dacheng), P(buys from PartsHub).
CUSTOMER_TYPES = {
    "plant_maintenance": (0.45, 1.0, 0.70, 0.40),  # maintenance departments of factories (MRO buyers)
    "oem_production": (0.35, 1.6, 0.70, 0.30),  # OEM production lines (bearings and PT parts in their products)
    "contractor": (0.20, 0.6, 0.45, 0.75),  # installation and service contractors
}
REGIONS = {"Shanghai": 0.30, "Jiangsu": 0.35, "Zhejiang": 0.25, "Anhui": 0.10}
#: Median annual spend with Hengtong (thousand CNY) and the log-normal sigma.
SPEND_MEDIAN_KCNY = 180.0
SPEND_SIGMA = 0.9

#: The questionnaire.  Per attribute: key, phase, English, Chinese, performance factor group, and the design
#: (mean, sd) of importance, Hengtong, Dacheng and PartsHub on the 7-point scale.
_ATTRIBUTE_DESIGN = [
    ("stock_availability", "transaction", "Items in stock when ordered", "订货时有现货",
     0, (6.45, 0.75), (4.85, 1.15), (5.90, 0.95), (5.35, 1.10)),
    ("order_cycle_time", "transaction", "Short order cycle (order to delivery)", "订货周期短（从订货到交货）",
     0, (5.80, 0.95), (5.15, 1.10), (5.30, 1.05), (5.60, 1.00)),
    ("on_time_delivery", "transaction", "Delivery on the promised date", "按承诺日期交货",
     0, (6.30, 0.80), (4.95, 1.15), (5.40, 1.05), (5.05, 1.20)),
    ("order_accuracy", "transaction", "Right items in the right quantities", "品种和数量准确",
     1, (6.10, 0.85), (5.75, 1.00), (5.70, 1.05), (5.80, 1.00)),
    ("emergency_orders", "transaction", "Same-day delivery of breakdown (emergency) orders", "设备故障紧急订单当天送达",
     0, (5.90, 1.10), (6.05, 0.95), (4.90, 1.25), (3.60, 1.35)),
    ("order_status_info", "transaction", "Order status and delivery date on request", "可随时查询订单状态和交货日期",
     2, (5.55, 1.05), (2.90, 1.20), (4.90, 1.15), (6.10, 0.95)),
    ("technical_support", "pre_transaction", "Technical advice on selecting parts", "选型技术支持",
     3, (5.20, 1.25), (5.95, 1.00), (5.65, 1.10), (3.30, 1.30)),
    ("invoice_accuracy", "post_transaction", "Accurate invoices", "发票准确",
     1, (5.35, 1.15), (5.45, 1.10), (5.50, 1.05), (5.65, 1.05)),
    ("complaint_handling", "post_transaction", "Prompt handling of complaints and returns", "及时处理投诉和退货",
     1, (5.65, 1.05), (4.70, 1.25), (4.95, 1.20), (4.40, 1.30)),
    ("sales_rep_contact", "pre_transaction", "Regular visits by a sales representative", "销售代表定期拜访",
     3, (3.60, 1.40), (5.90, 1.05), (4.60, 1.20), (2.40, 1.25)),
    ("online_ordering", "pre_transaction", "Online ordering and e-procurement catalogue", "网上订货和电子采购目录",
     2, (4.40, 1.45), (2.75, 1.20), (4.55, 1.25), (6.30, 0.85)),
    ("vmi_service", "post_transaction", "Vendor-managed stock (bins replenished on site)", "供应商管理库存（现场补货）",
     3, (4.15, 1.50), (4.30, 1.20), (5.20, 1.15), (2.20, 1.10)),
]
#: Attribute keys in questionnaire order (attribute no. 1..12).
ATTRIBUTES = tuple(row[0] for row in _ATTRIBUTE_DESIGN)

#: Importance shifts (in latent sd units) of each customer type, per attribute in questionnaire order:
#: plant maintenance wants stock and breakdown service, OEM lines want punctual, accurate, replenished supply,
#: contractors want to order and track online.
_IMPORTANCE_SHIFTS = {
    "plant_maintenance": [1, 0, 0, 0, 1, 0, 1, 0, 0, 0, -1, -1],
    "oem_production": [0, 0, 1, 1, -1, 0, 0, 0, 0, 0, -1, 1],
    "contractor": [0, 1, -1, -1, 0, 1, -1, 1, 0, -1, 2, -1],
}

#: Internal measures: key -> (attribute, English, Chinese, unit, standard, tolerance, higher_is_better, source,
#: base level, monthly noise sd, seasonal shifts {month: shift}, decimals).
_MEASURE_DESIGN = {
    "line_fill_rate": ("stock_availability", "Order-line fill rate", "订单行满足率", "share of lines", 0.95, 0.01, True,
                       "ERP", 0.938, 0.006, {1: -0.012, 7: -0.015, 8: -0.02}, 3),
    "order_cycle_hours": ("order_cycle_time", "Median order cycle, order entry to delivery", "订货周期中位数（下单到交货）",
                          "hours", 48.0, 4.0, False, "ERP + TMS", 38.0, 2.5, {7: 4.0, 8: 5.0}, 1),
    "on_time_dispatch": ("on_time_delivery", "Orders dispatched on the planned ship date", "按计划发货日发出的订单比例",
                         "share of orders", 0.95, 0.01, True, "WMS", 0.968, 0.004, {}, 3),
    "picking_accuracy": ("order_accuracy", "Lines picked without error", "拣货无差错的订单行比例", "share of lines",
                         0.995, 0.002, True, "WMS", 0.9965, 0.0012, {}, 4),
    "emergency_same_day": ("emergency_orders", "Emergency orders delivered the same day", "紧急订单当天送达比例",
                           "share of orders", 0.90, 0.03, True, "TMS", 0.935, 0.015, {}, 3),
    "invoice_accuracy": ("invoice_accuracy", "Invoices without correction", "无需更正的发票比例", "share of invoices",
                         0.99, 0.005, True, "ERP (finance)", 0.988, 0.003, {}, 3),
    "complaints_closed_5d": ("complaint_handling", "Complaints closed within 5 working days",
                             "5个工作日内关闭的投诉比例", "share of complaints", 0.90, 0.05, True, "CRM", 0.76, 0.03, {}, 3),
}
#: Internal measure keys (columns of ``kpi_monthly`` after ``month``).
MEASURES = tuple(_MEASURE_DESIGN)
#: The months of the internal audit.
MONTHS = pd.date_range("2025-01-01", periods=12, freq="MS")

SCHEMA = {
    "survey": {"respondent": "str", "attribute": "str", "rater": "str", "score": "int"},
    "respondents": {"respondent": "str", "customer_type": "str", "region": "str", "years_as_customer": "int",
                    "annual_spend_kcny": "float", "buys_from_dacheng": "bool", "buys_from_partshub": "bool"},
    "attributes": {"no": "int", "attribute": "str", "phase": "str", "name_en": "str", "name_zh": "str"},
    "kpi_monthly": {"month": "date", **{m: "float" for m in MEASURES}},
    "kpi_standards": {"measure": "str", "attribute": "str", "name_en": "str", "name_zh": "str", "unit": "str",
                      "standard": "float", "tolerance": "float", "higher_is_better": "bool", "source": "str"},
}
TABLES = tuple(SCHEMA)
RESTORE = "re-run `python tools/make_case_data.py industrial_audit` (or restore the file with git)"


def _check_seed(seed):
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a whole number >= 0, got {seed!r}")
    return int(seed)


def _respondents(n: int, rng) -> pd.DataFrame:
    types = list(CUSTOMER_TYPES)
    kind = rng.choice(types, size=n, p=[CUSTOMER_TYPES[k][0] for k in types])
    region = rng.choice(list(REGIONS), size=n, p=list(REGIONS.values()))
    years = rng.geometric(1 / 6, size=n).clip(max=25)  # mean about 6 years
    spend = SPEND_MEDIAN_KCNY * np.exp(rng.normal(0, SPEND_SIGMA, n)) * np.array([CUSTOMER_TYPES[k][1] for k in kind])
    p_dacheng = np.array([CUSTOMER_TYPES[k][2] for k in kind])
    p_partshub = np.array([CUSTOMER_TYPES[k][3] for k in kind])
    return pd.DataFrame({
        "respondent": [f"C{i + 1:03d}" for i in range(n)],
        "customer_type": kind,
        "region": region,
        "years_as_customer": years.astype(int),
        "annual_spend_kcny": np.round(spend, 1),
        "buys_from_dacheng": rng.random(n) < p_dacheng,
        "buys_from_partshub": rng.random(n) < p_partshub,
    })


def _ratings(n: int, mean: float, sd: float, rng) -> np.ndarray:
    """Ratings whose sd rounds to ``sd`` at two decimals, or at one where the integer grid of ``n`` allows no more."""
    try:
        return ratings_with_moments(n, mean, sd, rng, sd_decimals=2)
    except ValueError:
        return ratings_with_moments(n, mean, sd, rng, sd_decimals=1)


def _survey(respondents: pd.DataFrame, rng) -> pd.DataFrame:
    n = len(respondents)
    groups = [row[4] for row in _ATTRIBUTE_DESIGN]
    n_groups = max(groups) + 1
    who = {"importance": np.ones(n, bool), FIRM: np.ones(n, bool),
           "Dacheng": respondents["buys_from_dacheng"].to_numpy(), "PartsHub": respondents["buys_from_partshub"].to_numpy()}
    shifts = np.array([_IMPORTANCE_SHIFTS[k] for k in respondents["customer_type"]], dtype=float)
    latent = {}
    for rater in RATERS[1:]:
        halo, factors = rng.normal(0, 1, n), rng.normal(0, 1, (n, n_groups))
        latent[rater] = [0.5 * halo + factors[:, g] for g in groups]
    rows = []
    ids = respondents["respondent"].to_numpy()
    for j, design in enumerate(_ATTRIBUTE_DESIGN):
        for r, rater in enumerate(RATERS):
            mean, sd = design[5 + r]
            mask = who[rater]
            m = int(mask.sum())
            ratings = np.sort(_ratings(m, mean, sd, rng))
            if rater == "importance":
                score = 1.5 * shifts[:, j] + rng.normal(0, 1, n)
            else:
                score = latent[rater][j] + rng.normal(0, 0.7, n)
            order = np.argsort(score[mask], kind="stable")
            assigned = np.empty(m, dtype=int)
            assigned[order] = ratings  # the lowest latent score gets the lowest rating
            rows.append(pd.DataFrame({"respondent": ids[mask], "attribute": design[0], "rater": rater,
                                      "score": assigned}))
    return pd.concat(rows, ignore_index=True)


def _kpis(rng) -> tuple[pd.DataFrame, pd.DataFrame]:
    monthly = {"month": MONTHS}
    standards = []
    for key, (attribute, en, zh, unit, standard, tol, higher, source, base, sd, season, decimals) in _MEASURE_DESIGN.items():
        shift = np.array([season.get(m.month, 0.0) for m in MONTHS])
        values = base + shift + rng.normal(0, sd, len(MONTHS))
        if unit.startswith("share"):
            values = values.clip(0, 1)
        monthly[key] = np.round(values, decimals)
        standards.append({"measure": key, "attribute": attribute, "name_en": en, "name_zh": zh, "unit": unit,
                          "standard": standard, "tolerance": tol, "higher_is_better": higher, "source": source})
    return pd.DataFrame(monthly), pd.DataFrame(standards)


def generate(seed: int = SEED, n_respondents: int = N_RESPONDENTS) -> dict[str, pd.DataFrame]:
    """Generate the case's tables (same seed -> same tables).

    Parameters
    ----------
    seed : int, default :data:`SEED`
        Seed of :func:`numpy.random.default_rng`.
    n_respondents : int, default :data:`N_RESPONDENTS`
        Responding customers (at least 30, so every competitor keeps enough raters).

    Returns
    -------
    dict
        ``survey, respondents, attributes, kpi_monthly, kpi_standards`` (see the module docstring).

    Examples
    --------
    >>> tables = generate()
    >>> sorted(tables["survey"]["rater"].unique())
    ['Dacheng', 'Hengtong', 'PartsHub', 'importance']
    >>> int(tables["survey"].groupby("rater")["respondent"].nunique()["Hengtong"])
    160
    """
    rng = np.random.default_rng(_check_seed(seed))
    if isinstance(n_respondents, bool) or not isinstance(n_respondents, (int, np.integer)) or n_respondents < 30:
        raise ValueError(f"n_respondents must be a whole number >= 30, got {n_respondents!r}")
    respondents = _respondents(int(n_respondents), rng)
    survey = _survey(respondents, rng)
    attributes = pd.DataFrame({"no": range(1, len(ATTRIBUTES) + 1), "attribute": ATTRIBUTES,
                               "phase": [r[1] for r in _ATTRIBUTE_DESIGN], "name_en": [r[2] for r in _ATTRIBUTE_DESIGN],
                               "name_zh": [r[3] for r in _ATTRIBUTE_DESIGN]})
    kpi_monthly, kpi_standards = _kpis(rng)
    return {"survey": survey, "respondents": respondents, "attributes": attributes, "kpi_monthly": kpi_monthly,
            "kpi_standards": kpi_standards}


def data_folder() -> Path:
    """``casebook/02_industrial_audit/data`` of the course repository."""
    return Path(__file__).resolve().parents[2] / "casebook" / CASE_FOLDER / "data"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(folder=None, tables: dict | None = None) -> None:
    """Write the tables (default: :func:`generate` with :data:`SEED`) as CSV files plus ``SHA256SUMS``.

    Dates are written as ``YYYY-MM-DD``, booleans as ``True``/``False``, with
    ``\\n`` line ends, so the same tables always give the same bytes.
    """
    folder = as_folder(folder) if folder is not None else data_folder()
    tables = generate() if tables is None else tables
    if not isinstance(tables, dict):
        raise TypeError(f"tables must be a dict of the case's tables (from generate()), got {type(tables).__name__}")
    if set(tables) != set(TABLES):
        raise ValueError(f"tables must hold exactly the tables {list(TABLES)}, got {list(tables)}")
    folder.mkdir(parents=True, exist_ok=True)
    sums = []
    for name in TABLES:
        frame = validate_table(tables[name], SCHEMA[name], name)[list(SCHEMA[name])]
        for col, kind in SCHEMA[name].items():
            if kind == "date":
                frame[col] = frame[col].dt.strftime("%Y-%m-%d")
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        sums.append(f"{_sha256(path)}  {path.name}\n")
    (folder / "SHA256SUMS").write_text("".join(sums), encoding="utf-8")


def _expected_sums(folder: Path) -> dict[str, str]:
    path = folder / "SHA256SUMS"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; {RESTORE}")
    sums = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 2 or len(parts[0]) != 64:
            raise DatasetError(f"{path} has a malformed line {line!r}; {RESTORE}")
        sums[parts[1]] = parts[0]
    missing = [f"{t}.csv" for t in TABLES if f"{t}.csv" not in sums]
    if missing:
        raise DatasetError(f"{path} lists no checksum for {missing}; {RESTORE}")
    return sums


def _check_consistency(tables: dict) -> None:
    survey, respondents, attributes = tables["survey"], tables["respondents"], tables["attributes"]
    if not survey["score"].between(1, 7).all():
        bad = survey["score"][~survey["score"].between(1, 7)]
        raise ValueError(f"survey: column 'score' must be 1-7; got {bad.iloc[0]} at row {bad.index[0]}")
    for frame, name, cols in ((survey, "survey", ["respondent", "attribute", "rater"]),
                              (respondents, "respondents", ["respondent"]), (attributes, "attributes", ["attribute"])):
        if frame.duplicated(cols).any():
            raise ValueError(f"{name}: duplicate rows for {cols}")
    checks = ((survey["rater"], set(RATERS), "survey rater"),
              (survey["attribute"], set(attributes["attribute"]), "survey attribute"),
              (survey["respondent"], set(respondents["respondent"]), "survey respondent"),
              (tables["kpi_standards"]["measure"], set(MEASURES), "kpi_standards measure"),
              (tables["kpi_standards"]["attribute"], set(attributes["attribute"]), "kpi_standards attribute"))
    for values, allowed, what in checks:
        unknown = sorted(set(values) - allowed)
        if unknown:
            raise ValueError(f"{what} has unknown value(s) {unknown[:5]}")


def load(folder=None) -> dict[str, pd.DataFrame]:
    """Load the case's tables from ``folder`` (default: the committed ``casebook/02_industrial_audit/data``).

    Every file is first checked against ``SHA256SUMS`` (a corrupted, truncated
    or edited file is an error naming the file and how to restore it), then
    against :data:`SCHEMA` and for consistency (scores 1-7, known raters,
    attributes and respondents, no duplicate answers).

    Returns
    -------
    dict
        ``survey, respondents, attributes, kpi_monthly, kpi_standards`` as DataFrames.

    Examples
    --------
    >>> tables = load()
    >>> len(tables["attributes"]), len(tables["kpi_monthly"])
    (12, 12)
    """
    folder = as_folder(folder, must_exist=True) if folder is not None else data_folder()
    sums = _expected_sums(folder)
    tables = {}
    for name in TABLES:
        path = folder / f"{name}.csv"
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing; {RESTORE}")
        if file_sha256(path) != sums[path.name]:
            raise DatasetError(f"{path} does not match its SHA-256 checksum in SHA256SUMS (the file is corrupted, "
                               f"truncated or edited); {RESTORE}")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8").replace("", np.nan)
        try:
            tables[name] = validate_table(frame, SCHEMA[name], name)[list(SCHEMA[name])]
        except ValueError as err:
            raise DatasetError(f"{path}: {err}; {RESTORE}") from None
    _check_consistency(tables)
    return tables
