"""Case 4 data: stockouts at a grocery chain (杂货连锁超市的缺货).

Meadowbrook Markets (麦溪超市, a fictional chain of 36 supermarkets) ran a
shopper survey on what people do when they find an item out of stock
(缺货时的消费者反应) and a four-week shelf audit (货架检查).  Four tables:

* ``categories`` -- eight product categories with their planning data per
  store and replenishment cycle (demand mean and standard deviation, price,
  unit cost, cost of a unit left over at the end of the cycle);
* ``reaction_effects`` -- the five reactions and the share of the sale and of
  the margin the store loses with each (the chain's planning assumptions);
* ``survey`` -- one row per answer: which reaction a shopper reports for a
  stockout in a category;
* ``shelf_checks`` -- one row per shelf check: was the category's item out of
  stock.

The reaction shares are drawn around category profiles whose average matches
the worldwide study of Gruen, Corsten and Bharadwaj (2002) and Corsten and
Gruen (2004): about 31 % buy at another store, 26 % another brand, 19 %
another size or variety of the same brand, 15 % delay the purchase and 9 % do
not buy; brand-loyal personal and baby products send more shoppers to another
store, stockpiled goods more to delay, impulse and commodity goods more to
substitutes.  Out-of-stock rates (about 6-11 %, average near 8 %) are in the
range that study reports for developed markets.

:func:`reaction_tree` turns the five shares into the consumer stockout tree
of :func:`scm_course.service.stockout_reactions` (switch store? -> substitute?
-> brand or size / delay or not buy).

References
----------
Gruen, T. W., Corsten, D. S. and Bharadwaj, S. (2002). *Retail Out-of-Stocks:
    A Worldwide Examination of Extent, Causes and Consumer Responses*.
    Grocery Manufacturers of America (GMA), Washington, DC.
Corsten, D. and Gruen, T. (2004). "Stock-outs cause walkouts", *Harvard
    Business Review* 82(5), 26-28.

Examples
--------
>>> tables = generate()
>>> sorted(tables)
['categories', 'reaction_effects', 'shelf_checks', 'survey']
>>> len(tables["survey"]), len(tables["shelf_checks"])
(3200, 5760)
>>> tree = reaction_tree({"other_store": 0.3, "other_brand": 0.3, "other_size": 0.2, "delay": 0.1, "dont_buy": 0.1})
>>> tree["stockout"]["other_store"], round(tree["substitute"]["other_brand"], 4)
(0.3, 0.6)
"""
from __future__ import annotations

from collections.abc import Mapping
from numbers import Real
from pathlib import Path

import numpy as np
import pandas as pd

from .._validation import as_folder
from ._files import read_tables, write_tables

__all__ = [
    "CASE_FOLDER",
    "SEED",
    "N_STORES",
    "DAYS_PER_YEAR",
    "CURRENT_SERVICE_LEVEL",
    "REACTIONS",
    "SCHEMA",
    "generate",
    "write",
    "load",
    "reaction_tree",
]

#: Folder of the case under ``casebook/``.
CASE_FOLDER = "04_grocery_stockouts"
#: Seed of the published data files.
SEED = 2026
#: Supermarkets in the chain.
N_STORES = 36
#: Days per year used to turn cycles into annual figures.
DAYS_PER_YEAR = 365
#: The chain's present policy: the same cycle service level for every category.
CURRENT_SERVICE_LEVEL = 0.95
#: The five reactions to a stockout, in survey order.
REACTIONS = ("other_store", "other_brand", "other_size", "delay", "dont_buy")

SCHEMA = {
    "categories": {"category": "str", "name_en": "str", "name_zh": "str", "perishable": "bool", "cycle_days": "int",
                   "demand_mean": "float", "demand_sd": "float", "price": "float", "unit_cost": "float",
                   "holding_cost": "float"},
    "reaction_effects": {"reaction": "str", "name_en": "str", "name_zh": "str", "lost_sale": "float",
                         "margin_lost": "float"},
    "survey": {"response_id": "int", "respondent_id": "int", "store_id": "str", "category": "str",
               "reaction": "str"},
    "shelf_checks": {"check_id": "int", "store_id": "str", "date": "date", "category": "str",
                     "out_of_stock": "bool"},
}

#: category -> (name_en, name_zh, perishable, cycle_days, demand mean, demand sd per store and cycle,
#: price, unit cost (CNY), share of leftover units written off, out-of-stock rate of the audit)
_CATEGORIES = {
    "milk": ("Fresh milk (950 ml)", "鲜奶（950 毫升）", True, 2, 80.0, 18.0, 13.5, 9.5, 0.03, 0.07),
    "bread": ("In-store bread (loaf)", "店内烘焙面包（个）", True, 1, 45.0, 12.0, 12.0, 5.0, 0.30, 0.11),
    "produce": ("Fresh fruit and vegetables (kg)", "新鲜果蔬（公斤）", True, 1, 120.0, 30.0, 8.0, 5.0, 0.18, 0.06),
    "coffee": ("Ground coffee (250 g)", "咖啡粉（250 克）", False, 7, 18.0, 7.0, 45.0, 30.0, 0.0, 0.08),
    "diapers": ("Baby diapers (pack)", "婴儿纸尿裤（包）", False, 7, 25.0, 9.0, 89.0, 68.0, 0.0, 0.09),
    "detergent": ("Laundry detergent (2 kg)", "洗衣液（2 公斤）", False, 7, 40.0, 14.0, 39.0, 28.0, 0.0, 0.07),
    "soft_drinks": ("Soft drinks (6-pack)", "软饮料（6 罐装）", False, 3, 70.0, 25.0, 15.0, 11.0, 0.0, 0.10),
    "shampoo": ("Shampoo (400 ml)", "洗发水（400 毫升）", False, 7, 20.0, 8.0, 42.0, 27.0, 0.0, 0.08),
}
#: Annual carrying-cost rate on the unit cost and handling cost per unit carried into the next cycle (CNY).
_HOLDING_RATE, _HANDLING = 0.25, 0.05

#: category -> expected reaction shares in REACTIONS order (other store, other brand, other size, delay, don't buy)
_PROFILES = {
    "milk": (0.24, 0.36, 0.22, 0.08, 0.10),
    "bread": (0.18, 0.34, 0.28, 0.08, 0.12),
    "produce": (0.30, 0.14, 0.34, 0.08, 0.14),
    "coffee": (0.36, 0.22, 0.18, 0.17, 0.07),
    "diapers": (0.45, 0.14, 0.20, 0.16, 0.05),
    "detergent": (0.28, 0.24, 0.16, 0.26, 0.06),
    "soft_drinks": (0.22, 0.40, 0.16, 0.08, 0.14),
    "shampoo": (0.38, 0.20, 0.12, 0.22, 0.08),
}

#: reaction -> (name_en, name_zh, share of the sale lost, share of the item's margin lost)
_EFFECTS = {
    "other_store": ("Buy the item at another store", "去其他商店购买", 1.0, 1.0),
    "other_brand": ("Buy another brand", "购买其他品牌", 0.0, 0.10),
    "other_size": ("Buy another size or variety of the same brand", "购买同品牌的其他规格", 0.0, 0.15),
    "delay": ("Delay the purchase", "推迟购买", 0.20, 0.20),
    "dont_buy": ("Do not buy the item", "不购买", 1.0, 1.0),
}

_N_RESPONDENTS, _CATEGORIES_PER_RESPONDENT = 1600, 2
_CHECKS_PER_STORE_CATEGORY = 20
_AUDIT_START, _AUDIT_DAYS = pd.Timestamp("2025-03-03"), 28


def _store_ids() -> list[str]:
    return [f"S{i:02d}" for i in range(1, N_STORES + 1)]


def generate(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The case's four tables, the same for the same ``seed``.

    ``categories`` and ``reaction_effects`` are fixed planning data;
    ``holding_cost`` = unit cost x (0.25 x cycle_days / 365 + write-off
    share) + 0.05 CNY handling.  The survey draws, for each of 1,600
    shoppers, two different categories and a reaction in each from the
    category's profile (multinomial).  The shelf audit checks every store and
    category 20 times on random days of four weeks; a check finds the shelf
    empty with probability ``oos_rate x store factor`` (store factor
    lognormal, sigma 0.35, mean 1).

    Parameters
    ----------
    seed : int, default :data:`SEED`

    Returns
    -------
    dict of str -> pandas.DataFrame
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}")
    rng = np.random.default_rng(seed)
    rows = []
    for cat, (en, zh, perishable, days, mu, sd, price, cost, waste, _) in _CATEGORIES.items():
        holding = cost * (_HOLDING_RATE * days / DAYS_PER_YEAR + waste) + _HANDLING
        rows.append((cat, en, zh, perishable, days, mu, sd, price, cost, round(holding, 3)))
    categories = pd.DataFrame(rows, columns=list(SCHEMA["categories"]))
    effects = pd.DataFrame([(r, *v) for r, v in _EFFECTS.items()], columns=list(SCHEMA["reaction_effects"]))

    stores = np.array(_store_ids())
    cats = np.array(list(_CATEGORIES))
    home = rng.integers(0, N_STORES, _N_RESPONDENTS)
    answers = []
    for respondent in range(_N_RESPONDENTS):
        for cat in rng.choice(cats, size=_CATEGORIES_PER_RESPONDENT, replace=False):
            reaction = REACTIONS[rng.choice(len(REACTIONS), p=_PROFILES[cat])]
            answers.append((respondent + 1, stores[home[respondent]], cat, reaction))
    survey = pd.DataFrame(answers, columns=["respondent_id", "store_id", "category", "reaction"])
    survey.insert(0, "response_id", np.arange(1, len(survey) + 1))

    factor = rng.lognormal(-0.35**2 / 2, 0.35, N_STORES)
    checks = []
    for s, store in enumerate(stores):
        for cat in cats:
            p = min(_CATEGORIES[cat][-1] * factor[s], 0.5)
            days = np.sort(rng.integers(0, _AUDIT_DAYS, _CHECKS_PER_STORE_CATEGORY))
            empty = rng.random(_CHECKS_PER_STORE_CATEGORY) < p
            checks += [(store, _AUDIT_START + pd.Timedelta(days=int(d)), cat, bool(e)) for d, e in zip(days, empty)]
    shelf = pd.DataFrame(checks, columns=["store_id", "date", "category", "out_of_stock"])
    shelf.insert(0, "check_id", np.arange(1, len(shelf) + 1))
    return {"categories": categories, "reaction_effects": effects, "survey": survey, "shelf_checks": shelf}


def write(folder, seed: int = SEED) -> None:
    """Write the tables of :func:`generate` as ``<table>.csv`` plus ``SHA256SUMS`` into ``folder``.

    The same seed always gives the same bytes.
    """
    write_tables(as_folder(folder), generate(seed))


def _default_folder() -> Path:
    return Path(__file__).resolve().parents[2] / "casebook" / CASE_FOLDER / "data"


_RESTORE = "restore it with git or re-run python tools/make_case_data.py grocery"


def load(folder=None) -> dict[str, pd.DataFrame]:
    """Read and check the case's CSV files (``casebook/04_grocery_stockouts/data`` by default).

    Each file must match its SHA-256 checksum in ``SHA256SUMS`` and its
    :data:`SCHEMA`; survey and audit rows must name known categories,
    reactions and stores.

    Raises
    ------
    FileNotFoundError
        A file is missing (the message says how to restore it).
    ValueError
        A file is corrupted or truncated (checksum mismatch, naming the file),
        or a table breaks its schema.
    """
    folder = _default_folder() if folder is None else as_folder(folder, must_exist=True)
    tables = read_tables(folder, SCHEMA, _RESTORE)
    for name in ("survey", "shelf_checks"):
        unknown = set(tables[name]["category"]) - set(tables["categories"]["category"])
        if unknown:
            raise ValueError(f"{name}: unknown category {min(unknown)!r}; {_RESTORE}")
    unknown = set(tables["survey"]["reaction"]) - set(REACTIONS)
    if unknown:
        raise ValueError(f"survey: unknown reaction {min(unknown)!r}; allowed: {list(REACTIONS)}")
    return tables


def reaction_tree(shares) -> dict:
    """The consumer stockout tree (缺货反应树) for five reaction shares.

    The shares of the survey become the branch probabilities of the seed's
    tree, each conditional on the branch above it::

        stockout     -> other_store: s,            stay: 1 - s
        stay         -> substitute: (b + z) / (1 - s), no_substitute: (d + n) / (1 - s)
        substitute   -> other_brand: b / (b + z),  other_size: z / (b + z)
        no_substitute-> delay: d / (d + n),        dont_buy: n / (d + n)

    with ``s, b, z, d, n`` the shares of other_store, other_brand,
    other_size, delay and dont_buy; so the leaf probabilities of
    :func:`scm_course.service.stockout_reactions` give back the shares.  A
    branch no one reaches (zero denominator) is split evenly.

    Parameters
    ----------
    shares : mapping or pandas.Series
        Share of each of :data:`REACTIONS`, each in [0, 1], summing to 1
        (within 1e-6).

    Returns
    -------
    dict
        ``node -> {child: probability}``, for ``stockout_reactions(branches=...)``.

    Examples
    --------
    >>> from scm_course.service import stockout_reactions
    >>> shares = {"other_store": 0.31, "other_brand": 0.26, "other_size": 0.19, "delay": 0.15, "dont_buy": 0.09}
    >>> leaves = stockout_reactions(reaction_tree(shares), {r: {"lost_sale": 0, "cost": 0} for r in REACTIONS})
    >>> leaves["leaves"]["probability"].round(2).to_dict() == shares
    True
    """
    if isinstance(shares, pd.Series):
        shares = shares.to_dict()
    if not isinstance(shares, Mapping):
        raise TypeError(f"shares must be a mapping or Series reaction -> share, got {type(shares).__name__}")
    if set(shares) != set(REACTIONS):
        raise ValueError(f"shares must give exactly {list(REACTIONS)}, got {sorted(map(str, shares))}")
    values = {}
    for r in REACTIONS:
        v = shares[r]
        if isinstance(v, bool) or not isinstance(v, Real) or not np.isfinite(v) or not 0 <= v <= 1:
            raise ValueError(f"shares[{r!r}] must be a number in [0, 1], got {v!r}")
        values[r] = float(v)
    total = sum(values.values())
    if abs(total - 1) > 1e-6:
        raise ValueError(f"shares must sum to 1, got {total:.6g}")
    s, b, z, d, n = (values[r] for r in REACTIONS)

    def split(a, c):
        return (0.5, 0.5) if a + c == 0 else (a / (a + c), c / (a + c))

    stay = split(b + z, d + n)
    return {"stockout": {"other_store": s, "stay": 1 - s},
            "stay": {"substitute": stay[0], "no_substitute": stay[1]},
            "substitute": dict(zip(("other_brand", "other_size"), split(b, z))),
            "no_substitute": dict(zip(("delay", "dont_buy"), split(d, n)))}
