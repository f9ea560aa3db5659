"""Write the Case 1 notebooks (student edition and solutions) from this script.

    python tools/build_case01.py            write both notebooks (no outputs)
    python tools/build_case01.py --execute  write them and execute them in place

The notebooks are the product; this script only keeps their cells in one
reviewable place.  Cell ids are fixed, so rebuilding gives a clean diff.
Executing stores the outputs that ``pytest --nbval`` compares later.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from notebook_builder import GRADER, LANGUAGE_CELL, ROOT, Assignment, code, md, open_question, key_terms, question, run  # noqa: E402

CASE = ROOT / "casebook" / "01_appliance_logistics"
STUDENT = CASE / "01_appliance_logistics.ipynb"
SOLUTIONS_NB = CASE / "solutions" / "01_appliance_logistics_solutions.ipynb"


# --------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------
SETUP = [
    code(LANGUAGE_CELL, tags=["language"]),
    code("""
%matplotlib inline
import pandas as pd
from scm_course import t
from scm_course import priority as pr
from scm_course import tradeoff as tr
from scm_course.cases import appliance as ap
from scm_course.plots.priority import plot_pareto
"""),
    GRADER,
]

QUESTIONS = {
    1: """
### Question 1 — How many A products? (A类产品有几个？)

Classify the 12 product classes by **annual gross margin** (年毛利) with the case's cut-offs 50 / 80 / 95 % (`ap.PRODUCT_CUTOFFS`).
How many product classes are in class A?
Answer with a whole number.
""",
    2: """
### Question 2 — Where do televisions queue? (电视机的订单服务优先级)

Televisions (P04) have the thinnest margin rate of all twelve classes, but a television that is not there is a lost sale (importance 1).
What is the **order service priority** (订单服务优先级) of televisions — their place in the `priority` column?
Answer with a whole number.
""",
    3: """
### Question 3 — The small distributors' air conditioners (V类客户的A类产品)

What priority number does the contribution matrix give cell **V × A** (class-V distributors, class-A products)?
Answer with a whole number.
""",
    4: """
### Question 4 — What the big distributors get on class-D products (I×D单元的服务承诺)

What availability and what delivery time does the policy promise in cell **I × D** (the largest distributors, class-D products)?
Answer with a pair `(availability, delivery_days)`, e.g. `(0.9, 5)`.
""",
    5: """
### Question 5 — Safety stock of the differentiated policy (差异化政策的安全库存)

How much safety stock does the differentiated policy need in total, valued at unit cost?
Answer in **million CNY**, e.g. `12.34` (within 0.02 million).
""",
    6: """
### Question 6 — The extra holding cost (额外的持有成本)

How much more holding cost per year does the differentiated policy cost than today's uniform 98 %?
Answer in **million CNY per year**, e.g. `0.75` (within 0.02 million).
""",
    7: """
### Question 7 — Is the differentiated policy worth it? (差异化政策值得吗？) — open-ended

Ms Lin says the differentiated policy protects the big accounts; Mr Zhao says a uniform 98.6 % would protect the same share of the margin with 3.8 million CNY less stock.
Is the policy worth 1.3 million CNY a year? Who is right, and what would you recommend?

There is no automatic check: write your answer below and discuss it in class.
""",
    8: """
### Question 8 — Margin or cost? (按毛利还是按成本排序？) — open-ended

The matrix ranks cells by margin; safety stock follows the demand variability over the lead time.
What should decide a cell's promise: its margin, or how cheaply availability can be bought there?
Where do the two disagree in Kelan's data (try `margin_cell / sd_cell`), and what would a better ranking use?

There is no automatic check: write your answer below and discuss it in class.
""",
    9: """
### Question 9 — What does the model leave out? (模型忽略了什么？) — open-ended

List what the safety-stock numbers ignore — for example seasonality, pooling, lead-time variability, the value of a distributor's loyalty, the delivery days — and say how each would move the recommendation.

There is no automatic check: write your answer below and discuss it in class.
""",
}


def Q(n: int):
    """Where question ``n`` goes in the cell lists (expanded by :func:`master_cells`)."""
    return ("question", n)


def question_cells(n: int):
    """Question ``n`` as an otter-grader question (solution and tests in the master only)."""
    if n >= 7:  # open-ended: discussed in class, graded by the instructor
        return open_question(n, QUESTIONS[n], SOLUTIONS[n])
    return question(n, f"case01.q{n}", QUESTIONS[n], SOLUTIONS[n])


# --------------------------------------------------------------------------
# the case
# --------------------------------------------------------------------------
INTRO = [
    md("""
# Case 1 · Kelan Appliance Logistics: which customers get which service? (科澜家电物流：设定服务优先级)

*Course chapters used: 3 (service level and inventory, 服务水平与库存) and 4 (setting customer service priorities, 设定客户服务优先级). Time: one 90-minute class.*

Run the three code cells below first: the first sets the language of figures and feedback, the second imports the course package, the third starts the answer checker.
"""),
    *SETUP,
    md("""
## The situation (案例背景)

Kelan Appliance Logistics (科澜家电物流, a fictional company) is the logistics arm of a mid-sized Chinese maker of white goods and kitchen appliances.
From its regional warehouses it supplies **30 distributors** (经销商) — wholesalers, retail chains, e-commerce sellers, county dealers and project-sales firms — with **12 product classes** (产品类别); in 2024 it earned a gross margin of 187 million CNY.

Today every distributor gets the same promise: **98 % inventory availability** (库存可得性) and delivery in two days.
Ms Lin Xiaowen, the new sales director, calls this "fair but foolish" and proposes the textbook approach: rank distributors and products by margin, build the **customer-product contribution matrix** (客户—产品贡献矩阵) and give each cell the service of its band, from 100 %/next day down to 90 %/5 days.
Mr Zhao Peng, the logistics controller, wants to know first what that costs in **safety stock** (安全库存) and yearly holding cost.

The full brief is the case folder's [`README.md`](README.md).
"""),
    md("""
## Learning goals (学习目标)

After this case you can

- classify products and customers by their margin contribution (ABC分类) with the cut-offs of the case;
- rank orders by profit-margin rank and importance — the **order service priority** (订单服务优先级) of Chapter 4;
- build the customer-product **contribution matrix** (贡献矩阵) and read the service policy its bands imply;
- translate availability targets into safety stock and yearly **holding cost** (持有成本) with Chapter 3's normal model, and compare a differentiated with a uniform policy — including what the extra cost buys.
"""),
    key_terms("case01", STUDENT),
    md("""
**How the questions work.** Each checked question has an answer cell and a check cell, `grader.check("q1")` (otter-grader's self-check).
Replace `None` with your answer, run both cells and read the feedback: "passed" when it is right, otherwise a hint.
Later cells never use your answers, so the notebook runs to the end even with questions left open.
Questions 7–9 are open-ended and are discussed in class.
"""),
]

DATA = [
    md("""
## The data (数据)

Three tables, described column by column in the data dictionary [`data/README.md`](data/README.md): the distributors, the product classes and a year of weekly demand, one row per week × distributor × product class.
`ap.load()` checks every file against its checksum and its schema before it returns them.
"""),
    code("""
tables = ap.load()
{name: table.shape for name, table in tables.items()}
"""),
    code("""
tables["distributors"].head()
"""),
    md("""
The product classes carry the unit cost and the wholesale price (CNY), the **importance code** of the order-priority method (1 lost sale 失销, 2 slight delay acceptable, 3 longer delay acceptable), the replenishment lead time in weeks and the yearly holding-cost rate.
"""),
    code("""
classes = tables["product_classes"].set_index("class_id")
classes["margin_rate"] = (classes["unit_price"] - classes["unit_cost"]) / classes["unit_price"]
classes[["name_en", "name_zh", "unit_cost", "unit_price", "margin_rate", "importance", "lead_time_weeks"]].round(3)
"""),
    md("""
Margin rates run from 15.5 % (televisions) to 27.0 % (range hoods).
`ap.pair_stats` summarises the weekly demand of each distributor × product class: annual units, mean and standard deviation (标准差) of weekly units, the standard deviation over the lead time (`tr.lead_time_sd`: sd × √L), the annual gross margin and the lead-time standard deviation valued at cost (`sd_lead_time_cost`).
"""),
    code("""
stats = ap.pair_stats(tables)
print(f"{stats['annual_units'].sum():,.0f} units, gross margin {stats['annual_margin'].sum() / 1e6:.1f} million CNY")
stats.loc["D05", ["annual_units", "mean_weekly", "sd_weekly", "sd_lead_time", "annual_margin"]].head(4).round(1)
"""),
    md("""
Distributor D05 orders 48 air conditioners a week on average, with a standard deviation of 39 — the summer peak is in it.
Over the two-week lead time the standard deviation grows by √2, not by 2.
"""),
]

SECTION_1 = [
    md("""
## 1. Which products matter? ABC by gross margin (按毛利的ABC分类)

The case ranks the product classes by annual gross margin and cuts the cumulative share at 50 / 80 / 95 % into classes A–D (`pr.abc_classify`, Chapter 4).
"""),
    code("""
product_margin = stats.groupby("class_id")["annual_margin"].sum()
products = pr.abc_classify(product_margin, cutoffs=ap.PRODUCT_CUTOFFS, labels=ap.PRODUCT_LABELS)
products.assign(name=classes["name_en"]).round(3)
"""),
    Q(1),
]

SECTION_2 = [
    md("""
## 2. Which orders first? Order service priority (订单服务优先级)

When stock is short, the warehouse serves orders by the product's **profit-margin rank** (利润率等级, 1 = best margin *rate*) times its importance code; the lowest score is served first (`pr.order_priority`, Chapter 4).
"""),
    code("""
margin_rank = classes["margin_rate"].rank(ascending=False).astype(int)
orders = pr.order_priority(margin_rank, classes["importance"])
orders.assign(name=classes["name_en"]).sort_values("priority")
"""),
    md("""
Range hoods come first: the best margin rate, even though a kitchen installation can wait.
Air conditioners, only seventh by margin rate but a lost sale when missing, come fourth; water heaters and air purifiers share second place.
"""),
    Q(2),
]

SECTION_3 = [
    md("""
## 3. Which distributors matter? Customer classes I–V (客户分类)

The distributors are ranked by the gross margin they bring, with cut-offs 35 / 60 / 80 / 93 % into classes I–V.
"""),
    code("""
customer_margin = stats.groupby("distributor_id")["annual_margin"].sum()
customers = pr.abc_classify(customer_margin, cutoffs=ap.CUSTOMER_CUTOFFS, labels=ap.CUSTOMER_LABELS)
pr.abc_summary(customers).round(3)
"""),
    code("""
chart = plot_pareto(customers, cutoffs=ap.CUSTOMER_CUTOFFS, measure_label=t("priority.measure.margin"))
"""),
    md("""
Three distributors — 10 % of them — bring 36 % of the margin; the largest, D07, a project-sales firm in Nanjing with four outlets, alone brings 35 million CNY.
The eight class-V distributors share 6 %.
"""),
]

SECTION_4 = [
    md("""
## 4. The customer-product contribution matrix (客户—产品贡献矩阵)

Each class gets a score: the mean annual margin of one member (a distributor, a product class).
The cell score is the product of the two; `pr.contribution_matrix` numbers the cells from 1 (most important) to 20.
"""),
    code("""
customer_score = customers.groupby("cls", observed=False)["value"].mean()
product_score = products.groupby("cls", observed=False)["value"].mean()
matrix = pr.contribution_matrix(customer_score, product_score)
matrix
"""),
    Q(3),
]

SECTION_5 = [
    md("""
## 5. The service policy it implies (服务政策)

Ms Lin's bands turn priorities into promises: 1–5 → 100 % availability, delivery next day; 6–10 → 98 %, 2 days; 11–15 → 95 %, 3 days; 16–20 → 90 %, 5 days (`pr.service_policy`).
"""),
    code("""
policy = pr.service_policy(matrix)
policy["availability"]
"""),
    code("""
policy["delivery_days"]
"""),
    Q(4),
]

SECTION_6 = [
    md("""
## 6. What does it cost? Safety stock per cell (安全库存)

Kelan stocks each distributor × product class on its own.
Reading availability as a cycle service level with normal lead-time demand, a pair needs the safety stock z(a) × σ_L (`tr.safety_stock`, Chapter 3); valued at unit cost it is z(a) × `sd_lead_time_cost`.
Within a cell z is the same, so the cell's stock is z(a) times the cell sum of `sd_lead_time_cost` — what `pr.policy_safety_stock` computes.
A 100 % target would need infinite stock under the normal model; the function evaluates it at 99.9 % (z = 3.09) and says so in its docstring.
"""),
    code("""
customer_class, product_class = customers["cls"], products["cls"]
sd_cell = ap.cell_sums(stats, customer_class, product_class, "sd_lead_time_cost")
(sd_cell / 1e6).round(2)
"""),
    code("""
stock = pr.policy_safety_stock(policy["availability"], sd_cell)
(stock / 1e6).round(2)
"""),
    md("""
Column A dominates, and cell I × A alone holds 6.4 million CNY: the largest distributors' air conditioners and refrigerators, promised 100 %.
"""),
    Q(5),
]

SECTION_7 = [
    md("""
## 7. Differentiated vs uniform (差异化与统一服务政策)

Today every cell gets 98 %. Compare the safety stock of both policies:
"""),
    code("""
uniform = policy["availability"] * 0 + ap.UNIFORM_AVAILABILITY
stock_uniform = pr.policy_safety_stock(uniform, sd_cell)
print(f"safety stock: differentiated {stock.to_numpy().sum() / 1e6:.2f}, "
      f"uniform {stock_uniform.to_numpy().sum() / 1e6:.2f} million CNY")
"""),
    md("""
The yearly holding cost is the stock times the holding-cost rate of each product class; weighting the standard deviations by the rate before summing them per cell gives it directly.
"""),
    code("""
holding_sd = ap.cell_sums(stats, customer_class, product_class,
                          stats["sd_lead_time_cost"] * stats["holding_cost_rate"])
holding = pr.policy_safety_stock(policy["availability"], holding_sd).to_numpy().sum()
holding_uniform = pr.policy_safety_stock(uniform, holding_sd).to_numpy().sum()
print(f"holding cost per year: differentiated {holding / 1e6:.2f}, uniform {holding_uniform / 1e6:.2f} million CNY")
"""),
    Q(6),
]

SECTION_8 = [
    md("""
## 8. What does the extra cost buy? (额外成本换来了什么)

Weighting each cell's availability by its gross margin shows how much of the margin the policy protects.
"""),
    code("""
margin_cell = ap.cell_sums(stats, customer_class, product_class, "annual_margin")
weighted = (margin_cell * policy["availability"]).to_numpy().sum() / margin_cell.to_numpy().sum()
print(f"margin-weighted availability: differentiated {weighted:.2%}, uniform {ap.UNIFORM_AVAILABILITY:.2%}")
"""),
    md("""
What would a uniform policy at that same level need?
"""),
    code("""
same_level = pr.policy_safety_stock(uniform * 0 + weighted, sd_cell).to_numpy().sum()
print(f"uniform {weighted:.2%} everywhere: safety stock {same_level / 1e6:.2f} million CNY")
"""),
    md("""
A uniform 98.56 % would give the same margin-weighted availability with 3.8 million CNY less stock than Ms Lin's bands.
The "100 %" band is the expensive part. Try bands whose top level is 99 %:
"""),
    code("""
bands_99 = [(1, 5, 0.99, 1), (6, 10, 0.98, 2), (11, 15, 0.95, 3), (16, 20, 0.90, 5)]
policy_99 = pr.service_policy(matrix, bands=bands_99)
stock_99 = pr.policy_safety_stock(policy_99["availability"], sd_cell).to_numpy().sum()
weighted_99 = (margin_cell * policy_99["availability"]).to_numpy().sum() / margin_cell.to_numpy().sum()
print(f"top band 99 %: safety stock {stock_99 / 1e6:.2f} million CNY, margin-weighted availability {weighted_99:.2%}")
"""),
    md("""
With a 99 % top band the differentiated policy protects the margin about as well as today's uniform 98 % (97.98 %) and still needs 0.6 million CNY more stock.
Ranking cells by margin does not rank them by how cheaply availability can be bought there: safety stock follows the demand variability over the lead time, and the big, seasonal cells (air conditioners) are both the most profitable and the most variable.
"""),
]

SECTION_9 = [
    md("""
## 9. Is 99.9 % worth it? The critical ratio (临界比)

A unit short loses its margin; a unit too many costs its holding cost over a replenishment cycle (here: the lead time).
The profit-maximising availability is the critical ratio `Cu / (Cu + Co)` of Chapter 3, `tr.optimal_service_level(margin, holding)`.
"""),
    code("""
cycle_holding = classes["holding_cost_rate"] * classes["unit_cost"] * classes["lead_time_weeks"] / 52
unit_margin = classes["unit_price"] - classes["unit_cost"]
best = pd.Series([tr.optimal_service_level(m, h) for m, h in zip(unit_margin, cycle_holding)], index=classes.index)
best.round(3).to_dict()
"""),
    md("""
No product class's critical ratio reaches 98 % (the highest is water heaters, 97.7 %; televisions 91.9 %): by this one-cycle reading the 100 % band is far beyond the profit optimum.
Targets of 98–100 % are justified only by what the unit margin leaves out — the distributor's future orders, its trust in the brand, contract penalties — and that is a judgement the sales director has to defend with numbers.
"""),
]

DISCUSSION = [
    md("""
## 10. Discussion (讨论)

The numbers so far price the policy; the three open questions ask what it is worth and what the model leaves out.
Use code cells of your own where you need numbers.
"""),
    Q(7),
    Q(8),
    Q(9),
]

SUMMARY = [
    md("""
## Summary (小结)

- Two product classes (air conditioners, refrigerators) carry 52.5 % of the gross margin and three distributors 36 %; the **contribution matrix** (贡献矩阵) turns the classes into 20 ranked cells.
- The **order service priority** (订单服务优先级) ranks margin *rate* × importance: televisions, the thinnest margin, still come sixth because a missing television is a lost sale.
- Ms Lin's bands promise 100 % in five cells; valued at cost the differentiated policy needs 28.15 million CNY of **safety stock** (安全库存) against 22.83 million for a uniform 98 % — 1.29 million CNY more **holding cost** (持有成本) a year.
- The extra cost buys a margin-weighted availability of 98.6 % instead of 98 %; a uniform 98.6 % would give the same with 24.3 million CNY of stock, and a 99 % top band keeps today's protection with 23.5 million.
- Safety stock follows the demand variability over the lead time, not sales: the top cells are expensive because they are big and seasonal. The critical ratios (92–98 %) put every 100 % target beyond the one-cycle profit optimum.
"""),
    md("""
## References (参考文献)

- Ballou, R. H. (2004). *Business Logistics/Supply Chain Management*, 5th ed. Pearson Prentice Hall, ch. 4 (customer service, order-processing priorities, ABC classification) and ch. 9 (safety stock and holding cost).
- Lambert, D. M. and Stock, J. R. (1993). *Strategic Logistics Management*, 3rd ed. Irwin, ch. 4 (the customer-product contribution matrix).
- Snyder, L. V. and Shen, Z.-J. M. (2019). *Fundamentals of Supply Chain Theory*, 2nd ed. Wiley, ch. 4 (the newsvendor problem and the critical ratio).
- Course Chapter 3 (service level and inventory, `tradeoff.lead_time_sd`, `tradeoff.safety_stock`, `tradeoff.optimal_service_level`) and Chapter 4 (service priorities, `priority.abc_classify`, `priority.order_priority`, `priority.contribution_matrix`, `priority.service_policy`).
- The case's data: [`data/README.md`](data/README.md) (synthetic, seed 20240101, documented ranges).
"""),
]


def master_cells():
    sections = INTRO + DATA + SECTION_1 + SECTION_2 + SECTION_3 + SECTION_4 + SECTION_5 + SECTION_6 + SECTION_7
    cells = []
    for spec in sections + SECTION_8 + SECTION_9 + DISCUSSION + SUMMARY:
        cells += question_cells(spec[1]) if spec[0] == "question" else [spec]
    return cells


# --------------------------------------------------------------------------
# the solutions
# --------------------------------------------------------------------------
SOLUTIONS = {
    1: [
        md("""
**Solution.** Two: air conditioners (35.0 %) and refrigerators (17.6 %) carry 52.5 % of the margin, past the 50 % cut-off.
Ranking by units instead of margin gives 3, the default 80 % cut-off 5.
"""),
        code("""
answer_1 = int((products["cls"] == "A").sum())
answer_1
"""),
    ],
    2: [
        md("""
**Solution.** Sixth. Televisions have the lowest margin rate (rank 12), but a missing television is a lost sale (importance 1): score 12 × 1 = 12, the sixth-lowest score.
The margin *rate* is ranked here, not the margin volume (that would put televisions second); the score itself (12) is not the priority.
"""),
        code("""
answer_2 = int(orders.loc["P04", "priority"])
answer_2
"""),
    ],
    3: [
        md("""
**Solution.** 10. A class-A product lifts even the smallest distributors into the top half.
Scoring by the class *totals* would give 12: the totals depend on how many members a class has, the mean per member does not.
"""),
        code("""
answer_3 = int(matrix.loc["V", "A"])
answer_3
"""),
    ],
    4: [
        md("""
**Solution.** `(0.95, 3)`: cell I × D has priority 13, in the band 11–15.
The matrix protects the big customers' margin, not every item they buy.
"""),
        code("""
answer_4 = (float(policy["availability"].loc["I", "D"]), int(policy["delivery_days"].loc["I", "D"]))
answer_4
"""),
    ],
    5: [
        md("""
**Solution.** 28.15 million CNY, the sum over the 20 cells.
With the weekly instead of the lead-time standard deviation one gets 18.66 — too little: the stock must cover the whole replenishment lead time (2–4 weeks).
"""),
        code("""
answer_5 = round(float(stock.to_numpy().sum()) / 1e6, 2)
answer_5
"""),
    ],
    6: [
        md("""
**Solution.** 1.29 million CNY a year (6.75 against 5.46), 24 % more.
The differentiated policy is *dearer*: the 100 % promise on the top cells (z = 3.09 instead of 2.05) costs more than the 90–95 % cells save, because most of the demand variability sits in the top cells.
The difference in stock (5.32 million) is not the answer: stock is a level, holding cost a flow per year.
"""),
        code("""
answer_6 = round(float(holding - holding_uniform) / 1e6, 2)
answer_6
"""),
    ],
    7: [
        md("""
**A model answer.** Separate *cost* from *value*.
Cost: 5.3 million CNY more safety stock, 1.29 million CNY more holding cost a year (+24 %).
Value: the margin-weighted availability rises from 98.0 to 98.6 %, i.e. roughly 0.56 % of 186.7 million CNY of margin is "better protected" — about 1.0 million CNY, and only if every missed cycle lost the whole margin at stake. It does not: fill rates are much higher than cycle service levels, and importance-2/3 products are backordered, not lost. On the numbers alone the policy does not pay, and Mr Zhao is right that a uniform 98.6 % buys the same protection for 3.8 million CNY less stock.
The expensive part is the **100 % band** (evaluated at 99.9 %, z = 3.09 instead of 2.05), not the differentiation itself; "100 %" is a slogan, not a stock target.
Recommend a capped top band (99 %, or 98 % for importance-2/3 products), or 100 % only for the lost-sale (importance 1) products of the top cells — and keep what the model does not count: next-day delivery for the top cells and the relationship with the three distributors that bring a third of the margin.
"""),
    ],
    8: [
        md("""
**A model answer.** Availability is cheapest where demand is steady — much margin per unit of lead-time standard deviation.
In Kelan's data the yearly margin per CNY of σ (`margin_cell / sd_cell`) is fairly flat: about 13–19 in columns A–C, 8–11 in column D. Re-ranking the cells by it would change little; the cost sits in the *levels* of the bands, not in the order of the cells.
Still, a seasonal, volatile class such as air conditioners (weekly coefficient of variation 0.45 plus a summer peak) is expensive to promise 100 % on, however profitable.
A better ranking would weigh the margin at risk against the cost of protecting it — and lower that cost: forecasts (the σ of the forecast error, not of demand), shorter lead times, or pooling stock across distributors.
The critical ratio per class (section 9) is the profit-based answer: 92–98 %, below every 100 % target.
"""),
    ],
    9: [
        md("""
**A model answer.**
(a) *Seasonality*: the sd of weekly demand includes the seasonal swing; with a forecast the relevant σ is the forecast error, much smaller for air conditioners — safety stock is overstated for seasonal classes and the 100 % band less dear than it looks.
(b) *Pooling*: each distributor × class is stocked separately; pooling in a regional warehouse cuts σ by about √n for independent demands (Chapter 3, square-root law) and lowers the cost of every policy.
(c) *Lead-time variability*: lead times are taken as fixed; a variable lead time adds D² s_L² to the variance (`tr.lead_time_sd`) and raises the stock.
(d) *The service measure*: availability read as a cycle service level is conservative compared with a fill rate.
(e) *Delivery days*: next-day delivery has a transport cost not counted here.
(f) *Loyalty*: the unit margin omits a distributor's future orders and trust — the one argument for targets above the critical ratio.
(g) *The matrix*: the scores (mean margin per member) are one choice; scoring by totals or by judgement gives another matrix.
"""),
    ],
}

# --------------------------------------------------------------------------


def notebooks():
    """The otter-grader master of this case: student and solution versions are made from it."""
    return [Assignment(STUDENT, SOLUTIONS_NB, master_cells(), "case01")]


def main(argv=None) -> int:
    return run(notebooks(), argv, __doc__)


if __name__ == "__main__":
    sys.exit(main())
