"""Write the Chapter 4 notebooks (student edition and solutions) from this script.

    python tools/build_ch04.py            write both notebooks (no outputs)
    python tools/build_ch04.py --execute  write them and execute them in place

The notebooks are the product; this script only keeps their cells in one
reviewable place.  Cell ids are fixed, so rebuilding gives a clean diff.
Executing stores the outputs that ``pytest --nbval`` compares later.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from notebook_builder import GRADER, LANGUAGE_CELL, ROOT, Assignment, code, md, open_question, key_terms, question, run  # noqa: E402


STUDENT = ROOT / "chapters" / "04_service_priorities.ipynb"
SOLUTIONS_NB = ROOT / "chapters" / "solutions" / "04_service_priorities_solutions.ipynb"


# --------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------
SETUP = [
    code(LANGUAGE_CELL, tags=["language"]),
    code("""
import pandas as pd
from scm_course import priority as pr, data, tradeoff
from scm_course.apps import ABCApp, OrderPriorityApp, VolumeProfitApp, ContributionMatrixApp, WeightedScoresApp
"""),
    GRADER,
]

EXERCISES = {
    1: """
### Exercise 1 — ABC by units sold (按销量的ABC分类)

Classify the 60 products of the course dataset by **units sold** (the `quantity` column of `per_product`) with the default cut-offs (80 %, 95 %).

How many products are in class A?
Answer with a whole number.
""",
    2: """
### Exercise 2 — An order-priority what-if (订单优先级的假设分析)

In the seed table T1, product L has profit-margin rank 9 and importance 3 (a longer delay is acceptable).

Suppose customers stop waiting for L, so its importance becomes 1 (lost sale, 失销); everything else stays as in T1.
What is L's new order service priority?
Answer with a whole number.
""",
    3: """
### Exercise 3 — Mean instead of median (用均值而非中位数分界)

Rebuild the volume × profit-contribution matrix of section 3 for the products with sales (`sold`), but split both axes at the **mean** (`split="mean"`) instead of the median.

Which strategy holds the most products?
Answer with its key as a text, for example `"reduce_cost"`.
""",
    4: """
### Exercise 4 — A policy from weights (由权重得出的服务政策)

Rank the cells of the contribution matrix by the class weights of section 4 (customers I–V: 5, 4, 3, 2, 1; products A–D: 4, 3, 2, 1) and apply the seed's policy bands.

Which inventory availability and delivery time does customer class III get on product class C?
Answer as a pair `(availability, delivery_days)`, with the availability as a fraction such as `0.9`.
""",
    5: """
### Exercise 5 — Equal weights (等权重)

Suppose the dealers considered all eight service elements of table T8 equally important.

What weighted score does each supplier get?
Answer as a dict `{"S1": ..., "S2": ..., "S3": ...}` with two decimals.
Then compare the ranking with the one in section 5.
""",
    6: """
### Exercise 6 — Defend your priorities to sales (向销售部门说明你的优先级方案) — open-ended

The distributor's sales director objects: *"Class V customers will leave if they wait five days for a product. You are throwing customers away."*

Write a short reply (5–8 sentences) that defends or amends the priority scheme of section 4.
Use at least two numbers from this chapter, for example the share of gross margin that class V customers bring, the safety stock each band needs, or what a 100 % promise would cost.
Propose one way to serve small customers well without raising inventory (for example pooling their stock centrally, fixed delivery days, or transshipment from another warehouse).

There is no automatic check: discuss your reply in class.
""",
}


def exercise_cells(n: int):
    """Exercise ``n`` as an otter-grader question (solution and tests in the master only)."""
    if n == 6:  # open-ended: graded by the instructor
        return open_question(n, EXERCISES[n], SOLUTIONS[n])
    return question(n, f"ch04.q{n}", EXERCISES[n], SOLUTIONS[n])


# --------------------------------------------------------------------------
# the chapter
# --------------------------------------------------------------------------
INTRO = [
    md("""
# Chapter 4 — Setting customer service priorities (设定客户服务优先级)

Run the three code cells below first: the first sets the language of figures, widgets and feedback, the second imports the course package, the third starts the answer checker.
"""),
    *SETUP,
    md("""
A logistics manager never has enough stock, trucks or warehouse hours to give every customer the fastest and most reliable service on every product.

**Setting customer service priorities** (设定客户服务优先级) means deciding in advance, and in writing, which customers, products and orders get which level of service, so that scarce resources go where they protect the most profit and the most valuable relationships.

This chapter follows the seed course (digest section D.10) and the standard references, Ballou and Lambert & Stock.
It works through five tools, each first on a textbook example and then on the course's fictional appliance distributor.
"""),
    md("""
## Learning objectives (学习目标)

In this chapter you will:

- become skilled in the methods for setting customer service priorities (客户服务优先级划分的方法), objective 3 of the course;
- classify products and customers with ABC analysis (ABC分析法), and explain why the item that crosses a cut-off stays in the higher class;
- compute an order service priority (订单服务优先级) from a profit-margin rank and an importance code, including ties;
- place products in the sales volume × profit contribution matrix and match each quadrant with its strategy;
- turn a customer–product contribution matrix (客户—产品组合贡献矩阵) into a service policy of availability and delivery speed, and estimate the safety stock that policy needs;
- rank suppliers on service with the weighted-average method (加权平均法).
"""),
    key_terms("ch04", STUDENT),
]

SECTION_1 = [
    md("""
## 1. The Pareto principle and ABC analysis (帕累托原理与ABC分析法)

The **Pareto principle** (帕累托原理) says that a small share of causes produces a large share of effects.
In logistics it means that a few products, and a few customers, carry most of the sales.

**ABC analysis** (ABC分析法) turns the principle into classes.
Sort the items by value, largest first, and add up their shares of the total: the **cumulative share** (累计占比).
Items up to a first cut-off (usually 80 %) form class A, items up to a second cut-off (usually 95 %) class B, and the rest class C.

A logistics manager cares because the classes get different service: class A items deserve the highest availability, stock close to the customer and frequent review; class C items can be stocked centrally, made or ordered to demand, or reviewed for removal.

**The rule at a cut-off.** The item whose value carries the cumulative share across a cut-off stays in the higher class.
So class A is never empty, and each class reaches at least its cut-off share.

The seed's Pareto chart lost its axis titles.
The pairing below (20 % of items → 80 % of sales, 30 % → 15 %, 50 % → 5 %) is the standard ABC split and the only pairing that fits the printed numbers; "sales" is the usual reading of the unnamed measure (digest, Part H item 7).
"""),
    md("""
**Worked example (seed, table T5).**
Ten items have sales of 50, 30, 6, 5, 4, 2, 1, 1, 0.5 and 0.5 (total 100).

Expected answer: class A holds 2 items (20 % of the items) with 80 % of sales, class B 3 items (30 %) with 15 %, and class C 5 items (50 %) with 5 %.
"""),
    code("""
sales = pd.Series([50, 30, 6, 5, 4, 2, 1, 1, 0.5, 0.5], index=list("abcdefghij"))
pr.abc_summary(pr.abc_classify(sales)).round(2)
"""),
    md("""
The second item lifts the cumulative share to exactly 80 %, so it stays in class A.

The package stores the seed's split as data, for comparison:
"""),
    code("""
pd.DataFrame(data.load_instance("pareto_split")).set_index("classes")
"""),
    md("""
### The course dataset (课程数据集)

The course's fictional appliance distributor (家电分销商) sells 60 products to 40 customers.
Its order lines for 2025 record the quantity, revenue, cost and gross margin (毛利) in CNY; `datasets/README.md` describes every column.
"""),
    code("""
tables = data.load_distributor()
products, customers, lines = tables["products"], tables["customers"], tables["order_lines"]
lines.head(3)
"""),
    md("""
Add up the order lines per product.
One product sold nothing in the year; `reindex` keeps it with zeros, because an ABC analysis must include the items that do not sell.
"""),
    code("""
per_product = (lines.groupby("product_id")[["revenue", "margin", "quantity"]].sum()
               .reindex(products["product_id"], fill_value=0))
per_product.sort_values("revenue", ascending=False).head()
"""),
    md("""
Classify the products by revenue with the default cut-offs (80 %, 95 %).
The rows ranked 9 to 13 show the rule at the cut-off: the 11th product lifts the cumulative share from 78.5 % to 80.1 %, and it stays in class A.
"""),
    code("""
abc_products = pr.abc_classify(per_product["revenue"])
abc_products.iloc[8:13].round(3)
"""),
    code("""
pr.abc_summary(abc_products).round(3)
"""),
    md("""
Eleven products (18 %) bring 80 % of revenue: close to the textbook's 20/80.

Customers can be classified the same way.
Here the measure is gross margin, because priorities should protect profit, not only sales:
"""),
    code("""
per_customer = lines.groupby("customer_id")["margin"].sum().reindex(customers["customer_id"], fill_value=0)
pr.abc_summary(pr.abc_classify(per_customer)).round(3)
"""),
    md("""
Customers are less concentrated than products: 13 customers (32.5 %) bring 80 % of the margin.

**Try it.** The app classifies the products.
Change the measure (revenue, gross margin, units sold) and move the two cut-offs.
Notice that the class sizes depend on the measure, so a product can be class A by revenue and class B by margin, and that the classes change one item at a time, because the cumulative share rises in steps.
"""),
    code("""
ABCApp(per_product)
"""),
]

SECTION_2 = [
    md("""
## 2. Order service priority (订单服务优先级)

When stock is short or the warehouse is busy, some orders must wait.
The **order service priority** (订单服务优先级) ranks the products, and so the order lines that carry them, for processing: scarce stock and staff time go first to the lines where a delay costs the most.

Each product gets two codes.
The **profit-margin rank** (利润率等级) is 1 for the product with the best margin (the direction is inferred in the digest, but it is the only reading that fits the table).
The **importance** (重要度) says what the customer does when the product is not available:

- **1 = lost sale** (失销): the customer will not wait and buys elsewhere;
- **2 = a slight delay is acceptable** (稍微的延迟可以接受);
- **3 = a longer delay is still acceptable** (较长的延迟仍然接受).

The score is **rank × importance** (等级×重要度).
Both codes are "smaller is more urgent", so a **smaller score means a higher priority**.
The priority is the rank of the score in ascending order, and equal scores share the smaller rank (competition ranking: 1, 2, 2, 4).
"""),
    md("""
**Worked example (seed, table T1).**

| Product (产品) | A | C | F | B | G | E | Y | H | L | D |
|---|---|---|---|---|---|---|---|---|---|---|
| Profit-margin rank (利润率等级) | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 |
| Importance (重要度) | 2 | 3 | 1 | 3 | 3 | 2 | 1 | 2 | 3 | 2 |

Expected answer: scores 2, 6, 3, 12, 15, 12, 7, 16, 27, 20 and priorities 1, 3, 2, 5, 7, 5, 4, 8, 10, 9.
B and E tie at 12 and both get priority 5, so no product gets priority 6.
"""),
    code("""
op = data.load_instance("order_priority")
rank = pd.Series(op["profit_rank"], index=op["products"])
importance = pd.Series(op["importance"], index=op["products"])
pr.order_priority(rank, importance).T
"""),
    code("""
pr.order_priority(rank, importance)["priority"].tolist() == op["priority"]
"""),
    md("""
Product F shows what the method is for: its margin is only third best, but a missing F is a lost sale, so F is served second, ahead of C (better margin, but its buyers accept a longer delay).

The multiplication is itself a judgement: it says that a lost sale is exactly three times as urgent as a long delay.
The apps and `order_priority(..., level_weights=...)` let you change that multiplier per importance code.

**Try it.** Set product D (the worst margin) to importance 1 and watch it move up the queue.
Then set D back to 2 and give importance 1 the weight 2 instead of 1: lost-sale products become less urgent, and F now ties with C.
"""),
    code("""
OrderPriorityApp(rank, importance)
"""),
]

SECTION_3 = [
    md("""
## 3. Sales volume × profit contribution (通过销量和利润贡献度评定优先级)

ABC analysis ranks items on one measure.
The seed's 2 × 2 matrix uses two: **sales volume** (销量) and **profit contribution** (利润贡献度), and it gives each quadrant a strategy.

| | Low profit contribution (低利润贡献度) | High profit contribution (高利润贡献度) |
|---|---|---|
| **High sales volume (高销量)** | Reduce cost, raise profit (降低成本，提升利润) | High availability, protect profit (高可得性，确保利润) |
| **Low sales volume (低销量)** | Review the product, reconsider its profitability (复查产品，考虑利润) | Centralise storage, optimise the supply chain (集中存储，优化供应链) |

- **High volume, high profit**: the products that make the business; stock them close to customers and do not run out.
- **High volume, low profit**: thin margins on large flows; cut the cost per unit (full loads, cross-docking, simpler packaging).
- **Low volume, high profit**: profitable but slow; hold them in one central warehouse and ship fast on demand, because pooling cuts safety stock.
- **Low volume, low profit**: candidates for a price review, make-to-order or removal from the range.

The seed labels only the volume axis as high/low.
The direction of the profit axis (low on the left, high on the right) is inferred from the text order and from what the strategies mean (digest, Part H item 8).

The package calls an item "high" when it is at or above a threshold, by default the median of each column.
"""),
    md("""
**Worked example (a four-product illustration, not from the seed).**
Products w, x, y, z sell 900, 800, 50 and 40 units and earn 50,000, 1,000, 9,000 and 100 CNY of margin.
The medians are 425 units and 5,000 CNY.

Expected answer: w → high availability, x → reduce cost, y → centralise storage, z → review the product.
"""),
    code("""
items = pd.DataFrame({"units": [900, 800, 50, 40], "margin": [50_000, 1_000, 9_000, 100]}, index=list("wxyz"))
pr.volume_profit_matrix(items, "units", "margin")[["volume_level", "profit_level", "strategy"]]
"""),
    md("""
On the course data, use units sold as the volume and gross margin as the profit contribution.
Only the 59 products with sales enter, so that the app can draw both axes on a log scale.
"""),
    code("""
sold = per_product[per_product["quantity"] > 0]
vp = pr.volume_profit_matrix(sold, "quantity", "margin")
vp.attrs["thresholds"]
"""),
    code("""
vp.groupby(["quadrant", "strategy"]).size()
"""),
    md("""
Volume and margin go together (products that sell many units usually earn a large margin in total), so most products sit on the diagonal: 23 get high availability and 22 are up for review, while only 7 + 7 fall in the two off-diagonal quadrants.

**Try it.** Move the two split quantiles.
Watch the counts in each quadrant, and which products change strategy as a threshold moves.
There is no "right" split: where to draw the line is a management decision, and the exercises ask what happens at the mean.
"""),
    code("""
VolumeProfitApp(sold, "quantity", "margin")
"""),
]

SECTION_4 = [
    md("""
## 4. The customer–product contribution matrix (客户—产品组合贡献矩阵)

ABC classes of products and of customers can be combined.
The **customer–product contribution matrix** (客户—产品组合贡献矩阵), from Lambert & Stock, crosses customer classes I–V (客户类别; I = the most profitable customers) with product classes A–D (产品类别; A = the most profitable products).
Each cell gets a priority number from 1 (the highest) to 20.

A manager cares because the matrix is where service is actually differentiated: the same product can be promised next-day to a class I customer and within five days to a class V customer.
"""),
    md("""
**Worked example (seed, table T2).**
Expected matrix, rows I–V, columns A–D: I: 1, 2, 6, 10; II: 3, 4, 7, 12; III: 5, 8, 13, 16; IV: 9, 14, 15, 19; V: 11, 17, 18, 20.
The seed prints the transpose, with the same values (digest, Part H item 29).
"""),
    code("""
matrix = pr.textbook_contribution_matrix()
matrix
"""),
    md("""
**Implementing the matrix** (客户—产品贡献矩阵的实施).
The seed turns the priority numbers into a **service policy** (服务政策) in four bands:

| Priority range (优先级范围) | Inventory availability (库存可得性) | Delivery speed (交付速度) |
|---|---|---|
| 1–5 | 100 % | 1 day (1天) |
| 6–10 | 98 % | 2 days (2天) |
| 11–15 | 95 % | 3 days (3天) |
| 16–20 | 90 % | 5 days (5天) |

Expected per-cell policy (digest table T4), for example: I × A → 100 %, 1 day; III × B → 98 %, 2 days; V × A → 95 %, 3 days; V × D → 90 %, 5 days.
"""),
    code("""
policy = pr.service_policy(matrix)
pd.concat({"availability_pct": (100 * policy["availability"]).round().astype(int),
           "delivery_days": policy["delivery_days"]}, axis=1)
"""),
    code("""
cell = data.load_instance("policy_by_cell")
(policy["availability"].to_numpy().tolist() == cell["availability"],
 policy["delivery_days"].to_numpy().tolist() == cell["delivery_days"])
"""),
    md("""
### A judgement table, not a formula (判断矩阵)

The seed gives no rule for the twenty numbers.
A natural guess is to weight the classes (customers I–V: 5, 4, 3, 2, 1; products A–D: 4, 3, 2, 1) and rank the cells by the product of the two weights.
`contribution_matrix` does exactly that:
"""),
    code("""
by_weights = pr.contribution_matrix(pd.Series([5, 4, 3, 2, 1], index=matrix.index),
                                    pd.Series([4, 3, 2, 1], index=matrix.columns))
by_weights
"""),
    code("""
int((by_weights != matrix).to_numpy().sum())
"""),
    md("""
Twelve of the twenty cells get a different number.
No other weights do better in principle: a small linear program shows that no additive score, and so (in logarithms) no multiplicative score, reproduces every comparison in the textbook table.
The textbook matrix is a **judgement table**: managers placed the cells, and the package ships it as data.

Fewer cells change their *policy*, because a band holds five numbers:
"""),
    code("""
weights_policy = pr.service_policy(by_weights)
int((weights_policy["delivery_days"] != policy["delivery_days"]).to_numpy().sum())
"""),
    md("""
### From the course data to a policy and its inventory (从课程数据到服务政策与库存)

Give the distributor's products classes A–D by gross margin, with cut-offs at 60 %, 85 % and 95 %.
Give its customers classes I–V by gross margin, with cut-offs at 50 %, 75 %, 90 % and 97 %.
These cut-offs are a choice for this illustration; the seed does not give any.
"""),
    code("""
product_cls = pr.abc_classify(per_product["margin"], cutoffs=(0.6, 0.85, 0.95), labels=list("ABCD"))["cls"]
customer_cls = pr.abc_classify(per_customer, cutoffs=(0.5, 0.75, 0.9, 0.97),
                               labels=["I", "II", "III", "IV", "V"])["cls"]
product_cls.value_counts(sort=False).to_dict(), customer_cls.value_counts(sort=False).to_dict()
"""),
    md("""
**Safety stock** (安全库存) is what lets a warehouse keep its availability promise when demand varies.
Read the availability target *a* as a **cycle service level** (周期服务水平), the probability of no stockout in a replenishment cycle.
With normally distributed demand whose standard deviation over the lead time is σ, a cell needs safety stock **z σ with z = Φ⁻¹(a)** (the inventory–service relationship of Chapter 3).

Here σ is the standard deviation of **weekly demand at cost** (库存按成本计价) in each cell over the 52 weeks of 2025, with a lead time of one week.
"""),
    code("""
sd = pr.demand_sd_by_class(lines, customer_cls, product_cls, value="cost")
sd.round().astype(int)
"""),
    md("""
A target of exactly 100 % would need infinite stock under the normal model, because Φ⁻¹(1) is infinite.
The package therefore evaluates the 100 % cells at 99.9 % (the `max_level` argument, z ≈ 3.09) and says so.
In practice a 100 % promise is kept with something other than stock: expediting, transshipment or a reserved allocation.

The safety factors of the four bands:
"""),
    code("""
tradeoff.safety_factor([0.999, 0.98, 0.95, 0.90]).round(2)
"""),
    code("""
stock = pr.policy_safety_stock(policy["availability"], sd)
stock.round().astype(int)
"""),
    code("""
round(stock.to_numpy().sum())
"""),
    md("""
The textbook policy needs about 1.7 million CNY of safety stock at cost, and the class I × A cell alone about 0.4 million: the most valuable cell has both the largest demand variation and the highest safety factor.

**Try it.** The app starts with the textbook (judgement) matrix.
Switch the matrix to "from weights" and move the class weights.
On the left, watch each cell's priority number and its policy; on the right, the safety stock per customer class against the textbook policy.
Notice that moving a large class into a faster band raises the stock steeply, because z grows fastest as availability approaches 100 %.
"""),
    code("""
ContributionMatrixApp(sd)
"""),
]

SECTION_5 = [
    md("""
## 5. The weighted-average method (加权平均法)

Customers do not value all service elements equally, and the elements are hard to measure on one scale.
The common way to combine them is the **weighted-average method** (加权平均法): each element *j* gets a **weight** (权重) *w_j*, its relative importance, and an alternative *i* (a supplier, or your own firm) with ratings *s_ij* gets the score

**score_i = Σ_j w_j s_ij / Σ_j w_j.**

The weights usually come from a customer survey; the ratings from the same survey or from performance data.
A logistics manager uses the scores to see which supplier customers judge best overall, and where an improvement would count most (a high weight and a low rating).
"""),
    md("""
**Worked example (seed, table T8).**
Dealers rated the importance of service elements and the performance of three suppliers (7-point scale, inferred):

| No. | Service element (变量描述) | Importance (重要性) | Supplier 1 (S1) | Supplier 2 (S2) | Supplier 3 (S3) |
|---|---|---|---|---|---|
| 1 | On-time shipment (准时发货) | 6.4 | 5.9 | 4.1 | 4.7 |
| 2 | Accuracy in filling orders (履行订单的准确性) | 6.4 | 5.6 | 4.7 | 5.0 |
| 3 | Timely notice of shipping delays (运输延误的及时通知) | 6.1 | 4.6 | 3.0 | 3.7 |
| 4 | Timely price data, specifications and promotional material (及时提供产品价格数据、规格和促销材料) | 6.0 | 5.7 | 4.1 | 4.8 |
| 5 | Timely response to requests for assistance (对协助要求的及时反应) | 6.0 | 5.2 | 4.6 | 4.4 |
| 6 | Consistency of order lead time (订货提前期的一致性) | 5.8 | 5.8 | 4.1 | 4.8 |
| 7 | Length of order lead time (订货提前期的长度) | 5.8 | 6.1 | 4.5 | 4.9 |
| 8 | Assistance with store layout planning (对商店布局计划的协助) | 3.9 | 4.2 | 3.0 | 3.4 |

The seed omits the rows after 8 ("…"), so this example uses the eight printed rows; the full survey could move the scores.

Expected answer, with the importance means as weights: S1 ≈ 5.44, S3 ≈ 4.51, S2 ≈ 4.06.
"""),
    code("""
sr = data.load_instance("supplier_ratings")
weights = dict(zip(sr["attributes"], sr["importance_mean"]))
scores = pd.DataFrame({f"S{k}": sr[f"supplier_{k}_mean"] for k in (1, 2, 3)}, index=sr["attributes"]).T
scores
"""),
    code("""
pr.weighted_scores(scores, weights).round(2).sort_values(ascending=False)
"""),
    md("""
Weights help most when the elements are many and overlap.
Grouping correlated elements first, with **factor analysis** (因子分析法), is part of the customer service audit in Chapter 5.

**Try it.** Move the importance weights.
Try to make S3 overtake S1: you cannot, because S1 is rated higher on every element, and a weighted average of larger ratings is larger whatever the weights.
S2 can pass S3 only if almost all the weight sits on timely response to requests for assistance, the one element where S2 is rated higher.
"""),
    code("""
WeightedScoresApp(scores, weights)
"""),
]

EXERCISE_INTRO = md("""
## Exercises (练习)

Each exercise has an answer cell and a check cell, `grader.check("q1")` (otter-grader's self-check).
Replace `None` with your answer (computed with the package, or read from an app), run both cells, and read the feedback: "passed" when it is right, otherwise the message says what is wrong (with a hint) or that the answer is still missing.
The exercises use the variables defined in the chapter, so run the chapter first.
""")

SUMMARY = [
    md("""
## Summary (小结)

- ABC analysis (ABC分析法) sorts items by value and cuts the cumulative share, usually at 80 % and 95 %; the item that crosses a cut-off stays in the higher class.
- The classes depend on the measure (revenue, margin or units), so choose the measure that matches the decision.
- The order service priority (订单服务优先级) is the ascending rank of profit-margin rank × importance; a lost sale (失销) makes a product urgent even when its margin is modest, and ties share the smaller rank.
- The sales volume × profit contribution matrix gives four strategies: high availability, reduce cost, centralise storage, review the product.
- The customer–product contribution matrix (客户—产品组合贡献矩阵) is a judgement table; its four bands turn priorities into promises of availability and delivery speed.
- Under the normal model a promise of availability *a* costs safety stock Φ⁻¹(a) σ, which rises steeply near 100 %; a 100 % promise has to be kept by other means.
- The weighted-average method (加权平均法) combines service ratings with importance weights; a supplier rated better on every element wins under any weights.
"""),
    md("""
## References (参考文献)

- Ballou, R. H. (2004). *Business Logistics/Supply Chain Management*, 5th ed. Pearson Prentice Hall, ch. 4 (logistics customer service; order-processing priorities); the 80-20 curve and ABC classification in ch. 3.
- Lambert, D. M. and Stock, J. R. (1993). *Strategic Logistics Management*, 3rd ed. Irwin, ch. 4 (customer service; the customer–product contribution matrix and its implementation).
- Seed slides of the course: [000] supply-chain customer relationships (供应链客户关系: Pareto principle, volume × profit matrix, order service priority, weighted-average method) and [002] customer service (客户服务: ABC analysis, the contribution matrix and its policy bands, the supplier importance table), as reconstructed in `COURSE_CONTENT.md`, sections D.10–D.12.
"""),
]


def master_cells():
    cells = INTRO + SECTION_1 + SECTION_2 + SECTION_3 + SECTION_4 + SECTION_5 + [EXERCISE_INTRO]
    for n in range(1, 7):
        cells += exercise_cells(n)
    return cells + SUMMARY


# --------------------------------------------------------------------------
# the solutions
# --------------------------------------------------------------------------
SOLUTIONS = {
    1: [
        md("""
**Solution.** Classify `quantity` with the default cut-offs and count class A.
Compare with revenue in the chapter: the class sizes depend on the measure.
"""),
        code("""
abc_units = pr.abc_classify(per_product["quantity"])
answer_1 = int((abc_units["cls"] == "A").sum())
pr.abc_summary(abc_units).round(3)
"""),
    ],
    2: [
        md("""
**Solution.** Change L's importance in a copy of the Series and recompute.
L's score drops from 27 to 9, between Y (7) and B and E (12), so L moves from last to the middle of the queue, and every product behind it moves back one place.
"""),
        code("""
what_if = importance.copy()
what_if["L"] = 1
table = pr.order_priority(rank, what_if)
answer_2 = int(table.loc["L", "priority"])
table.T
"""),
    ],
    3: [
        md("""
**Solution.** Split at the mean and count the products per strategy.
The sales are skewed (a few very large products), so the mean lies far above the median, and most products fall below it on both axes.
"""),
        code("""
counts = pr.volume_profit_matrix(sold, "quantity", "margin", split="mean")["strategy"].value_counts()
answer_3 = counts.idxmax()
counts
"""),
    ],
    4: [
        md("""
**Solution.** Build the matrix from the weights, apply the bands, and read row III, column C.
The weights rank III × C 10th, in the 6–10 band; the judgement table ranks it 13th, in the 11–15 band.
"""),
        code("""
by_weights = pr.contribution_matrix(pd.Series([5, 4, 3, 2, 1], index=["I", "II", "III", "IV", "V"]),
                                    pd.Series([4, 3, 2, 1], index=list("ABCD")))
weights_policy = pr.service_policy(by_weights)
answer_4 = (float(weights_policy["availability"].loc["III", "C"]),
            int(weights_policy["delivery_days"].loc["III", "C"]))
by_weights
"""),
    ],
    5: [
        md("""
**Solution.** Give every element the same weight; the weighted average is then the plain mean of each supplier's eight ratings.
The ranking does not change (S1, S3, S2): S1 is rated best on every element, and S3 beats S2 on every element but one.
"""),
        code("""
equal = {attribute: 1 for attribute in scores.columns}
answer_5 = pr.weighted_scores(scores, equal).round(2).to_dict()
answer_5
"""),
    ],
    6: [
        md("""
**A model reply.**
Class V is 14 of the 40 customers (35 %) but brings only about 3 % of the gross margin, while classes I and II (12 customers) bring about 77 %.
Promising every customer 100 % availability and next-day delivery is not possible at any sensible cost: under the normal model a 100 % target needs unlimited safety stock, and even the 99.9 % stand-in needs z ≈ 3.09 standard deviations of demand, against z ≈ 1.28 at 90 %.
The bands put the stock where it protects most margin: the class I × A cell alone holds about a quarter of the safety stock.
Class V customers are not refused service; they are promised 90–95 % availability and three to five days, and the promise is kept.
For the small customers we can still do better without more stock: serve them from one central warehouse (pooled stock needs less safety stock), agree fixed delivery days so that their orders travel in full loads, and move a customer up a class as soon as its margin grows.
If a class V customer buys a lost-sale product (importance 1), the order priority of section 2 still serves that line first on the day.
"""),
    ],
}


# --------------------------------------------------------------------------


def notebooks():
    """The otter-grader master of this chapter: student and solution versions are made from it."""
    return [Assignment(STUDENT, SOLUTIONS_NB, master_cells(), "ch04")]


def main(argv=None) -> int:
    return run(notebooks(), argv, __doc__)


if __name__ == "__main__":
    sys.exit(main())
