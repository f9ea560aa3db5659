"""Write the Chapter 3 notebooks (student edition and solutions) from this script.

    python tools/build_ch03.py            write both notebooks (no outputs)
    python tools/build_ch03.py --execute  write them and execute them in place

The notebooks are the product; this script only keeps their cells in one
reviewable place.  Cell ids are fixed, so rebuilding gives a clean diff.
Executing stores the outputs that ``pytest --nbval`` compares later.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from notebook_builder import GRADER, LANGUAGE_CELL, ROOT, Assignment, code, md, open_question, key_terms, question, run  # noqa: E402


STUDENT = ROOT / "chapters" / "03_service_level_cost.ipynb"
SOLUTIONS_NB = ROOT / "chapters" / "solutions" / "03_service_level_cost_solutions.ipynb"


# --------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------
SETUP = [
    code(LANGUAGE_CELL, tags=["language"]),
    code("""
%matplotlib inline
import pandas as pd
from scm_course import tradeoff as tr, service, data
from scm_course.plots import tradeoff as views
from scm_course.apps import SafetyStockApp, ServiceCostApp
"""),
    GRADER,
]

EXERCISES = {
    1: """
### Exercise 1 — Safety stock for 95 % (95% 服务水平的安全库存)

The store of section 1 faces weekly demand with standard deviation 500 boxes and a replenishment lead time of 2 weeks.

How much safety stock (安全库存) gives a cycle service level of 95 %?
Answer in boxes, as a number (to the nearest unit).
""",
    2: """
### Exercise 2 — Smaller lots (更小的订货批量)

Keep the store's reorder point at 6,000 boxes (weekly demand N(2,500, 500), lead time 2 weeks), but let it order lots of **Q = 2,500** boxes instead of 10,000.

What fill rate (订单满足率) does the policy give now?
Answer as a fraction such as `0.95` (four decimals are enough).
""",
    3: """
### Exercise 3 — A seasonal appliance (季节性家电)

The distributor buys a fan model once for the summer season.
Season demand is normal with mean 500 units and standard deviation 100.
Each unit sold earns a margin of 120 CNY; each unit left over at the end of the season costs 30 CNY (holding, markdown and return).

How many units should it stock to maximise expected profit?
Answer with a number of units (one decimal is enough).
""",
    4: """
### Exercise 4 — Same stock, better service (同样的库存，更好的服务)

The distributor holds the safety stock that gives a 95 % cycle service level.
Then information sharing (信息共享) with its key dealers cuts the standard deviation of lead-time demand by 30 %, and it keeps the same safety stock.

What cycle service level does that stock give now?
Answer as a fraction such as `0.97` (four decimals are enough).
""",
    5: """
### Exercise 5 — Which months need corrective action? (哪些月份需要纠正？)

Use the monthly perfect-order rates of 2025 from section 4, the standard 90 % and a tolerance of 2 percentage points.

For how many months must the distributor take corrective action (status `below_standard`)?
Answer with a whole number.
""",
    6: """
### Exercise 6 — Write the service policy (撰写客户服务策略) — open-ended

Draft a one-page customer service policy (客户服务策略) for the distributor's dealers that meets the four requirements of section 4.

- Start from the customer: which service elements do dealers value most?
- State measurable standards, for example a perfect-order rate, an in-full rate and a cycle service level for the fast-moving products.
- Say how performance is measured, how often, who reports the variance and to whom.
- Check that the standards are workable: use section 2 to show that your cycle service level is not far above the profit-maximising level, or say which uncertainty reduction (section 3) would make it affordable.

There is no automatic check: discuss your draft in class.
""",
}


def exercise_cells(n: int):
    """Exercise ``n`` as an otter-grader question (solution and tests in the master only)."""
    if n == 6:  # open-ended: graded by the instructor
        return open_question(n, EXERCISES[n], SOLUTIONS[n])
    return question(n, f"ch03.q{n}", EXERCISES[n], SOLUTIONS[n])


# --------------------------------------------------------------------------
# the chapter
# --------------------------------------------------------------------------
INTRO = [
    md("""
# Chapter 3 — Service level, inventory and cost (服务水平、库存与成本)

Run the three code cells below first: the first sets the language of figures, widgets and feedback, the second imports the course package, the third starts the answer checker.
"""),
    *SETUP,
    md("""
Inventory exists to serve customers, so how much to hold is relative to the service customers require (以客户服务需求为基准).
Better service sells more and keeps customers loyal, but every extra point of service costs more stock than the last.

This chapter puts numbers on that trade-off.
It follows the seed course (digest sections D.7–D.9, D.11 and D.14) and the standard references: Ballou for customer service and inventory, Chopra & Meindl for safety inventory and the fill rate, Silver, Pyke & Peterson for the loss function.
The seeds give the tables and the shapes of the curves; where they give no numbers, the chapter says so and uses clearly illustrative ones.
"""),
    md("""
## Learning objectives (学习目标)

In this chapter you will:

- build an awareness of supply-chain customer service (供应链客户服务的意识), objective 2 of the course, by measuring what a service level costs;
- derive the seed's inventory vs service level table (50 / 84 / 98 / 99.9 %) from the normal distribution, and explain its diminishing returns;
- compute a safety factor (安全系数) and a safety stock (安全库存) for a target cycle service level (周期服务水平);
- tell the cycle service level from the fill rate (订单满足率), and compute the fill rate with the standard normal loss function;
- find the profit-maximising service level on revenue, cost and profit curves, and show that it is the newsvendor critical ratio (临界比);
- explain how customer alliances (客户联盟), information sharing (信息共享) and optimal transport strategies (最优运输战略) shift the service cost curve to the right (服务成本曲线右移);
- set customer service goals (客户服务目标) and run the control loop of service performance: standard, measure, variance, corrective action.
"""),
    key_terms("ch03", STUDENT),
]

SECTION_1 = [
    md("""
## 1. Inventory level and service level (库存水平与服务水平的关系)

Demand over a replenishment lead time is uncertain.
Model it as normal with mean x̄ and standard deviation σ, and hold the stock x̄ + zσ: the mean plus a **safety stock** (安全库存) of z standard deviations.
The number z is the **safety factor** (安全系数).

Then the probability that a replenishment cycle ends without a stockout is Φ(z), the **standard normal distribution** (标准正态分布) function.
This probability is the **cycle service level** (周期服务水平, CSL).

The seed prints a table whose symbols were partly lost: inventory levels "x, x, x 2, x 3" against service levels 50 %, 84 %, 98 %, 99.9 % [000 L226–235].
Reading the levels as x̄, x̄ + σ, x̄ + 2σ and x̄ + 3σ is a **reconstruction** (digest, Part H item 11), but it is the only reading in which all four percentages fit the normal distribution.
"""),
    md("""
**Worked example (seed, table T6).**
Stock x̄ + zσ for z = 0, 1, 2, 3.

Expected answer: Φ(z) = 50.00 %, 84.13 %, 97.72 % and 99.87 %, which round to the printed 50, 84, 98 and 99.9 %.
"""),
    code("""
seed = data.load_instance("inventory_service_levels")
table = tr.inventory_service_table(seed["z"])
table["printed"] = seed["printed_service_level"]
(100 * table).round(2)
"""),
    md("""
The column `extra_service` shows the **diminishing returns** (收益递减): the first σ of safety stock adds 34.1 points of service, the second 13.6, the third only 2.1.
Service near 100 % needs disproportionately more inventory, and 100 % itself would need an infinite safety stock under the normal model.

### Safety factor and safety stock (安全系数与安全库存)

Turn the table round: for a target cycle service level CSL, the safety factor is z = Φ⁻¹(CSL).
If σ is the standard deviation of demand per week and the lead time is L weeks, independent weeks add their variances, so the standard deviation over the lead time is σ_L = σ√L and

**safety stock = z · σ · √L.**
"""),
    md("""
**Worked example (Chopra & Meindl's store).**
Weekly demand has standard deviation 500 boxes and the lead time is 2 weeks, so σ_L = 500√2 ≈ 707 boxes.

Expected answer: for 90, 95, 98 and 99 % the safety factors are about 1.28, 1.64, 2.05 and 2.33, and the safety stocks about 906, 1,163, 1,452 and 1,645 boxes.
"""),
    code("""
levels = pd.Series([0.90, 0.95, 0.98, 0.99], index=[0.90, 0.95, 0.98, 0.99])
pd.DataFrame({"z": tr.safety_factor(levels),
              "safety_stock": tr.safety_stock(levels, 500, lead_time=2)}).round(2)
"""),
    md("""
Going from 90 % to 95 % costs 257 boxes; going from 98 % to 99 %, one point only, costs another 193.

### Cycle service level vs fill rate (周期服务水平与订单满足率)

The cycle service level counts *whether* a cycle runs short, not *how much*.
Customers feel the **fill rate** (订单满足率, also 订单完成率): the share of demand served from stock.

The **standard normal loss function** (标准正态损失函数)

**L(z) = φ(z) − z (1 − Φ(z))**

is the expected amount by which a standard normal variable exceeds z.
So a cycle with safety factor z is short by **ESC = σ_L · L(z)** units on average (expected shortage per cycle, 每周期期望缺货量).
Each cycle brings a replenishment of Q units, which is also the mean demand per cycle, so

**fill rate = 1 − σ_L · L(z) / Q.**

Silver, Pyke & Peterson tabulate L as G_u(k); Chopra & Meindl use the same formula for ESC.
"""),
    md("""
**Worked example (Chopra & Meindl, "Evaluating fill rate given a replenishment policy").**
Weekly demand at a store is normal with mean 2,500 boxes and standard deviation 500; the lead time is 2 weeks.
The store orders Q = 10,000 boxes whenever its stock falls to the reorder point of 6,000.

Expected answer: σ_L = 707.1, safety stock 6,000 − 5,000 = 1,000 (z = 1.414), CSL ≈ 0.92, ESC ≈ 25.13 boxes and fill rate ≈ 0.9975.
"""),
    code("""
fr = data.load_instance("chopra_fill_rate")
sigma_l = tr.lead_time_sd(fr["demand_sd"], fr["lead_time"])
z = (fr["reorder_point"] - fr["demand_mean"] * fr["lead_time"]) / sigma_l
pd.Series({"sigma_l": sigma_l, "z": z, "cycle_service_level": tr.cycle_service_level(z),
           "expected_shortage": tr.expected_shortage(z, sigma_l),
           "fill_rate": tr.fill_rate(z, sigma_l, fr["order_quantity"])}).round(4)
"""),
    md("""
About one cycle in 13 runs short (CSL 92 %), yet 99.75 % of the boxes are served from stock, because a short cycle is short by only a few boxes out of 10,000.
Which measure to promise is a service decision: a dealer who cannot sell without the product feels every stockout cycle; a dealer who orders many products at once feels the fill rate.

**Try it.** The app shows the stock x̄ + zσ on the normal curve (left) and both service measures against z (right), for the store's σ_L.
Move z and watch the shaded area, the cycle service level, grow ever more slowly.
Then lower the order quantity Q: the fill rate falls, because there are more cycles, each with the same risk; the cycle service level does not move.
"""),
    code("""
SafetyStockApp()
"""),
]

SECTION_2 = [
    md("""
## 2. The cost/benefit trade-off (成本/收益权衡)

The total cost of logistics (transport, warehousing, order processing and information systems, production set-up, purchasing and inventory) can be seen as the firm's spending on customer service [002 L118–121].
To keep logistics cost low, managers minimise total cost *for a given service level*; to choose the level itself, they compare the **cost of raising the service level** with the **extra sales revenue** it brings.

The seed's slide "cost/benefit trade-off method" (成本/收益权衡法) has three charts: (1) service level vs sales revenue, (2) customer service vs inventory investment, on axes 75–100 % and 0–600 万元, and (3) cost and revenue vs service level, with profit greatest at a service level marked **a** [002 L125–143].
The slide gives no data: only the axis numbers of chart (2), whose assignment to that chart is itself inferred (digest, Part H item 24).
The curves below therefore use **illustrative numbers, not seed data**, chosen to give the textbook shapes.

**The model** (a supplement to the seed: the single-period, or newsvendor, reading of the trade-off).
Demand over the period is normal with mean μ_L and standard deviation σ_L, and the firm stocks S = μ_L + zσ_L for a cycle service level Φ(z).
Each unit sold earns the margin m; each unit left over costs h to carry.
With the loss function of section 1:

- expected shortage = σ_L L(z); expected sales = μ_L − σ_L L(z); expected leftover = σ_L (z + L(z));
- revenue = m · expected sales (the margin earned on sales), inventory cost = h · expected leftover, profit = revenue − inventory cost.
"""),
    md("""
**The illustrative distributor.**
An air-conditioner model sells N(300, 150²) units a week and is replenished every 2 weeks; the margin is 100 CNY a unit and a unit left over costs 20 CNY.
"""),
    code("""
params = dict(demand_mean=300, demand_sd=150, lead_time=2, unit_margin=100, unit_holding_cost=20)
curves = tr.service_cost_curves(tr.service_level_grid(), **params)
curves.loc[[0.5, 0.8, 0.9, 0.95, 0.99, 0.999], ["safety_stock", "revenue", "inventory_cost", "profit"]].round(0)
"""),
    md("""
Revenue rises with diminishing returns (+6,095 CNY from 50 % to 80 %, only +66 CNY from 99 % to 99.9 %), while inventory cost rises ever faster.
So profit first rises and then falls.

**Where is the top?**
Raising z a little adds sales only when demand is above the stock, with probability 1 − Φ(z), and adds a leftover otherwise, with probability Φ(z).
The profit changes at the rate σ_L (m (1 − Φ(z)) − h Φ(z)), which is zero when

**Φ(z) = m / (m + h),**

the **critical ratio** (临界比) of the newsvendor model.
The best cycle service level depends only on what a unit short costs against what a unit too many costs, not on the demand.
"""),
    md("""
**Worked example (Snyder & Shen, Example 4.3).**
Holding cost h = 0.18, stockout cost p = 0.70 (the margin lost), demand N(50, 8²).

Expected answer: critical ratio 0.70 / 0.88 = 0.7955, optimal stock S* = 50 + 8 Φ⁻¹(0.7955) ≈ 56.60 units.
"""),
    code("""
nv = data.load_instance("newsvendor_example_4_3")
a = tr.optimal_service_level(nv["stockout_cost"], nv["holding_cost"])
round(a, 4), round(nv["demand_mean"] + nv["demand_sd"] * tr.safety_factor(a), 2)
"""),
    md("""
The same optimum by brute force: evaluate the profit curve on a grid of service levels 0.0001 apart and take the largest.
"""),
    code("""
nv_curves = tr.service_cost_curves(tr.service_level_grid(0.5, 0.999, 0.0001), demand_mean=nv["demand_mean"],
                                   demand_sd=nv["demand_sd"], unit_margin=nv["stockout_cost"],
                                   unit_holding_cost=nv["holding_cost"])
float(nv_curves["profit"].idxmax())
"""),
    md("""
For the illustrative distributor the critical ratio is 100 / 120 = 83.3 %: the service level **a** of the seed's chart (3).
"""),
    code("""
a = tr.optimal_service_level(params["unit_margin"], params["unit_holding_cost"])
best = tr.service_cost_curves([a], **params).iloc[0]
best[["z", "stock", "safety_stock", "revenue", "inventory_cost", "profit"]].round(2)
"""),
    md("""
**The seed's three charts, redrawn.**
Chart (2) uses made-up parameters that fit the seed's axes (lead-time demand σ = 1,400 units, 0.1 万元 = 1,000 CNY a unit, 500 units of cycle stock; `tr.ILLUSTRATIVE_INVESTMENT`).
In chart (3) the shaded gap between revenue and profit is the inventory cost; in charts (1) and (3) the money axis does not start at zero, so that the curvature and the peak at **a** are visible.
"""),
    code("""
investment = tr.inventory_investment(tr.service_level_grid(0.75, 0.9999, 0.0001), **tr.ILLUSTRATIVE_INVESTMENT)
charts = views.plot_cost_benefit(curves, investment, optimum={"service_level": a, **best})
"""),
    md("""
Chart (2) shows why "100 % availability" is not a sensible target: from 95 % to 99.99 % availability the investment roughly doubles, and 100 % is off the chart.
A service level above **a** is still a legitimate choice, for example for a key account, but then the extra inventory cost is a price paid for a strategic goal, and it should be stated as such.
"""),
]

SECTION_3 = [
    md("""
## 3. Shifting the service cost curve to the right (服务成本曲线右移)

The seed lists three service strategies that "make a smaller inventory do more" [000 L61–65]:

- **customer alliances** (客户联盟): long-term partnerships with key customers, with agreed order patterns and joint planning;
- **information sharing** (信息共享): point-of-sale data, stock levels and promotion plans passed along the chain;
- **optimal transport strategies** (最优运输战略): modes, carriers and routes that make lead times short and reliable.

The seed states the effect: the service cost curve shifts to the right (向右移动), so the same service level costs less, or the same cost buys a higher service level.
The mechanism is a supplement from the standard references: these measures cut the uncertainty σ_L that safety stock protects against.
Alliances and information sharing reduce the demand uncertainty σ; transport reduces the lead time L and its variability s_L:

**σ_L = √(L σ² + D² s_L²)**, with D the mean demand per period.
"""),
    md("""
**Worked example (Chopra & Meindl, safety inventory with lead-time uncertainty).**
Daily demand N(2,500, 500²), lead time 7 days with standard deviation 7 days, CSL 90 %.

Expected answer: σ_L ≈ 17,550 units and a safety stock of about 22,491.
If better transport cut the lead-time variability to 3, 1 and 0 days, the safety stock would fall to about 9,760, 3,625 and 1,695 units.
"""),
    code("""
lt = data.load_instance("chopra_lead_time_uncertainty")
spread = pd.Series([7, 3, 1, 0], index=[7, 3, 1, 0])
sigma_lt = tr.lead_time_sd(lt["demand_sd"], lt["lead_time"], demand_mean=lt["demand_mean"], lead_time_sigma=spread)
pd.DataFrame({"sigma_l": sigma_lt, "safety_stock": tr.safety_stock(lt["cycle_service_level"], sigma_lt)}).round(0)
"""),
    md("""
Here the unreliable lead time, not the demand, drives the safety stock: a reliable carrier saves more than a better forecast.

**Same stock, higher service.**
If σ_L falls by a fraction r, the old safety stock zσ_L is worth z / (1 − r) new standard deviations, so it buys the cycle service level Φ(z / (1 − r)).
With r = 30 %, expected answer: 80 % → 88.5 %, 90 % → 96.6 %, 95 % → 99.1 %, 98 % → 99.8 %.
"""),
    code("""
before = pd.Series([0.80, 0.90, 0.95, 0.98], index=[0.80, 0.90, 0.95, 0.98])
tr.equivalent_service_level(before, 0.3).round(4)
"""),
    md("""
What is the reduction worth to the illustrative distributor of section 2?
At the optimum **a** the safety stock, the inventory cost and the profit for r = 0, 15, 30 and 50 %:
"""),
    code("""
shift = pd.DataFrame({r: tr.service_cost_curves([a], uncertainty_reduction=r, **params).iloc[0]
                      for r in (0.0, 0.15, 0.3, 0.5)}).T
shift[["safety_stock", "inventory_cost", "profit"]].round(0)
"""),
    md("""
The optimum **a** does not move, because the critical ratio does not depend on σ; but each step of uncertainty reduction cuts the stock and raises the profit.
A 30 % reduction is worth about 1,900 CNY of profit per period on this one product: that is the budget against which an alliance or an information system must be judged, the same cost/benefit logic as in section 2.

**Try it.** The app joins sections 1–3.
On the left, the service cost curve: safety stock against service level, before (grey) and after (blue) the uncertainty reduction.
On the right, revenue, inventory cost (the shaded gap) and profit, with the optimum **a** and the chosen level (dotted).

- Move the uncertainty reduction: the blue curve shifts right, and the arrow shows the higher service level the old stock now buys.
- Move the margin and the holding cost: **a** moves with m / (m + h), whatever the demand.
- Raise the lead time or the demand standard deviation: both curves rise, and the profit at every service level falls.
"""),
    code("""
ServiceCostApp()
"""),
]

SECTION_4 = [
    md("""
## 4. Customer service goals and performance control (客户服务目标与绩效控制)

**The goal** (客户服务的目标) [000 L239–241]: satisfying service on the customer's terms, while total supply-chain cost rises only a little.
Sections 2 and 3 are the "only a little": service is raised up to the point where its extra cost is still covered, and uncertainty is reduced to make more service affordable.

**The perfect order** (完美订货): the goods arrive on time as required, intact and error-free, at the right destination, with complete and accurate documents.
It can measure the service of one customer or of any unit: a customer group, a region, a distribution centre.
The seed names **three customer-service metrics** (客户服务评估指标): the **on-time delivery rate** (准时交货率), the **order fill rate** (订单完成率) and the **error-free rate** (无错率).
The perfect-order rate counts the orders that are all three at once, so it can never be higher than any one of them (a supplement to the seed's definition).

**Requirements for the written customer-service policy** (客户服务策略的书面文件要求) [000 L108–111]:

1. take the customer as the starting point (以客户为根本出发点);
2. state the customer service standards specifically and clearly (具体、明确的规定客户服务标准);
3. give detailed rules for performance evaluation and reporting (绩效评估及汇报细则);
4. be workable in practice (可操作性).

**Measuring and controlling performance** (客户服务绩效的衡量和控制) [002 L367–369] is a loop:

1. set quantitative **performance standards** (绩效标准) for each service element;
2. **measure** the actual performance regularly;
3. analyse the **variance** (差异) between actual performance and the standard;
4. take **corrective action** (纠正性措施) so that performance meets the target; then measure again.
"""),
    md("""
**The course data.**
The fictional appliance distributor's fulfilment records hold one row per order with the promised and actual delivery dates, the quantities ordered and delivered, and whether the order was error-free (no invoice error, no damage); `datasets/README.md` describes every column.
First the three metrics and the perfect-order rate over all orders:
"""),
    code("""
orders = data.load_fulfilment()
pd.Series(service.order_metrics(orders)).round(3)
"""),
    md("""
The perfect-order rate is well below each of the three rates, because a failure of any one spoils the order.

**Step 2: measure regularly.**
The same metrics month by month for 2025, by promised delivery date:
"""),
    code("""
monthly = service.metrics_by_period(orders).loc["2025"]
monthly.round(3)
"""),
    md("""
**Steps 1 and 3: standard and variance.**
Take a standard of 90 % perfect orders, and allow a shortfall of up to 2 percentage points before acting (a month within the tolerance is watched, not corrected).
"""),
    code("""
report = service.control_report(monthly["perfect_order"], 0.90, tolerance=0.02)
report.round(3)
"""),
    code("""
chart = views.plot_control_report(report, tolerance=0.02)
"""),
    md("""
**Step 4: corrective action.**
A variance says *that* performance fell short; the three underlying metrics say *where*.
For the months below standard:
"""),
    code("""
act = report.index[report["status"] == "below_standard"]
monthly.loc[act, ["on_time", "in_full", "error_free"]].round(3)
"""),
    md("""
Compare these rows with the good months above.
In the summer months the in-full rate drops furthest: orders leave short because stock runs out in the peak season.
That is the subject of this chapter: the corrective action is a higher cycle service level for the peak (section 1), justified by its margin (section 2), or less uncertainty through earlier demand information from the dealers (section 3).
Months that fail on time call for a look at transport and order processing; months that fail error-free, at picking, packing and invoicing.
After the action, the loop starts again: measure the next months against the same standard.
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

- Stocking the mean plus z standard deviations of lead-time demand gives the cycle service level (周期服务水平) Φ(z); the seed's 50 / 84 / 98 / 99.9 % table is Φ(0), Φ(1), Φ(2), Φ(3), rounded.
- Safety stock (安全库存) = z σ √L; each extra σ buys less service (diminishing returns), and 100 % needs infinite stock under the normal model.
- The fill rate (订单满足率) = 1 − σ_L L(z) / Q counts how much is short, not whether a cycle runs short; with large lots it is far above the cycle service level.
- Revenue rises with diminishing returns and inventory cost ever faster, so profit peaks at a service level a; a equals the critical ratio (临界比) m / (m + h), whatever the demand.
- Customer alliances (客户联盟), information sharing (信息共享) and optimal transport strategies (最优运输战略) cut σ_L: the service cost curve shifts right, the same stock gives more service, and the profit gain is the budget for those measures.
- A written service policy starts from the customer, states measurable standards, says how performance is reported, and is workable; the perfect-order rate and its three metrics (准时交货率, 订单完成率, 无错率) are such standards.
- Performance control is a loop: standard → measure → variance → corrective action (纠正性措施) → measure again.
"""),
    md("""
## References (参考文献)

- Ballou, R. H. (2004). *Business Logistics/Supply Chain Management*, 5th ed. Pearson Prentice Hall, ch. 4 (logistics customer service: the sales–service relationship, cost–revenue trade-offs, the profit-maximising service level, service goals and control) and ch. 9 (safety stock and the normal distribution).
- Chopra, S. and Meindl, P. *Supply Chain Management: Strategy, Planning, and Operation*. Pearson, chapter "Managing uncertainty in a supply chain: safety inventory" (cycle service level, fill rate and the expected shortage per cycle, lead-time uncertainty; the store and lead-time examples used here).
- Silver, E. A., Pyke, D. F. and Peterson, R. (1998). *Inventory Management and Production Planning and Scheduling*, 3rd ed. Wiley, ch. 7 (the unit normal loss function G_u(k)).
- Snyder, L. V. and Shen, Z.-J. M. (2019). *Fundamentals of Supply Chain Theory*, 2nd ed. Wiley, ch. 4 (the newsvendor problem and the critical ratio; Example 4.3).
- Seed slides of the course: [000] supply-chain customer relationships (供应链客户关系: inventory vs service level, shifting the service cost curve, service goals, the perfect order, the written policy) and [002] customer service (客户服务: the cost/benefit trade-off and its three charts, measuring and controlling performance), as reconstructed in `COURSE_CONTENT.md`, sections D.7–D.9, D.11 and D.14.
"""),
]


def master_cells():
    cells = INTRO + SECTION_1 + SECTION_2 + SECTION_3 + SECTION_4 + [EXERCISE_INTRO]
    for n in range(1, 7):
        cells += exercise_cells(n)
    return cells + SUMMARY


# --------------------------------------------------------------------------
# the solutions
# --------------------------------------------------------------------------
SOLUTIONS = {
    1: [
        md("""
**Solution.** z = Φ⁻¹(0.95) ≈ 1.645 and σ_L = 500 √2 ≈ 707 boxes, so the safety stock is about 1,163 boxes.
Two tempting mistakes: forgetting the lead time (1.645 × 500 ≈ 822) and multiplying by L instead of √L (≈ 1,645).
"""),
        code("""
answer_1 = tr.safety_stock(0.95, 500, lead_time=2)
round(tr.safety_factor(0.95), 3), round(answer_1, 1)
"""),
    ],
    2: [
        md("""
**Solution.** The reorder point, hence z ≈ 1.414 and ESC ≈ 25.13 boxes per cycle, do not change; only Q does.
The fill rate falls from 0.9975 to 1 − 25.13 / 2,500 ≈ 0.9899, while the cycle service level stays at 92 %.
"""),
        code("""
sigma_l = tr.lead_time_sd(500, 2)
z = (6000 - 2500 * 2) / sigma_l
answer_2 = tr.fill_rate(z, sigma_l, 2500)
round(answer_2, 4), round(tr.fill_rate(z, sigma_l, 10_000), 4), round(tr.cycle_service_level(z), 4)
"""),
    ],
    3: [
        md("""
**Solution.** The critical ratio is 120 / (120 + 30) = 0.8, so z = Φ⁻¹(0.8) ≈ 0.842 and the stock is 500 + 0.842 × 100 ≈ 584.2 units.
The profit curve confirms it: its maximum on a fine grid sits at the same service level.
"""),
        code("""
a3 = tr.optimal_service_level(120, 30)
fan = tr.service_cost_curves(tr.service_level_grid(0.5, 0.999, 0.0001), demand_mean=500, demand_sd=100,
                             unit_margin=120, unit_holding_cost=30)
answer_3 = fan.loc[fan["profit"].idxmax(), "stock"]
a3, float(fan["profit"].idxmax()), round(float(answer_3), 1)
"""),
    ],
    4: [
        md("""
**Solution.** The safety stock 1.645 σ is now 1.645 / 0.7 ≈ 2.35 new standard deviations, so the cycle service level rises from 95 % to about 99.1 %.
Alternatively, the distributor could keep 95 % and cut its safety stock by 30 %.
"""),
        code("""
answer_4 = tr.equivalent_service_level(0.95, 0.3)
round(answer_4, 4)
"""),
    ],
    5: [
        md("""
**Solution.** Compare each month's perfect-order rate with 90 % and a tolerance of 2 points, and count the months `below_standard`.
The months within the tolerance are watched, not corrected.
"""),
        code("""
report = service.control_report(monthly["perfect_order"], 0.90, tolerance=0.02)
answer_5 = int((report["status"] == "below_standard").sum())
report["status"].value_counts()
"""),
    ],
    6: [
        md("""
**A model policy (outline).**

1. *Customer first.* Dealers rate on-time delivery and complete orders highest (Chapter 4, table T8): the policy is built on those two elements, measured per dealer and per region.
2. *Specific standards.* Perfect-order rate ≥ 90 % per month with a tolerance of 2 points; in-full rate ≥ 95 %; cycle service level 83 % (the critical ratio of the illustrative product) for ordinary items and 95 % for the items key accounts cannot sell without; delivery within the promised day.
3. *Evaluation and reporting.* Metrics computed monthly from the order records by the logistics analyst, reported to the logistics and sales managers in the first week of the next month, with the variance, its cause (which of the three metrics fell) and the corrective action taken.
4. *Workable.* Every standard is measured from data the firm already records; the 95 % level for key items is paid for by the information-sharing agreement with the key dealers (section 3: a 30 % cut in σ lets the old safety stock give about 99 %, or the same 95 % with 30 % less stock); the summer peak gets a seasonal safety-stock review in April.
"""),
    ],
}


# --------------------------------------------------------------------------


def notebooks():
    """The otter-grader master of this chapter: student and solution versions are made from it."""
    return [Assignment(STUDENT, SOLUTIONS_NB, master_cells(), "ch03")]


def main(argv=None) -> int:
    return run(notebooks(), argv, __doc__)


if __name__ == "__main__":
    sys.exit(main())
