"""Course data: textbook instances, seeded generators and validated loaders.

* :func:`load_instance` returns a table of the seed materials (the order
  priority table, the contribution matrix, ...) stored once in
  ``scm_course/resources/instances.json``, so tests and notebooks use the same
  numbers.
* :func:`generate_distributor` makes the course's fictional appliance
  distributor (products, customers, order lines) from a seed; the committed CSV
  copy in ``datasets/distributor/`` is exactly its default output
  (``python tools/make_datasets.py`` rewrites it) and :func:`load_distributor`
  reads it back with schema and type checks.

Every table is documented in ``datasets/README.md``.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from ._validation import as_timestamp, check_seed

__all__ = [
    "DatasetError",
    "verify_checksum",
    "file_sha256",
    "DISTRIBUTOR_SCHEMA",
    "instance_names",
    "load_instance",
    "generate_distributor",
    "load_distributor",
    "save_distributor",
    "datasets_dir",
    "validate_table",
    "FULFILMENT_SCHEMA",
    "generate_fulfilment",
    "load_fulfilment",
    "load_fulfilment_lines",
    "SURVEY_SCHEMA",
    "ratings_with_moments",
    "generate_supplier_survey",
    "generate_audit_survey",
    "load_survey",
    "LOGISTICS_SCHEMA",
    "LOGISTICS_START",
    "LOGISTICS_AS_OF",
    "LOGISTICS_TRUE_PARAMS",
    "generate_logistics",
    "load_logistics",
    "CDNOW_CALIBRATION_END",
    "CDNOW_OBSERVATION_END",
    "load_cdnow",
]


# --------------------------------------------------------------------------
# textbook instances
# --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _instances() -> dict:
    text = resources.files("scm_course").joinpath("resources/instances.json").read_text("utf-8")
    return json.loads(text)


def instance_names() -> list[str]:
    """Names of the stored textbook instances."""
    return sorted(_instances())


def load_instance(name: str) -> dict:
    """Return the data of a textbook instance (a fresh copy each call).

    Examples
    --------
    >>> load_instance("order_priority")["priority"]
    [1, 3, 2, 5, 7, 5, 4, 8, 10, 9]
    """
    store = _instances()
    if name not in store:
        raise ValueError(f"name must be one of {sorted(store)}, got {name!r}")
    return json.loads(json.dumps(store[name]["data"]))


# --------------------------------------------------------------------------
# schema checks
# --------------------------------------------------------------------------
#: Column -> kind for each table of the distributor dataset.
DISTRIBUTOR_SCHEMA = {
    "products": {
        "product_id": "str",
        "name": "str",
        "category": "str",
        "unit_cost": "float",
        "unit_price": "float",
        "importance": "int",
    },
    "customers": {
        "customer_id": "str",
        "name": "str",
        "region": "str",
        "channel": "str",
    },
    "order_lines": {
        "order_id": "str",
        "order_date": "date",
        "customer_id": "str",
        "product_id": "str",
        "quantity": "int",
        "revenue": "float",
        "cost": "float",
        "margin": "float",
    },
}

_KEYS = {"products": "product_id", "customers": "customer_id"}


_KINDS = ("str", "opt_str", "int", "float", "date", "datetime", "bool")


def validate_table(df: pd.DataFrame, schema: dict, name: str) -> pd.DataFrame:
    """Check ``df`` has every column of ``schema`` with the right kind of values.

    Kinds: ``"str"`` (non-empty text), ``"opt_str"`` (text that may be
    missing, e.g. an unknown phone number), ``"int"``, ``"float"`` (finite
    numbers), ``"date"``, ``"datetime"`` and ``"bool"``.  Returns a copy with the columns converted to their kind.  The
    error names the table, the column and the first bad row.
    """
    if not isinstance(name, str) or not name.strip():
        raise TypeError(f"name must be the table's name (non-empty text) for messages, got {name!r}")
    if not isinstance(schema, dict) or not schema:
        raise TypeError(f"schema must be a non-empty dict column -> kind, got {schema!r}")
    unknown = sorted({str(k) for k in schema.values() if k not in _KINDS})
    if unknown:
        raise ValueError(f"schema names unknown kind(s) {unknown}; kinds: {list(_KINDS)}")
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a DataFrame, got {type(df).__name__}")
    missing = [c for c in schema if c not in df.columns]
    if missing:
        raise ValueError(f"{name}: missing column(s) {missing}; expected {list(schema)}")
    if len(df) == 0:
        raise ValueError(f"{name}: the table is empty")
    out = df.copy()
    for col, kind in schema.items():
        s = out[col]
        if kind == "str":
            bad = s.isna() | (s.astype(str).str.strip() == "")
            if bad.any():
                raise ValueError(f"{name}: column {col!r} has empty values (first at row {int(np.argmax(bad.to_numpy()))})")
            out[col] = s.astype(str)
        elif kind == "opt_str":
            blank = s.isna() | (s.astype(str).str.strip() == "")
            out[col] = s.astype(object).where(~blank, np.nan)
            out.loc[~blank, col] = s[~blank].astype(str)
        elif kind in ("int", "float"):
            num = pd.to_numeric(s, errors="coerce")
            bad = num.isna() | ~np.isfinite(num.astype(float))
            if bad.any():
                i = int(np.argmax(bad.to_numpy()))
                raise ValueError(f"{name}: column {col!r} must hold numbers; bad value {s.iloc[i]!r} at row {i}")
            if kind == "int":
                if (num != num.round()).any():
                    i = int(np.argmax((num != num.round()).to_numpy()))
                    raise ValueError(f"{name}: column {col!r} must hold whole numbers; got {s.iloc[i]!r} at row {i}")
                out[col] = num.astype("int64")
            else:
                out[col] = num.astype(float)
        elif kind in ("date", "datetime"):
            fmt = "%Y-%m-%d" if kind == "date" else "%Y-%m-%d %H:%M"
            text = s.dtype == object or pd.api.types.is_string_dtype(s.dtype)
            dt = pd.to_datetime(s, errors="coerce", format=fmt) if text else pd.to_datetime(s, errors="coerce")
            if dt.isna().any():
                i = int(np.argmax(dt.isna().to_numpy()))
                raise ValueError(f"{name}: column {col!r} must hold {'dates (YYYY-MM-DD)' if kind == 'date' else 'date-times (YYYY-MM-DD HH:MM)'}; "
                                 f"bad value {s.iloc[i]!r} at row {i}")
            out[col] = dt
        elif kind == "bool":
            mapping = {"true": True, "false": False, "1": True, "0": False}
            if s.dtype == bool:
                continue
            flags = s.astype(str).str.strip().str.lower().map(mapping)
            if flags.isna().any():
                i = int(np.argmax(flags.isna().to_numpy()))
                raise ValueError(f"{name}: column {col!r} must hold True/False; bad value {s.iloc[i]!r} at row {i}")
            out[col] = flags.astype(bool)
        else:  # pragma: no cover - schema typo
            raise AssertionError(kind)
    return out


def _check_distributor(tables: dict) -> dict:
    out = {}
    for name, schema in DISTRIBUTOR_SCHEMA.items():
        if name not in tables:
            raise ValueError(f"distributor data: table {name!r} is missing")
        out[name] = validate_table(tables[name], schema, name)
    for name, key in _KEYS.items():
        dup = out[name][key][out[name][key].duplicated()]
        if len(dup):
            raise ValueError(f"{name}: duplicate {key} {dup.iloc[0]!r}; ids must be unique")
    lines = out["order_lines"]
    for name, key in _KEYS.items():
        unknown = ~lines[key].isin(out[name][key])
        if unknown.any():
            raise ValueError(f"order_lines: {key} {lines[key][unknown].iloc[0]!r} is not in {name}")
    if (lines["quantity"] <= 0).any():
        raise ValueError("order_lines: column 'quantity' must be > 0")
    return out


# --------------------------------------------------------------------------
# the fictional appliance distributor
# --------------------------------------------------------------------------
# (category, Chinese name, unit-cost range CNY, gross margin range, importance code)
# Importance: 1 = customers buy elsewhere at once (lost sale), 2 = a short
# delay is accepted, 3 = a longer delay is accepted (made-to-order, projects).
_CATEGORIES = [
    ("air_conditioner", "空调", (1800, 4200), (0.14, 0.26), 1),
    ("refrigerator", "冰箱", (1500, 5200), (0.12, 0.24), 2),
    ("washing_machine", "洗衣机", (900, 3200), (0.12, 0.22), 2),
    ("television", "电视", (1200, 6000), (0.08, 0.16), 1),
    ("water_heater", "热水器", (600, 2400), (0.18, 0.30), 2),
    ("range_hood", "油烟机", (800, 2600), (0.20, 0.34), 3),
    ("microwave", "微波炉", (250, 900), (0.15, 0.28), 1),
    ("rice_cooker", "电饭煲", (120, 600), (0.22, 0.38), 1),
    ("dishwasher", "洗碗机", (1600, 4800), (0.20, 0.32), 3),
]
_REGIONS = ["East", "North", "South", "Central", "West"]
_CHANNELS = {  # channel -> (share of customers, mean order size multiplier, discount)
    "retail_chain": (0.2, 3.0, 0.06),
    "dealer": (0.5, 1.0, 0.03),
    "e_commerce": (0.2, 1.8, 0.05),
    "project": (0.1, 4.0, 0.08),
}
_DEALER_WORDS = ["Harbour", "Golden", "Evergreen", "Riverside", "Lotus", "Summit", "Jade",
                 "Pine", "Sunrise", "Bamboo", "Crane", "Orchid", "Maple", "Silver", "Phoenix",
                 "Plum", "Cedar", "Pearl", "Willow", "Aurora"]
_DEALER_KINDS = ["Appliances", "Electric", "Home Store", "Trading", "Digital", "Mall"]


def generate_distributor(
    seed: int = 2024,
    *,
    n_products: int = 60,
    n_customers: int = 40,
    n_orders: int = 2500,
    start: str = "2025-01-01",
    days: int = 364,
) -> dict[str, pd.DataFrame]:
    """Generate the fictional appliance distributor used across the course.

    A regional distributor of home appliances (a stand-in for the logistics
    arm of an appliance maker) sells ``n_products`` SKUs in nine categories to
    ``n_customers`` customers (dealers, retail chains, e-commerce shops and
    project builders) over one year.  Product popularity and customer size are
    log-normal, which gives the skewed (Pareto-like) sales that ABC analysis
    expects; each order holds 1-6 lines.  Money is in CNY, rounded to cents.

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng``; the same seed gives identical
        tables on every machine.
    n_products, n_customers, n_orders : int
        Table sizes (>= 1; ``n_products`` >= 9 so every category appears).
    start : str
        First order date (YYYY-MM-DD).
    days : int
        Length of the order period in days.

    Returns
    -------
    dict of pandas.DataFrame
        ``products``, ``customers`` and ``order_lines`` with the columns of
        :data:`DISTRIBUTOR_SCHEMA` (see ``datasets/README.md``).
    """
    for name, value, low in (("n_products", n_products, len(_CATEGORIES)), ("n_customers", n_customers, 1),
                             ("n_orders", n_orders, 1), ("days", days, 1)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
            raise ValueError(f"{name} must be a whole number >= {low}, got {value!r}")
    start = as_timestamp(start, "start").strftime("%Y-%m-%d")
    rng = np.random.default_rng(check_seed(seed))

    # products: every category at least once, the rest at random
    cat_idx = np.concatenate([np.arange(len(_CATEGORIES)),
                              rng.integers(0, len(_CATEGORIES), n_products - len(_CATEGORIES))])
    cat_idx = np.sort(cat_idx, kind="stable")
    rows = []
    counters: dict[str, int] = {}
    for i, c in enumerate(cat_idx):
        key, zh, (lo, hi), (m_lo, m_hi), importance = _CATEGORIES[c]
        counters[key] = counters.get(key, 0) + 1
        cost = round(float(rng.uniform(lo, hi)), -1)
        margin = float(rng.uniform(m_lo, m_hi))
        price = round(cost / (1 - margin), -1)
        model = f"{key[:2].upper()}-{100 + 10 * counters[key] + int(rng.integers(0, 10))}"
        rows.append((f"P{i + 1:03d}", f"{key.replace('_', ' ').title()} {model}", key, cost, price, importance))
    products = pd.DataFrame(rows, columns=list(DISTRIBUTOR_SCHEMA["products"]))

    channels = list(_CHANNELS)
    ch = rng.choice(len(channels), size=n_customers, p=[_CHANNELS[c][0] for c in channels])
    words = rng.permutation(len(_DEALER_WORDS))
    customers = pd.DataFrame({
        "customer_id": [f"C{i + 1:03d}" for i in range(n_customers)],
        "name": [f"{_DEALER_WORDS[words[i % len(words)]]} {_DEALER_KINDS[int(rng.integers(0, len(_DEALER_KINDS)))]}"
                 + (f" {i // len(words) + 1}" if i >= len(words) else "") for i in range(n_customers)],
        "region": rng.choice(_REGIONS, size=n_customers),
        "channel": [channels[k] for k in ch],
    })

    popularity = rng.lognormal(0.0, 1.6, n_products)
    size = rng.lognormal(0.0, 1.5, n_customers)
    order_cust = rng.choice(n_customers, size=n_orders, p=size / size.sum())
    start_ts = pd.Timestamp(start)
    order_day = np.sort(rng.integers(0, days, n_orders))
    lines_per_order = rng.integers(1, 7, n_orders)
    n_lines = int(lines_per_order.sum())
    line_order = np.repeat(np.arange(n_orders), lines_per_order)
    line_prod = rng.choice(n_products, size=n_lines, p=popularity / popularity.sum())
    cust_of_line = order_cust[line_order]
    mult = np.array([_CHANNELS[customers["channel"].iat[k]][1] for k in range(n_customers)])[cust_of_line]
    qty = 1 + rng.poisson(2.0 * mult)
    disc = np.array([_CHANNELS[customers["channel"].iat[k]][2] for k in range(n_customers)])[cust_of_line]
    price = products["unit_price"].to_numpy()[line_prod]
    cost_u = products["unit_cost"].to_numpy()[line_prod]
    revenue = np.round(qty * price * (1 - disc), 2)
    cost = np.round(qty * cost_u, 2)
    lines = pd.DataFrame({
        "order_id": [f"O{k + 1:05d}" for k in line_order],
        "order_date": (start_ts + pd.to_timedelta(order_day[line_order], unit="D")).normalize(),
        "customer_id": customers["customer_id"].to_numpy()[cust_of_line],
        "product_id": products["product_id"].to_numpy()[line_prod],
        "quantity": qty.astype("int64"),
        "revenue": revenue,
        "cost": cost,
        "margin": np.round(revenue - cost, 2),
    })
    # one line per (order, product): merge repeats so an order never lists a SKU twice
    lines = (lines.groupby(["order_id", "order_date", "customer_id", "product_id"], as_index=False, sort=True)
             [["quantity", "revenue", "cost", "margin"]].sum())
    lines[["revenue", "cost", "margin"]] = lines[["revenue", "cost", "margin"]].round(2)
    return _check_distributor({"products": products, "customers": customers, "order_lines": lines})


# --------------------------------------------------------------------------
# order fulfilment of the same distributor (service chapters)
# --------------------------------------------------------------------------
#: Column -> kind for the fulfilment tables.
FULFILMENT_SCHEMA = {
    "fulfilment_orders": {
        "order_id": "str",
        "customer_id": "str",
        "channel": "str",
        "region": "str",
        "placed_at": "datetime",
        "received_at": "datetime",
        "released_at": "datetime",
        "shipped_at": "datetime",
        "delivered_at": "datetime",
        "promised_date": "date",
        "delivered_date": "date",
        "qty_ordered": "int",
        "qty_delivered": "int",
        "invoice_error": "bool",
        "damaged": "bool",
        "error_free": "bool",
    },
    "fulfilment_lines": {
        "order_id": "str",
        "product_id": "str",
        "qty_ordered": "int",
        "qty_delivered": "int",
    },
}

# channel -> (promised lead time in days, median order transmission in hours)
_PROMISE = {"dealer": (3, 4.0), "retail_chain": (3, 0.5), "e_commerce": (3, 0.2), "project": (7, 24.0)}
# region -> median delivery (transport) time in hours from the central warehouse
_DELIVERY_HOURS = {"East": 12.0, "North": 22.0, "South": 18.0, "Central": 14.0, "West": 32.0}
_PEAK_MONTHS = (6, 7, 8)  # air-conditioner season: the warehouse is stretched


def generate_fulfilment(distributor=None, seed: int = 2025) -> dict[str, pd.DataFrame]:
    """Generate how the distributor's orders were fulfilled (order cycle and accuracy).

    Every order of :func:`generate_distributor` gets the timestamps of its
    order cycle (订货周期) -- placed, received (order transmission), released
    (order processing), shipped (picking and packing) and delivered (transport)
    --, a promised delivery date, the quantity delivered per line, and
    invoice / damage flags.  Times are log-normal per stage; transmission
    depends on the channel (EDI for chains and e-commerce, phone for dealers),
    delivery on the region, and in the peak months June-August processing and
    picking slow down and more lines are short-shipped -- so the monthly
    service metrics move the way a control chart should catch.

    Parameters
    ----------
    distributor : dict of DataFrame, optional
        Output of :func:`generate_distributor` / :func:`load_distributor`
        (generated with its default seed if None).
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    dict of pandas.DataFrame
        ``fulfilment_orders`` (one row per order) and ``fulfilment_lines`` (one
        row per order line), columns in :data:`FULFILMENT_SCHEMA`.
    """
    tables = distributor if distributor is not None else generate_distributor()
    if not isinstance(tables, dict) or not {"products", "customers", "order_lines"} <= set(tables):
        raise TypeError("distributor must be a dict with 'products', 'customers' and 'order_lines' "
                        f"(as generate_distributor returns), got {type(tables).__name__}"
                        + (f" with keys {sorted(map(str, tables))}" if isinstance(tables, dict) else ""))
    rng = np.random.default_rng(check_seed(seed))
    lines = tables["order_lines"]
    customers = tables["customers"].set_index("customer_id")
    products = tables["products"].set_index("product_id")
    orders = lines.groupby("order_id", sort=True).agg(customer_id=("customer_id", "first"),
                                                      order_date=("order_date", "first"))
    n = len(orders)
    channel = customers.loc[orders["customer_id"], "channel"].to_numpy()
    region = customers.loc[orders["customer_id"], "region"].to_numpy()
    month = orders["order_date"].dt.month.to_numpy()
    peak = np.isin(month, _PEAK_MONTHS)

    def hours(median, sigma, size):
        return rng.lognormal(np.log(median), sigma, size)

    placed = orders["order_date"].to_numpy() + pd.to_timedelta(rng.integers(8 * 60, 20 * 60, n), unit="min").to_numpy()
    transmit = hours(np.array([_PROMISE[c][1] for c in channel]), 0.6, n)
    process = hours(3.0, 0.7, n) * np.where(peak, 2.2, 1.0)
    pick = hours(8.0, 0.6, n) * np.where(peak, 1.8, 1.0)
    deliver = hours(np.array([_DELIVERY_HOURS[r] for r in region]), 0.45, n) + np.where(channel == "project", 24.0, 0.0)
    stamps = {}
    elapsed = np.zeros(n)
    for name, stage in (("received_at", transmit), ("released_at", process), ("shipped_at", pick),
                        ("delivered_at", deliver)):
        elapsed = elapsed + stage
        stamps[name] = (placed + pd.to_timedelta(np.round(elapsed * 60), unit="min").to_numpy())
    promise_days = np.array([_PROMISE[c][0] for c in channel])
    order_frame = pd.DataFrame({
        "order_id": orders.index.to_numpy(),
        "customer_id": orders["customer_id"].to_numpy(),
        "channel": channel,
        "region": region,
        "placed_at": pd.to_datetime(placed).floor("min"),
        **{k: pd.to_datetime(v).floor("min") for k, v in stamps.items()},
        "promised_date": orders["order_date"].to_numpy() + pd.to_timedelta(promise_days, unit="D").to_numpy(),
    })
    order_frame["delivered_date"] = order_frame["delivered_at"].dt.normalize()

    # lines: short shipments, more often in peak months and for lost-sale (fast-moving) categories
    line_peak = lines["order_date"].dt.month.isin(_PEAK_MONTHS).to_numpy()
    importance = products.loc[lines["product_id"], "importance"].to_numpy()
    p_short = 0.015 + 0.035 * line_peak + 0.01 * (importance == 1)
    short = rng.random(len(lines)) < p_short
    fraction = rng.uniform(0.0, 0.9, len(lines))
    qty = lines["quantity"].to_numpy()
    delivered = np.where(short, np.floor(qty * fraction), qty).astype("int64")
    line_frame = pd.DataFrame({"order_id": lines["order_id"].to_numpy(), "product_id": lines["product_id"].to_numpy(),
                               "qty_ordered": qty.astype("int64"), "qty_delivered": delivered})
    sums = line_frame.groupby("order_id", sort=True)[["qty_ordered", "qty_delivered"]].sum()
    order_frame["qty_ordered"] = sums.loc[order_frame["order_id"], "qty_ordered"].to_numpy()
    order_frame["qty_delivered"] = sums.loc[order_frame["order_id"], "qty_delivered"].to_numpy()
    order_frame["invoice_error"] = rng.random(n) < 0.02 + 0.02 * peak
    order_frame["damaged"] = rng.random(n) < 0.01 + 0.002 * np.minimum(order_frame["qty_ordered"].to_numpy(), 20)
    order_frame["error_free"] = ~(order_frame["invoice_error"] | order_frame["damaged"])
    return _check_fulfilment({"fulfilment_orders": order_frame, "fulfilment_lines": line_frame})


def _check_fulfilment(tables: dict) -> dict:
    out = {name: validate_table(tables[name], schema, name) for name, schema in FULFILMENT_SCHEMA.items()}
    orders, lines = out["fulfilment_orders"], out["fulfilment_lines"]
    if orders["order_id"].duplicated().any():
        raise ValueError(f"fulfilment_orders: duplicate order_id {orders['order_id'][orders['order_id'].duplicated()].iloc[0]!r}")
    unknown = ~lines["order_id"].isin(orders["order_id"])
    if unknown.any():
        raise ValueError(f"fulfilment_lines: order_id {lines['order_id'][unknown].iloc[0]!r} is not in fulfilment_orders")
    return out


def load_fulfilment(folder=None) -> pd.DataFrame:
    """Orders of the distributor with their order cycle, promise and accuracy.

    One row per order; columns in :data:`FULFILMENT_SCHEMA` (``datasets/README.md``).
    Read from ``datasets/distributor/fulfilment_orders.csv`` with schema checks.
    """
    return _load_fulfilment(folder)["fulfilment_orders"]


def load_fulfilment_lines(folder=None) -> pd.DataFrame:
    """Order lines with quantity ordered and delivered (``fulfilment_lines.csv``)."""
    return _load_fulfilment(folder)["fulfilment_lines"]


def _load_tables(folder, kind: str, schema: dict, check) -> dict:
    """Read every table of ``schema`` from the ``kind`` data folder and run ``check`` on them.

    A table that fails its check gives a :class:`DatasetError` naming the folder.
    """
    folder, required = _data_folder(folder, kind)
    tables = {name: _read_csv(folder / f"{name}.csv", required) for name in schema}
    try:
        return check(tables)
    except ValueError as err:
        raise DatasetError(f"{folder}: {err}") from None


def _load_fulfilment(folder) -> dict:
    return _load_tables(folder, "distributor", FULFILMENT_SCHEMA, _check_fulfilment)


def _read_csv(path: Path, required: bool = False) -> pd.DataFrame:
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; restore it with git (or run python tools/make_datasets.py)")
    data = _verified_bytes(path, required)
    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        raise DatasetError(f"{path} is not a valid UTF-8 CSV file: {err}; {_restore_hint(path)}") from None
    return frame.replace("", np.nan)


# --------------------------------------------------------------------------
# checksums: every committed data file is checked against datasets/SHA256SUMS
# --------------------------------------------------------------------------
class DatasetError(ValueError):
    """A course data file is corrupted, truncated, edited or breaks its schema.

    The message names the file and how to get it back (``git checkout -- ...``
    or ``python tools/make_datasets.py``).
    """


_SUMS_FILE = "SHA256SUMS"
_DIGESTS: dict = {}  # (resolved path, mtime_ns, size) -> SHA-256: each file is hashed once per process
_SUMS: dict = {}  # the same key for a SHA256SUMS file -> {relative path: digest}
_REAL_DATA = ("cdnow",)  # real data: restored with git only (no generator)


def _file_key(path: Path) -> tuple:
    stat = path.stat()
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def _restore_hint(path: Path, rel: str | None = None) -> str:
    """How to get a data file back: git, and its generator for synthetic data."""
    rel = rel or f"{path.parent.name}/{path.name}"
    hint = f"restore it with `git checkout -- datasets/{rel}`"
    if rel.split("/")[0] not in _REAL_DATA:
        hint += " or regenerate it with `python tools/make_datasets.py`"
    return hint


def _sums_of(folder: Path) -> tuple[Path, dict] | None:
    """(the SHA256SUMS file, its entries) for data files in ``folder``: the folder's own or its parent's."""
    for base in (folder, folder.parent):
        sums = base / _SUMS_FILE
        if sums.is_file():
            key = _file_key(sums)
            if key not in _SUMS:
                entries = {}
                for number, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), 1):
                    if not line.strip():
                        continue
                    digest, sep, name = line.partition("  ")
                    if not sep or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest) or not name:
                        raise DatasetError(f"{sums}: line {number} is not '<sha256>  <file>' ({line[:80]!r}); "
                                           "restore it with `git checkout -- datasets/SHA256SUMS`")
                    entries[name.strip()] = digest
                _SUMS[key] = entries
            return sums, _SUMS[key]
    return None


def verify_checksum(path, required: bool = True) -> str:
    """Check a data file against the ``SHA256SUMS`` beside it (or one folder up); return its SHA-256.

    ``datasets/SHA256SUMS`` lists ``<sha256>  <folder>/<file>`` for every
    committed data file (the format of ``sha256sum -c``).  Each file is hashed
    once per process (cached by path, modification time and size).

    Parameters
    ----------
    path : path-like
        The data file.
    required : bool, default True
        If False, a file with no ``SHA256SUMS`` in its folder or the folder
        above (your own data) is accepted unchecked.

    Raises
    ------
    DatasetError
        The file differs from its checksum (corrupted, truncated or edited),
        is not listed, or no ``SHA256SUMS`` is found although ``required``;
        the message names the file and how to restore it.
    FileNotFoundError
        The file does not exist.
    """
    if not isinstance(required, (bool, np.bool_)):
        raise TypeError(f"required must be True or False, got {required!r}")
    return _verify(_check_file_arg(path), required, None)


def file_sha256(path, data: bytes | None = None) -> str:
    """SHA-256 of a file, computed once per process (cached by path, modification time and size).

    ``data``: the file's bytes if the caller has read them already.
    """
    path = _check_file_arg(path)
    if data is not None and not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be the file's bytes or None, got {type(data).__name__}")
    key = _file_key(path)
    if key not in _DIGESTS:
        _DIGESTS[key] = hashlib.sha256(path.read_bytes() if data is None else data).hexdigest()
    return _DIGESTS[key]


def _verified_bytes(path: Path, required: bool) -> bytes:
    data = path.read_bytes()
    _verify(path, required, data)
    return data


def _verify(path: Path, required: bool, data: bytes | None) -> str:
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; {_restore_hint(path)}")
    found = _sums_of(path.parent)
    digest = file_sha256(path, data)
    if found is None:
        if required:
            raise DatasetError(f"{path}: no {_SUMS_FILE} in {path.parent} or {path.parent.parent} to check it against; "
                               f"restore it with `git checkout -- datasets/{_SUMS_FILE}`")
        return digest
    sums, entries = found
    rel = path.resolve().relative_to(sums.parent.resolve()).as_posix()
    if rel not in entries:
        raise DatasetError(f"{path} is not listed in {sums}; {_restore_hint(path, rel)}")
    if entries[rel] != digest:
        raise DatasetError(f"{path} does not match its SHA-256 in {sums} (the file is corrupted, truncated or "
                           f"edited); {_restore_hint(path, rel)}")
    return digest


def _data_folder(folder, name: str) -> tuple[Path, bool]:
    """(folder, checksums required): the course's own data must match SHA256SUMS; a folder you pass may have none."""
    if folder is None:
        return datasets_dir() / name, True
    if not isinstance(folder, (str, os.PathLike)) or not str(folder).strip():
        raise TypeError(f"folder must be a folder path (str or pathlib.Path) or None for datasets/{name}, "
                        f"got {folder!r}")
    if not Path(folder).is_dir():
        raise PathNotFoundError(f"folder {str(folder)!r} is not a folder (it does not exist); pass the folder "
                                  f"holding the files, or None for the course's datasets/{name} "
                                  "(restore it with git if it was deleted)")
    return Path(folder), False


class PathNotFoundError(FileNotFoundError, ValueError):
    """A ``folder`` or ``path`` argument that does not exist: a missing file (FileNotFoundError) and a bad argument."""


def _check_file_arg(path) -> Path:
    """A ``path`` argument naming an existing file."""
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise TypeError(f"path must be a file path (str or pathlib.Path), got {path!r}")
    path = Path(path)
    if not path.is_file():
        raise PathNotFoundError(f"path {str(path)!r}: {path} is missing; {_restore_hint(path)}")
    return path


# --------------------------------------------------------------------------
# customer service audit surveys (Chapter 5)
# --------------------------------------------------------------------------
#: Columns of a survey in long form (DESIGN.md): one row per answer.
SURVEY_SCHEMA = {"respondent": "str", "attribute": "str", "rater": "str", "score": "int"}
_SURVEYS = ("supplier_survey", "audit_survey")


def ratings_with_moments(n: int, mean: float, sd: float, rng, *, low: int = 1, high: int = 7,
                         sd_decimals: int | None = 2) -> np.ndarray:
    """``n`` integer ratings on ``low..high`` whose mean and sd are given.

    The sum is ``round(n * mean)`` -- so the sample mean rounds to ``mean`` at
    two decimals -- and, with ``sd_decimals``, the sample standard deviation
    (``ddof=1``) rounds to ``sd`` at that many decimals; with None it is only
    as close as the integer grid allows.  A rough draw from a rounded normal
    is corrected by moving single ratings up or down a point (which changes the
    sum of squares in steps of 2: squares and values have the same parity),
    then the multiset is shuffled (the survey generators re-assign it to
    respondents by a latent score, which keeps the moments).

    Raises ValueError if no such ratings exist (e.g. a mean at the scale's end
    with a large sd, or an sd window too narrow for ``n``).
    """
    for arg, value in (("n", n), ("low", low), ("high", high)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{arg} must be a whole number, got {value!r}")
    if n < 1:
        raise ValueError(f"n must be a whole number >= 1, got {n!r}")
    if not 0 < high - low <= 100:
        raise ValueError(f"low and high must be a rating scale low < high (at most 100 points apart), "
                         f"got low={low}, high={high}")
    for arg, value in (("mean", mean), ("sd", sd)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
                or not np.isfinite(value):
            raise TypeError(f"{arg} must be a finite number, got {value!r}")
    if sd_decimals is not None and (isinstance(sd_decimals, bool) or not isinstance(sd_decimals, (int, np.integer))
                                    or not 0 <= sd_decimals <= 10):
        raise ValueError(f"sd_decimals must be a whole number 0..10 or None, got {sd_decimals!r}")
    if not (low <= mean <= high) or sd < 0:
        raise ValueError(f"mean must lie in [{low}, {high}] and sd >= 0, got mean={mean}, sd={sd}")
    levels = np.arange(low, high + 1)
    target_sum = int(round(n * mean))
    draw = np.clip(np.round(rng.normal(mean, sd, n)), low, high).astype(int)
    counts = np.array([(draw == v).sum() for v in levels])

    def total():
        return int((counts * levels).sum())

    while total() != target_sum:  # one rating a point up (or down) at a time
        step = 1 if total() < target_sum else -1
        movable = np.flatnonzero(counts[:-1] if step > 0 else counts[1:]) + (0 if step > 0 else 1)
        k = movable[np.argmin(np.abs(levels[movable] - mean))] if len(movable) else None
        if k is None:
            raise ValueError(f"no {n} ratings on {low}..{high} have mean {mean}")
        counts[k] -= 1
        counts[k + step] += 1

    def ss_for(sd_value):
        return (n - 1) * sd_value**2 + target_sum**2 / n

    if sd_decimals is None:
        lo_ss = hi_ss = ss_for(sd)
    else:
        half = 0.5 * 10.0**-sd_decimals - 1e-9
        lo_ss, hi_ss = ss_for(max(sd - half, 0)), ss_for(sd + half)
    for _ in range(100 * n):
        ss = int((counts * levels**2).sum())
        if lo_ss <= ss <= hi_ss or (sd_decimals is None and abs(ss - lo_ss) <= 1):
            break
        goal = (lo_ss + hi_ss) / 2 - ss
        best = None  # (|remaining|, up level, down level): up a -> a+1, down b -> b-1; dSS = 2(a - b + 1)
        for a in range(len(levels) - 1):
            for b in range(1, len(levels)):
                if counts[a] == 0 or counts[b] == 0 or (a == b and counts[a] < 2):
                    continue
                d_ss = 2 * (levels[a] - levels[b] + 1)
                if d_ss == 0 or np.sign(d_ss) != np.sign(goal) or abs(d_ss) > abs(goal) + (hi_ss - lo_ss) / 2 + 1e-9:
                    continue
                key = (abs(goal - d_ss), a, b)
                best = key if best is None or key < best else best
        if best is None:
            raise ValueError(f"no {n} ratings on {low}..{high} have mean {mean} and sd {sd}")
        _, a, b = best
        counts[a] -= 1
        counts[a + 1] += 1
        counts[b] -= 1
        counts[b - 1] += 1
    else:  # pragma: no cover - the loop always converges on feasible input
        raise ValueError(f"could not reach sd {sd} with {n} ratings of mean {mean}")
    ratings = np.repeat(levels, counts)
    return rng.permutation(ratings)


def _survey_frame(n: int, attributes, raters: dict, rng, sd_decimals, groups, segments) -> pd.DataFrame:
    """Long survey frame with realistic structure and exact marginal moments.

    ``raters``: name -> (means, sds) per attribute.  Each attribute's ratings
    (a multiset with the required mean and sd) are handed out to respondents
    in the order of a latent score, so the marginals stay exact while the
    answers correlate like real ones:

    * performance ratings share a factor per attribute group (``groups``: one
      group index per attribute) plus a halo per rated firm -- what factor
      analysis (因子分析法) should recover;
    * importance ratings follow the respondent's segment (``segments``: a
      matrix segment x attribute of importance shifts) -- what cluster analysis
      (群组分析法) should recover.
    """
    ids = [f"R{i + 1:03d}" for i in range(n)]
    segment = rng.integers(0, len(segments), n)
    n_groups = max(groups) + 1
    rows = []
    latent = {}
    for rater in raters:
        if rater == "importance":
            continue
        halo = rng.normal(0, 1, n)
        factors = rng.normal(0, 1, (n, n_groups))
        latent[rater] = [0.5 * halo + 1.0 * factors[:, g] for g in groups]
    for j, attribute in enumerate(attributes):
        for rater, (means, sds) in raters.items():
            ratings = np.sort(ratings_with_moments(n, means[j], sds[j], rng, sd_decimals=sd_decimals))
            if rater == "importance":
                score = 1.5 * np.asarray(segments)[segment, j] + rng.normal(0, 1, n)
            else:
                score = latent[rater][j] + rng.normal(0, 0.7, n)
            order = np.argsort(score, kind="stable")
            assigned = np.empty(n, dtype=int)
            assigned[order] = ratings  # the lowest latent score gets the lowest rating
            rows.append(pd.DataFrame({"respondent": ids, "attribute": attribute, "rater": rater, "score": assigned}))
    return pd.concat(rows, ignore_index=True)


def _check_respondents(n) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"n_respondents must be a whole number >= 2, got {n!r}")
    if n < 2:
        raise ValueError(f"n_respondents must be a whole number >= 2, got {n!r}")
    return int(n)


def generate_supplier_survey(seed: int = 8, n_respondents: int = 200) -> pd.DataFrame:
    """Dealers' survey behind the importance-vs-suppliers table (seed [002 L183-215]).

    ``n_respondents`` dealers rate, on a 7-point scale, the importance of eight
    service attributes and the performance of suppliers 1-3 on each.  The
    summary reproduces every printed mean and standard deviation at two
    decimals (the seed prints one: 6.4 -> 6.40); n = 200 makes the sd of
    integer ratings fine-grained enough for that.  Raters: ``"importance"``,
    ``"Supplier 1"``, ``"Supplier 2"``, ``"Supplier 3"``.
    """
    inst = load_instance("supplier_ratings")
    raters = {"importance": (inst["importance_mean"], inst["importance_sd"])}
    for k in (1, 2, 3):
        raters[f"Supplier {k}"] = (inst[f"supplier_{k}_mean"], inst[f"supplier_{k}_sd"])
    # groups: delivery timing (0), order and information accuracy (1), store support (2)
    groups = [0, 1, 0, 1, 1, 0, 0, 2]
    segments = [[1, 0, 1, 0, 0, 1, 1, -1],   # timing-driven dealers
                [0, 1, 0, 1, 1, 0, 0, -1],   # accuracy- and information-driven dealers
                [-1, 0, -1, 0, 0, -1, -1, 2]]  # dealers who want help in the store
    return _survey_frame(_check_respondents(n_respondents), inst["attributes"], raters,
                         np.random.default_rng(check_seed(seed)), sd_decimals=2, groups=groups, segments=segments)


#: Design standard deviations of the STEP 1 survey (the seed prints means
#: only): chosen so that Welch t-tests on n = 100 give the printed marks.
_STEP1_SD = {
    "importance": [0.78, 0.85, 0.92, 0.95, 1.05, 1.10, 1.35, 1.42, 1.55, 1.30],
    "Company A": [1.02, 1.18, 1.10, 1.31, 1.05, 1.12, 1.24, 1.08, 1.15, 1.21],
    "Company B": [1.07, 1.12, 1.14, 1.26, 1.10, 1.09, 1.19, 1.11, 1.20, 1.28],
}


def generate_audit_survey(seed: int = 5, n_respondents: int = 100) -> pd.DataFrame:
    """Customers' survey behind the STEP 1 table (seed [002 L230-272]).

    ``n_respondents`` customers rate, on a 7-point scale, the importance of ten
    service attributes and the performance of Company A and Company B.  Every
    mean equals the printed value at two decimals; the standard deviations are
    a documented design choice (:data:`_STEP1_SD`, about 1 point) that makes
    Welch t-tests of A vs B give the seed's marks: ``*`` on attribute 3,
    ``**`` on 7 and 10, none elsewhere.  Raters: ``"importance"``,
    ``"Company A"``, ``"Company B"``.
    """
    inst = load_instance("audit_step1")
    raters = {"importance": (inst["importance"], _STEP1_SD["importance"]),
              "Company A": (inst["company_a"], _STEP1_SD["Company A"]),
              "Company B": (inst["company_b"], _STEP1_SD["Company B"])}
    # groups: order accuracy (0: 1, 5, 6), responsiveness (1: 2, 3, 4), ordering convenience (2: 7-10)
    groups = [0, 1, 1, 1, 0, 0, 2, 2, 2, 2]
    segments = [[1, 0, 0, 0, 1, 1, -1, -1, -1, -1],   # accuracy first
                [0, 1, 1, 1, 0, 0, -1, -1, -1, -1],   # speed and responsiveness first
                [-1, -1, -1, -1, -1, -1, 1, 1, 1, 2]]  # convenience of ordering (blanket orders, EDI)
    return _survey_frame(_check_respondents(n_respondents), inst["attributes"], raters,
                         np.random.default_rng(check_seed(seed)), sd_decimals=2, groups=groups, segments=segments)


def load_survey(name: str = "audit_survey", folder=None) -> pd.DataFrame:
    """Load a survey (``"audit_survey"`` or ``"supplier_survey"``) in long form, checked.

    Columns ``respondent, attribute, rater, score`` (scores 1-7); see
    ``datasets/README.md``.
    """
    from ._validation import check_option

    check_option(name, "name", _SURVEYS)
    folder, required = _data_folder(folder, "surveys")
    raw = _read_csv(folder / f"{name}.csv", required)
    try:
        frame = validate_table(raw, SURVEY_SCHEMA, name)
    except ValueError as err:
        raise DatasetError(f"{folder}: {err}") from None
    bad = ~frame["score"].between(1, 7)
    if bad.any():
        raise DatasetError(f"{name}: column 'score' must be 1-7; got {frame['score'][bad].iloc[0]} at row {int(np.argmax(bad.to_numpy()))}")
    if frame.duplicated(["respondent", "attribute", "rater"]).any():
        raise DatasetError(f"{name}: a respondent answers the same attribute and rater twice")
    return frame


def datasets_dir() -> Path:
    """The course's ``datasets/`` folder (``SCM_COURSE_DATA`` overrides it)."""
    env = os.environ.get("SCM_COURSE_DATA")
    path = Path(env) if env else Path(__file__).resolve().parent.parent / "datasets"
    if not path.is_dir():
        raise FileNotFoundError(
            f"datasets folder not found at {path}; run the course from its repository "
            "(README set-up) or set SCM_COURSE_DATA to the folder holding the datasets"
        )
    return path


def save_distributor(tables: dict, folder, schemas: dict | None = None) -> None:
    """Write course tables as UTF-8 CSV files into ``folder``.

    ``schemas`` maps table name -> column kinds (default: the distributor,
    fulfilment and survey schemas).  Dates are written as ``YYYY-MM-DD`` and
    date-times as ``YYYY-MM-DD HH:MM``.
    """
    if not isinstance(tables, dict) or not tables \
            or not all(isinstance(df, pd.DataFrame) for df in tables.values()):
        raise TypeError(f"tables must be a non-empty dict name -> DataFrame, got {type(tables).__name__}")
    if not isinstance(folder, (str, os.PathLike)) or not str(folder).strip():
        raise TypeError(f"folder must be a folder path (str or pathlib.Path), got {folder!r}")
    if schemas is None:
        schemas = {**DISTRIBUTOR_SCHEMA, **FULFILMENT_SCHEMA, **{name: SURVEY_SCHEMA for name in _SURVEYS}}
    if not isinstance(schemas, dict):
        raise TypeError(f"schemas must be a dict table name -> schema, got {type(schemas).__name__}")
    unknown = [name for name in tables if name not in schemas]
    if unknown:
        raise ValueError(f"tables names table(s) {unknown} that schemas does not describe; schemas has {list(schemas)}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        df = df.copy()
        for col, kind in schemas[name].items():
            if kind == "date":
                df[col] = df[col].dt.strftime("%Y-%m-%d")
            elif kind == "datetime":
                df[col] = df[col].dt.strftime("%Y-%m-%d %H:%M")
        df.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n", encoding="utf-8")


def load_distributor(folder=None) -> dict[str, pd.DataFrame]:
    """Load the appliance distributor dataset with schema and type checks.

    Parameters
    ----------
    folder : path-like, optional
        Folder holding ``products.csv``, ``customers.csv`` and
        ``order_lines.csv``; default ``datasets/distributor``.

    Returns
    -------
    dict of pandas.DataFrame
        ``products``, ``customers``, ``order_lines`` (dates parsed).

    Raises
    ------
    FileNotFoundError
        If a file is missing.
    ValueError
        If a column is missing or holds bad values; the message names the
        file and the column.
    """
    return _load_tables(folder, "distributor", DISTRIBUTOR_SCHEMA, _check_distributor)


# --------------------------------------------------------------------------
# the fictional third-party logistics provider (Chapters 6 and 7)
# --------------------------------------------------------------------------
#: Columns of the logistics provider's tables (``datasets/logistics/``).
LOGISTICS_SCHEMA = {
    "customers": {
        "customer_id": "str",
        "name": "str",
        "industry": "opt_str",
        "city": "opt_str",
        "contact_name": "opt_str",
        "phone": "opt_str",
        "email": "opt_str",
        "signup_date": "date",
        "last_updated": "date",
    },
    "shipments": {
        "shipment_id": "str",
        "customer_id": "str",
        "date": "date",
        "revenue": "float",
        "direct_cost": "float",
        "service_cost": "float",
    },
}
#: First and last day of the logistics provider's data; the last is the
#: observation end ("as of" date) of Chapters 6 and 7.
LOGISTICS_START = pd.Timestamp("2023-01-01")
LOGISTICS_AS_OF = pd.Timestamp("2025-12-31")

# industry -> (share of customers, direct-cost ratio, extra cost-to-serve as a share of revenue)
_INDUSTRIES = {
    "e_commerce": (0.32, 0.66, 0.00),
    "manufacturing": (0.22, 0.70, 0.01),
    "retail": (0.16, 0.67, 0.00),
    "wholesale": (0.14, 0.72, 0.00),
    "food": (0.10, 0.64, 0.05),   # temperature control
    "pharma": (0.06, 0.60, 0.09),  # cold chain, GSP paperwork
}
_CITIES = ["Shanghai", "Suzhou", "Hangzhou", "Ningbo", "Nanjing", "Wuxi", "Hefei", "Wuhan", "Changsha",
           "Guangzhou", "Shenzhen", "Foshan", "Xiamen", "Chengdu", "Chongqing", "Qingdao", "Tianjin", "Zhengzhou"]
_NAME_WORDS = ["Heng", "Xin", "Hua", "Da", "Jia", "Tai", "Long", "Feng", "Sheng", "Rui", "Kang", "Yuan", "Hong",
               "Mei", "Tong", "Cheng", "Jin", "Bao", "Fu", "An", "Ming", "Yu", "Hai", "Tian", "Zhong", "Xing"]
_NAME_KINDS = {
    "e_commerce": ["E-Commerce", "Online Trading", "Digital Retail", "Web Store"],
    "manufacturing": ["Electronics", "Machinery", "Precision Parts", "Plastics", "Auto Parts", "Textiles"],
    "retail": ["Supermarkets", "Home Stores", "Department Store", "Retail Chain"],
    "wholesale": ["Trading", "Import & Export", "Wholesale", "Supply Chain"],
    "food": ["Foods", "Fresh Produce", "Dairy", "Beverages"],
    "pharma": ["Pharmaceutical", "Medical Supplies", "Biotech"],
}
_SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma",
             "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo"]
_GIVEN = ["Wei", "Fang", "Na", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang", "Yan", "Jie", "Tao",
          "Ming", "Chao", "Xiu", "Hui", "Ping", "Gang", "Hong", "Lin", "Yu", "Ting", "Hao"]
#: True process behind the shipments (weeks): BG/NBD purchasing, Gamma-Gamma spend (CNY).
LOGISTICS_TRUE_PARAMS = {"r": 0.9, "alpha": 3.0, "a": 0.6, "b": 9.0, "p": 4.0, "q": 3.0, "v": 750.0}


def _variant_name(name: str, rng) -> str:
    """A name as a careless second entry would spell it (the duplicate-record problem)."""
    kind = rng.integers(4)
    if kind == 0:
        return name.upper().replace(",", "").replace(".", "")
    if kind == 1:
        return name.replace("Co., Ltd.", "Ltd")
    if kind == 2:
        return name.replace("Co., Ltd.", "Co.,Ltd").replace(" ", "  ", 1)
    return name.lower()


def generate_logistics(seed: int = 2026, n_customers: int = 1460, duplicate_share: float = 0.03) -> dict[str, pd.DataFrame]:
    """Generate the fictional third-party logistics provider (第三方物流) of Chapters 6-7.

    Business customers (shippers: e-shops, manufacturers, retailers,
    wholesalers, food and pharma firms) sign up from January 2023 on and book
    shipments until :data:`LOGISTICS_AS_OF`.  Booking follows the BG/NBD
    process and spend per shipment the Gamma-Gamma model with the parameters in
    :data:`LOGISTICS_TRUE_PARAMS` (weeks, CNY), so Chapter 6 can show a model
    recovering the truth.  The customer master is deliberately imperfect, like
    a real CRM: ``duplicate_share`` of the companies are entered twice under a
    variant of their name (same phone or e-mail), some fields are missing or
    malformed and some records have not been updated for years.

    Returns
    -------
    dict of pandas.DataFrame
        ``customers`` and ``shipments`` with the columns of
        :data:`LOGISTICS_SCHEMA` (documented in ``datasets/README.md``).
    """
    from .value.btyd import simulate_bgnbd

    if isinstance(n_customers, bool) or not isinstance(n_customers, (int, np.integer)) or n_customers < 10:
        raise ValueError(f"n_customers must be a whole number >= 10, got {n_customers!r}")
    if isinstance(duplicate_share, bool) or not isinstance(duplicate_share, (int, float, np.integer, np.floating)) \
            or not 0 <= duplicate_share <= 0.5:
        raise ValueError(f"duplicate_share must lie in [0, 0.5], got {duplicate_share!r}")
    rng = np.random.default_rng(check_seed(seed))
    true = LOGISTICS_TRUE_PARAMS
    span = (LOGISTICS_AS_OF - LOGISTICS_START).days
    # -- companies ---------------------------------------------------------
    industries = list(_INDUSTRIES)
    industry = rng.choice(industries, size=n_customers, p=[v[0] for v in _INDUSTRIES.values()])
    # sign-ups grow over time (density rising linearly by 2x), the last ones a month before the end
    u = rng.random(n_customers)
    signup_day = np.floor((np.sqrt(1 + 3 * u) - 1) * (span - 30)).astype(int)
    names, seen = [], set()
    for ind in industry:
        while True:
            name = f"{rng.choice(_NAME_WORDS)}{rng.choice(_NAME_WORDS).lower()} {rng.choice(_NAME_KINDS[ind])} Co., Ltd."
            if name not in seen:
                break
        seen.add(name)
        names.append(name)
    surname = rng.choice(_SURNAMES, size=n_customers)
    given = rng.choice(_GIVEN, size=n_customers)
    slugs = [n.replace(" Co., Ltd.", "").replace(" & ", "-").replace(" ", "-").lower() for n in names]
    phones = rng.choice(10**8, size=n_customers, replace=False)
    companies = pd.DataFrame({
        "name": names,
        "industry": industry,
        "city": rng.choice(_CITIES, size=n_customers),
        "contact_name": [f"{s} {g}" for s, g in zip(surname, given)],
        "phone": [f"+86 100 {p // 10**4:04d} {p % 10**4:04d}" for p in phones],
        "email": [f"{g.lower()}.{s.lower()}@{slug}.example" for s, g, slug in zip(surname, given, slugs)],
        "signup": LOGISTICS_START + pd.to_timedelta(signup_day, unit="D"),
    })
    # -- shipments: BG/NBD timing (weeks since sign-up), Gamma-Gamma spend ---
    horizon_weeks = (LOGISTICS_AS_OF - companies["signup"]).dt.days.to_numpy() / 7
    times = simulate_bgnbd(horizon_weeks, {k: true[k] for k in ("r", "alpha", "a", "b")}, seed=rng)
    nu = rng.gamma(true["q"], 1 / true["v"], size=n_customers)
    rows = []
    for i, ts in enumerate(times):
        days = np.unique(np.floor(np.concatenate([[0.0], ts]) * 7).astype(int))
        spend = rng.gamma(true["p"], 1 / nu[i], size=len(days))
        rows.append(pd.DataFrame({"company": i, "day": days, "revenue": spend}))
    ship = pd.concat(rows, ignore_index=True)
    ship["date"] = companies["signup"].to_numpy()[ship["company"]] + pd.to_timedelta(ship["day"], unit="D")
    ship = ship[ship["date"] <= LOGISTICS_AS_OF]
    ship["revenue"] = np.maximum(ship["revenue"], 80.0).round(2)  # minimum charge per shipment
    ind = companies["industry"].to_numpy()[ship["company"]]
    direct_ratio = np.array([_INDUSTRIES[k][1] for k in ind]) + rng.normal(0, 0.03, size=len(ship))
    ship["direct_cost"] = (ship["revenue"] * direct_ratio).round(2)
    # cost to serve: pickup + admin per shipment, special handling, the odd damage claim
    claim = rng.random(len(ship)) < 0.01
    # customers differ in how much service they demand (pickup windows, many small drops, returns)
    intensity = rng.lognormal(0.0, 0.9, size=n_customers)[ship["company"].to_numpy()]
    service = (rng.uniform(100, 220, size=len(ship)) * intensity + ship["revenue"] * np.array([_INDUSTRIES[k][2] for k in ind])
               + claim * ship["revenue"] * rng.uniform(0.3, 1.0, size=len(ship)))
    ship["service_cost"] = service.round(2)
    # -- the customer master, with the usual data-quality problems ------------
    master = companies.assign(company=np.arange(n_customers), signup_date=companies["signup"])
    n_dup = int(round(duplicate_share * n_customers))
    dup_of = np.sort(rng.choice(n_customers, size=n_dup, replace=False))
    dups = master.iloc[dup_of].copy()
    dups["name"] = [_variant_name(n, rng) for n in dups["name"]]
    same_phone = rng.random(n_dup) < 0.7
    dups.loc[~same_phone, "phone"] = [f"+86 100 {p // 10**4:04d} {p % 10**4:04d}"
                                      for p in rng.choice(10**8, size=(~same_phone).sum())]
    dups.loc[same_phone, "email"] = np.nan
    dups.loc[same_phone & (rng.random(n_dup) < 0.5), "contact_name"] = np.nan
    gap = (LOGISTICS_AS_OF - dups["signup_date"]).dt.days.to_numpy()
    dups["signup_date"] = dups["signup_date"] + pd.to_timedelta((rng.uniform(0.1, 0.8, n_dup) * gap).astype(int), unit="D")
    dups["company"] = n_customers + np.arange(n_dup)
    # the shipments after the duplicate's sign-up are booked under either record
    moved = np.zeros(len(ship), dtype=bool)
    for (_, d), company in zip(dups.iterrows(), dup_of):
        later = (ship["company"].to_numpy() == company) & (ship["date"].to_numpy() >= d["signup_date"].to_datetime64())
        moved |= later & (rng.random(len(ship)) < 0.5)
        ship.loc[later & moved, "company"] = d["company"]
    master = pd.concat([master, dups], ignore_index=True)
    n = len(master)
    for col, share in (("phone", 0.04), ("email", 0.05), ("industry", 0.02), ("city", 0.015), ("contact_name", 0.03)):
        master.loc[rng.random(n) < share, col] = np.nan
    bad_email = master["email"].notna() & (rng.random(n) < 0.012)
    master.loc[bad_email, "email"] = [e.replace("@", " ", 1) if k else e.split("@")[0] + "@"
                                      for e, k in zip(master.loc[bad_email, "email"], rng.random(bad_email.sum()) < 0.5)]
    # last update: after sign-up; records of customers who went quiet are rarely refreshed
    first_days = (LOGISTICS_AS_OF - master["signup_date"]).dt.days.to_numpy()
    last_ship = ship.groupby("company")["date"].max().reindex(master["company"]).fillna(master["signup_date"].max())
    quiet = (LOGISTICS_AS_OF - pd.to_datetime(last_ship)).dt.days.to_numpy() > 365
    frac = np.where(quiet, rng.uniform(0.0, 0.15, n), rng.uniform(0.15, 1.0, n))
    master["last_updated"] = master["signup_date"] + pd.to_timedelta((frac * first_days).astype(int), unit="D")
    # ids in a random order, so duplicates do not sit at the end of the file
    order = rng.permutation(n)
    master = master.iloc[order].reset_index(drop=True)
    master["customer_id"] = [f"K{i + 1:04d}" for i in range(n)]
    id_of = dict(zip(master["company"], master["customer_id"]))
    ship = ship[ship["company"].isin(id_of)].sort_values(["date", "company", "day"], kind="stable").reset_index(drop=True)
    ship["customer_id"] = ship["company"].map(id_of)
    ship["shipment_id"] = [f"S{i + 1:06d}" for i in range(len(ship))]
    customers = master[list(LOGISTICS_SCHEMA["customers"])].sort_values("customer_id").reset_index(drop=True)
    shipments = ship[list(LOGISTICS_SCHEMA["shipments"])]
    return {"customers": customers, "shipments": shipments}


def _check_logistics(tables: dict) -> dict:
    out = {}
    for name, schema in LOGISTICS_SCHEMA.items():
        if name not in tables:
            raise ValueError(f"logistics data: table {name!r} is missing")
        out[name] = validate_table(tables[name], schema, name)
    for name, key in (("customers", "customer_id"), ("shipments", "shipment_id")):
        dup = out[name][key][out[name][key].duplicated()]
        if len(dup):
            raise ValueError(f"{name}: duplicate {key} {dup.iloc[0]!r}; ids must be unique")
    ship = out["shipments"]
    unknown = ~ship["customer_id"].isin(out["customers"]["customer_id"])
    if unknown.any():
        raise ValueError(f"shipments: customer_id {ship['customer_id'][unknown].iloc[0]!r} is not in customers")
    for col in ("revenue", "direct_cost", "service_cost"):
        if (ship[col] < 0).any() or (col == "revenue" and (ship[col] == 0).any()):
            raise ValueError(f"shipments: column {col!r} must be {'> 0' if col == 'revenue' else '>= 0'}")
    return out


def load_logistics(folder=None) -> dict[str, pd.DataFrame]:
    """Load the logistics provider's customer master and shipments (checked).

    Parameters
    ----------
    folder : path-like, optional
        Folder holding ``customers.csv`` and ``shipments.csv``; default
        ``datasets/logistics``.

    Returns
    -------
    dict of pandas.DataFrame
        ``customers`` (missing fields as NaN) and ``shipments`` (dates
        parsed), columns in :data:`LOGISTICS_SCHEMA`.
    """
    return _load_tables(folder, "logistics", LOGISTICS_SCHEMA, _check_logistics)


# --------------------------------------------------------------------------
# CDNOW (real data, Chapter 6 advanced section)
# --------------------------------------------------------------------------
#: End of the 39-week calibration period and of the 78-week observation of
#: the CDNOW cohort (Fader, Hardie & Lee 2005a).
CDNOW_CALIBRATION_END = pd.Timestamp("1997-09-30")
CDNOW_OBSERVATION_END = pd.Timestamp("1998-06-30")


def load_cdnow(folder=None) -> pd.DataFrame:
    """The CDNOW sample: 6,919 purchases of 2,357 customers of an online CD retailer.

    All 2,357 customers made their first purchase at CDNOW in the first
    quarter of 1997 (a 1/10 systematic sample of the cohort); purchases are
    followed to the end of June 1998.  Source: Fader & Hardie
    (brucehardie.com/datasets), as redistributed in the ``lifetimes`` package
    (MIT licence); see ``datasets/README.md`` for checksums.

    Returns
    -------
    DataFrame
        ``customer_id`` (int, 1..2357), ``date`` (datetime64), ``cds``
        (number of CDs bought), ``amount`` (USD).
    """
    folder, required = _data_folder(folder, "cdnow")
    path = folder / "CDNOW_sample.txt"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; restore it with git (see datasets/README.md)")
    try:
        text = _verified_bytes(path, required).decode("ascii")
    except UnicodeDecodeError as err:
        raise DatasetError(f"{path} is not an ASCII text file ({err}); {_restore_hint(path)}") from None
    rows = [line.split() for line in text.splitlines() if line.strip()]
    bad = [i for i, row in enumerate(rows) if len(row) != 5]
    if bad:
        raise DatasetError(f"{path}: line {bad[0] + 1} does not have the 5 fields "
                           "'master id, customer id, date (YYYYMMDD), CDs, dollars'")
    raw = pd.DataFrame(rows, columns=["master_id", "customer_id", "date", "cds", "amount"])
    try:
        table = validate_table(raw.assign(date=pd.to_datetime(raw["date"], format="%Y%m%d", errors="coerce")
                                          .dt.strftime("%Y-%m-%d").fillna(raw["date"])),
                               {"customer_id": "int", "date": "date", "cds": "int", "amount": "float"}, path.name)
    except ValueError as err:
        raise DatasetError(f"{folder}: {err}") from None
    return table[["customer_id", "date", "cds", "amount"]].reset_index(drop=True)
