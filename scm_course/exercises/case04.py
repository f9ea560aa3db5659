"""Questions of Case 4, grocery stockouts (杂货连锁超市的缺货).

Each grader computes the expected answer with the package's model functions
(:func:`scm_course.service.stockout_reactions`,
:func:`scm_course.tradeoff.optimal_service_level`,
:func:`scm_course.tradeoff.service_cost_curves`) on the case data
(:func:`scm_course.cases.grocery.load`) -- there is no stored answer key --
and either returns a short note for a correct answer or raises
:class:`~scm_course.exercises.WrongAnswer` with a hint that points to the
method, not to the number.

======  =================================================================  ==========
id      question                                                           answer
======  =================================================================  ==========
q1      share of all survey answers "buy at another store", in %           number
q2      category whose stockout loses the largest share of the sale        category
q3      cost of one unit short of coffee (expected margin lost), CNY       number
q4      margin lost to stockouts per year, whole chain, audit OOS rates    number
q5      profit-optimal cycle service level of bread, in %                  number
q6      categories whose optimal service level is below 95 %               int
q7      profit gain per year of per-category optimal levels vs 95 % (CNY)  number
======  =================================================================  ==========
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import service, tradeoff
from ..cases import grocery
from ..i18n import t
from . import WrongAnswer, normalise_text, read_int, read_number, read_percent, read_text

__all__ = ["QUESTIONS", "expected_answer", "category_table", "SHARE_TOL", "MONEY_RTOL", "CNY_TOL"]

#: Tolerances: percentage points for shares and service levels, relative for
#: annual money, CNY for a unit cost.
SHARE_TOL = 0.005
MONEY_RTOL = 0.01
CNY_TOL = 0.02


@lru_cache(maxsize=1)
def _tables() -> dict:
    return grocery.load()


def _shares() -> pd.DataFrame:
    survey = _tables()["survey"]
    return pd.crosstab(survey["category"], survey["reaction"], normalize="index")[list(grocery.REACTIONS)]


@lru_cache(maxsize=2)
def category_table(full_margin: bool = False) -> pd.DataFrame:
    """Per category: stockout cost, optimal level, annual lost margin and gain over the uniform 95 % policy.

    With ``full_margin=True`` every stockout is taken to lose the whole unit
    margin (the common mistake the hints recognise).
    """
    tables = _tables()
    effects = tables["reaction_effects"].set_index("reaction")
    oos = tables["shelf_checks"].groupby("category")["out_of_stock"].mean()
    shares = _shares()
    rows = {}
    for cat, row in tables["categories"].set_index("category").iterrows():
        margin = row["price"] - row["unit_cost"]
        lost = pd.Series(1.0, index=effects.index) if full_margin else effects["margin_lost"]
        outcomes = pd.DataFrame({"lost_sale": effects["lost_sale"], "cost": lost * margin})
        reactions = service.stockout_reactions(grocery.reaction_tree(shares.loc[cat]), outcomes)
        cost = reactions["expected_cost"]
        level = tradeoff.optimal_service_level(cost, row["holding_cost"])
        cycles = grocery.N_STORES * grocery.DAYS_PER_YEAR / row["cycle_days"]
        curves = tradeoff.service_cost_curves([grocery.CURRENT_SERVICE_LEVEL, level], demand_mean=row["demand_mean"],
                                              demand_sd=row["demand_sd"], unit_margin=cost,
                                              unit_holding_cost=row["holding_cost"])
        gain_per_cycle = float(curves["profit"].iloc[1] - curves["profit"].iloc[0])
        rows[cat] = {"unit_margin": margin, "expected_lost_sales": reactions["expected_lost_sales"],
                     "stockout_cost": cost, "oos_rate": float(oos[cat]), "annual_units": row["demand_mean"] * cycles,
                     "lost_margin": row["demand_mean"] * cycles * float(oos[cat]) * cost,
                     "optimal_level": level, "gain_per_cycle": gain_per_cycle, "gain": gain_per_cycle * cycles}
    return pd.DataFrame(rows).T.rename_axis("category")


def expected_answer(question: str):
    """The answer the checker expects for ``question`` (``"q1"`` ... ``"q7"``)."""
    table = category_table()
    if question == "q1":
        return float((_tables()["survey"]["reaction"] == "other_store").mean())
    if question == "q2":
        return str(table["expected_lost_sales"].idxmax())
    if question == "q3":
        return float(table.loc["coffee", "stockout_cost"])
    if question == "q4":
        return float(table["lost_margin"].sum())
    if question == "q5":
        return float(table.loc["bread", "optimal_level"])
    if question == "q6":
        return int((table["optimal_level"] < grocery.CURRENT_SERVICE_LEVEL).sum())
    if question == "q7":
        return float(table["gain"].sum())
    raise ValueError(f"question must be one of {sorted(QUESTIONS)}, got {question!r}")


def _hint(question: str, name: str = "hint", **fields) -> WrongAnswer:
    return WrongAnswer(t(f"exercises.case04.{question}.{name}", **fields))


def _note(question: str) -> str:
    return t(f"exercises.case04.{question}.note")


def _close(value: float, target: float, rtol: float = MONEY_RTOL) -> bool:
    return abs(value - target) <= rtol * abs(target)


def grade_q1(answer) -> str:
    share = read_percent(answer, example="25")
    if abs(share - expected_answer("q1")) <= SHARE_TOL:
        return _note("q1")
    reactions = _tables()["survey"]["reaction"]
    if abs(share - float(reactions.isin(["other_store", "dont_buy"]).mean())) <= SHARE_TOL:
        raise _hint("q1", "hint_walkout")
    raise _hint("q1")


def _category_aliases() -> dict:
    aliases = {}
    for row in _tables()["categories"].itertuples(index=False):
        for name in (row.category, row.name_en, row.name_en.split(" (")[0], row.name_zh, row.name_zh.split("（")[0]):
            aliases[normalise_text(name)] = row.category
    return aliases


def grade_q2(answer) -> str:
    key = _category_aliases().get(normalise_text(read_text(answer, example='"milk"')))
    if key is None:
        raise _hint("q2", "hint_unknown", options=", ".join(_tables()["categories"]["category"]))
    if key == expected_answer("q2"):
        return _note("q2")
    if key == str(category_table()["oos_rate"].idxmax()):
        raise _hint("q2", "hint_oos")
    raise _hint("q2")


def grade_q3(answer) -> str:
    value = read_number(answer, example="5.0")
    if abs(value - expected_answer("q3")) <= CNY_TOL:
        return _note("q3")
    row = category_table().loc["coffee"]
    if abs(value - row["unit_margin"]) <= CNY_TOL:
        raise _hint("q3", "hint_full_margin")
    if abs(value - row["expected_lost_sales"]) <= 0.005 or abs(value - row["expected_lost_sales"] * row["unit_margin"]) <= CNY_TOL:
        raise _hint("q3", "hint_lost_sale")
    raise _hint("q3")


def grade_q4(answer) -> str:
    value = read_number(answer, example="100000")
    if _close(value, expected_answer("q4")):
        return _note("q4")
    if _close(value, float(category_table(full_margin=True)["lost_margin"].sum())):
        raise _hint("q4", "hint_full_margin")
    table = category_table()
    if _close(value, float((table["lost_margin"] / grocery.N_STORES).sum())):
        raise _hint("q4", "hint_stores")
    raise _hint("q4")


def grade_q5(answer) -> str:
    level = read_percent(answer, example="0.8")
    if abs(level - expected_answer("q5")) <= SHARE_TOL:
        return _note("q5")
    if abs(level - float(category_table(full_margin=True).loc["bread", "optimal_level"])) <= SHARE_TOL:
        raise _hint("q5", "hint_full_margin")
    raise _hint("q5")


def grade_q6(answer) -> str:
    value = read_int(answer, example="2")
    if value == expected_answer("q6"):
        return _note("q6")
    raise _hint("q6", count=len(category_table()))


def grade_q7(answer) -> str:
    value = read_number(answer, example="100000")
    if _close(value, expected_answer("q7")):
        return _note("q7")
    if _close(value, float(category_table()["gain_per_cycle"].sum())):
        raise _hint("q7", "hint_per_cycle")
    if _close(value, float(category_table(full_margin=True)["gain"].sum())):
        raise _hint("q7", "hint_full_margin")
    raise _hint("q7")


QUESTIONS = {"q1": grade_q1, "q2": grade_q2, "q3": grade_q3, "q4": grade_q4, "q5": grade_q5, "q6": grade_q6,
             "q7": grade_q7}
