"""Customer information management (客户信息管理).

Chapter 7 (customer information) needs the **quality of the customer master**
(客户主数据): the seed asks for customer information that is *accurate and
timely* (准确性、及时性) and *complete* (完整性), because defects in it cause
errors in logistics operations and untimely information throws the work
sequence out of balance (COURSE_CONTENT.md C.3, G.3).  This module measures
those properties.  Pure functions: pandas in, pandas out.

Sections
--------
1. Data quality of a customer master: :func:`completeness`,
   :func:`invalid_contacts`, :func:`duplicate_groups`, :func:`stale_records`
   and :func:`quality_report`, which runs them all.
2. The CRM database of Chapter 1 (seed 003's data model): :data:`SCHEMA_SQL`,
   :func:`connect`, :func:`build_database`, :func:`query`,
   :func:`customer_360` and the seeded :func:`generate_contacts`,
   :func:`generate_service_tickets`, :func:`crm_tables`.

References
----------
Batini, C. and Scannapieco, M. (2016). *Data and Information Quality*.
    Springer, ch. 2 (completeness, accuracy, currency/timeliness).
Christen, P. (2012). *Data Matching*. Springer, ch. 3-6 (normalisation,
    blocking and grouping of duplicate records).
ITU-T Recommendation E.164 (2010): international numbers have at most 15 digits.
"""
from __future__ import annotations

import os
import re
import sqlite3
import sys
from dataclasses import dataclass
from numbers import Real

import numpy as np
import pandas as pd

from ._validation import (
    _preview,
    as_numeric_series,
    as_timestamp,
    check_column_args,
    check_columns,
    check_option,
    check_seed,
)

__all__ = [
    "EMAIL_PATTERN",
    "LEGAL_SUFFIXES",
    "completeness",
    "invalid_contacts",
    "normalise_name",
    "normalise_phone",
    "duplicate_groups",
    "stale_records",
    "quality_report",
]


# ==========================================================================
# 1. Data quality of a customer master (客户主数据质量)
# ==========================================================================
#: A plausible e-mail address: one "@", no spaces, a dot in the domain part,
#: no empty labels.  Deliberately simple (RFC 5322 allows far more); it
#: catches the typical entry errors: no "@", two "@", no domain, spaces.
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")

#: Words dropped when names are compared: legal forms in English and Chinese.
LEGAL_SUFFIXES = ("co", "company", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "llc",
                  "plc", "gmbh", "group", "有限责任公司", "股份有限公司", "有限公司", "集团", "公司")

_PHONE_CHARS = re.compile(r"^\+?[0-9\s().\-]+$")


def _text_column(master: pd.DataFrame, column: str) -> pd.Series:
    values = master[column]
    bad = values.notna() & ~values.map(lambda v: isinstance(v, str))
    if bad.any():
        raise TypeError(f"master column {column!r} must hold text (or NaN for missing); got "
                        f"{_preview(values[bad].unique())}")
    return values


def completeness(master, columns=None) -> pd.DataFrame:
    """Completeness (完整性) per column of a customer master.

    ``completeness = filled / records``, where a value is missing if it is
    NaN/None/NaT or an empty or blank string.

    Parameters
    ----------
    master : pandas.DataFrame
        The customer master, one row per customer record.
    columns : sequence of str, optional
        Columns to check (default all).

    Returns
    -------
    pandas.DataFrame
        Indexed by column (input order): ``filled, missing, completeness``.

    Examples
    --------
    >>> m = pd.DataFrame({"name": ["A", "B", " "], "phone": ["1", None, "3"]})
    >>> completeness(m)["completeness"].round(3).tolist()
    [0.667, 0.667]
    """
    check_columns(master, [], "master")
    columns = list(master.columns) if columns is None else [columns] if isinstance(columns, str) else list(columns)
    if not columns:
        raise ValueError("columns is empty; name at least one column of master (or None for all)")
    check_columns(master, columns, "master")
    rows = []
    for col in columns:
        values = master[col]
        blank = values.map(lambda v: isinstance(v, str) and not v.strip()).to_numpy(dtype=bool)
        missing = values.isna().to_numpy() | blank
        rows.append((col, int((~missing).sum()), int(missing.sum())))
    out = pd.DataFrame(rows, columns=["column", "filled", "missing"]).set_index("column")
    out["completeness"] = out["filled"] / len(master)
    return out


def _is_missing(value) -> bool:
    """None, NaN, NaT or <NA>: a missing entry of a text column."""
    return value is None or (np.ndim(value) == 0 and not isinstance(value, str) and bool(pd.isna(value)))


def normalise_phone(phone) -> str | None:
    """Digits of a phone number with a leading ``+`` kept; None if missing.

    ``"+86 100 1234 5678"`` -> ``"+8610012345678"``.  Used to compare numbers
    written with different spacing.
    """
    if not isinstance(phone, str):
        if _is_missing(phone):
            return None
        raise TypeError(f"phone must be text (or None/NaN for missing), got {type(phone).__name__} {phone!r}")
    digits = re.sub(r"\D", "", phone)
    if not digits:
        return None
    return ("+" if phone.strip().startswith("+") else "") + digits


def invalid_contacts(master, *, id_column="customer_id", email="email", phone="phone") -> pd.DataFrame:
    """Malformed e-mail addresses and phone numbers (accuracy, 准确性).

    Rules (missing values are *incomplete*, not malformed, and are left to
    :func:`completeness`):

    * e-mail: must match :data:`EMAIL_PATTERN` after stripping outer spaces
      (one ``@``, a domain with a dot and a top-level domain of 2+ letters);
    * phone: only digits, spaces, ``+ ( ) . -`` (a ``+`` only in front) and
      7 to 15 digits (ITU-T E.164 allows at most 15).

    Returns
    -------
    pandas.DataFrame
        One row per problem: ``customer_id`` (named after ``id_column``),
        ``field`` (``"email"`` or ``"phone"``), ``value`` and ``problem``
        (``"no_at_sign"``, ``"several_at_signs"``, ``"bad_format"``,
        ``"bad_characters"``, ``"too_few_digits"``, ``"too_many_digits"``).

    Examples
    --------
    >>> m = pd.DataFrame({"customer_id": ["K1", "K2"], "email": ["a@b.cn", "ab.cn"],
    ...                   "phone": ["+86 100 1234 5678", "12-34"]})
    >>> invalid_contacts(m)[["customer_id", "field", "problem"]].values.tolist()
    [['K2', 'email', 'no_at_sign'], ['K2', 'phone', 'too_few_digits']]
    """
    check_column_args(master, "master", id_column=id_column, email=email, phone=phone)
    check_columns(master, [id_column, email, phone], "master")
    emails, phones = _text_column(master, email), _text_column(master, phone)
    rows = []
    for cid, e, p in zip(master[id_column], emails, phones):
        if isinstance(e, str) and e.strip():
            text = e.strip()
            if not EMAIL_PATTERN.fullmatch(text):
                problem = ("no_at_sign" if "@" not in text else
                           "several_at_signs" if text.count("@") > 1 else "bad_format")
                rows.append((cid, "email", e, problem))
        if isinstance(p, str) and p.strip():
            digits = len(re.sub(r"\D", "", p))
            if not _PHONE_CHARS.fullmatch(p.strip()) or "+" in p.strip()[1:]:
                rows.append((cid, "phone", p, "bad_characters"))
            elif digits < 7:
                rows.append((cid, "phone", p, "too_few_digits"))
            elif digits > 15:
                rows.append((cid, "phone", p, "too_many_digits"))
    return pd.DataFrame(rows, columns=[id_column, "field", "value", "problem"])


def normalise_name(name) -> str | None:
    """A company name reduced for comparison; None if missing.

    Case-folded; "&" read as "and"; punctuation dropped; legal forms
    (:data:`LEGAL_SUFFIXES`: Co., Ltd., Inc., 有限公司 ...) removed; spaces
    removed.  ``"Hengxin Electronics Co., Ltd."`` and ``"HENGXIN
    ELECTRONICS CO LTD"`` both become ``"hengxinelectronics"``.

    Examples
    --------
    >>> normalise_name("Hengxin Electronics Co., Ltd."), normalise_name("HENGXIN ELECTRONICS CO LTD")
    ('hengxinelectronics', 'hengxinelectronics')
    """
    if not isinstance(name, str):
        if _is_missing(name):
            return None
        raise TypeError(f"name must be text (or None/NaN for missing), got {type(name).__name__} {name!r}")
    if not name.strip():
        return None
    text = name.casefold().replace("&", " and ")
    for suffix in LEGAL_SUFFIXES:  # Chinese legal forms are not space-separated words
        if not suffix.isascii():
            text = text.replace(suffix, " ")
    words = re.sub(r"[^\w\s]", " ", text).split()
    kept = [w for w in words if w not in LEGAL_SUFFIXES]
    return "".join(kept or words) or None


def duplicate_groups(master, *, id_column="customer_id", name="name", phone="phone", email="email") -> pd.DataFrame:
    """Groups of records that are likely the same customer (重复记录).

    Two records match when their **normalised names** are equal
    (:func:`normalise_name`) **and** they share a **phone** number (compared
    by digits, :func:`normalise_phone`) **or** an **e-mail** address
    (case-insensitive).  A name alone is not enough (two firms may share a
    common name) and a shared phone alone is not either (a group's companies
    may share a switchboard).  Matches are chained into groups (connected
    components: if A matches B and B matches C, all three form one group).

    Returns
    -------
    pandas.DataFrame
        One row per record in a group of two or more: ``group`` (1, 2, ...
        in order of the group's first record), then ``id_column, name, phone,
        email`` and ``name_key`` (the normalised name).  Empty if there are
        no duplicates.

    Examples
    --------
    >>> m = pd.DataFrame({"customer_id": ["K1", "K2", "K3"],
    ...                   "name": ["Hengxin Electronics Co., Ltd.", "HENGXIN ELECTRONICS CO LTD", "Hengxin Foods"],
    ...                   "phone": ["+86 100 1234 5678", "+8610012345678", "+86 100 1234 5678"],
    ...                   "email": [None, "info@hx.cn", None]})
    >>> duplicate_groups(m)[["group", "customer_id"]].values.tolist()
    [[1, 'K1'], [1, 'K2']]
    """
    check_column_args(master, "master", id_column=id_column, name=name, phone=phone, email=email)
    check_columns(master, [id_column, name, phone, email], "master")
    for col in (name, phone, email):
        _text_column(master, col)
    ids = master[id_column]
    if ids.isna().any() or ids.duplicated().any():
        raise ValueError(f"master column {id_column!r} must hold unique, non-missing ids; problems at "
                         f"{_preview(ids[ids.isna() | ids.duplicated(keep=False)].tolist())}")
    n = len(master)
    name_key = [normalise_name(v) for v in master[name]]
    phone_key = [normalise_phone(v) for v in master[phone]]
    email_key = [v.strip().casefold() if isinstance(v, str) and v.strip() else None for v in master[email]]
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for contact in (phone_key, email_key):
        first_seen: dict = {}
        for i in range(n):
            if name_key[i] is None or contact[i] is None:
                continue
            key = (name_key[i], contact[i])
            if key in first_seen:
                a, b = find(first_seen[key]), find(i)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                first_seen[key] = i
    roots = np.array([find(i) for i in range(n)])
    sizes = np.bincount(roots, minlength=n)
    members = np.flatnonzero(sizes[roots] > 1)
    group_of = {root: g + 1 for g, root in enumerate(dict.fromkeys(roots[members]))}
    out = master.iloc[members][[id_column, name, phone, email]].copy()
    out.insert(0, "group", [group_of[r] for r in roots[members]])
    out["name_key"] = [name_key[i] for i in members]
    return out.sort_values(["group"], kind="stable").reset_index(drop=True)


def stale_records(master, as_of, *, id_column="customer_id", updated="last_updated", max_age_days=730) -> pd.DataFrame:
    """Records not updated for more than ``max_age_days`` before ``as_of`` (timeliness, 及时性).

    A record is stale if ``as_of - last_updated > max_age_days`` days, or if
    it has no update date at all (it was never confirmed).  The default, two
    years, is a common review cycle for business-customer master data; set
    your own.

    Returns
    -------
    pandas.DataFrame
        One row per stale record, oldest first (missing dates last):
        ``id_column, last_updated, age_days`` (Int64, <NA> when the date is
        missing) and ``reason`` (``"too_old"`` or ``"no_update_date"``).

    Raises
    ------
    ValueError
        If an update date is unparseable or later than ``as_of``.

    Examples
    --------
    >>> m = pd.DataFrame({"customer_id": ["K1", "K2"], "last_updated": ["2025-06-01", "2022-01-31"]})
    >>> stale_records(m, "2025-12-31")[["customer_id", "age_days"]].values.tolist()
    [['K2', 1430]]
    """
    check_column_args(master, "master", id_column=id_column, updated=updated)
    check_columns(master, [id_column, updated], "master")
    as_of = as_timestamp(as_of, "as_of")
    if isinstance(max_age_days, bool) or not isinstance(max_age_days, Real) or not 0 <= max_age_days < np.inf:
        raise ValueError(f"max_age_days must be a finite number of days >= 0, got {max_age_days!r}")
    raw = master[updated]
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        dates = raw
    else:
        dates = pd.to_datetime(raw, errors="coerce", format="mixed")
        bad = dates.isna() & raw.notna()
        if bad.any():
            raise ValueError(f"master column {updated!r} has unparseable dates {_preview(raw[bad].unique())}")
    late = dates > as_of
    if late.any():
        raise ValueError(f"master column {updated!r} has dates after as_of {as_of.date()} at customers "
                         f"{_preview(master.loc[late, id_column])}")
    age = (as_of - dates).dt.days
    stale = dates.isna() | (age > max_age_days)
    out = pd.DataFrame({id_column: master[id_column], "last_updated": dates, "age_days": age.astype("Int64"),
                        "reason": np.where(dates.isna(), "no_update_date", "too_old")})[stale.to_numpy()]
    out = out.sort_values("age_days", ascending=False, na_position="last", kind="stable")
    return out.reset_index(drop=True)


def quality_report(master, as_of, *, id_column="customer_id", name="name", phone="phone", email="email",
                   updated="last_updated", max_age_days=730) -> dict:
    """All data-quality checks of a customer master, with a one-table summary.

    Returns a dict of DataFrames: ``completeness``, ``invalid_contacts``,
    ``duplicates``, ``stale`` (the results of the four checks) and
    ``summary``, indexed by check with ``records`` (records affected) and
    ``share`` (of all records):

    * ``incomplete_records``: records with at least one missing value;
    * ``malformed_email``, ``malformed_phone``: records with a malformed value;
    * ``duplicate_records``: records in a duplicate group;
    * ``surplus_duplicates``: records to merge away (group size - 1 per group);
    * ``stale_records``: not updated within ``max_age_days``.

    Examples
    --------
    >>> m = pd.DataFrame({"customer_id": ["K1", "K2"], "name": ["A Co", "A Co."],
    ...                   "phone": ["010 1234 567", "0101234567"], "email": ["a@a.cn", None],
    ...                   "last_updated": ["2025-06-01", "2020-01-01"]})
    >>> quality_report(m, "2025-12-31")["summary"]["records"].tolist()
    [1, 0, 0, 2, 1, 1]
    """
    check_column_args(master, "master", id_column=id_column, name=name, phone=phone, email=email, updated=updated)
    check_columns(master, [id_column, name, phone, email, updated], "master")
    comp = completeness(master)
    blank = master.apply(lambda col: col.map(lambda v: isinstance(v, str) and not v.strip()))
    incomplete = int((master.isna() | blank).any(axis=1).sum())
    invalid = invalid_contacts(master, id_column=id_column, email=email, phone=phone)
    dups = duplicate_groups(master, id_column=id_column, name=name, phone=phone, email=email)
    stale = stale_records(master, as_of, id_column=id_column, updated=updated, max_age_days=max_age_days)
    counts = {
        "incomplete_records": incomplete,
        "malformed_email": int(invalid.loc[invalid["field"] == "email", id_column].nunique()),
        "malformed_phone": int(invalid.loc[invalid["field"] == "phone", id_column].nunique()),
        "duplicate_records": len(dups),
        "surplus_duplicates": len(dups) - int(dups["group"].nunique()),
        "stale_records": len(stale),
    }
    summary = pd.DataFrame({"records": pd.Series(counts, dtype="int64")})
    summary["share"] = summary["records"] / len(master)
    summary.index.name = "check"
    return {"completeness": comp, "invalid_contacts": invalid, "duplicates": dups, "stale": stale,
            "summary": summary}


# ==========================================================================
# 2. The CRM database (客户关系管理数据库) of Chapter 1
# ==========================================================================
# Seed 003 (COURSE_CONTENT.md F.5) names four input documents -- customer data
# sheet (客户资料单), contact-person sheet (联系人信息单), sales record sheet
# (销售记录单) and service feedback list (服务反馈清单) -- and the matching
# data stores.  Here they are tables with keys and constraints, so the
# database itself refuses bad rows.  Every statement uses placeholders; no
# value is ever formatted into SQL text.

#: Allowed values of the CHECK constraints (kept in Python too, for messages
#: and for the generators).
REGIONS = ("North", "South", "East", "West", "Central")
CHANNELS = ("dealer", "retail_chain", "e_commerce", "project")
CONTACT_ROLES = ("purchasing", "logistics", "finance", "management")
TICKET_CATEGORIES = ("delivery_delay", "damaged_goods", "wrong_item", "billing", "installation",
                     "product_question")
TICKET_STATUSES = ("open", "in_progress", "closed")


def _in(values) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"  # fixed constants above, never user data


#: Schema of the CRM data model.  Portable SQL (the same text runs on SQLite
#: and PostgreSQL; tests/test_crm_postgres.py runs it on a real server);
#: named constraints so that an error names the rule that was broken.
SCHEMA_SQL = f"""
CREATE TABLE IF NOT EXISTS customers (
    customer_id TEXT PRIMARY KEY,
    name        TEXT NOT NULL CONSTRAINT customer_name_not_blank CHECK (length(trim(name)) > 0),
    region      TEXT NOT NULL CONSTRAINT customer_region_allowed CHECK (region IN {_in(REGIONS)}),
    channel     TEXT NOT NULL CONSTRAINT customer_channel_allowed CHECK (channel IN {_in(CHANNELS)})
);
CREATE TABLE IF NOT EXISTS contacts (
    contact_id  TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (customer_id),
    name        TEXT NOT NULL CONSTRAINT contact_name_not_blank CHECK (length(trim(name)) > 0),
    role        TEXT NOT NULL CONSTRAINT contact_role_allowed CHECK (role IN {_in(CONTACT_ROLES)}),
    phone       TEXT,
    email       TEXT CONSTRAINT contact_email_has_at CHECK (email IS NULL OR email LIKE '%_@_%')
);
CREATE TABLE IF NOT EXISTS products (
    product_id  TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    category    TEXT NOT NULL,
    unit_cost   DOUBLE PRECISION NOT NULL CONSTRAINT unit_cost_non_negative CHECK (unit_cost >= 0),
    unit_price  DOUBLE PRECISION NOT NULL CONSTRAINT unit_price_non_negative CHECK (unit_price >= 0)
);
CREATE TABLE IF NOT EXISTS orders (
    order_id    TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (customer_id),
    order_date  TEXT NOT NULL CONSTRAINT order_date_iso CHECK (length(order_date) = 10)
);
CREATE TABLE IF NOT EXISTS order_lines (
    order_id    TEXT NOT NULL REFERENCES orders (order_id),
    product_id  TEXT NOT NULL REFERENCES products (product_id),
    quantity    INTEGER NOT NULL CONSTRAINT quantity_positive CHECK (quantity > 0),
    revenue     DOUBLE PRECISION NOT NULL CONSTRAINT revenue_non_negative CHECK (revenue >= 0),
    cost        DOUBLE PRECISION NOT NULL CONSTRAINT cost_non_negative CHECK (cost >= 0),
    PRIMARY KEY (order_id, product_id)
);
CREATE TABLE IF NOT EXISTS service_tickets (
    ticket_id    TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (customer_id),
    order_id     TEXT REFERENCES orders (order_id),
    opened       TEXT NOT NULL CONSTRAINT ticket_opened_iso CHECK (length(opened) = 10),
    closed       TEXT CONSTRAINT ticket_closed_after_opened CHECK (closed IS NULL OR closed >= opened),
    category     TEXT NOT NULL CONSTRAINT ticket_category_allowed CHECK (category IN {_in(TICKET_CATEGORIES)}),
    status       TEXT NOT NULL CONSTRAINT ticket_status_allowed CHECK (status IN {_in(TICKET_STATUSES)}),
    satisfaction INTEGER CONSTRAINT satisfaction_1_to_5 CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
    CONSTRAINT closed_iff_status_closed CHECK ((status = 'closed') = (closed IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS orders_by_customer ON orders (customer_id, order_date);
CREATE INDEX IF NOT EXISTS tickets_by_customer ON service_tickets (customer_id, status);
CREATE INDEX IF NOT EXISTS contacts_by_customer ON contacts (customer_id);
"""

#: Columns of each table, in insertion (parent before child) order.
TABLE_COLUMNS = {
    "customers": ("customer_id", "name", "region", "channel"),
    "contacts": ("contact_id", "customer_id", "name", "role", "phone", "email"),
    "products": ("product_id", "name", "category", "unit_cost", "unit_price"),
    "orders": ("order_id", "customer_id", "order_date"),
    "order_lines": ("order_id", "product_id", "quantity", "revenue", "cost"),
    "service_tickets": ("ticket_id", "customer_id", "order_id", "opened", "closed", "category", "status",
                        "satisfaction"),
}
_DATE_COLUMNS = {"order_date", "opened", "closed"}

__all__ += [  # noqa: RUF022 (grouped by topic, like the section-1 list)
    "REGIONS", "CHANNELS", "CONTACT_ROLES", "TICKET_CATEGORIES", "TICKET_STATUSES", "SCHEMA_SQL",
    "TABLE_COLUMNS", "connect", "create_schema", "build_database", "query", "customer_360",
    "generate_contacts", "generate_service_tickets", "crm_tables",
]


def _is_sqlite(conn) -> bool:
    return isinstance(conn, sqlite3.Connection)


def _paramstyle(conn) -> str:
    """The DB-API ``paramstyle`` of the driver behind ``conn``."""
    if _is_sqlite(conn):
        return "qmark"
    raw = getattr(conn, "driver_connection", None) or getattr(conn, "dbapi_connection", None) or conn
    module = sys.modules.get(type(raw).__module__.split(".")[0])
    return getattr(module, "paramstyle", "qmark")


def _is_ident(name) -> bool:
    return isinstance(name, str) and name in _SQL_IDENTIFIERS


def _ident(name: str) -> str:
    """``name``, checked to be a table or column of the course's CRM schemas.

    The only text the package formats into SQL: table and column names from
    the fixed allow-list :data:`_SQL_IDENTIFIERS` (values are always bound to
    placeholders).  ``tests/test_safety.py`` checks every formatted SQL string
    goes through here.
    """
    if not _is_ident(name):
        raise ValueError(f"SQL identifier must be a table or column of the CRM schema, got {name!r}")
    return name


def _sql(conn, text: str) -> str:
    """Adapt the package's own ``?`` placeholders to the driver (never user values)."""
    style = _paramstyle(conn)
    if style in ("format", "pyformat"):
        return text.replace("?", "%s")
    if style == "numeric":
        parts = text.split("?")
        return "".join(p + (f":{i}" if i < len(parts) else "") for i, p in enumerate(parts, 1))
    return text


def connect(target=":memory:"):
    """Open the CRM database (打开客户关系管理数据库).

    Parameters
    ----------
    target : str, os.PathLike or DB-API connection, default ``":memory:"``
        * ``":memory:"`` or a file path: a SQLite database (stdlib ``sqlite3``);
        * ``"sqlite:///file.db"`` / ``"sqlite://"`` (SQLAlchemy-style URL for
          SQLite): also stdlib ``sqlite3``, no extra package needed;
        * any other SQLAlchemy URL, e.g.
          ``"postgresql+psycopg://user:pw@host/crm"``: opened with SQLAlchemy
          (imported only then) and returned as its DB-API connection
          (``engine.raw_connection()``); install them with
          ``pip install "scm-course[postgres]"`` (SQLAlchemy and psycopg);
        * an open DB-API connection (has ``cursor``, ``commit`` and
          ``rollback``): returned as is.

    SQLite connections get ``PRAGMA foreign_keys = ON`` (SQLite does not
    enforce foreign keys without it).

    Examples
    --------
    >>> conn = connect()
    >>> conn.execute("PRAGMA foreign_keys").fetchone()[0]
    1
    >>> connect(conn) is conn
    True
    """
    if all(hasattr(target, a) for a in ("cursor", "commit", "rollback")):
        if _is_sqlite(target):
            target.execute("PRAGMA foreign_keys = ON")
        return target
    if isinstance(target, os.PathLike):
        target = os.fspath(target)
    if not isinstance(target, str):
        raise TypeError(f"target must be a file path, ':memory:', a database URL or a DB-API connection; "
                        f"got {type(target).__name__}")
    if not target.strip():
        raise ValueError("target must not be empty; use ':memory:' for an in-memory database")
    scheme = target.split("://", 1)[0].lower() if "://" in target else None
    if scheme is None:
        path = target
    elif scheme in ("sqlite", "sqlite+pysqlite"):
        path = target.split("://", 1)[1]
        if path in ("", "/", "/:memory:"):
            path = ":memory:"
        elif path.startswith("/"):
            path = path[1:]  # sqlite:///rel.db -> rel.db, sqlite:////abs.db -> /abs.db
        else:
            raise ValueError(f"target {target!r} is not a valid SQLite URL; use 'sqlite:///path.db'")
    else:
        try:
            import sqlalchemy
        except ImportError as err:
            raise ImportError(f"target {target!r} needs the 'sqlalchemy' package (and the database driver, "
                              f"e.g. 'psycopg' for PostgreSQL): pip install \"scm-course[postgres]\"") from err
        return sqlalchemy.create_engine(target).raw_connection()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _open(conn):
    """:func:`connect` for a function's ``conn`` argument: a bad value is reported under that name."""
    if not (isinstance(conn, (str, os.PathLike)) or all(hasattr(conn, a) for a in ("cursor", "commit", "rollback"))):
        raise TypeError(f"conn must be a DB-API connection (from connect()), a file path, ':memory:' or a "
                        f"database URL; got {type(conn).__name__}")
    return connect(conn)


def create_schema(conn) -> None:
    """Create the CRM tables of :data:`SCHEMA_SQL` if they do not exist (idempotent)."""
    conn = _open(conn)
    statements = [s.strip() for s in SCHEMA_SQL.split(";") if s.strip()]
    cur = conn.cursor()
    try:
        for statement in statements:
            cur.execute(statement)
        conn.commit()
    except Exception:
        conn.rollback()
        raise


def _records(df: pd.DataFrame, columns) -> list[tuple]:
    """Rows as tuples of plain Python values (None for missing, ISO text for dates)."""
    out = []
    for col in columns:
        values = df[col]
        if col in _DATE_COLUMNS or pd.api.types.is_datetime64_any_dtype(values):
            parsed = pd.to_datetime(values, errors="coerce")
            bad = values.notna() & parsed.isna()
            if bad.any():
                raise ValueError(f"column {col!r} has unparseable dates {_preview(values[bad].unique())}")
            values = parsed.dt.strftime("%Y-%m-%d")
        out.append([None if pd.isna(v) else (v.item() if isinstance(v, np.generic) else v)
                    for v in values.astype(object)])
    return list(zip(*out))


def _constraint_error(conn, table, columns, row_number, row, err) -> ValueError:
    """A ValueError naming the table, the row and the broken constraint."""
    message = " ".join(str(err).split())  # one line, whatever the driver prints
    shown = dict(zip(columns, row))
    if "FOREIGN KEY" in message and _is_sqlite(conn):
        # SQLite does not say which key; look each reference up (parameterised).
        for fk in conn.execute(f"PRAGMA foreign_key_list({_ident(table)})").fetchall():
            parent, child_col, parent_col = fk[2], fk[3], fk[4]
            value = shown.get(child_col)
            if value is None or not (_is_ident(parent) and _is_ident(parent_col)):
                continue
            found = conn.execute(f"SELECT 1 FROM {_ident(parent)} WHERE {_ident(parent_col)} = ?",
                                 (value,)).fetchone()
            if found is None:
                message = (f"FOREIGN KEY constraint failed: {table}.{child_col} = {value!r} "
                           f"is not a {parent}.{parent_col}")
                break
    return ValueError(f"table {table!r}, row {row_number} {shown}: {message}; "
                      f"nothing was written (the whole load was rolled back)")


def _orders_from_lines(lines: pd.DataFrame) -> pd.DataFrame:
    check_columns(lines, ["order_id", "customer_id", "order_date"], "tables['order_lines']")
    heads = lines[["order_id", "customer_id", "order_date"]].drop_duplicates()
    clash = heads["order_id"].duplicated(keep=False)
    if clash.any():
        raise ValueError(f"tables['order_lines'] gives orders {_preview(heads.loc[clash, 'order_id'].unique())} "
                         f"more than one customer or date")
    return heads.reset_index(drop=True)


def build_database(conn, tables: dict) -> dict:
    """Load CRM tables into the database in ONE transaction (全部成功或全部回滚).

    Parameters
    ----------
    conn : connection or target accepted by :func:`connect`
    tables : dict of str -> pandas.DataFrame
        Keys among :data:`TABLE_COLUMNS` (``customers``, ``contacts``,
        ``products``, ``orders``, ``order_lines``, ``service_tickets``), each
        frame with at least that table's columns.  If ``orders`` is missing
        but ``order_lines`` carries ``customer_id`` and ``order_date`` (as
        the distributor's order lines do), the order headers are derived.

    Returns
    -------
    dict
        Rows inserted per table.

    Raises
    ------
    ValueError
        If a row breaks a key, NOT NULL or CHECK constraint; the message names
        the table, the row and the constraint, and the database is left exactly
        as it was before the call (rollback).

    Examples
    --------
    >>> conn = connect()
    >>> build_database(conn, {"customers": pd.DataFrame({"customer_id": ["C1"], "name": ["Jade"],
    ...                                                  "region": ["East"], "channel": ["dealer"]})})
    {'customers': 1}
    """
    conn = _open(conn)
    if not isinstance(tables, dict):
        raise TypeError(f"tables must be a dict of table name -> DataFrame; got {type(tables).__name__}")
    unknown = set(tables) - set(TABLE_COLUMNS)
    if unknown:
        raise ValueError(f"tables has unknown tables {sorted(unknown)}; allowed: {list(TABLE_COLUMNS)}")
    tables = dict(tables)
    for name, df in tables.items():
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"tables[{name!r}] must be a DataFrame; got {type(df).__name__}")
    if "orders" not in tables and "order_lines" in tables and "customer_id" in tables["order_lines"]:
        tables["orders"] = _orders_from_lines(tables["order_lines"])
    prepared = {}
    for name, columns in TABLE_COLUMNS.items():
        if name in tables:
            # an empty table loads no rows (e.g. crm_tables of a short log may raise no service ticket)
            _need_columns(tables[name], columns, f"tables[{name!r}]")
            prepared[name] = _records(tables[name], columns)

    create_schema(conn)
    sqlite_conn = _is_sqlite(conn)
    if sqlite_conn:
        saved_level = conn.isolation_level
        conn.isolation_level = None  # explicit BEGIN/COMMIT below (DDL and DML in one transaction)
    cur = conn.cursor()
    counts = {}
    try:
        if sqlite_conn:
            cur.execute("BEGIN")
        for name, rows in prepared.items():
            columns = TABLE_COLUMNS[name]
            sql = _sql(conn, f"INSERT INTO {_ident(name)} ({', '.join(map(_ident, columns))}) "
                             f"VALUES ({', '.join('?' * len(columns))})")
            position = {"i": -1}

            def feed(rows=rows, position=position):
                for i, row in enumerate(rows):
                    position["i"] = i  # executemany pulls rows one at a time: the last pulled row failed
                    yield row
            try:
                cur.executemany(sql, feed())
            except (sqlite3.IntegrityError, *_integrity_errors(conn)) as err:
                i = position["i"]
                error = _constraint_error(conn, name, columns, i, rows[i], err)
                raise error from err
            counts[name] = len(rows)
        if sqlite_conn:
            cur.execute("COMMIT")
        else:
            conn.commit()
    except BaseException:
        if sqlite_conn:
            if conn.in_transaction:
                cur.execute("ROLLBACK")
        else:
            conn.rollback()
        raise
    finally:
        if sqlite_conn:
            conn.isolation_level = saved_level
    return counts


def _driver_errors(conn) -> tuple:
    """The driver's DB-API base Error class (syntax errors, wrong number of parameters, ...)."""
    if _is_sqlite(conn):
        return ()
    raw = getattr(conn, "driver_connection", None) or conn
    module = sys.modules.get(type(raw).__module__.split(".")[0])
    err = getattr(module, "Error", None)
    return (err,) if isinstance(err, type) and issubclass(err, Exception) else ()


def _integrity_errors(conn) -> tuple:
    """The driver's IntegrityError class (DB-API 2.0 exposes it on the module)."""
    if _is_sqlite(conn):
        return ()
    raw = getattr(conn, "driver_connection", None) or conn
    module = sys.modules.get(type(raw).__module__.split(".")[0])
    err = getattr(module, "IntegrityError", None)
    return (err,) if isinstance(err, type) else ()


def query(conn, sql: str, params=()) -> pd.DataFrame:
    """Run ONE parameterised SELECT and return the result as a DataFrame (参数化查询).

    Values go in ``params`` and the SQL has placeholders (``?`` or
    ``:name`` for SQLite); the driver sends them separately from the SQL
    text, so a value can never change the statement.  Building SQL with
    f-strings or ``%`` from user input is how SQL injection happens.

    Parameters
    ----------
    conn : connection or target accepted by :func:`connect`
    sql : str
        A single SQL statement with placeholders.
    params : tuple, list or dict, default ``()``

    Examples
    --------
    >>> conn = connect()
    >>> query(conn, "SELECT ? AS name, ? + 1 AS n", ("Robert'); --", 41))
               name   n
    0  Robert'); --  42
    """
    conn = _open(conn)
    if not isinstance(sql, str) or not sql.strip():
        raise TypeError("sql must be a non-empty string of SQL with placeholders")
    if not isinstance(params, (tuple, list, dict)):
        raise TypeError(f"params must be a tuple, list or dict of values bound to placeholders; got "
                        f"{type(params).__name__} (never format values into the SQL text)")
    cur = conn.cursor()
    try:
        cur.execute(sql, params)
        columns = [d[0] for d in cur.description] if cur.description else []
        rows = cur.fetchall() if cur.description else []
    except (sqlite3.Error, *_driver_errors(conn)) as err:
        message = " ".join(str(err).split())
        raise ValueError(f"the database refused sql with params {params!r}: {message}") from err
    finally:
        cur.close()
    return pd.DataFrame.from_records(rows, columns=columns)


_Q_PROFILE = """
SELECT c.customer_id, c.name, c.region, c.channel,
       (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.customer_id) AS orders,
       (SELECT COALESCE(SUM(l.revenue), 0) FROM orders o JOIN order_lines l ON l.order_id = o.order_id
         WHERE o.customer_id = c.customer_id) AS revenue,
       (SELECT MIN(o.order_date) FROM orders o WHERE o.customer_id = c.customer_id) AS first_order,
       (SELECT MAX(o.order_date) FROM orders o WHERE o.customer_id = c.customer_id) AS last_order
FROM customers c WHERE c.customer_id = ?"""
_Q_CONTACTS = """SELECT contact_id, name, role, phone, email FROM contacts WHERE customer_id = ?
ORDER BY contact_id"""
_Q_ORDERS = """
SELECT o.order_id, o.order_date, COUNT(l.product_id) AS lines, COALESCE(SUM(l.quantity), 0) AS quantity,
       COALESCE(SUM(l.revenue), 0) AS revenue, COALESCE(SUM(l.revenue - l.cost), 0) AS margin
FROM orders o LEFT JOIN order_lines l ON l.order_id = o.order_id
WHERE o.customer_id = ? GROUP BY o.order_id, o.order_date ORDER BY o.order_date, o.order_id"""
_Q_OPEN_TICKETS = """SELECT ticket_id, order_id, opened, category, status FROM service_tickets
WHERE customer_id = ? AND status <> 'closed' ORDER BY opened, ticket_id"""


def customer_360(conn, customer_id) -> dict:
    """Customer 360 view (全视角客户信息): everything the CRM knows about one customer.

    Returns a dict of DataFrames: ``profile`` (one row: master data, number
    of orders, revenue, first and last order date), ``contacts``,
    ``orders`` (order history, one row per order with lines, quantity,
    revenue, margin; oldest first) and ``open_tickets`` (status not
    ``closed``).  All four queries are parameterised.

    Raises
    ------
    ValueError
        If ``customer_id`` is not in the customers table.

    Examples
    --------
    >>> conn = connect()
    >>> _ = build_database(conn, {"customers": pd.DataFrame({"customer_id": ["C1"], "name": ["Jade"],
    ...                                                      "region": ["East"], "channel": ["dealer"]})})
    >>> customer_360(conn, "C1")["profile"][["name", "orders"]].values.tolist()
    [['Jade', 0]]
    """
    conn = _open(conn)
    if not isinstance(customer_id, str) or not customer_id:
        raise TypeError(f"customer_id must be a non-empty string; got {customer_id!r}")
    key = (customer_id,)
    profile = query(conn, _sql(conn, _Q_PROFILE), key)
    if profile.empty:
        raise ValueError(f"customer_id {customer_id!r} is not in the customers table")
    return {"profile": profile,
            "contacts": query(conn, _sql(conn, _Q_CONTACTS), key),
            "orders": query(conn, _sql(conn, _Q_ORDERS), key),
            "open_tickets": query(conn, _sql(conn, _Q_OPEN_TICKETS), key)}


_GIVEN = ("Wei", "Fang", "Jun", "Li", "Min", "Jing", "Lei", "Yan", "Tao", "Hui", "Qiang", "Xin")
_FAMILY = ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun")


def generate_contacts(customers, seed: int = 3) -> pd.DataFrame:
    """Seeded contact persons (联系人) for a customer table: 1-3 per customer.

    Columns ``contact_id``, ``customer_id``, ``name``, ``role`` (from
    :data:`CONTACT_ROLES`, no role twice per customer), ``phone``, ``email``.
    Fictional people; the same seed gives the same table.

    >>> c = pd.DataFrame({"customer_id": ["C1", "C2"], "name": ["Jade Home", "Sunrise"]})
    >>> generate_contacts(c).groupby("customer_id").size().between(1, 3).all()
    np.True_
    """
    check_columns(customers, ["customer_id", "name"], "customers")
    rng = np.random.default_rng(check_seed(seed))
    rows = []
    for cid, cname in zip(customers["customer_id"], customers["name"]):
        domain = re.sub(r"[^a-z0-9]+", "-", str(cname).lower()).strip("-") or "customer"
        roles = rng.choice(CONTACT_ROLES, size=int(rng.integers(1, 4)), replace=False)
        for role in roles:
            given, family = rng.choice(_GIVEN), rng.choice(_FAMILY)
            rows.append({"contact_id": f"{cid}-{len(rows) + 1:04d}", "customer_id": cid,
                         "name": f"{family} {given}", "role": str(role),
                         "phone": f"+86 1{rng.integers(30, 90)} {rng.integers(1000, 10000)} {rng.integers(1000, 10000)}",
                         "email": f"{given.lower()}.{family.lower()}@{domain}.example"})
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS["contacts"]))


def generate_service_tickets(orders, seed: int = 3, share: float = 0.08) -> pd.DataFrame:
    """Seeded service tickets (服务反馈) raised on a share of the orders.

    Each ticket is opened 1-20 days after its order; tickets opened in the
    last 30 days of the data are more often still ``open``/``in_progress``;
    closed tickets have a closing date 0-14 days after opening and a
    satisfaction score 1-5.  Columns as :data:`TABLE_COLUMNS`
    ``["service_tickets"]``.

    >>> o = pd.DataFrame({"order_id": ["O1", "O2"], "customer_id": ["C1", "C1"],
    ...                   "order_date": pd.to_datetime(["2025-01-01", "2025-01-02"])})
    >>> len(generate_service_tickets(o, share=1.0))
    2
    """
    check_columns(orders, ["order_id", "customer_id", "order_date"], "orders")
    if not isinstance(share, Real) or not 0 <= share <= 1:
        raise ValueError(f"share must be a number in [0, 1]; got {share!r}")
    check_seed(seed)
    heads = orders[["order_id", "customer_id", "order_date"]].drop_duplicates("order_id")
    heads = heads.assign(order_date=pd.to_datetime(heads["order_date"])).sort_values(["order_date", "order_id"])
    rng = np.random.default_rng(seed)
    picked = heads[rng.random(len(heads)) < share]
    end = heads["order_date"].max() if len(heads) else pd.Timestamp("2000-01-01")
    opened = picked["order_date"] + pd.to_timedelta(rng.integers(1, 21, len(picked)), unit="D")
    recent = (end - opened).dt.days < 30
    u = rng.random(len(picked))
    p_open = np.where(recent, 0.6, 0.03)
    status = np.where(u < p_open / 2, "open", np.where(u < p_open, "in_progress", "closed"))
    closed = opened + pd.to_timedelta(rng.integers(0, 15, len(picked)), unit="D")
    satisfaction = rng.choice([1, 2, 3, 4, 5], size=len(picked), p=[0.08, 0.12, 0.25, 0.35, 0.2])
    out = pd.DataFrame({
        "ticket_id": [f"T{i:05d}" for i in range(1, len(picked) + 1)],
        "customer_id": picked["customer_id"].to_numpy(),
        "order_id": picked["order_id"].to_numpy(),
        "opened": opened.to_numpy(),
        "closed": pd.Series(closed.to_numpy()).where(status == "closed"),
        "category": rng.choice(TICKET_CATEGORIES, size=len(picked)),
        "status": status,
        "satisfaction": pd.array(np.where(status == "closed", satisfaction, 0), dtype="Int64"),
    })
    out.loc[out["status"] != "closed", "satisfaction"] = pd.NA
    return out


def crm_tables(distributor=None, seed: int = 3) -> dict:
    """The course's CRM tables, ready for :func:`build_database`.

    ``customers``, ``products`` and ``order_lines`` come from the appliance
    distributor (:func:`scm_course.data.load_distributor` unless
    ``distributor`` is given), ``orders`` are its order headers, and
    ``contacts`` and ``service_tickets`` are generated with ``seed``.
    """
    check_seed(seed)
    if distributor is None:
        from .data import load_distributor
        distributor = load_distributor()
    if not isinstance(distributor, dict):
        raise TypeError(f"distributor must be a dict of tables (as load_distributor returns), "
                        f"got {type(distributor).__name__}")
    missing = [name for name in ("customers", "products", "order_lines") if name not in distributor]
    if missing:
        raise ValueError(f"distributor lacks the table(s) {missing}; it has {list(distributor)}")
    lines = distributor["order_lines"]
    orders = _orders_from_lines(lines)
    return {"customers": distributor["customers"], "contacts": generate_contacts(distributor["customers"], seed),
            "products": distributor["products"], "orders": orders, "order_lines": lines,
            "service_tickets": generate_service_tickets(orders, seed)}


# ==========================================================================
# 3. CRM functions map (客户关系管理的主要功能) as parameterised queries
# ==========================================================================
# Seed 000 (COURSE_CONTENT.md A.5) names five main functions of CRM around a
# hub.  Each business question below belongs to one of them and is answered
# by ONE parameterised query over the schema of section 2: the SQL text is
# fixed, the values travel separately as parameters.  Derived values (e.g.
# "as_of minus 90 days") are computed in Python and bound as parameters, so
# the same SQL runs on SQLite and PostgreSQL (no dialect date functions).

#: The five main functions of CRM (seed 000, slide "main functions"), in the
#: seed's order: key -> Chinese term.
CRM_FUNCTIONS = {
    "information": "客户信息管理",
    "sales": "销售管理",
    "marketing": "市场营销管理",
    "service": "客户服务管理",
    "analysis": "分析决策管理",
}

#: Kinds of query parameters and what each accepts (used in error messages).
PARAMETER_KINDS = {
    "date": "a date such as '2025-12-31' (str, datetime.date or pandas Timestamp)",
    "days": "a whole number of days from 1 to 36500",
    "count": "a whole number >= 1",
    "region": f"one of {list(REGIONS)}",
    "channel": f"one of {list(CHANNELS)}",
    "role": f"one of {list(CONTACT_ROLES)}",
    "text": "a non-empty string",
}


@dataclass(frozen=True)
class FunctionQuery:
    """One business question of a CRM function, answered by a parameterised query.

    Attributes
    ----------
    key : str
        Short name, e.g. ``"dormant_customers"``.
    function : str
        One of :data:`CRM_FUNCTIONS`.
    question : str
        The business question in English (translated labels:
        ``t("crm.query.<key>")``).
    params : tuple of (name, kind, default)
        The query's parameters in the order a student passes them; ``kind``
        is a key of :data:`PARAMETER_KINDS`; ``default`` is None when the
        parameter is required.
    sql : str
        The SQL text with ``?`` placeholders (adapted to the driver).
    bind : callable
        ``bind(values) -> tuple``: the values for the placeholders, in order,
        from the validated parameters (dates as ISO text, derived dates).
    """

    key: str
    function: str
    question: str
    params: tuple
    sql: str
    bind: object


def _iso(ts) -> str:
    return pd.Timestamp(ts).strftime("%Y-%m-%d")


def _days_before(as_of, days) -> str:
    return _iso(pd.Timestamp(as_of) - pd.Timedelta(days=days))


def _like_contains(text: str) -> str:
    """A LIKE pattern for names that contain ``text`` (its ``%``, ``_`` and ``\\`` escaped, so literal)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_QUERIES = (
    # ---- customer information management (客户信息管理)
    FunctionQuery(
        "customer_search", "information",
        "Which customers have a name containing a given text (any case)?",
        (("text", "text", None),),
        """SELECT customer_id, name, region, channel FROM customers
WHERE lower(name) LIKE lower(?) ESCAPE '\\' ORDER BY customer_id""",
        lambda v: (_like_contains(v["text"]),)),
    FunctionQuery(
        "customers_in_region", "information",
        "Which customers are in a region, with their channel and number of contact persons?",
        (("region", "region", None),),
        """SELECT c.customer_id, c.name, c.channel, COUNT(k.contact_id) AS contacts
FROM customers c LEFT JOIN contacts k ON k.customer_id = c.customer_id
WHERE c.region = ? GROUP BY c.customer_id, c.name, c.channel ORDER BY c.customer_id""",
        lambda v: (v["region"],)),
    FunctionQuery(
        "customers_without_role", "information",
        "Which customers have no contact person for a given role (e.g. logistics)?",
        (("role", "role", None),),
        """SELECT c.customer_id, c.name, c.region FROM customers c
WHERE NOT EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = c.customer_id AND k.role = ?)
ORDER BY c.customer_id""",
        lambda v: (v["role"],)),
    # ---- sales management (销售管理)
    FunctionQuery(
        "monthly_revenue_by_category", "sales",
        "What is the monthly revenue of each product category between two dates?",
        (("start", "date", None), ("end", "date", None)),
        """SELECT substr(o.order_date, 1, 7) AS month, p.category, SUM(l.revenue) AS revenue
FROM orders o JOIN order_lines l ON l.order_id = o.order_id JOIN products p ON p.product_id = l.product_id
WHERE o.order_date BETWEEN ? AND ?
GROUP BY substr(o.order_date, 1, 7), p.category ORDER BY month, p.category""",
        lambda v: (_iso(v["start"]), _iso(v["end"]))),
    FunctionQuery(
        "top_customers_by_margin", "sales",
        "Which are the top n customers by margin in a region?",
        (("region", "region", None), ("n", "count", 10)),
        """SELECT c.customer_id, c.name, COUNT(DISTINCT o.order_id) AS orders, SUM(l.revenue) AS revenue,
       SUM(l.revenue - l.cost) AS margin
FROM customers c JOIN orders o ON o.customer_id = c.customer_id JOIN order_lines l ON l.order_id = o.order_id
WHERE c.region = ? GROUP BY c.customer_id, c.name ORDER BY margin DESC, c.customer_id LIMIT ?""",
        lambda v: (v["region"], v["n"])),
    FunctionQuery(
        "top_products_by_quantity", "sales",
        "Which n products sold the most units between two dates?",
        (("start", "date", None), ("end", "date", None), ("n", "count", 10)),
        """SELECT p.product_id, p.name, p.category, SUM(l.quantity) AS quantity, SUM(l.revenue) AS revenue
FROM orders o JOIN order_lines l ON l.order_id = o.order_id JOIN products p ON p.product_id = l.product_id
WHERE o.order_date BETWEEN ? AND ?
GROUP BY p.product_id, p.name, p.category ORDER BY quantity DESC, p.product_id LIMIT ?""",
        lambda v: (_iso(v["start"]), _iso(v["end"]), v["n"])),
    # ---- marketing management (市场营销管理)
    FunctionQuery(
        "dormant_customers", "marketing",
        "Which customers have not ordered in the last `days` days as of a date (win-back list)?",
        (("as_of", "date", None), ("days", "days", 90)),
        """SELECT c.customer_id, c.name, c.region, c.channel, MAX(o.order_date) AS last_order
FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id AND o.order_date <= ?
GROUP BY c.customer_id, c.name, c.region, c.channel
HAVING MAX(o.order_date) IS NULL OR MAX(o.order_date) <= ?
ORDER BY CASE WHEN MAX(o.order_date) IS NULL THEN 0 ELSE 1 END, last_order, c.customer_id""",
        lambda v: (_iso(v["as_of"]), _days_before(v["as_of"], v["days"]))),
    FunctionQuery(
        "repeat_purchase_rate", "marketing",
        "What share of the buyers of each channel ordered more than once between two dates?",
        (("start", "date", None), ("end", "date", None)),
        """SELECT c.channel, COUNT(*) AS buyers, SUM(CASE WHEN b.orders >= 2 THEN 1 ELSE 0 END) AS repeat_buyers,
       CAST(SUM(CASE WHEN b.orders >= 2 THEN 1 ELSE 0 END) AS DOUBLE PRECISION) / COUNT(*) AS repeat_rate
FROM (SELECT customer_id, COUNT(*) AS orders FROM orders WHERE order_date BETWEEN ? AND ?
      GROUP BY customer_id) b
JOIN customers c ON c.customer_id = b.customer_id GROUP BY c.channel ORDER BY c.channel""",
        lambda v: (_iso(v["start"]), _iso(v["end"]))),
    FunctionQuery(
        "category_buyers_in_region", "marketing",
        "Which customers of a region bought a product category (target list of a campaign)?",
        (("region", "region", None), ("category", "text", None)),
        """SELECT c.customer_id, c.name, COUNT(DISTINCT o.order_id) AS orders, SUM(l.quantity) AS quantity,
       SUM(l.revenue) AS revenue
FROM customers c JOIN orders o ON o.customer_id = c.customer_id JOIN order_lines l ON l.order_id = o.order_id
JOIN products p ON p.product_id = l.product_id
WHERE c.region = ? AND p.category = ? GROUP BY c.customer_id, c.name ORDER BY revenue DESC, c.customer_id""",
        lambda v: (v["region"], v["category"])),
    # ---- customer service management (客户服务管理)
    FunctionQuery(
        "old_open_tickets", "service",
        "How many tickets are still open more than `days` days after they were opened, as of a date, by category?",
        (("as_of", "date", None), ("days", "days", 7)),
        """SELECT category, COUNT(*) AS tickets, MIN(opened) AS oldest FROM service_tickets
WHERE status <> 'closed' AND opened < ? GROUP BY category ORDER BY tickets DESC, category""",
        lambda v: (_days_before(v["as_of"], v["days"]),)),
    FunctionQuery(
        "satisfaction_by_category", "service",
        "What is the mean satisfaction of the tickets closed between two dates, by category?",
        (("start", "date", None), ("end", "date", None)),
        """SELECT category, COUNT(*) AS closed_tickets, AVG(CAST(satisfaction AS DOUBLE PRECISION)) AS satisfaction,
       SUM(CASE WHEN satisfaction <= 2 THEN 1 ELSE 0 END) AS dissatisfied
FROM service_tickets WHERE status = 'closed' AND closed BETWEEN ? AND ?
GROUP BY category ORDER BY satisfaction, category""",
        lambda v: (_iso(v["start"]), _iso(v["end"]))),
    FunctionQuery(
        "ticket_rate_by_customer", "service",
        "Which n customers raise the most service tickets per order?",
        (("n", "count", 10),),
        """SELECT c.customer_id, c.name, t.tickets, o.orders,
       CAST(t.tickets AS DOUBLE PRECISION) / o.orders AS tickets_per_order
FROM customers c
JOIN (SELECT customer_id, COUNT(*) AS tickets FROM service_tickets GROUP BY customer_id) t
  ON t.customer_id = c.customer_id
JOIN (SELECT customer_id, COUNT(*) AS orders FROM orders GROUP BY customer_id) o ON o.customer_id = c.customer_id
ORDER BY tickets_per_order DESC, c.customer_id LIMIT ?""",
        lambda v: (v["n"],)),
    # ---- analysis and decision management (分析决策管理)
    FunctionQuery(
        "revenue_by_region_channel", "analysis",
        "How do revenue and margin split over regions and channels between two dates?",
        (("start", "date", None), ("end", "date", None)),
        """SELECT c.region, c.channel, COUNT(DISTINCT c.customer_id) AS customers, SUM(l.revenue) AS revenue,
       SUM(l.revenue - l.cost) AS margin
FROM customers c JOIN orders o ON o.customer_id = c.customer_id JOIN order_lines l ON l.order_id = o.order_id
WHERE o.order_date BETWEEN ? AND ? GROUP BY c.region, c.channel ORDER BY revenue DESC, c.region, c.channel""",
        lambda v: (_iso(v["start"]), _iso(v["end"]))),
    FunctionQuery(
        "margin_rate_by_category", "analysis",
        "Which product categories earn the highest margin rate (margin / revenue) between two dates?",
        (("start", "date", None), ("end", "date", None)),
        """SELECT p.category, SUM(l.revenue) AS revenue, SUM(l.revenue - l.cost) AS margin,
       SUM(l.revenue - l.cost) / SUM(l.revenue) AS margin_rate
FROM orders o JOIN order_lines l ON l.order_id = o.order_id JOIN products p ON p.product_id = l.product_id
WHERE o.order_date BETWEEN ? AND ? AND l.revenue > 0
GROUP BY p.category ORDER BY margin_rate DESC, p.category""",
        lambda v: (_iso(v["start"]), _iso(v["end"]))),
)

#: The catalogue: query key -> :class:`FunctionQuery`, grouped by function
#: in the order of :data:`CRM_FUNCTIONS`.
FUNCTION_QUERIES = {q.key: q for f in CRM_FUNCTIONS for q in _QUERIES if q.function == f}

__all__ += [  # noqa: RUF022
    "CRM_FUNCTIONS", "PARAMETER_KINDS", "FunctionQuery", "FUNCTION_QUERIES", "function_map",
    "check_query_params", "run_function_query",
]


def _check_param(key: str, name: str, kind: str, value):
    """One parameter of query ``key``, validated and normalised."""
    where = f"run_function_query({key!r}): {name}"
    if kind == "date":
        return as_timestamp(value, where)
    if kind in ("days", "count"):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            if isinstance(value, (float, np.floating)) and float(value).is_integer():
                value = int(value)
            else:
                raise TypeError(f"{where} must be {PARAMETER_KINDS[kind]}, got {value!r}")
        if value < 1 or (kind == "days" and value > 36_500):  # beyond 100 years: past any date pandas holds
            raise ValueError(f"{where} must be {PARAMETER_KINDS[kind]}, got {value!r}")
        return int(value)
    if not isinstance(value, str):
        raise TypeError(f"{where} must be {PARAMETER_KINDS[kind]}, got {type(value).__name__} {value!r}")
    if kind == "text":
        if not value.strip():
            raise ValueError(f"{where} must be {PARAMETER_KINDS[kind]}, got {value!r}")
        return value
    allowed = {"region": REGIONS, "channel": CHANNELS, "role": CONTACT_ROLES}[kind]
    if value not in allowed:
        raise ValueError(f"{where} must be {PARAMETER_KINDS[kind]}, got {value!r}")
    return value


def check_query_params(key: str, **params) -> dict:
    """Validate the parameters of catalogue query ``key``; return them normalised.

    Missing required parameters, unknown names, wrong types and values out
    of range raise errors that name the query and the parameter and say
    what is allowed.  Defaults fill the optional parameters; dates become
    Timestamps; ``start`` must not be after ``end``.

    Examples
    --------
    >>> check_query_params("dormant_customers", as_of="2025-12-31")
    {'as_of': Timestamp('2025-12-31 00:00:00'), 'days': 90}
    """
    if not isinstance(key, str) or key not in FUNCTION_QUERIES:
        raise ValueError(f"key must be one of {list(FUNCTION_QUERIES)}, got {key!r}")
    spec = FUNCTION_QUERIES[key].params
    names = [name for name, _, _ in spec]
    unknown = [p for p in params if p not in names]
    if unknown:
        raise ValueError(f"run_function_query({key!r}) got unknown parameters {unknown}; it takes {names}")
    values = {}
    for name, kind, default in spec:
        if name not in params or params[name] is None:
            if default is None:
                raise ValueError(f"run_function_query({key!r}) is missing parameter {name!r} "
                                 f"({PARAMETER_KINDS[kind]}); it takes {names}")
            values[name] = default
        else:
            values[name] = _check_param(key, name, kind, params[name])
    if "start" in values and "end" in values and values["start"] > values["end"]:
        raise ValueError(f"run_function_query({key!r}): start {values['start'].date()} must not be after "
                         f"end {values['end'].date()}")
    return values


def run_function_query(conn, key: str, **params) -> pd.DataFrame:
    """Answer a business question of the CRM functions map (主要功能问题查询).

    Looks up ``key`` in :data:`FUNCTION_QUERIES`, validates ``params``
    (:func:`check_query_params`), binds them to the query's placeholders and
    runs it with :func:`query` -- values never enter the SQL text.

    Parameters
    ----------
    conn : connection or target accepted by :func:`connect`
    key : str
        A key of :data:`FUNCTION_QUERIES` (see :func:`function_map`).
    **params
        The query's parameters by name (e.g. ``as_of="2025-12-31", days=90``).

    Returns
    -------
    pandas.DataFrame
        The query result (columns as in the query's SELECT list).

    Raises
    ------
    ValueError, TypeError
        Unknown key, missing or unknown parameter, or a bad value; the
        message names the query and the parameter.

    Examples
    --------
    >>> conn = connect()
    >>> _ = build_database(conn, {"customers": pd.DataFrame({"customer_id": ["C1", "C2"],
    ...     "name": ["Jade Home", "Sunrise"], "region": ["East", "West"], "channel": ["dealer", "project"]})})
    >>> run_function_query(conn, "customers_in_region", region="West")
      customer_id     name  channel  contacts
    0          C2  Sunrise  project         0
    """
    values = check_query_params(key, **params)
    conn = _open(conn)
    spec = FUNCTION_QUERIES[key]
    return query(conn, _sql(conn, spec.sql), spec.bind(values))


def function_map(language: str | None = None) -> pd.DataFrame:
    """The functions map as a table: which CRM function answers which question.

    Returns
    -------
    pandas.DataFrame
        One row per query of :data:`FUNCTION_QUERIES`: ``function`` (translated
        name), ``term`` (Chinese term), ``key``, ``question`` (translated)
        and ``parameters`` (names, ``=default`` for optional ones).

    Examples
    --------
    >>> function_map("en").groupby("function", sort=False).size().tolist()
    [3, 3, 3, 3, 2]
    """
    from .i18n import LANGUAGES, t

    if language is not None:
        check_option(language, "language", LANGUAGES)
    rows = []
    for key, q in FUNCTION_QUERIES.items():
        params = ", ".join(name if default is None else f"{name}={default}" for name, _, default in q.params)
        rows.append({"function": t(f"crm.function.{q.function}", language), "term": CRM_FUNCTIONS[q.function],
                     "key": key, "question": t(f"crm.query.{key}", language), "parameters": params})
    return pd.DataFrame(rows)


# ==========================================================================
# 4. Order history of the Customer 360 view (客户订单历史)
# ==========================================================================
#: Measures of an order history and the period lengths it can be bucketed by.
HISTORY_METRICS = ("revenue", "margin", "quantity", "orders")
HISTORY_FREQS = {"M": "month", "Q": "quarter"}

_Q_CATEGORY_MIX = """
SELECT p.category, COUNT(DISTINCT o.order_id) AS orders, SUM(l.quantity) AS quantity, SUM(l.revenue) AS revenue,
       SUM(l.revenue - l.cost) AS margin
FROM orders o JOIN order_lines l ON l.order_id = o.order_id JOIN products p ON p.product_id = l.product_id
WHERE o.customer_id = ? GROUP BY p.category ORDER BY p.category"""

__all__ += ["HISTORY_METRICS", "HISTORY_FREQS", "order_history", "category_mix", "order_span"]  # noqa: RUF022


def order_span(conn) -> tuple:
    """First and last order date in the database as Timestamps (None, None if no orders)."""
    conn = _open(conn)
    span = query(conn, "SELECT MIN(order_date) AS first, MAX(order_date) AS last FROM orders")
    first, last = span.iloc[0]
    return (None, None) if first is None else (pd.Timestamp(first), pd.Timestamp(last))


def order_history(orders, freq: str = "M", start=None, end=None) -> pd.DataFrame:
    """Order history per period: revenue, margin, quantity and orders, with cumulative shares.

    ``orders`` has one row per order (the ``orders`` frame of
    :func:`customer_360`: ``order_date, quantity, revenue, margin``).  Each
    period of the grid from ``start`` to ``end`` (default: the first and last
    order) gets the sums of its orders, zero if it has none, so customers can
    be compared on the same calendar.  ``cum_<metric>_share`` is the running
    total divided by the grand total (0 when the total is 0).

    Parameters
    ----------
    orders : pandas.DataFrame
    freq : {"M", "Q"}
        Calendar months or quarters.
    start, end : date-like, optional
        First and last day to cover; orders outside are refused (widen the
        range instead of dropping them silently).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``period`` (``pandas.Period``): ``start`` (first day),
        ``days`` (length), ``orders, quantity, revenue, margin`` and
        ``cum_orders_share, cum_quantity_share, cum_revenue_share,
        cum_margin_share``.

    Examples
    --------
    >>> o = pd.DataFrame({"order_date": ["2025-01-05", "2025-03-02", "2025-03-20"],
    ...                   "quantity": [2, 1, 1], "revenue": [100.0, 50.0, 50.0], "margin": [20.0, 5.0, 15.0]})
    >>> h = order_history(o, "M")
    >>> h[["orders", "revenue", "cum_margin_share"]].values.tolist()
    [[1.0, 100.0, 0.5], [0.0, 0.0, 0.5], [2.0, 100.0, 1.0]]
    """
    if not isinstance(orders, pd.DataFrame):
        raise TypeError(f"orders must be a pandas DataFrame, got {type(orders).__name__}")
    missing = [c for c in ("order_date", "quantity", "revenue", "margin") if c not in orders.columns]
    if missing:  # (an empty frame is fine: a customer without orders)
        raise ValueError(f"orders is missing column(s) {missing}; it has {_preview(orders.columns, 12)}")
    check_option(freq, "freq", HISTORY_FREQS)
    dates = pd.to_datetime(orders["order_date"], errors="coerce")
    bad = dates.isna()
    if bad.any():
        raise ValueError(f"orders column 'order_date' has missing or unparseable dates "
                         f"{_preview(orders.loc[bad, 'order_date'].unique())}")
    values = {}
    for col in ("quantity", "revenue", "margin"):
        values[col] = as_numeric_series(orders[col].reset_index(drop=True), f"orders[{col!r}]", allow_empty=True,
                                        nonnegative=col == "quantity")
    lo = as_timestamp(start, "start") if start is not None else (dates.min() if len(dates) else None)
    hi = as_timestamp(end, "end") if end is not None else (dates.max() if len(dates) else None)
    if lo is None or hi is None:
        raise ValueError("orders is empty: give start and end to get an empty calendar")
    if lo > hi:
        raise ValueError(f"start {lo.date()} must not be after end {hi.date()}")
    outside = (dates < lo.normalize()) | (dates > hi)
    if outside.any():
        raise ValueError(f"orders has dates outside start..end ({lo.date()}..{hi.date()}): "
                         f"{_preview(dates[outside].dt.strftime('%Y-%m-%d').unique())}")
    periods = pd.period_range(lo, hi, freq=freq)
    # position of each order's period on the calendar (period ordinals are consecutive integers)
    position = dates.dt.to_period(freq).array.asi8 - periods[0].ordinal
    columns = {"orders": np.ones(len(dates)), **{c: v.to_numpy(dtype=float) for c, v in values.items()}}
    start = periods.start_time
    data = {"start": start, "days": np.asarray((periods.end_time.normalize() - start).days + 1)}
    for col in HISTORY_METRICS[::-1]:  # orders, quantity, revenue, margin
        data[col] = np.bincount(position, weights=columns[col], minlength=len(periods))
    for col in HISTORY_METRICS[::-1]:
        total = data[col].sum()
        data[f"cum_{col}_share"] = np.cumsum(data[col]) / total if total != 0 else np.zeros(len(periods))
    return pd.DataFrame(data, index=pd.PeriodIndex(periods, name="period"))


def category_mix(conn, customer_id) -> pd.DataFrame:
    """What one customer buys: orders, quantity, revenue and margin per product category.

    One parameterised query; categories the customer never bought are left
    out.  Indexed by ``category`` (sorted).

    Examples
    --------
    >>> conn = connect()
    >>> _ = build_database(conn, {"customers": pd.DataFrame({"customer_id": ["C1"], "name": ["Jade"],
    ...                                                      "region": ["East"], "channel": ["dealer"]})})
    >>> len(category_mix(conn, "C1"))
    0
    """
    conn = _open(conn)
    if not isinstance(customer_id, str) or not customer_id:
        raise TypeError(f"customer_id must be a non-empty string; got {customer_id!r}")
    if query(conn, _sql(conn, "SELECT 1 FROM customers WHERE customer_id = ?"), (customer_id,)).empty:
        raise ValueError(f"customer_id {customer_id!r} is not in the customers table")
    mix = query(conn, _sql(conn, _Q_CATEGORY_MIX), (customer_id,))
    return mix.set_index("category")


# ==========================================================================
# 5. The logistics provider's CRM database (第三方物流客户数据库), for the casebook
# ==========================================================================
# The schema of section 2 was designed for the appliance distributor (regions
# and channels from fixed lists).  The 3PL's customer master (shippers, from
# scm_course.data.load_logistics) has other fields, so it gets its own small
# schema here.  Its constraints encode the data-quality rules of section 1,
# so the raw master is REJECTED until it is cleaned (clean_master): a
# malformed e-mail breaks ``shipper_email_format`` and a second record of the
# same company breaks ``shipper_same_name_phone`` / ``shipper_same_name_email``
# (the match rule of duplicate_groups, enforced by UNIQUE keys on the
# normalised name with the normalised phone / e-mail).

#: Industries of the logistics provider's shippers (``datasets/logistics``).
LOGISTICS_INDUSTRIES = ("e_commerce", "manufacturing", "retail", "wholesale", "food", "pharma")

#: Schema of the logistics provider's CRM database: shippers (客户), their
#: shipments (运单) and the record of merged duplicates (合并记录).  Portable
#: SQL, named constraints, like :data:`SCHEMA_SQL`.
LOGISTICS_SCHEMA_SQL = f"""
CREATE TABLE IF NOT EXISTS shippers (
    customer_id  TEXT PRIMARY KEY,
    name         TEXT NOT NULL CONSTRAINT shipper_name_not_blank CHECK (length(trim(name)) > 0),
    name_key     TEXT NOT NULL CONSTRAINT shipper_name_key_not_blank CHECK (length(name_key) > 0),
    industry     TEXT CONSTRAINT shipper_industry_allowed
                      CHECK (industry IS NULL OR industry IN {_in(LOGISTICS_INDUSTRIES)}),
    city         TEXT,
    contact_name TEXT,
    phone        TEXT,
    phone_key    TEXT,
    email        TEXT CONSTRAINT shipper_email_format
                      CHECK (email IS NULL OR (email LIKE '%_@_%._%' AND email NOT LIKE '%@%@%'
                                               AND email NOT LIKE '% %')),
    email_key    TEXT,
    signup_date  TEXT NOT NULL CONSTRAINT shipper_signup_iso CHECK (length(signup_date) = 10),
    last_updated TEXT NOT NULL CONSTRAINT shipper_updated_after_signup CHECK (last_updated >= signup_date),
    CONSTRAINT shipper_same_name_phone UNIQUE (name_key, phone_key),
    CONSTRAINT shipper_same_name_email UNIQUE (name_key, email_key)
);
CREATE TABLE IF NOT EXISTS shipments (
    shipment_id  TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES shippers (customer_id),
    ship_date    TEXT NOT NULL CONSTRAINT shipment_date_iso CHECK (length(ship_date) = 10),
    revenue      DOUBLE PRECISION NOT NULL CONSTRAINT shipment_revenue_positive CHECK (revenue > 0),
    direct_cost  DOUBLE PRECISION NOT NULL CONSTRAINT shipment_direct_cost_non_negative CHECK (direct_cost >= 0),
    service_cost DOUBLE PRECISION NOT NULL CONSTRAINT shipment_service_cost_non_negative CHECK (service_cost >= 0)
);
CREATE TABLE IF NOT EXISTS shipper_merges (
    merged_id    TEXT PRIMARY KEY,
    kept_id      TEXT NOT NULL REFERENCES shippers (customer_id),
    CONSTRAINT merge_not_into_itself CHECK (merged_id <> kept_id)
);
CREATE INDEX IF NOT EXISTS shipments_by_shipper ON shipments (customer_id, ship_date);
"""

#: Columns of each logistics table, in insertion (parent before child) order.
LOGISTICS_TABLE_COLUMNS = {
    "shippers": ("customer_id", "name", "name_key", "industry", "city", "contact_name", "phone", "phone_key",
                 "email", "email_key", "signup_date", "last_updated"),
    "shipments": ("shipment_id", "customer_id", "ship_date", "revenue", "direct_cost", "service_cost"),
    "shipper_merges": ("merged_id", "kept_id"),
}
#: The identifiers (tables, columns) the package may format into SQL text; see :func:`_ident`.
_SQL_IDENTIFIERS = frozenset(
    [*TABLE_COLUMNS, *LOGISTICS_TABLE_COLUMNS]
    + [c for cols in (*TABLE_COLUMNS.values(), *LOGISTICS_TABLE_COLUMNS.values()) for c in cols])
_MASTER_COLUMNS = ("customer_id", "name", "industry", "city", "contact_name", "phone", "email", "signup_date",
                   "last_updated")
_SHIPMENT_COLUMNS = ("shipment_id", "customer_id", "date", "revenue", "direct_cost", "service_cost")

__all__ += [  # noqa: RUF022
    "LOGISTICS_INDUSTRIES", "LOGISTICS_SCHEMA_SQL", "LOGISTICS_TABLE_COLUMNS", "clean_master",
    "build_logistics_database", "shipper_360",
]


def _email_key(value) -> str | None:
    return value.strip().casefold() if isinstance(value, str) and value.strip() else None


def _blank_to_none(value):
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def clean_master(master, shipments=None, *, id_column="customer_id", signup="signup_date",
                 updated="last_updated") -> dict:
    """Clean a customer master before it goes into the CRM database (客户数据清洗).

    Two steps, in this order, each recorded so that it can be checked:

    1. **Malformed contacts are set to missing** (accuracy, 准确性): every
       value that :func:`invalid_contacts` reports (e-mail or phone) becomes
       NaN -- a wrong address is worse than none, and missing values are
       visible to :func:`completeness`.
    2. **Duplicates are merged** (重复记录合并): in each group of
       :func:`duplicate_groups` the record with the earliest ``signup`` date
       (ties: the smallest id) is kept -- the original record; the others
       are merged into it.  The kept record keeps its own values; only its
       missing fields are filled from the merged records, the most recently
       updated first.  ``signup`` becomes the group's earliest date and
       ``updated`` its latest.  Transactions of merged records are re-pointed
       to the kept record, so each customer has one history (客户360视图).

    Parameters
    ----------
    master : pandas.DataFrame
        The customer master with ``id_column, name, phone, email, signup,
        updated`` (other columns are kept and filled like the rest).
    shipments : pandas.DataFrame, optional
        Transactions with an ``id_column`` column; every id must be in
        ``master``.
    id_column, signup, updated : str
        Column names.

    Returns
    -------
    dict
        ``customers`` (the cleaned master, input order, merged records
        dropped), ``shipments`` (re-pointed copy; only if given),
        ``merged`` (``merged_id, kept_id, group``: one row per merged
        record) and ``nulled`` (the :func:`invalid_contacts` rows that were
        set to missing).

    Examples
    --------
    >>> m = pd.DataFrame({"customer_id": ["K1", "K2", "K3"],
    ...                   "name": ["HENGXIN FOODS CO LTD", "Hengxin Foods Co., Ltd.", "Anda Retail"],
    ...                   "phone": ["+86 100 1234 5678", "+86 100 1234 5678", None],
    ...                   "email": [None, "wei@hx.example", "info anda.example"],
    ...                   "signup_date": ["2025-03-01", "2024-01-10", "2024-05-05"],
    ...                   "last_updated": ["2025-06-01", "2024-02-01", "2024-05-05"]})
    >>> out = clean_master(m)
    >>> out["customers"][["customer_id", "email", "last_updated"]].values.tolist()
    [['K2', 'wei@hx.example', '2025-06-01'], ['K3', nan, '2024-05-05']]
    >>> out["merged"].values.tolist()
    [['K1', 'K2', 1]]
    """
    check_column_args(master, "master", id_column=id_column, signup=signup, updated=updated)
    check_columns(master, [id_column, "name", "phone", "email", signup, updated], "master")
    if shipments is not None:
        check_columns(shipments, [id_column], "shipments")
        _finite_amounts(shipments, "shipments")
    nulled = invalid_contacts(master, id_column=id_column)
    out = master.copy()
    for field in ("email", "phone"):
        bad = nulled.loc[nulled["field"] == field, id_column]
        out[field] = out[field].astype(object)
        out.loc[out[id_column].isin(bad), field] = np.nan
    groups = duplicate_groups(out, id_column=id_column)
    signup_dates = pd.to_datetime(out[signup], errors="coerce", format="mixed")
    updated_dates = pd.to_datetime(out[updated], errors="coerce", format="mixed")
    for col, dates in ((signup, signup_dates), (updated, updated_dates)):
        bad = dates.isna()
        if bad.any():
            raise ValueError(f"master column {col!r} has missing or unparseable dates at customers "
                             f"{_preview(out.loc[bad, id_column])}")
    position = pd.Series(np.arange(len(out)), index=out[id_column].to_numpy())
    merged_rows = []
    drop = []
    for group, members in groups.groupby("group", sort=True):
        rows = position[members[id_column]].to_numpy()
        order = sorted(rows, key=lambda i: (signup_dates.iloc[i], str(out[id_column].iloc[i])))
        keep, others = order[0], order[1:]
        donors = sorted(others, key=lambda i: updated_dates.iloc[i], reverse=True)
        for col in out.columns:
            if col in (id_column, signup, updated):
                continue
            if _blank_to_none(out.iat[keep, out.columns.get_loc(col)]) is None:
                for d in donors:
                    value = _blank_to_none(out.iat[d, out.columns.get_loc(col)])
                    if value is not None:
                        out.iat[keep, out.columns.get_loc(col)] = value
                        break
        first, last = signup_dates.iloc[rows].min(), updated_dates.iloc[rows].max()
        for col, value in ((signup, first), (updated, last)):
            original = out[col]
            if pd.api.types.is_datetime64_any_dtype(original.dtype):
                out.iat[keep, out.columns.get_loc(col)] = value
            else:
                out.iat[keep, out.columns.get_loc(col)] = value.strftime("%Y-%m-%d")
        for i in others:
            merged_rows.append((out[id_column].iloc[i], out[id_column].iloc[keep], int(group)))
            drop.append(i)
    merged = pd.DataFrame(merged_rows, columns=["merged_id", "kept_id", "group"])
    result = {"customers": out.drop(index=out.index[drop]).reset_index(drop=True), "merged": merged,
              "nulled": nulled}
    if shipments is not None:
        check_columns(shipments, [id_column], "shipments")
        unknown = ~shipments[id_column].isin(master[id_column])
        if unknown.any():
            raise ValueError(f"shipments refer to customers not in master: "
                             f"{_preview(shipments.loc[unknown, id_column].unique())}")
        moved = shipments.copy()
        moved[id_column] = moved[id_column].replace(dict(zip(merged["merged_id"], merged["kept_id"])))
        result["shipments"] = moved
    return result


def _finite_amounts(frame: pd.DataFrame, name: str) -> None:
    """Every numeric column of ``frame`` finite: NaN/inf would pass the database's CHECKs (or become NULL)."""
    for col in frame.columns:
        values = frame[col]
        if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
            arr = values.to_numpy(dtype=float, na_value=np.nan)
            if not np.isfinite(arr).all():
                raise ValueError(f"{name} column {col!r} must hold finite numbers; NaN or inf at rows "
                                 f"{_preview(frame.index[~np.isfinite(arr)])}")


def _need_columns(df, columns, name: str) -> None:
    """Like check_columns, but an empty frame is allowed (nothing to load)."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame; got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s) {missing}; it has {_preview(df.columns, 12)}")


def _iso_dates(frame: pd.DataFrame, column: str, name: str, id_column: str) -> pd.Series:
    """A date column parsed to Timestamps; missing or unparseable dates raise, naming the rows' ids."""
    dates = pd.to_datetime(frame[column], errors="coerce", format="mixed")
    bad = dates.isna()
    if bad.any():
        raise ValueError(f"{name} column {column!r} has missing or unparseable dates at "
                         f"{_preview(frame.loc[bad, id_column])}")
    return dates


def _logistics_prepared(master, shipments, merged) -> dict:
    """The rows of each logistics table, with the matching keys computed (no cleaning)."""
    _need_columns(master, _MASTER_COLUMNS, "master")
    for col in ("name", "phone", "email") if len(master) else ():  # (empty: nothing to check)
        _text_column(master, col)
    shippers = master[list(_MASTER_COLUMNS)].copy()
    for col in ("signup_date", "last_updated"):
        shippers[col] = _iso_dates(shippers, col, "master", "customer_id")
    # a blank name keeps itself as key, so the name CHECK (not the key) reports it
    shippers["name_key"] = [normalise_name(v) or v for v in master["name"]]
    shippers["phone_key"] = [normalise_phone(v) for v in master["phone"]]
    shippers["email_key"] = [_email_key(v) for v in master["email"]]
    prepared = {"shippers": _records(shippers, LOGISTICS_TABLE_COLUMNS["shippers"])}
    if shipments is not None:
        _need_columns(shipments, _SHIPMENT_COLUMNS, "shipments")
        frame = shipments[list(_SHIPMENT_COLUMNS)].copy()
        _finite_amounts(frame, "shipments")
        frame["date"] = _iso_dates(frame, "date", "shipments", "shipment_id")
        frame = frame.rename(columns={"date": "ship_date"})
        prepared["shipments"] = _records(frame, LOGISTICS_TABLE_COLUMNS["shipments"])
    if merged is not None:
        _need_columns(merged, ["merged_id", "kept_id"], "merged")
        prepared["shipper_merges"] = _records(merged, LOGISTICS_TABLE_COLUMNS["shipper_merges"])
    return prepared


def build_logistics_database(conn, master, shipments=None, merged=None) -> dict:
    """Load the logistics provider's shippers and shipments in ONE transaction.

    ``master`` (the customer master of :func:`scm_course.data.load_logistics`
    or its :func:`clean_master` version), ``shipments`` and ``merged`` (the
    ``merged`` table of :func:`clean_master`) go into the tables of
    :data:`LOGISTICS_SCHEMA_SQL`.  The loader only adds the matching keys
    (``name_key`` by :func:`normalise_name`, ``phone_key`` by
    :func:`normalise_phone`, ``email_key`` case-folded); it does not clean.
    The database's constraints decide: the raw master is rejected (a
    malformed e-mail, then a second record of the same company), the cleaned
    one loads.  Values are bound to placeholders; nothing is formatted into
    SQL.

    Returns
    -------
    dict
        Rows inserted per table.

    Raises
    ------
    ValueError
        If a row breaks a key, NOT NULL, UNIQUE or CHECK constraint; the
        message names the table, the row and the constraint, and the
        database is left exactly as it was (rollback).

    Examples
    --------
    >>> conn = connect()
    >>> m = pd.DataFrame({"customer_id": ["K1"], "name": ["Anda Retail Co., Ltd."], "industry": ["retail"],
    ...                   "city": ["Hefei"], "contact_name": [None], "phone": ["+86 100 1234 5678"],
    ...                   "email": ["li@anda.example"], "signup_date": ["2024-05-05"],
    ...                   "last_updated": ["2025-01-02"]})
    >>> build_logistics_database(conn, m)
    {'shippers': 1}
    >>> query(conn, "SELECT name_key, phone_key FROM shippers").values.tolist()
    [['andaretail', '+8610012345678']]
    """
    conn = _open(conn)
    prepared = _logistics_prepared(master, shipments, merged)
    sqlite_conn = _is_sqlite(conn)
    if sqlite_conn:
        saved_level = conn.isolation_level
        conn.isolation_level = None  # explicit BEGIN/COMMIT: schema and rows in one transaction
    cur = conn.cursor()
    counts = {}
    try:
        if sqlite_conn:
            cur.execute("BEGIN")
        for statement in (s.strip() for s in LOGISTICS_SCHEMA_SQL.split(";")):
            if statement:
                cur.execute(statement)
        for name, rows in prepared.items():
            columns = LOGISTICS_TABLE_COLUMNS[name]
            sql = _sql(conn, f"INSERT INTO {_ident(name)} ({', '.join(map(_ident, columns))}) "
                             f"VALUES ({', '.join('?' * len(columns))})")
            for i, row in enumerate(rows):
                try:
                    cur.execute(sql, row)
                except (sqlite3.IntegrityError, *_integrity_errors(conn)) as err:
                    raise _constraint_error(conn, name, columns, i, row, err) from err
            counts[name] = len(rows)
        if sqlite_conn:
            cur.execute("COMMIT")
        else:
            conn.commit()
    except BaseException:
        if sqlite_conn:
            if conn.in_transaction:
                cur.execute("ROLLBACK")
        else:
            conn.rollback()
        raise
    finally:
        if sqlite_conn:
            conn.isolation_level = saved_level
    return counts


_Q_SHIPPER_RESOLVE = """
SELECT customer_id FROM shippers WHERE customer_id = ?
UNION SELECT kept_id FROM shipper_merges WHERE merged_id = ?"""
_Q_SHIPPER_PROFILE = """
SELECT s.customer_id, s.name, s.industry, s.city, s.contact_name, s.phone, s.email, s.signup_date,
       s.last_updated, COUNT(t.shipment_id) AS shipments, COALESCE(SUM(t.revenue), 0) AS revenue,
       COALESCE(SUM(t.revenue - t.direct_cost - t.service_cost), 0) AS profit,
       MIN(t.ship_date) AS first_shipment, MAX(t.ship_date) AS last_shipment
FROM shippers s LEFT JOIN shipments t ON t.customer_id = s.customer_id
WHERE s.customer_id = ?
GROUP BY s.customer_id, s.name, s.industry, s.city, s.contact_name, s.phone, s.email, s.signup_date,
         s.last_updated"""
_Q_SHIPPER_SHIPMENTS = """SELECT shipment_id, ship_date, revenue, direct_cost, service_cost FROM shipments
WHERE customer_id = ? ORDER BY ship_date, shipment_id"""
_Q_SHIPPER_MERGED = "SELECT merged_id FROM shipper_merges WHERE kept_id = ? ORDER BY merged_id"


def shipper_360(conn, customer_id) -> dict:
    """The customer 360 view (客户360视图) of one shipper in the logistics CRM database.

    ``customer_id`` may also be the id of a merged record: it is resolved to
    the record it was merged into (old ids on old documents still find the
    customer).  Four parameterised queries.

    Returns
    -------
    dict
        ``profile`` (one-row DataFrame: master fields, ``shipments,
        revenue, profit`` (after direct cost and cost to serve),
        ``first_shipment, last_shipment``), ``shipments`` (the log, oldest
        first), ``merged_ids`` (list of ids merged into it) and
        ``customer_id`` (the resolved id).

    Raises
    ------
    ValueError
        If the id is neither a shipper nor a merged record.

    Examples
    --------
    >>> conn = connect()
    >>> m = pd.DataFrame({"customer_id": ["K1"], "name": ["Anda Retail"], "industry": [None], "city": [None],
    ...                   "contact_name": [None], "phone": [None], "email": [None],
    ...                   "signup_date": ["2024-05-05"], "last_updated": ["2024-05-05"]})
    >>> _ = build_logistics_database(conn, m, merged=pd.DataFrame({"merged_id": ["K9"], "kept_id": ["K1"]}))
    >>> view = shipper_360(conn, "K9")
    >>> view["customer_id"], view["merged_ids"], int(view["profile"].loc[0, "shipments"])
    ('K1', ['K9'], 0)
    """
    conn = _open(conn)
    if not isinstance(customer_id, str) or not customer_id.strip():
        raise TypeError(f"customer_id must be a non-empty string; got {customer_id!r}")
    found = query(conn, _sql(conn, _Q_SHIPPER_RESOLVE), (customer_id, customer_id))
    if found.empty:
        raise ValueError(f"customer_id {customer_id!r} is neither a shipper nor a merged record in the database")
    resolved = str(found.iloc[0, 0])
    return {"customer_id": resolved,
            "profile": query(conn, _sql(conn, _Q_SHIPPER_PROFILE), (resolved,)),
            "shipments": query(conn, _sql(conn, _Q_SHIPPER_SHIPMENTS), (resolved,)),
            "merged_ids": query(conn, _sql(conn, _Q_SHIPPER_MERGED), (resolved,))["merged_id"].tolist()}
