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

References
----------
Batini, C. and Scannapieco, M. (2016). *Data and Information Quality*.
    Springer, ch. 2 (completeness, accuracy, currency/timeliness).
Christen, P. (2012). *Data Matching*. Springer, ch. 3-6 (normalisation,
    blocking and grouping of duplicate records).
ITU-T Recommendation E.164 (2010): international numbers have at most 15 digits.
"""
from __future__ import annotations

import re
from numbers import Real

import numpy as np
import pandas as pd

from ._validation import _preview, as_timestamp, check_columns

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


def normalise_phone(phone) -> str | None:
    """Digits of a phone number with a leading ``+`` kept; None if missing.

    ``"+86 100 1234 5678"`` -> ``"+8610012345678"``.  Used to compare numbers
    written with different spacing.
    """
    if not isinstance(phone, str):
        return None
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
    if not isinstance(name, str) or not name.strip():
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
    check_columns(master, [id_column, updated], "master")
    as_of = as_timestamp(as_of, "as_of")
    if isinstance(max_age_days, bool) or not isinstance(max_age_days, Real) or not max_age_days >= 0:
        raise ValueError(f"max_age_days must be a number of days >= 0, got {max_age_days!r}")
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
