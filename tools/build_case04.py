"""Write the Case 4 notebooks (student edition and solutions) from this script.

    python tools/build_case04.py            write both notebooks (no outputs)
    python tools/build_case04.py --execute  write them and execute them in place

The notebooks are the product; this script only keeps their cells in one
reviewable place.  Cell ids are fixed, so rebuilding gives a clean diff.
Executing stores the outputs that ``pytest --nbval`` compares later.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from notebook_builder import GRADER, LANGUAGE_CELL, ROOT, Assignment, code, md, open_question, key_terms, question, run  # noqa: E402

CASE = ROOT / "casebook" / "04_grocery_stockouts"
STUDENT = CASE / "04_grocery_stockouts.ipynb"
SOLUTIONS_NB = CASE / "solutions" / "04_grocery_stockouts_solutions.ipynb"


# --------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------
SETUP = [
    code(LANGUAGE_CELL, tags=["language"]),
    code("""
%matplotlib inline
import pandas as pd
from scm_course import service, tradeoff
from scm_course.cases import grocery
from scm_course.plots.tradeoff import plot_cost_revenue
"""),
    GRADER,
]

QUESTIONS = {
    1: """
### Question 1 — Who buys elsewhere? (去其他商店购买的顾客)

Over **all 3,200 answers** of the survey, what share of shoppers bought the item at another store (`other_store`)?
Answer in %, e.g. `25`, or as a fraction, e.g. `0.25` (within half a percentage point).
""",
    2: """
### Question 2 — Which stockout loses most of the sale? (哪个品类缺货损失的销售最多？)

A stockout loses the share `lost_sale` of the sale for each reaction, so the **expected lost sales** (期望销售损失) of a stockout in a category is the sum over the five reactions of *share of shoppers × `lost_sale`*.
In which category does a stockout lose the largest share of the sale?
Answer with the category id, e.g. `"milk"` (the English or Chinese name works too).
""",
    3: """
### Question 3 — What a unit of coffee short costs (咖啡缺货一件的成本)

Run the coffee tree through `service.stockout_reactions(tree, outcomes)`.
What is the **stockout cost** (缺货成本) of one unit of coffee short — the expected margin the store loses?
Answer in CNY, e.g. `5.0` (within 0.02 CNY).
""",
    4: """
### Question 4 — Margin lost per year (每年的毛利损失)

Demand that meets an empty shelf — the audit's out-of-stock rate `oos` of the demand — loses `cost_per_unit_short` per unit.
How much margin do stockouts cost the **whole chain** (36 stores) **per year**, over the eight categories?
Answer in CNY, e.g. `100000` (within 1 %).
""",
    5: """
### Question 5 — The best service level for bread (面包的利润最优服务水平)

Use the stockout cost per unit short as `Cu` and `holding_cost` as `Co`.
What is the profit-optimal cycle service level of **bread**?
Answer in %, e.g. `80`, or as a fraction, e.g. `0.8` (within half a percentage point).
""",
    6: """
### Question 6 — Below the present target (低于现行目标的品类)

How many of the eight categories have a profit-optimal service level **below the present 95 %**?
Answer with a whole number.
""",
    7: """
### Question 7 — What one level per category is worth (分品类服务水平的价值)

Use `annual_gain` for every category.
By how much would the chain's profit rise per year if every category got its own optimal level instead of the uniform 95 %?
Answer in CNY per year, e.g. `100000` (within 1 %).
""",
    8: """
### Question 8 — The basket effect (购物篮效应) — open-ended

Corsten and Gruen (2004) argue that a shopper who leaves for another store may do the **whole shopping trip** there, and some switch stores for good.
Raise the margin lost by `other_store` from 1.0 to 1.5 and to 2.0 unit margins (`effects.loc["other_store", "margin_lost"] = 1.5`, then rerun `stockout_cost` and `tradeoff.optimal_service_level`; set it back to 1.0 afterwards).
How do the optimal levels change? Does the conclusion change? How could the chain measure the basket effect?

There is no automatic check: write your answer below and discuss it in class.
""",
    9: """
### Question 9 — Policy or execution? (策略问题还是执行问题？) — open-ended

At a 95 % cycle service level the model expects well under 1 % of demand to go unserved, yet the audit found shelves empty in 9.2 % of its checks, from under 4 % in the best stores to 17.5 % in the worst (`tables["shelf_checks"].groupby("store_id")["out_of_stock"].mean()`).
What does that gap say, and what should Meadowbrook fix first?

There is no automatic check: write your answer below and discuss it in class.
""",
    10: """
### Question 10 — Who should get what? (如何向品类经理解释？) — open-ended

The bakery manager will read "61 % for bread" as "empty shelves every evening", the diaper manager will ask for more.
What would you tell them, and what else could the chain do about its empty shelves?

There is no automatic check: write your answer below and discuss it in class.
""",
}


def Q(n: int):
    """Where question ``n`` goes in the cell lists (expanded by :func:`master_cells`)."""
    return ("question", n)


def question_cells(n: int):
    """Question ``n`` as an otter-grader question (solution and tests in the master only)."""
    if n >= 8:  # open-ended: discussed in class, graded by the instructor
        return open_question(n, QUESTIONS[n], SOLUTIONS[n])
    return question(n, f"case04.q{n}", QUESTIONS[n], SOLUTIONS[n])


# --------------------------------------------------------------------------
# the case
# --------------------------------------------------------------------------
INTRO = [
    md("""
# Case 4 · Stockouts at Meadowbrook Markets (麦溪超市的缺货问题)

*Course chapters used: 2 (customer reactions to stockouts, 缺货反应) and 3 (the cost/benefit trade-off, 成本/收益权衡). Time: one 90-minute class.*

Run the three code cells below first: the first sets the language of figures and feedback, the second imports the course package, the third starts the answer checker.
"""),
    *SETUP,
    md("""
## The situation (案例背景)

Meadowbrook Markets (麦溪超市, a fictional chain) runs 36 neighbourhood supermarkets in the Yangtze River Delta.
Every store orders every category with one rule: a **95 % cycle service level** (周期服务水平) — no stockout in 19 replenishment cycles out of 20.
Complaints about empty shelves (缺货) have risen, and the category managers disagree about the cure: bakery and produce say 95 % already fills the waste bin every evening; baby care and personal care say a mother who finds no diapers of her brand does her whole shopping at the competitor across the street.

Both have a point, because what a stockout costs depends on what the shopper does next: buy at another store, take another brand or size, come back later, or not buy at all.
The chief operating officer wants three answers: what stockouts cost per year and category, which service level each category should have to maximise profit, and what replacing the uniform 95 % would be worth.

The full brief is the case folder's [`README.md`](README.md).
"""),
    md("""
## Learning goals (学习目标)

After this case you can

- turn a shopper survey into the consumer **stockout reaction tree** (缺货反应树) of Chapter 2 and the expected **lost sales** (销售损失) of one stockout;
- price a unit short — the **stockout cost** (缺货成本), the margin the store really loses, which is less than the full margin when shoppers substitute;
- set the **profit-optimal cycle service level** (利润最优服务水平) of each category with the newsvendor **critical ratio** (临界比) `Cu / (Cu + Co)` of Chapter 3;
- show what one uniform 95 % target costs compared with a service level per category, and tell a policy problem from an execution problem.
"""),
    key_terms("case04", STUDENT),
    md("""
**How the questions work.** Each checked question has an answer cell and a check cell, `grader.check("q1")` (otter-grader's self-check).
Replace `None` with your answer, run both cells and read the feedback: "passed" when it is right, otherwise a hint.
Later cells never use your answers, so the notebook runs to the end even with questions left open.
Questions 8–10 are open-ended and are discussed in class.
"""),
]

DATA = [
    md("""
## The data (数据)

Four tables, described column by column in the data dictionary [`data/README.md`](data/README.md).
`grocery.load()` checks every file against its checksum and its schema before it returns them.
"""),
    code("""
tables = grocery.load()
{name: frame.shape for name, frame in tables.items()}
"""),
    md("""
`categories` holds the planning data per category: the replenishment cycle, the mean and standard deviation of demand **per store and cycle**, the price, the unit cost and the cost of a unit left over (`holding_cost`).
"""),
    code("""
categories = tables["categories"].set_index("category")
categories[["name_en", "perishable", "cycle_days", "demand_mean", "demand_sd", "price", "unit_cost", "holding_cost"]]
"""),
    md("""
Three perishables (易腐品: milk on a 2-day cycle, bread and produce daily) and five shelf-stable categories on 3- or 7-day cycles.
A loaf of bread left over costs 1.55 CNY (much of it is written off), a six-pack of soft drinks only 0.07 CNY (it is simply sold three days later).

The survey has one row per answer: 1,600 shoppers, each asked what they did at the last stockout in two categories. The shelf audit has one row per check.
"""),
    code("""
tables["survey"].head()
"""),
    code("""
tables["shelf_checks"].head()
"""),
]

SECTION_1 = [
    md("""
## 1. The survey (顾客调查)

Count the reactions per category: each row of the table below is one category's reaction profile, the shares of its answers.
"""),
    code("""
survey = tables["survey"]
shares = pd.crosstab(survey["category"], survey["reaction"], normalize="index")[list(grocery.REACTIONS)]
shares.round(3)
"""),
    md("""
Brand-loyal personal and baby products (diapers, shampoo) send shoppers to another store; bread and soft drinks are substituted in the store; detergent and shampoo, which households stock up on, are often simply bought later.
The worldwide study of Gruen, Corsten and Bharadwaj (2002) found on average 31 % other store, 26 % other brand, 19 % other size, 15 % delay and 9 % don't buy.
"""),
    Q(1),
]

SECTION_2 = [
    md("""
## 2. The shelf audit (货架检查)

Auditors checked every category in every store 20 times in four weeks.
The **out-of-stock rate** (缺货率) is the share of checks that found the shelf empty.
"""),
    code("""
oos = tables["shelf_checks"].groupby("category")["out_of_stock"].mean()
oos.sort_values(ascending=False).round(3)
"""),
    md("""
Bread runs out most often, in one check of seven; the chain-wide rate is 9.2 %, in the range of the 8.3 % the worldwide study found.
How often a shelf is empty is one thing; what each empty shelf costs is the next.
"""),
]

SECTION_3 = [
    md("""
## 3. What one stockout costs (一次缺货的成本)

The chain's planners assume what each reaction loses the store: all of the sale if the shopper buys elsewhere or not at all, a fifth if she delays (some never come back for it), none of the sale but 10–15 % of the margin if she takes another brand or a (usually smaller) size.
"""),
    code("""
effects = tables["reaction_effects"].set_index("reaction")
effects[["name_en", "lost_sale", "margin_lost"]]
"""),
    Q(2),
    md("""
The survey shares become the branch probabilities of the stockout tree of Chapter 2 (switch store? → substitute? → brand or size / delay or don't buy); `grocery.reaction_tree` builds it.
Each leaf carries what it loses: the share of the sale and the margin, `margin_lost` × the unit margin.
For coffee the unit margin is 45 − 30 = 15 CNY:
"""),
    code("""
margin = categories["price"] - categories["unit_cost"]
tree = grocery.reaction_tree(shares.loc["coffee"])
outcomes = pd.DataFrame({"lost_sale": effects["lost_sale"], "cost": effects["margin_lost"] * margin["coffee"]})
outcomes
"""),
    Q(3),
    md("""
The same for every category, in one small function. The `coffee` row repeats Question 3.
"""),
    code("""
def stockout_cost(cat):
    outcomes = pd.DataFrame({"lost_sale": effects["lost_sale"], "cost": effects["margin_lost"] * margin[cat]})
    res = service.stockout_reactions(grocery.reaction_tree(shares.loc[cat]), outcomes)
    return pd.Series({"lost_share": res["expected_lost_sales"], "cost_per_unit_short": res["expected_cost"]})

per_unit = pd.DataFrame({cat: stockout_cost(cat) for cat in categories.index}).T
per_unit.round(3)
"""),
    md("""
Everywhere a stockout costs well under the unit margin: substitution keeps part of the sale in the store.
It costs most for diapers (12.25 CNY of a 21 CNY margin) and shampoo, where shoppers go elsewhere, and least for milk, produce and soft drinks.
"""),
]

SECTION_4 = [
    md("""
## 4. Lost sales and margin per year (每年的销售损失与毛利损失)

Demand is per store and replenishment cycle; the chain has 36 stores and `365 / cycle_days` cycles a year.
"""),
    code("""
cycles = grocery.N_STORES * grocery.DAYS_PER_YEAR / categories["cycle_days"]
annual_units = categories["demand_mean"] * cycles
annual_units.round(0)
"""),
    Q(4),
]

SECTION_5 = [
    md("""
## 5. The profit-optimal service level (利润最优服务水平)

Stock one more unit if the expected stockout cost it avoids beats the expected cost of having it left over.
The optimal cycle service level is the critical ratio `Cu / (Cu + Co)` (Chapter 3), here with `Cu` = the stockout cost per unit short and `Co` = `holding_cost`; `tradeoff.optimal_service_level(Cu, Co)` computes it.
"""),
    Q(5),
    md("""
The same for every category:
"""),
    code("""
optimal = pd.Series({cat: tradeoff.optimal_service_level(per_unit.loc[cat, "cost_per_unit_short"],
                                                         categories.loc[cat, "holding_cost"])
                     for cat in categories.index}, name="optimal_level")
optimal.round(3)
"""),
    Q(6),
]

SECTION_6 = [
    md("""
## 6. One level for all vs one per category (统一服务水平与分品类服务水平)

`tradeoff.service_cost_curves` gives the expected profit per store and cycle at each service level.
With `unit_margin` = the stockout cost, its profit differs from the store's true profit only by a constant (the margin of all demand), so the *difference* between two levels is exact.
`annual_gain(cat)` is that difference between the optimal level and 95 %, for the whole chain and a year:
"""),
    code("""
def annual_gain(cat):
    row = categories.loc[cat]
    curves = tradeoff.service_cost_curves(
        [grocery.CURRENT_SERVICE_LEVEL, optimal[cat]], demand_mean=row["demand_mean"], demand_sd=row["demand_sd"],
        unit_margin=per_unit.loc[cat, "cost_per_unit_short"], unit_holding_cost=row["holding_cost"])
    return (curves["profit"].iloc[1] - curves["profit"].iloc[0]) * cycles[cat]

round(annual_gain("bread"))
"""),
    md("""
Bread alone gains 174,000 CNY a year by stocking less: lower write-offs outweigh the extra stockouts.
"""),
    Q(7),
    md("""
See it on bread: revenue (here: the stockout cost avoided), inventory cost and profit against the service level, the optimum `a` and the present 95 %.
"""),
    code("""
bread = categories.loc["bread"]
curves = tradeoff.service_cost_curves(
    tradeoff.service_level_grid(0.5, 0.99, 0.005), demand_mean=bread["demand_mean"], demand_sd=bread["demand_sd"],
    unit_margin=per_unit.loc["bread", "cost_per_unit_short"], unit_holding_cost=bread["holding_cost"])
best, now = curves.loc[curves["profit"].idxmax()], curves.loc[0.95]
chart = plot_cost_revenue(curves, optimum={"service_level": best.name, "profit": best["profit"]},
                          current={"service_level": 0.95, "profit": now["profit"]})
"""),
    md("""
The profit curve is flat near its peak at 61 % and falls ever faster towards 95 %: the present target costs about 13 CNY per store and day in bread alone.
A cycle service level is not the share of demand served (the fill rate, 订单满足率): at 61 % the stores still serve about 93 % of bread demand, because a cycle that runs short runs short only at its end.
"""),
]

DISCUSSION = [
    md("""
## 7. Discussion (讨论)

The numbers so far assume the planners' loss shares and take the shelves as the policy sets them.
The three open questions test both assumptions; use code cells of your own where you need numbers.
"""),
    Q(8),
    Q(9),
    Q(10),
]

SUMMARY = [
    md("""
## Summary (小结)

- Only part of a stockout is lost: shoppers who substitute keep most of the margin in the store. The survey turns into a stockout tree (缺货反应树) and an expected **stockout cost** (缺货成本) per unit short — 7.73 CNY for coffee, not its 15 CNY margin.
- How often a shelf is empty (bread: 14 % of checks) and how much an empty shelf loses (diapers: 54 % of the sale) are different things.
- Stockouts cost Meadowbrook about 0.62 million CNY of margin a year in eight categories (1.5 % of their sales), most of it in bread and produce; charging the full margin would more than double that.
- The **critical ratio** (临界比) sets a different best service level for every category: about 61 % for bread and produce, 84 % for milk, 96–98 % for the shelf-stable goods.
- Replacing the uniform 95 % by these levels earns about 0.46 million CNY a year, almost all of it by stocking less of the perishables.
- Shelves empty in 9 % of checks point to execution in the stores, not to the target: fix that first.
"""),
    md("""
## References (参考文献)

- Gruen, T. W., Corsten, D. S. and Bharadwaj, S. (2002). *Retail Out-of-Stocks: A Worldwide Examination of Extent, Causes and Consumer Responses*. Grocery Manufacturers of America, Washington DC.
- Corsten, D. and Gruen, T. (2004). Stock-outs cause walkouts. *Harvard Business Review* 82(5), 26–28.
- Snyder, L. V. and Shen, Z.-J. M. (2019). *Fundamentals of Supply Chain Theory*, 2nd ed. Wiley, ch. 4 (the newsvendor problem and the critical ratio).
- Ballou, R. H. (2004). *Business Logistics/Supply Chain Management*, 5th ed. Pearson Prentice Hall, ch. 4 (the cost–revenue trade-off of customer service).
- Course Chapter 2 (the consumer stockout tree, `service.stockout_reactions`) and Chapter 3 (the profit-maximising service level, `tradeoff.optimal_service_level`, `tradeoff.service_cost_curves`).
- The case's data: [`data/README.md`](data/README.md) (synthetic, seed 2026, documented ranges).
"""),
]


def master_cells():
    cells = []
    for spec in INTRO + DATA + SECTION_1 + SECTION_2 + SECTION_3 + SECTION_4 + SECTION_5 + SECTION_6 + DISCUSSION + SUMMARY:
        cells += question_cells(spec[1]) if spec[0] == "question" else [spec]
    return cells


# --------------------------------------------------------------------------
# the solutions
# --------------------------------------------------------------------------
SOLUTIONS = {
    1: [
        md("""
**Solution.** Count all 3,200 answers together: 29.3 % buy at another store (the worldwide study: 31 %).
Averaging the eight category shares gives almost the same number here, but not in general; adding `dont_buy` (39.2 %) gives the "walk-out" share, which is not the question.
"""),
        code("""
answer_1 = float((survey["reaction"] == "other_store").mean())
answer_1
"""),
    ],
    2: [
        md("""
**Solution.** Multiply each category's shares by `lost_sale` and add up: diapers lose 54 % of the sale per stockout.
Bread runs out most often (section 2) but loses only 26.5 % per stockout — two shoppers in three take another loaf: frequency and severity are different things.
"""),
        code("""
lost_share = shares @ effects.loc[shares.columns, "lost_sale"]
answer_2 = lost_share.idxmax()
lost_share.sort_values(ascending=False).round(3)
"""),
    ],
    3: [
        md("""
**Solution.** The leaves carry the survey shares as probabilities; the expected cost is Σ probability × cost = 7.73 CNY.
A coffee stockout loses 47 % of the sale but only about half of the 15 CNY margin. Using `lost_sale` instead of `margin_lost` (7.03) forgets the lower margin of the substitutes.
"""),
        code("""
coffee = service.stockout_reactions(tree, outcomes)
answer_3 = coffee["expected_cost"]
coffee["leaves"][["probability", "lost_sale", "cost", "expected_cost"]].round(3)
"""),
    ],
    4: [
        md("""
**Solution.** Units per year × OOS rate × stockout cost per unit short, summed: 624,865 CNY a year, 1.5 % of the eight categories' sales of 41.6 million CNY.
Bread and produce are 58 % of it. Charging the full margin for every stockout would claim 1.45 million — more than twice the truth.
"""),
        code("""
lost_margin = annual_units * oos * per_unit["cost_per_unit_short"]
answer_4 = float(lost_margin.sum())
sales = float((annual_units * categories["price"]).sum())
round(answer_4), round(answer_4 / sales, 4), lost_margin.sort_values(ascending=False).round(0).to_dict()
"""),
    ],
    5: [
        md("""
**Solution.** `Cu` = 2.45 CNY (a loaf short), `Co` = 1.55 CNY (a loaf left over): 2.45 / (2.45 + 1.55) = 61.2 %.
With the full 7 CNY margin as `Cu` it would be 81.8 % — the substitution in the store is what makes a low level right.
"""),
        code("""
cu, co = per_unit.loc["bread", "cost_per_unit_short"], categories.loc["bread", "holding_cost"]
answer_5 = tradeoff.optimal_service_level(cu, co)
round(float(cu), 3), round(float(co), 3), round(answer_5, 3)
"""),
    ],
    6: [
        md("""
**Solution.** Three: milk (83.5 %), bread (61.2 %) and produce (60.7 %), the perishables.
The five shelf-stable categories belong *above* 95 % (96.0–97.9 %): a unit left over costs them almost nothing.
"""),
        code("""
answer_6 = int((optimal < grocery.CURRENT_SERVICE_LEVEL).sum())
answer_6
"""),
    ],
    7: [
        md("""
**Solution.** 456,944 CNY a year. Produce (270,182) and bread (174,000) bring 97 % of it; for the shelf-stable goods the step from 95 % to 96–98 % is right but worth only a few hundred CNY each, because their stockouts at 95 % are already rare and leftovers cheap.
"""),
        code("""
gain = pd.Series({cat: annual_gain(cat) for cat in categories.index}, name="gain_cny_per_year")
answer_7 = float(gain.sum())
round(answer_7), gain.sort_values(ascending=False).round(0).to_dict()
"""),
    ],
    8: [
        md("""
**A model answer.** The optimal levels rise everywhere: bread 61 → 66 → 69 %, produce 61 → 66 → 70 %, milk 84 → 87 → 89 %, diapers 97.0 → 97.9 → 98.3 % (at 1.0, 1.5 and 2.0 unit margins for `other_store`).
The ranking and the conclusion do not change: the perishables stay far below 95 %, the shelf-stable goods above it.
The basket loss matters most for the categories that send many shoppers away (diapers, shampoo, coffee).
Good answers also say how to measure it: with loyalty-card data, do shoppers who met a stockout come back less often, and do they spend less on their next trips?
"""),
    ],
    9: [
        md("""
**A model answer.** At 95 % the model expects under 1 % of demand to go unserved (bread 0.56 %, shampoo 0.84 %), yet shelves are empty in 9.2 % of checks, from 3.8 % (S31) to 17.5 % (S05; S34 and S17 are next).
The gap is not the service target but **execution**: forecasting and ordering in the store, shelf replenishment from the backroom, planogram errors.
Gruen et al. (2002) attribute roughly 70–75 % of out-of-stocks to store-level causes and only a minority to the warehouse or the supplier.
Fixing execution in the worst stores is worth more than fine-tuning the target; the profit-optimal level is the right target *once* the shelves reflect the stock.
"""),
    ],
    10: [
        md("""
**A model answer.** The level is per cycle, not per hour: 61 % means running out near the end of some days, when most shoppers take another loaf, and the stores still serve about 93 % of bread demand.
Keep a minimum assortment on display late in the day (bake-off in the afternoon, markdown at 19:00).
For diapers and shampoo raise availability and talk to the suppliers about delivery reliability (Chapter 2: shelf space follows reliability).
Survey the shoppers again after the change, because reactions depend on how often shoppers meet stockouts.
"""),
    ],
}

# --------------------------------------------------------------------------


def notebooks():
    """The otter-grader master of this case: student and solution versions are made from it."""
    return [Assignment(STUDENT, SOLUTIONS_NB, master_cells(), "case04")]


def main(argv=None) -> int:
    return run(notebooks(), argv, __doc__)


if __name__ == "__main__":
    sys.exit(main())
