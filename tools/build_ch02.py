"""Write the Chapter 2 notebooks (student edition and solutions) from this script.

    python tools/build_ch02.py            write both notebooks (no outputs)
    python tools/build_ch02.py --execute  write them and execute them in place

The notebooks are the product; this script only keeps their cells in one
reviewable place.  Cell ids are fixed, so rebuilding gives a clean diff.
Executing stores the outputs that ``pytest --nbval`` compares later.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from notebook_builder import GRADER, LANGUAGE_CELL, ROOT, Assignment, code, md, open_question, key_terms, question, run  # noqa: E402


STUDENT = ROOT / "chapters" / "02_customer_service.ipynb"
SOLUTIONS_NB = ROOT / "chapters" / "solutions" / "02_customer_service_solutions.ipynb"


# --------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------
SETUP = [
    code(LANGUAGE_CELL, tags=["language"]),
    code("""
%matplotlib inline
import pandas as pd
from scm_course import service as svc, data
from scm_course.plots import service as views
from scm_course.apps import OrderPerformanceApp, SatisfactionGapApp, StockoutApp
"""),
    GRADER,
]

EXERCISES = {
    1: """
### Exercise 1 — The perfect order of one segment (细分市场的完美订货率)

Use the distributor's orders of section 3 and a lateness tolerance of 0 days.

What is the perfect-order rate (完美订货率) of the **e-commerce** orders delivered to the **West** region?
Answer with a fraction such as `0.85` (three decimals are enough).
""",
    2: """
### Exercise 2 — The peak season (旺季)

The distributor sells most air conditioners in June, July and August, and the warehouse is stretched.

By how many hours is the mean **order-processing** time (订单处理) of the orders **placed** in June–August longer than that of the orders placed in the other months?
Answer in hours with two decimals.
""",
    3: """
### Exercise 3 — Where does the shortfall come from? (不足从何而来？)

Another customer segment gives these levels of the satisfaction model (% of orders delivered on time):

| expectations (期望) | perceived expectations (感知的期望) | performance standards (绩效标准) | actual performance (实际的绩效) | external communication (外部沟通) | perceived performance (感知的绩效) |
|---|---|---|---|---|---|
| 95 | 93 | 90 | 88 | 98 | 86 |

Which gap on the chain from expectations to perceived performance (gap 1, 2, 3 or 5) adds most to the satisfaction gap (gap 6)?
Answer with the number of the gap.
""",
    4: """
### Exercise 4 — Better substitutes (更好的替代品)

The store puts a clear "try this instead" display next to every empty shelf.
In the stockout tree of section 5 this raises the probability that a shopper who stays accepts a substitute, P(substitute | stays), from 0.55 to **0.8**; every other branch probability stays at its illustrative default.

What are the expected lost sales per stockout event, as a share of one sale?
Answer with a fraction such as `0.3` (three decimals).
""",
    5: """
### Exercise 5 — How late is "on time"? (多晚算准时？)

The West region has the longest deliveries.

What is the smallest whole number of days of lateness tolerance at which at least 99 % of the West region's orders count as on time?
Answer with a whole number.
""",
    6: """
### Exercise 6 — A written customer-service policy (客户服务条例的书面说明) — open-ended

The first pre-transaction element is a written statement of the customer-service policy.
Seed [000] asks such a statement to (1) start from the customer (以客户为根本出发点), (2) state the service standards specifically and clearly (具体、明确的规定客户服务标准), (3) give rules for measuring and reporting performance (绩效评估及汇报细则) and (4) be workable in practice (可操作性).

Write the policy statement (8–12 lines) for the distributor's **e-commerce** channel.
Name at least one element from each phase (pre-transaction, transaction, post-transaction) of section 2, set at least two measurable standards based on the numbers of section 3 (for example an on-time or perfect-order target with its lateness tolerance, or an order-cycle time per stage), and say who measures them, how often, and what happens when a standard is missed.

There is no automatic check: discuss your statement in class.
""",
}


def exercise_cells(n: int):
    """Exercise ``n`` as an otter-grader question (solution and tests in the master only)."""
    if n == 6:  # open-ended: graded by the instructor
        return open_question(n, EXERCISES[n], SOLUTIONS[n])
    return question(n, f"ch02.q{n}", EXERCISES[n], SOLUTIONS[n])


# --------------------------------------------------------------------------
# the chapter
# --------------------------------------------------------------------------
INTRO = [
    md("""
# Chapter 2 — Customer service and its elements (客户服务及其要素)

Run the three code cells below first: the first sets the language of figures, widgets and feedback, the second imports the course package, the third starts the answer checker.
"""),
    *SETUP,
    md("""
Every order a logistics system fills is also a promise kept or broken: the goods arrive on the promised day or late, complete or short, with the right invoice or the wrong one.
**Customer service** (客户服务) is how well the logistics system keeps those promises, and it is where logistics meets marketing.

This chapter follows the seed course (digest sections D.1–D.6 and D.11) and the standard references, Ballou and Lambert & Stock.
It first says what customer service is and what it costs, lists its elements, measures it on the orders of the course's appliance distributor, links it to customer satisfaction, and ends with what customers do when the service fails.
"""),
    md("""
## Learning objectives (学习目标)

In this chapter you will:

- build an awareness of supply-chain customer service (供应链客户服务的意识), objective 2 of the course: what it is, why it matters, and what it costs;
- explain the three views of customer service (activity, performance measure, philosophy) and the marketing–logistics cost trade-off (营销与物流的成本权衡);
- name the pre-transaction, transaction and post-transaction elements (交易前/中/后要素) of customer service;
- compute on-time, in-full, error-free and perfect-order rates (完美订货率) and line and unit fill rates from order data, and break the order cycle (订货周期) into its stages;
- use the satisfaction gap model (客户满意度模型) to locate where a service shortfall comes from;
- estimate the expected lost sales and cost of a stockout (缺货) from a tree of customer reactions.
"""),
    key_terms("ch02", STUDENT),
]

SECTION_1 = [
    md("""
## 1. What customer service is (客户服务的定义与三种观点)

Seed [002] defines customer service as **the measure of how well the logistics system creates time and place utility** (时间和空间效用) for a product or service.
It covers every service activity from receiving the customer's order until the goods reach the customer, plus some after-sales services.

Seed [000] adds its role: customer service promotes sales, adds value to the supply chain (实现供应链的增值) and raises customer loyalty (客户忠诚度).
Its strategic core is that the products or services satisfy the customer (产品或服务能使客户满意).

Both seeds see customer service in three ways:

| Seed [002] | Seed [000] |
|---|---|
| an **activity or function** (一项管理活动或职能), e.g. order processing, complaint handling | an **activity** (一种活动) |
| a **performance measure** (一项绩效衡量指标), e.g. stockout rate, response time, delivery accuracy | a **way of adding value** (增值方式) |
| a **business philosophy** (一种经营理念) | a **service philosophy** (服务理念) |

In seed [000] the three labels sit on a different slide from their heading; the digest matched them by meaning (Part H, item 5).
This chapter uses all three views: the elements of section 2 are the *activities*, sections 3–4 are the *measures*, and the cost trade-off below is why service must be a *philosophy* shared by marketing and logistics.
"""),
    md("""
### The marketing–logistics cost trade-off (营销与物流的成本权衡)

Seed [002] opens with a figure that links the **marketing mix** (营销组合: product, price, promotion, place) with the **logistics costs**.
Logistics sees "place" as the **customer service level** (客户服务水平), and five cost categories rise or fall with it: inventory carrying (库存持有成本), transportation (运输成本), warehousing (仓储成本), lot quantity (批量成本), and order processing and information (订单处理与信息成本).

The logistics task is to **minimise the total of these costs for a given service level**, and to compare any extra service cost with the extra sales it brings (digest D.2 and D.7).
The costs pull in different directions: more stock raises availability and carrying cost; faster transport cuts the order cycle and raises freight cost; fewer warehouses cut warehousing cost and lengthen deliveries.
The diagram is conceptual: the seed gives no numbers.
Chapter 3 puts numbers on the trade-off between service level and inventory cost.
"""),
    code("""
diagram = views.plot_marketing_logistics_tradeoff()
"""),
]

SECTION_2 = [
    md("""
## 2. Service elements (客户服务要素)

Customer service is made of elements that act at three moments of a transaction (Lambert & Stock, after LaLonde and Zinszer):

- **pre-transaction elements** (交易前要素) are set up before any order: a written policy, an organisation that customers can reach, a system flexible enough for emergencies;
- **transaction elements** (交易中要素, 交易要素 in seed [002]) are what the customer feels while an order is filled: availability, order information, the order cycle, accuracy;
- **post-transaction elements** (交易后要素) support the product after delivery: installation and spare parts, tracking, claims and returns.

The two seeds list slightly different elements.
The package holds the merged list as a bilingual catalogue, so later chapters (the service audit of Chapter 5) use the same ids and names.
The column `source` tells which seed names the element: `000`, `002` or both.
"""),
    code("""
elements = svc.service_elements()
elements[["phase", "en", "zh", "zh_other", "source"]]
"""),
    md("""
Six transaction elements of seed [002] (from order-cycle elements to product substitution) follow a row of bullet marks on the slide; the digest places them under *transaction* by the layout and by the classic Lambert–Stock list (Part H, item 20).

The catalogue also says what each element means in practice, for example after the sale:
"""),
    code("""
svc.service_elements("post_transaction")[["en", "meaning_en", "meaning_zh"]]
"""),
    md("""
Seed [002] names four **methods for setting a customer-service strategy** (制定客户服务策略的方法): from customers' reactions to stockouts (section 5 of this chapter), the cost/benefit trade-off (Chapter 3), ABC analysis (Chapter 4), and the customer service survey or audit (Chapter 5).
"""),
]

SECTION_3 = [
    md("""
## 3. Measuring order performance (订单绩效的衡量)

Seed [000] sets three customer-service metrics (客户服务评估指标): the **on-time delivery rate** (准时交货率), the **order fill rate** (订单完成率) and the **error-free rate** (无错率).
An order that meets all three at once is a **perfect order** (完美订货): delivered on time, complete, undamaged, to the right place, with complete and accurate documents.
The perfect order can measure one customer or any unit: a customer group, a region, a distribution centre.

For a set of orders:

- **on-time rate** = share of orders delivered no later than the promised date (plus a stated tolerance);
- **in-full rate** (order fill rate) = share of orders delivered complete; the **line fill rate** counts complete order lines and the **unit fill rate** counts units delivered;
- **error-free rate** = share of orders without invoice, document or damage errors;
- **perfect-order rate** = share of orders that are on time *and* in full *and* error free.

Because a perfect order must pass all three tests, the perfect-order rate can never be higher than any of the three rates.
"""),
    md("""
**Worked example (a hand example made for the course).**
Six orders; quantities are summed over each order's lines.

| Order | Promised | Delivered | Lines: ordered → delivered | Error free |
|---|---|---|---|---|
| A1 | 3 March | 3 March | 6 → 6, 4 → 4 | yes |
| A2 | 3 March | 4 March | 5 → 5 | yes |
| A3 | 4 March | 4 March | 5 → 5, 3 → 1 | yes |
| A4 | 4 March | 3 March | 12 → 12 | no (damaged) |
| A5 | 5 March | 5 March | 4 → 4 | yes |
| A6 | 5 March | 7 March | 6 → 5 | no |

Expected answer: on time 4/6 = 0.667 (A2 and A6 are late), in full 4/6 = 0.667 (A3 and A6 are short), error free 4/6 = 0.667 (A4 and A6), perfect 2/6 = 0.333 (A1 and A5 only).
The unit fill rate is 42/45 = 0.933 and the line fill rate 6/8 = 0.75.
"""),
    code("""
ex = data.load_instance("perfect_order_example")
orders_ex = pd.DataFrame({k: ex[k] for k in ("order_id", "promised_date", "delivered_date", "error_free")})
lines_ex = pd.DataFrame({"order_id": ex["line_order_id"], "qty_ordered": ex["line_qty_ordered"],
                         "qty_delivered": ex["line_qty_delivered"]})
orders_ex = orders_ex.join(lines_ex.groupby("order_id")[["qty_ordered", "qty_delivered"]].sum(), on="order_id")
orders_ex
"""),
    code("""
{k: round(v, 3) for k, v in svc.order_metrics(orders_ex).items()}
"""),
    code("""
{k: round(v, 3) for k, v in svc.order_fill_rates(lines_ex).items()}
"""),
    md("""
Note two things.
The perfect-order rate (0.333) is lower than each component (0.667), and it is not their product (0.296) either: the failures overlap (A6 fails all three tests), so the three tests are not independent.
And the unit fill rate (93 %) looks far better than the order fill rate (67 %): two units short spoil two whole orders.
Always say which fill rate you report.

The on-time rate depends on the **lateness tolerance** (迟到容忍): with one day of tolerance, A2 counts as on time, and A2 is otherwise perfect.
"""),
    code("""
svc.order_metrics(orders_ex, late_tolerance_days=1)["perfect_order"]
"""),
    md("""
### The distributor's orders (课程数据集)

The course's fictional appliance distributor recorded how each of its 2,500 orders of 2025 was fulfilled: the timestamps of the order cycle, the promised and actual delivery dates, the units ordered and delivered per line, and invoice or damage errors.
`datasets/README.md` describes every column.
"""),
    code("""
orders, lines = data.load_fulfilment(), data.load_fulfilment_lines()
orders.head(3).T
"""),
    code("""
{k: round(v, 4) for k, v in svc.order_metrics(orders).items()}
"""),
    code("""
{k: round(v, 4) for k, v in svc.order_fill_rates(lines).items()}
"""),
    md("""
Between 94 % and 96 % of the orders pass each test, but only 85 % pass all three.
The three fill rates come in the usual order: units (98.5 %) > lines (97.3 %) > orders (93.7 %), and the order fill rate equals the in-full rate above, since both count the orders delivered complete.

Per channel, the picture differs:
"""),
    code("""
by_channel = {c: svc.order_metrics(orders[orders["channel"] == c]) for c in orders["channel"].unique()}
pd.DataFrame(by_channel).T.round(3)
"""),
    md("""
E-commerce orders are the least punctual (most go to the far West), project orders the least complete and accurate (large mixed orders).

### The order cycle (订货周期)

The **order cycle** (订货周期) is the time from the customer placing an order to receiving the goods.
Seed [000] names its parts: order transmission (订单传输), order processing (订单处理) and production time (生产时间); the **lead time** (前置时间) is the cycle time of order allocation and delivery.
With Ballou, the course splits the cycle of a distributor that ships from stock into four stages, each between two timestamps:

| Stage | From → to | What happens |
|---|---|---|
| transmission (订单传递) | placed → received | the order reaches the distributor (EDI, phone, tender) |
| processing (订单处理) | received → released | checking, credit, allocation of stock |
| picking / assembly (拣货/装配) | released → shipped | picking, packing, loading (or production for made-to-order items) |
| delivery (送货) | shipped → delivered | transport to the customer |

**Worked example.** The first order of the year, O00001, was placed on 1 January at 13:22, received at 22:45, released at 00:25, shipped at 03:09 and delivered at 22:17 on 2 January.
Expected answer: transmission 9.38 h, processing 1.67 h, picking 2.73 h, delivery 19.13 h, total 32.92 h.
"""),
    code("""
svc.order_cycle(orders.head(1)).round(2)
"""),
    md("""
Over all orders, per channel and per region (mean of each stage and the 50th and 90th percentiles of the total):
"""),
    code("""
svc.order_cycle_summary(orders, by="channel").round(1)
"""),
    code("""
svc.order_cycle_summary(orders, by="region").round(1)
"""),
    md("""
The means of the four stages add up to the mean total.
Transmission depends on the channel: EDI orders from retail chains and e-commerce arrive within an hour, dealers phone or fax, and project orders wait for tender paperwork for more than a day.
Delivery depends on the region: the far West takes more than twice as long as the East.
So the order cycle tells a manager *which* stage to work on: faster transmission for dealers (for example online ordering, an element of ordering convenience), and faster or closer delivery for the West.

**Try it.** The app computes the metrics of the selected orders and breaks their order cycle down by channel, within the selected region (the selected channel is highlighted).
Raise the lateness tolerance and watch the on-time and perfect-order rates rise while the real service stays the same.
Choose the e-commerce channel, then the West region.
Then choose the project channel and the East region: no project orders go there, and the app says so instead of drawing an empty chart.
"""),
    code("""
OrderPerformanceApp(orders, lines)
"""),
]

SECTION_4 = [
    md("""
## 4. Customer satisfaction and the gap model (客户满意与客户满意度模型)

**Customer satisfaction** (客户满意) is the pleasure or disappointment a customer feels after comparing the **perceived performance** (可感知的效果, 感知的绩效) of a product or service with their **expectations** (期望值) [002].
The usual score is the difference

**satisfaction = perceived performance − expectations**:

below zero the customer is disappointed (失望), at zero satisfied, above zero delighted (愉悦).
A ratio perceived / expected is an alternative when measures are on different scales.
The quality of customer service directly affects satisfaction.

Where does a shortfall come from?
The seed's **customer satisfaction model** (客户满意度模型) links six levels, on the customer's side and on the supplier's side.
Expectations are formed by word of mouth (口碑), needs (需求), past experience (经历) and the supplier's external communication (外部沟通).
Between the levels lie six **gaps** (差异1–6).
In this course each gap is the later level minus the earlier one, so a **negative gap is a shortfall**:

| Gap | Later level − earlier level | Name |
|---|---|---|
| 1 (差异1) | perceived expectations − expectations | knowledge gap: the supplier misjudges what customers expect |
| 2 (差异2) | performance standards − perceived expectations | standards gap: the standards are set below what the supplier believes customers expect |
| 3 (差异3) | actual performance − standards | delivery gap: operations miss the standards |
| 4 (差异4) | actual performance − external communication | communication gap: promises exceed what is delivered |
| 5 (差异5) | perceived performance − actual performance | perception gap: customers see less (or more) than was delivered |
| 6 (差异6) | perceived performance − expectations | satisfaction gap |

The figure's arrows are lost in the seed, so the pairings are reconstructed from where the gap labels sit (digest D.4 and Part H, item 21).
Gaps 5 and 6 are clear from the text; gaps 1–4 follow the service-quality model of Parasuraman, Zeithaml and Berry (1985), whose "gap 5" is this model's gap 6.

With these signs the chain adds up: **gap 6 = gap 1 + gap 2 + gap 3 + gap 5**.
Gap 4 is not on the chain; an over-promise works through higher expectations.
"""),
    md("""
**Worked example (illustrative levels, % of orders delivered on time).**
Customers expect 97 %; the supplier believes they expect 94 % and sets its standard at 92 %; it actually delivers 93 % while its brochure promises 99 %; customers, who remember the late orders, perceive 89 %.

Expected answer: gaps 1–6 = −3, −2, +1, −6, −4, −8, and −3 − 2 + 1 − 4 = −8; the customer is dissatisfied.
"""),
    code("""
levels = data.load_instance("satisfaction_gap_example")["levels"]
gaps = svc.gap_model(levels)
gaps
"""),
    code("""
svc.satisfaction(levels["perceived"], levels["expected"]), svc.satisfaction_level(levels["perceived"], levels["expected"])
"""),
    md("""
Operations did better than their own standard (gap 3 is positive), yet the customer is dissatisfied: the standard was set too low (gaps 1 and 2) and customers perceive less than was delivered (gap 5).
Closing the gaps takes different tools: customer research for gap 1, standards based on it for gap 2, operations for gap 3, honest promises for gap 4, and reporting actual performance to customers for gap 5.

**Try it.** Move the six levels.
Make the supplier deliver exactly its standard and customers perceive exactly what was delivered: gap 6 is then gaps 1 + 2 alone.
Raise the promise (external communication) and see that gap 4 becomes more negative while gap 6 does not change in the model: in practice the promise would raise the expectations next time.
"""),
    code("""
SatisfactionGapApp(levels)
"""),
]

SECTION_5 = [
    md("""
## 5. Reactions to supply problems (客户对供货问题的反应)

The first method for setting a service strategy is to ask what customers do when the service fails.
Seed [002] gives two models: one for a business customer of a supplier, one for a shopper in a store.

### 5.1 A business customer's reactions (客户对供货问题的反应模型)

When a supplier fails a dealer or retail chain, with a stockout (缺货), a short shipment (发货不足), an order-cycle problem (订货周期问题) or a back order (延期交货), the buyer makes three decisions:

1. which **short-term reaction** (短期反应) to show: buy a substitute product (替代产品), rebalance its own system (系统平衡), or accept the back order;
2. whether to make a **long-term reaction** (长期反应) at all;
3. which type: **direct** (直接), against the failing product (cut its shelf space, refuse the manufacturer's promotions, delete it from the catalogue); **indirect** (间接), against the supplier's other products (the same sanctions, and refusing new products); or an **internal adjustment** (内部调节) such as more safety stock.

The inputs are the supplier's supply history, the type of failure and the buyer's time constraints, product factors (sales volume, uniqueness, gross margin, strength of the manufacturer's line, stock turnover), and the buyer's past reactions to this supplier; an evaluation of how well the reaction worked feeds that history.

The flowchart lost its arrows in the seed.
The roles of back order and system balancing, the placing of "increase safety stock" (printed at the end of the indirect list) and which input feeds which decision are reconstructed (digest D.6.1 and Part H, item 22); the package marks these items as inferred.
"""),
    code("""
flow = views.plot_supply_reaction_model()
"""),
    code("""
reaction_model = svc.supply_reaction_model()
reaction_model[reaction_model["part"].isin(["short_term", "direct", "indirect", "internal_adjustment"])]
"""),
    md("""
The lesson for the supplier: one failure costs a sale, but a pattern of failures costs shelf space, promotions and new listings, on the failing product and beyond it.

### 5.2 A shopper's reactions to a stockout (零售环节消费者对缺货的反应模型)

A shopper who finds an item out of stock decides, step by step, whether to **switch store** (转换商店), accept a **substitute** (替代品), **switch brand** (转换品牌) and at which **price** (转换价格).
The seed numbers six outcomes: ① higher price (更高), ② same price (相同), ③ lower price (更低), ④ other size (其它规格), ⑤ special order (特殊订单) and ⑥ come back next visit (下次光顾); the other-store branch ends in buying the same item or a substitute there.

```
switch store?  yes -> other store: substitute product?   no  -> same item, other store
                                                          yes -> substitute, other store
               no  -> substitute?  yes -> switch brand?  yes -> switch price? -> ① higher | ② same | ③ lower
                                                         no  -> ④ other size
                                   no  -> special order? yes -> ⑤ special order
                                                         no  -> ⑥ come back next visit
```

The six outcomes and the decisions are certain; the yes/no edges and the other-store branch are reconstructed (digest D.6.2 and Part H, item 23).

Put a probability on every branch, and the probability of each outcome is the product of the probabilities on its path.
Give each outcome the share of the sale the store loses and its cost, and the tree yields the **expected lost sales** and the **expected cost of one stockout event**:

expected cost = Σ over outcomes of P(outcome) × cost(outcome).

**The numbers below are illustrative**: the seed gives none.
They are for an item that earns 100 CNY of gross margin: a shopper who goes to another store costs the margin plus some future business (150), a cheaper substitute costs margin (30), another size a little (10), a special order handling (20), and a quarter of those who say they will come back never do.
"""),
    code("""
tree = svc.default_stockout_tree()
tree
"""),
    md("""
**Worked example.**
P(other size) = P(stay) × P(substitute | stay) × P(same brand | substitute) = 0.7 × 0.55 × 0.4 = 0.154.
The sale is lost when the shopper switches store (0.3) and for a quarter of the 0.7 × 0.45 × 0.7 = 0.2205 who plan to come back.

Expected answer: expected lost sales 0.3 + 0.2205 × 0.25 = 0.355 of a sale per stockout; expected cost 56.78 CNY, of which 45 come from the shoppers who switch store.
"""),
    code("""
reactions = svc.stockout_reactions(tree)
reactions["leaves"].drop(columns="path").round(4)
"""),
    code("""
round(reactions["expected_lost_sales"], 4), round(reactions["expected_cost"], 2)
"""),
    md("""
The branch probabilities at every decision must add up to 1.
The model checks this and names the decision that breaks the rule, for example if "same price" were 0.6 instead of 0.5:
"""),
    code("""
wrong = tree.assign(probability=tree["probability"].where(tree["child"] != "same_price", 0.6))
try:
    svc.stockout_reactions(wrong)
except ValueError as err:
    print(err)
"""),
    md("""
Multiplied by the number of stockout events a year, the expected cost per stockout is the **cost of a stockout** that the cost/benefit method of Chapter 3 weighs against the cost of holding more inventory.
The tree also shows where to act: when most of the cost comes from shoppers who leave the store, better substitutes help little and availability helps most.

**Try it.** Each slider sets the probability of the "yes" branch of one decision; the "no" branch gets the rest.
The price decision has three branches: set "higher" and "lower", and "same" gets the rest.
Push "higher" plus "lower" above 1 and the model's check reports that the branches at the price decision cannot add up to 1.
"""),
    code("""
StockoutApp()
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

- Customer service (客户服务) measures how well logistics creates time and place utility; it can be seen as an activity, a performance measure and a philosophy.
- The customer service level is the "place" of the marketing mix; logistics minimises the total of inventory carrying, transportation, warehousing, lot-quantity and order-processing costs for a given service level.
- Service elements act before the transaction (policy, organisation, flexibility), during it (availability, order information, order cycle, accuracy) and after it (installation and parts, tracking, claims and returns).
- The perfect-order rate (完美订货率) counts orders that are on time, in full and error free at once; it is never higher than any of the three rates, and the lateness tolerance must always be stated.
- Unit, line and order fill rates answer different questions; the unit fill rate looks best.
- The order cycle (订货周期) splits into transmission, processing, picking and delivery; its breakdown shows which stage to improve.
- Satisfaction = perceived performance − expectations; in the gap model gap 6 = gap 1 + gap 2 + gap 3 + gap 5, and over-promising (gap 4) works through expectations.
- A tree of stockout reactions turns branch probabilities into expected lost sales and the cost of a stockout, the number a service policy weighs against inventory cost.
"""),
    md("""
## References (参考文献)

- Ballou, R. H. (2004). *Business Logistics/Supply Chain Management*, 5th ed. Pearson Prentice Hall, ch. 4 (logistics customer service: definition, elements, order cycle, the sales–service relationship).
- Lambert, D. M. and Stock, J. R. (1993). *Strategic Logistics Management*, 3rd ed. Irwin, ch. 4 (customer service: the marketing–logistics cost trade-offs, pre-transaction, transaction and post-transaction elements, customer reactions to stockouts).
- Parasuraman, A., Zeithaml, V. A. and Berry, L. L. (1985). A conceptual model of service quality and its implications for future research. *Journal of Marketing*, 49(4), 41–50 (the gap model).
- Seed slides of the course: [000] supply-chain customer relationships (供应链客户关系: role and views of customer service, service elements, the perfect order and its three metrics, the order cycle) and [002] customer service (客户服务: cost trade-offs, definition, elements, satisfaction model, methods for a service strategy, reactions to supply problems and stockouts), as reconstructed in `COURSE_CONTENT.md`, sections D.1–D.6, D.11 and E.2.
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
**Solution.** Select the segment with both filters and read the perfect-order rate.
Compare it with its three components: lateness is the main problem of this segment.
"""),
        code("""
segment = svc.order_performance(orders, lines, where={"channel": "e_commerce", "region": "West"})
answer_1 = round(segment["metrics"]["perfect_order"], 3)
segment["orders"], {k: round(v, 3) for k, v in segment["metrics"].items()}
"""),
    ],
    2: [
        md("""
**Solution.** Compute every order's cycle, mark the orders placed in June–August, and compare the mean of each stage.
Processing more than doubles in the peak; picking rises too; transmission and delivery do not change.
"""),
        code("""
cycle = svc.order_cycle(orders)
peak = orders["placed_at"].dt.month.isin([6, 7, 8]).to_numpy()
answer_2 = round(cycle.loc[peak, "processing"].mean() - cycle.loc[~peak, "processing"].mean(), 2)
cycle.groupby(peak).mean().round(2)
"""),
    ],
    3: [
        md("""
**Solution.** Compute the gaps and compare those on the chain (1, 2, 3, 5).
They add up to gap 6 (−2 − 3 − 2 − 2 = −9); the standards gap (−3) is the largest part.
The communication gap (−10) is larger still, but it is not on the chain: it will raise expectations next time.
"""),
        code("""
levels_3 = {"expected": 95, "perceived_expectations": 93, "standards": 90, "actual": 88,
            "communicated": 98, "perceived": 86}
gaps_3 = svc.gap_model(levels_3)
answer_3 = int(gaps_3.loc[[1, 2, 3, 5], "value"].idxmin())
gaps_3
"""),
    ],
    4: [
        md("""
**Solution.** Change the two branches of the "substitute?" decision (they must still add up to 1) and recompute.
Expected lost sales fall only from 0.355 to about 0.32: the 30 % who switch store are lost whatever the store offers.
"""),
        code("""
tree_4 = svc.default_stockout_tree()
tree_4.loc[tree_4["child"] == "switch_brand", "probability"] = 0.8
tree_4.loc[tree_4["child"] == "order_or_wait", "probability"] = 0.2
answer_4 = round(svc.stockout_reactions(tree_4)["expected_lost_sales"], 3)
answer_4
"""),
    ],
    5: [
        md("""
**Solution.** Compute the on-time rate of the West orders for tolerances of 0, 1, 2, ... days and take the first that reaches 99 %.
"""),
        code("""
west = orders[orders["region"] == "West"]
on_time = pd.Series({d: svc.order_metrics(west, d)["on_time"] for d in range(4)})
answer_5 = int(on_time[on_time >= 0.99].index[0])
on_time.round(4)
"""),
    ],
    6: [
        md("""
**A model statement.**

*Customer-service policy, e-commerce channel (2026).*
We serve online shops so that their own customers receive what they ordered when we promised it.
**Before the order:** this policy is published on our partner portal with the name and phone number of the e-commerce service desk (pre-transaction: written policy, policy given to customers, accessibility).
**During the order:** orders reach us by EDI and are confirmed within 1 hour with stock status and delivery date (order information); we promise delivery within 3 days; at least 95 % of orders are delivered by the promised date with no tolerance (2025: 92 %), and 88 % are perfect orders, on time, complete and error free (2025: 82 %).
Order processing in June–August takes no longer than 6 hours on average (2025: about 8.4 hours); extra staff are planned for the peak.
**After the order:** damaged goods are collected and replaced within 2 days (claims, complaints and returns).
**Measurement and reporting:** the logistics controller measures every standard each month from the order system, reports it to the sales director and to every e-commerce customer on the portal, and states the lateness tolerance with every on-time figure.
A standard missed two months in a row leads to a written corrective-action plan within 2 weeks.
"""),
    ],
}


# --------------------------------------------------------------------------


def notebooks():
    """The otter-grader master of this chapter: student and solution versions are made from it."""
    return [Assignment(STUDENT, SOLUTIONS_NB, master_cells(), "ch02")]


def main(argv=None) -> int:
    return run(notebooks(), argv, __doc__)


if __name__ == "__main__":
    sys.exit(main())
