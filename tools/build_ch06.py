"""Write the Chapter 6 notebooks (student edition and solutions) from this script.

    python tools/build_ch06.py            write both notebooks (no outputs)
    python tools/build_ch06.py --execute  write them and execute them in place

The notebooks are the product; this script only keeps their cells in one
reviewable place.  Cell ids are fixed, so rebuilding gives a clean diff.
Executing stores the outputs that ``pytest --nbval`` compares later.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from notebook_builder import GRADER, LANGUAGE_CELL, ROOT, Assignment, code, md, open_question, key_terms, question, run  # noqa: E402

STUDENT = ROOT / "chapters" / "06_customer_value.ipynb"
SOLUTIONS_NB = ROOT / "chapters" / "solutions" / "06_customer_value_solutions.ipynb"


# --------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------
SETUP = [
    code(LANGUAGE_CELL, tags=["language"]),
    code("""
import numpy as np
import pandas as pd
from scm_course import value, tradeoff as tr, data
from scm_course.plots import value as views, tradeoff as tr_views
from scm_course.apps.value import CustomerValueApp, RetentionApp, CohortApp
"""),
    GRADER,
]

DATA_CELL = code("""
shipments = data.load_logistics()["shipments"]
cohorts = value.cohort_retention(shipments, "customer_id", "date")
""")

EXERCISES = {
    1: """
### Exercise 1 — Is the contract worth it? (合同是否创造价值?)

A shipper's logistics contract brings benefits worth **540,000 CNY** a year (fewer stock-outs, lower own warehousing, faster cash) and has a total cost of ownership of **450,000 CNY** a year (the provider's price plus the shipper's own ordering, receiving and administration costs).

What is the **value ratio** (benefit / TCO)? Answer with a number.
""",
    2: """
### Exercise 2 — A different shipper (另一个货主)

A shipper of premium consumer electronics cares only about **service** (weight 0.4), **quality** (0.3) and **brand** (0.3); every other criterion gets weight 0.

Which of the four example offers has the highest value index for this shipper?
Answer with the offer's name as a text, for example `"Regional Link"`.
""",
    3: """
### Exercise 3 — Lifetime value with retention (含保持率的终身价值)

A customer brings a margin of **1,200 CNY a year**; **85 %** of customers stay each year; the discount rate is **10 %** a year.
The first margin is earned on acquisition (`timing="start"`), and the horizon is infinite.

What is the customer's lifetime value (before the acquisition cost)? Answer with a number in CNY.
""",
    4: """
### Exercise 4 — Break-even retention (盈亏平衡保持率)

Winning a customer costs **4,000 CNY**; the customer brings a margin of **1,000 CNY a year** from acquisition on; the discount rate is **10 %**.

Below which retention rate does winning the customer **not** pay back its acquisition cost? Answer with a share (e.g. `0.8`) or a percentage (e.g. `"80%"`).
""",
    5: """
### Exercise 5 — New customers for growth (增长所需的新增客户)

A logistics provider has **2,000** business customers and keeps **75 %** of them each year.
Management wants the customer base to grow by **10 %** next year.

How many **new customers** (新增客户) must it win next year? Answer with a number.
""",
    6: """
### Exercise 6 — Reading the cohort table (读客户群表)

In the monthly cohort table of the logistics shipments (`cohorts`, section 5), what share of the customers acquired in **January 2024** (cohort `2024-01`) shipped in the **12th month** after their first shipment (column 12)?

Answer with a share or a percentage.
""",
}


def exercise_cells(n: int):
    """Exercise ``n`` as an otter-grader question (solution and tests in the master only)."""
    return question(n, f"ch06.q{n}", EXERCISES[n], SOLUTIONS[n])


# --------------------------------------------------------------------------
# the chapter
# --------------------------------------------------------------------------
INTRO = [
    md("""
# Chapter 6 — Customer value and customer lifetime value (客户价值与客户终身价值)

Run the three code cells below first: the first sets the language of figures, widgets and feedback, the second imports the course package, the third starts the answer checker.
"""),
    *SETUP,
    md("""
Customers buy **value**, not service or products as such: what they gain against everything it costs them.
A firm, in turn, needs to know what a customer is worth over the whole relationship, because that sets how much it may spend to win and keep the customer.

This chapter follows the seed course (digest Part E, sections E.1–E.7) and extends it where the seed gives only labels or a revenue formula, with the standard references: Gupta & Lehmann (2003, 2005) on customer lifetime value, and Fader, Hardie & Lee (2005) on measuring it from transactions.
Supplements are marked as such.
"""),
    md("""
## Learning objectives (学习目标)

In this chapter you will:

- define customer value (客户价值) as net value (benefit − total cost of ownership) and as a value ratio (benefit / TCO), and explain why the seed's text and formula differ;
- score competing offers on the elements of customer value (time, product, cost, service) with weights, and see how the weights decide the winner;
- describe the stages of the service-level vs customer-value curve and find the profit-maximising service level on the cost vs value curve;
- compute customer lifetime value (客户终身价值) with the seed's formula and with the retention model (margin, retention, discount rate; both timing conventions; finite and infinite horizon);
- explain the expected lifetime 1/(1 − r), why small gains in retention are worth so much, and the break-even retention rate for an acquisition cost;
- separate new customers (新增客户) from existing customers (原有客户), and compute how many new customers a growth target needs at a given retention rate;
- measure retention from a transaction log with a cohort table (客户群分析);
- (advanced) fit the BG/NBD and Gamma-Gamma models to real data and predict each customer's future purchases and value.

These serve objective 4 of the course: to understand customer value and manage customers by it.
"""),
    key_terms("ch06", STUDENT),
]

SECTION_1 = [
    md("""
## 1. What is customer value? (客户价值的概念)

The seed defines **customer value** (客户价值) as the **difference** between the **total benefit** (总收益) a customer gets from a purchase and the **total cost of ownership** (所有权总成本), but prints the formula as a **ratio**: customer value = total benefit / total cost of ownership.

Both readings are in use, and this course teaches both, clearly labelled:

- **net value** (净价值) = benefit − TCO: value is created when it is above 0, and it says *how much*;
- **value ratio** (价值比率) = benefit / TCO: value is created when it is above 1, and it says *how much per yuan spent*.

The total cost of ownership is more than the price: it includes the customer's own costs of ordering, receiving, holding, using and disposing (Ellram 1995).

**Worked example.** A shipper gets benefits worth 150,000 CNY a year from a logistics contract whose TCO is 120,000 CNY (expected answer: net value 30,000 CNY, ratio 1.25):
"""),
    code("""
value.customer_value(total_benefit=150_000, total_cost=120_000)
"""),
    md("""
The two readings always agree on *whether* value is created, but they can rank offers differently: a large contract can have the larger net value and the smaller ratio.
"""),
    code("""
pd.DataFrame({"large contract": value.customer_value(1_300_000, 1_000_000),
              "small contract": value.customer_value(200_000, 100_000)})
"""),
]

SECTION_2 = [
    md("""
## 2. The elements of customer value (客户价值的要素)

The seed names four **elements of customer value**:

- **time value** (时间价值): mainly the response time to customer orders, in two parts: the **lead time** (前置时间, the cycle time of order allocation and delivery) and the **order cycle** (订货周期: order transmission, order processing, production time);
- **product value** (产品价值): the customer's assessment of the product or service: **brand** (品牌), **price** (价格), **quality** (质量);
- **cost** (成本) and **service** (服务), named without parts.

A customer who compares offers weighs these elements, which is the weighted-average method of Chapter 4 (加权平均法).
The course's example: four **fictional** third-party logistics offers, each rated 1–10 on the seven criteria, where **10 is best for the customer** (a short lead time, a low price or a low total cost score high):
"""),
    code("""
offers = value.example_offers()
offers
"""),
    md("""
With the illustrative weights `value.DEFAULT_VALUE_WEIGHTS` (a shipper who cares most about cost and service, then time), the value index is the weighted mean rating; each criterion's contribution w·s / Σw adds up to it:
"""),
    code("""
value.value_index(offers, value.DEFAULT_VALUE_WEIGHTS).round(2)
"""),
    md("""
Express Plus wins narrowly over Regional Link.
The weights are a judgement about *this* customer: raise the weight of **cost** and Regional Link, with its low total cost, takes the lead; a shipper who pays only for price picks Budget Freight.
Move the sliders and watch the ranking:
"""),
    code("""
CustomerValueApp()
"""),
]

SECTION_3 = [
    md("""
## 3. Service, cost and customer value (服务、成本与客户价值)

### Service and customer value (服务与客户价值的关系)

The seed's chart has the service level on the x-axis and customer value on the y-axis, and names four stages: the **low-service stage** (服务低下阶段), the **transition period** (过渡期), the **rising period** (上升期) and the **declining period** (下降期).
Only the labels survive, so the curve below is a **stylised model (supplement)** with two assumptions:

- the customer's **benefit** from service follows an S-curve: below a threshold, service is hardly noticed; then it quickly becomes valuable; then it saturates;
- the **cost of service** the customer pays for (in the price) rises ever faster: C(s) = c·s³.

Customer value V(s) = B(s) − C(s).
The stage boundaries are **computed** from the curve, not drawn by hand: the transition begins where V″ is greatest (value starts to accelerate), the rising period at the inflection point V″ = 0 (diminishing returns from here), and the declining period at the peak V′ = 0 (over-service: extra service costs more than it is worth to the customer).
"""),
    code("""
service_value = value.service_value_curve()
pd.Series(service_value.attrs["stages"]).round(3)
"""),
    code("""
ax = views.plot_service_value(service_value)
"""),
    md("""
The lesson does not depend on the made-up numbers: value rises with service only up to a point, and beyond it more service destroys value.
Try `value.service_value_curve(cost_scale=20)`: with cheaper service the declining period starts later.

### Cost and customer value: profit maximisation (成本与客户价值：利润最大化)

The seed's second chart (revenue, cost, profit maximisation) is the cost/benefit trade-off of Chapter 3 (digest D.7): revenue from better service rises with diminishing returns, the cost of providing it rises ever faster, and the firm should choose the service level **a** at which **profit = revenue − cost** is greatest, not the highest possible service.
The same model as in Chapter 3 (a weekly demand of 300 ± 150 units over a lead time of 2 weeks, a margin of 100 CNY a unit, a holding cost of 20 CNY) puts **a** at the critical ratio 100 / (100 + 20) = 83.3 %:
"""),
    code("""
params = dict(demand_mean=300, demand_sd=150, lead_time=2, unit_margin=100, unit_holding_cost=20)
curves = tr.service_cost_curves(tr.service_level_grid(0.5, 0.999, 0.001), **params)
a = tr.optimal_service_level(100, 20)
optimum = {"service_level": a, "profit": float(tr.service_cost_curves([a], **params)["profit"].iloc[0])}
chart = tr_views.plot_cost_revenue(curves, optimum=optimum)
"""),
]

SECTION_4 = [
    md("""
## 4. Customer lifetime value (客户终身价值)

**Customer lifetime value** (客户终身价值, CLV) is the value of a customer's **future profits** (客户未来利润): expected revenue minus the expected costs of attracting, serving and selling to the customer.

### The seed's formula (简单公式)

CLV = average transaction value × purchases per year × assumed lifespan (客户终生价值 = 平均交易额 × 年购买频率 × 客户寿命设定值).

**Worked example.** A business customer ships 6 times a year at 2,000 CNY a shipment and is expected to stay 5 years (expected answer: 60,000 CNY):
"""),
    code("""
value.clv_simple(avg_transaction=2_000, purchases_per_year=6, lifespan_years=5)
"""),
    md("""
The formula is revenue-based: it has no margin, no costs and no discounting, although the definition speaks of profit, and it assumes the customer surely stays for the whole lifespan.
The seed judges lifetime value along three dimensions: **retention duration** (顾客维持时间, how long the customer stays), **customer share** (顾客市场份额, the firm's share of the customer's purchases, share of wallet) and **customer scope** (顾客范围界定, how the customer base is delimited).
The retention model below puts the first one into the formula.

### The retention model (保持率模型, supplement)

A customer brings a margin **m** per period while still a customer; each period a share **r** stays (the **retention rate**, 客户保持率); money is discounted at rate **d** per period.
Surviving t periods has probability r^t, so

- **first margin on acquisition** (`timing="start"`, margins at t = 0, 1, 2, …): CLV = Σ m r^t / (1+d)^t = **m (1 + d) / (1 + d − r)**;
- **first margin after one period** (`timing="end"`, t = 1, 2, …): CLV = **m r / (1 + d − r)**, Gupta & Lehmann's (2003) "margin multiple" r / (1 + d − r) times the margin.

The two differ by exactly one margin.
With a finite horizon of T periods the sum stops after T margins; the acquisition cost is subtracted once, at t = 0.
With d = 0 the start-timing CLV is m × **expected lifetime 1/(1 − r)** (预期寿命).
"""),
    code("""
m, r, d = 1_000, 0.8, 0.10
pd.Series({"start": value.clv_retention(m, r, d), "end": value.clv_retention(m, r, d, timing="end"),
           "start, 5 years": value.clv_retention(m, r, d, periods=5),
           "expected lifetime": value.expected_lifetime(r)}).round(1)
"""),
    md("""
A customer who brings 1,000 CNY a year at 80 % retention is worth 3,667 CNY (first margin on acquisition) or 2,667 CNY (after a year), of which the first five years give 2,921 CNY; the expected lifetime is 5 years.

### Why small retention gains matter (保持率的小幅提高为何重要)

CLV rises faster and faster with retention: at r = 0.6 five more points are worth 244 CNY per customer; at r = 0.9 they are worth 1,833 CNY.
"""),
    code("""
value.clv_by_retention(1_000, [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95], 0.10).round(1)
"""),
    md("""
Gupta & Lehmann's (2003) table of margin multiples r / (1 + d − r) makes the same point (rows: retention, columns: discount rate); for typical values a customer is worth about one to four and a half years of margin (one more when the first margin comes at acquisition):
"""),
    code("""
value.margin_multiples().round(2)
"""),
    md("""
### Break-even retention (盈亏平衡保持率)

If winning a customer costs **A**, the customer pays back only if CLV(r) ≥ A.
With m = 1,000, d = 10 % and A = 2,500 CNY, solving m (1 + d) / (1 + d − r) = A gives r = (1 + d)(1 − m/A) = **66 %**: below that retention rate, acquisition destroys value.
"""),
    code("""
value.break_even_retention(1_000, 0.10, 2_500)
"""),
    md("""
### New and existing customers (新增客户与原有客户)

Of N customers at the start of a year, r N stay (**existing customers**, 原有客户) and (1 − r) N leave.
To end the year with N (1 + g) customers, the firm must win **N (1 + g) − N r = N (1 + g − r) new customers** (新增客户).
For 1,000 customers and a growth target of 5 %:
"""),
    code("""
rates = np.array([0.6, 0.7, 0.8, 0.9, 0.95])
pd.Series(value.new_customers_needed(1_000, rates, 0.05), index=rates, name="new customers needed").round(0)
"""),
    md("""
At 60 % retention the firm must win 450 customers a year just to grow 5 %; at 95 % it needs 100.
Period by period (`customer_base`), the survivors of the initial base fade as r^t and the base is carried more and more by customers won later:
"""),
    code("""
value.customer_base(1_000, 0.8, 10, growth=0.05).round(0).T
"""),
    md("""
### The retention app (客户保持应用)

Panel (a): CLV against the retention rate, the acquisition cost (dashed) and the break-even rate (dotted).
Panel (b): the survival curve r^t (存活曲线); the shaded area equals the expected lifetime.
Panel (c): the customer base, existing customers kept and the new customers the growth target needs.
Raise the retention rate from 80 % to 90 % and see CLV jump, the survival curve flatten and the need for new customers fall.
"""),
    code("""
RetentionApp()
"""),
    md("""
Retention, acquisition and growth are one plan: the seed's point that CLV analysis is the basis of customer retention (客户维持), and that the customer life cycle (客户生命周期) must be managed as a whole.
"""),
]

SECTION_5 = [
    md("""
## 5. Retention measured from transactions: cohorts (由交易数据衡量客户保持：客户群分析)

The usual measure of retention (客户保持度) separates the two groups of the seed's slide: **retention rate = (customers at the end of the period − new customers won in it) / customers at the start** (supplement).
For example, 200 customers at the start, 210 at the end of which 30 are new: 180 of the 200 were kept.
"""),
    code("""
value.retention_rate(customers_start=200, customers_end=210, new_customers=30)
"""),
    md("""
A firm that sells on account to business customers rarely hears that a customer has left: the customer just stops ordering.
Retention must then be read from the **transaction log**.
The course's logistics provider (a fictional third-party logistics firm, `data.load_logistics()`, synthetic data, `datasets/README.md`) has about 1,500 business customers and 17,570 shipments from 2023 to 2025:
"""),
    DATA_CELL,
    code("""
shipments.head()
"""),
    md("""
A **cohort** (客户群) is the group of customers whose first shipment fell in the same month.
Cell (c, k) of the **cohort table** is the share of cohort c that shipped in the k-th month after its first month; column 0 is 1 by definition, and cells after the end of the data are blank (not observed yet), which gives the table its triangle.
"""),
    code("""
cohorts.iloc[:6, :13].round(2)
"""),
    md("""
Read along a row for one cohort's decay, down a column for whether newer cohorts are kept better than older ones.
Unlike the constant r of section 4, the share active drops fast in the first months and then flattens: customers who stay a while are the loyal ones.
Shares are not quite survival: a customer who skips a month is counted inactive that month but may return (section 6 models exactly this).
"""),
    code("""
CohortApp(shipments)
"""),
]

SECTION_6 = [
    md("""
## 6. Advanced (for self-learners): real data — CDNOW (进阶：真实数据)

Fader, Hardie & Lee (2005a) model customers who may leave **unobserved**: the **BG/NBD model** ("buy till you die").
While alive, a customer buys at rate λ (Poisson); after each purchase the customer drops out with probability p; λ varies across customers as Gamma(r, α), p as Beta(a, b).
The data are the classic **CDNOW** sample: 2,357 customers who made their first purchase at the online CD retailer in the first quarter of 1997, with all their purchases to June 1998 (`data.load_cdnow()`, real data; source and checksum in `datasets/README.md`).
The first 39 weeks (to 30 September 1997) are the **calibration** period, the next 39 weeks the **holdout** (验证期).
"""),
    code("""
cdnow = data.load_cdnow()
cal = value.calibration_holdout(cdnow, "customer_id", "date", data.CDNOW_CALIBRATION_END,
                                data.CDNOW_OBSERVATION_END, amount="amount")
cal.head()
"""),
    md("""
Per customer, in weeks: **frequency** x = number of repeat purchase days, **recency** t_x = time from the first to the last purchase, **T** = time from the first purchase to the end of calibration, **monetary_value** = mean spend of the repeat purchases, and the holdout purchases.
"""),
    code("""
cal[["frequency", "recency", "T", "monetary_value"]].describe().round(2)
"""),
    md("""
### Fitting BG/NBD by maximum likelihood (最大似然估计)

`fit_bgnbd` maximises the log-likelihood of Fader, Hardie & Lee (2005a), eq. 6.
Expected answer, the published estimates: r = 0.243, α = 4.414, a = 0.793, b = 2.426, log-likelihood −9582.4.
"""),
    code("""
bgnbd = value.fit_bgnbd(cal["frequency"], cal["recency"], cal["T"])
published = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
pd.DataFrame({"fitted": bgnbd, "published": published}).round(3)
"""),
    code("""
round(value.bgnbd_log_likelihood(bgnbd, cal["frequency"], cal["recency"], cal["T"]), 1)
"""),
    md("""
### P(alive) and expected purchases (存活概率与预期购买)

Two customers with two repeat purchases each: one bought last in week 30 of 35, the other in week 2.
The second is much less likely to still be a customer, so the model expects far fewer purchases from them in the next 39 weeks, although their frequency is the same:
"""),
    code("""
x, tx, T = pd.Series([2, 2]), pd.Series([30.0, 2.0]), pd.Series([35.0, 35.0])
pd.DataFrame({"p_alive": value.bgnbd_p_alive(x, tx, T, bgnbd),
              "expected_39_weeks": value.bgnbd_expected_purchases(39, x, tx, T, bgnbd)}).round(3)
"""),
    md("""
### Calibration / holdout check (校准期与验证期检验)

The honest test of a forecast: predict each customer's purchases in the holdout weeks from the calibration data only, then compare with what they actually bought.
Group customers by their number of repeat purchases in calibration (0, 1, …, 7+), as in Fader, Hardie & Lee (2005a), figure 4:
"""),
    code("""
cal["predicted"] = value.bgnbd_expected_purchases(cal["duration_holdout"], cal["frequency"], cal["recency"],
                                                  cal["T"], bgnbd)
group = cal["frequency"].clip(upper=7).map(lambda k: "7+" if k == 7 else str(k)).rename("calibration_purchases")
holdout = cal.groupby(group)[["frequency_holdout", "predicted"]].mean()
holdout = holdout.rename(columns={"frequency_holdout": "actual"})
holdout.round(2)
"""),
    code("""
round(float(cal["frequency_holdout"].sum()), 0), round(float(cal["predicted"].sum()), 0)
"""),
    code("""
ax = views.plot_calibration_holdout(holdout)
"""),
    md("""
With four parameters for 2,357 customers, the model gets the shape right: the more a customer bought in calibration, the more they buy in the holdout, and the 1,411 customers with no repeat purchase (60 %) still buy a little, because some of them are alive and merely slow.
It is not perfect: for most groups the prediction is below the actual mean, and in total the model expects 1,653 holdout purchases where 1,882 happened (12 % too few).
A forecast check like this is how a firm learns how far to trust the model before it acts on individual customers' numbers.

### Spend per purchase: Gamma-Gamma (消费金额：Gamma-Gamma 模型)

Fader, Hardie & Lee (2005b) model the mean spend of a customer's repeat purchases as independent of the purchase process, with a Gamma-Gamma mixture.
Fitted on the 946 customers with repeat purchases; expected answer, the published estimates p = 6.25, q = 3.74, γ = 15.44:
"""),
    code("""
repeat = cal[cal["frequency"] > 0]
gg = value.fit_gamma_gamma(repeat["frequency"], repeat["monetary_value"])
pd.DataFrame({"fitted": gg, "published": {"p": 6.25, "q": 3.74, "v": 15.44}}).round(2)
"""),
    md("""
### CLV per customer (每位客户的终身价值)

Combining the two: expected purchases in each of the next 12 months × expected spend × margin, discounted at 1 % a month (`clv_bgnbd`; here a margin of 30 % of spend, an assumption).
The most valuable customers by this forecast:
"""),
    code("""
cal["clv"] = value.clv_bgnbd(cal["frequency"], cal["recency"], cal["T"], cal["monetary_value"], bgnbd, gg,
                             periods=12, discount=0.01, margin=0.3)
cal.sort_values("clv", ascending=False).head(8)[["frequency", "recency", "T", "monetary_value", "clv"]].round(2)
"""),
    md("""
The top customers are frequent, recent buyers with high spend; a customer who bought often but long ago ranks low, because they have probably left.
This is the BTYD answer to the seed's three dimensions: retention duration (P(alive)), frequency and spend are estimated per customer from their own history.
"""),
]

EXERCISE_INTRO = md("""
## Exercises (练习)

Each exercise has an answer cell and a check cell, `grader.check("q1")` (otter-grader's self-check).
Replace `None` with your answer (computed with the package, or read from an app), run both cells, and read the feedback: "passed" when it is right, otherwise the message says what is wrong (with a hint) or that the answer is still missing.
Exercise 6 uses the `cohorts` table of section 5, so run the chapter first.
""")

SUMMARY = [
    md("""
## Summary (小结)

- Customer value is what the customer gains against the total cost of ownership: as net value (benefit − TCO > 0) or as a value ratio (benefit / TCO > 1). The seed's text says "difference", its formula a ratio.
- Its elements are time (lead time, order cycle), product (brand, price, quality), cost and service; weighting them scores competing offers, and the weights decide the winner.
- Customer value rises with service only up to a point (low-service, transition, rising, declining stages); the firm's best service level maximises profit = revenue − cost, not service.
- The seed's CLV (average transaction × purchases per year × lifespan) is revenue without costs, risk or discounting; the retention model gives m (1 + d)/(1 + d − r) (first margin at acquisition) or m r/(1 + d − r) (after one period).
- The expected lifetime is 1/(1 − r); CLV rises ever faster with retention, so small retention gains at high retention are worth much; below the break-even retention rate, acquiring a customer destroys value.
- Growing the base by g needs N (1 + g − r) new customers a period: lost retention must be bought back with acquisition.
- Cohort tables measure retention from transactions; BG/NBD and Gamma-Gamma turn each customer's frequency, recency and spend into P(alive), expected purchases and CLV, and reproduce the published CDNOW estimates.
"""),
    md("""
## References (参考文献)

- Gupta, S. and Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive Marketing* 17(1), 9–24 (CLV = m r/(1 + i − r), table of margin multiples).
- Gupta, S. and Lehmann, D. R. (2005). *Managing Customers as Investments*. Wharton School Publishing, ch. 2.
- Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005a). "Counting your customers" the easy way: an alternative to the Pareto/NBD model. *Marketing Science* 24(2), 275–284 (BG/NBD; CDNOW estimates and calibration/holdout check).
- Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005b). RFM and CLV: using iso-value curves for customer base analysis. *Journal of Marketing Research* 42(4), 415–430 (Gamma-Gamma spend model on CDNOW).
- Ellram, L. M. (1995). Total cost of ownership: an analysis approach for purchasing. *International Journal of Physical Distribution & Logistics Management* 25(8), 4–23.
- Ballou, R. H. (2004). *Business Logistics/Supply Chain Management*, 5th ed., ch. 4 (the sales-service relationship and the profit-maximising service level).
- Seed slides of the course: [000] supply-chain customer relationships (customer value, its elements, service and cost vs value, CLV, retention), as reconstructed in `COURSE_CONTENT.md`, Part E.
"""),
]


def master_cells():
    cells = INTRO + SECTION_1 + SECTION_2 + SECTION_3 + SECTION_4 + SECTION_5 + SECTION_6 + [EXERCISE_INTRO]
    for n in range(1, 7):
        cells += exercise_cells(n)
    return cells + SUMMARY


# --------------------------------------------------------------------------
# the solutions
# --------------------------------------------------------------------------
SOLUTIONS = {
    1: [
        md("""
**Solution.** The value ratio is benefit / TCO = 540,000 / 450,000 = 1.2 (net value 90,000 CNY).
"""),
        code("""
cv = value.customer_value(total_benefit=540_000, total_cost=450_000)
answer_1 = cv["value_ratio"]
cv
"""),
    ],
    2: [
        md("""
**Solution.** Score the offers with the three weights (the other criteria get 0): Global Chain 0.4·8 + 0.3·9 + 0.3·10 = 8.9 beats Express Plus (8.7).
"""),
        code("""
ranking = value.value_index(value.example_offers(), {"service": 0.4, "quality": 0.3, "brand": 0.3})
answer_2 = ranking.index[0]
ranking["value_index"]
"""),
    ],
    3: [
        md("""
**Solution.** m (1 + d) / (1 + d − r) = 1,200 × 1.10 / 0.25 = 5,280 CNY.
"""),
        code("""
answer_3 = value.clv_retention(1_200, 0.85, 0.10, timing="start")
round(answer_3, 2)
"""),
    ],
    4: [
        md("""
**Solution.** Solve 1,000 × 1.10 / (1.10 − r) = 4,000: r = 1.10 × (1 − 1,000/4,000) = 0.825.
"""),
        code("""
answer_4 = value.break_even_retention(1_000, 0.10, 4_000)
round(answer_4, 4)
"""),
    ],
    5: [
        md("""
**Solution.** N (1 + g − r) = 2,000 × (1.10 − 0.75) = 700: 500 replace the customers who leave, 200 are the growth.
"""),
        code("""
answer_5 = value.new_customers_needed(2_000, 0.75, 0.10)
round(answer_5, 1)
"""),
    ],
    6: [
        md("""
**Solution.** Read row `2024-01`, column 12 of the monthly cohort table: 16 of the cohort's 49 customers shipped that month.
"""),
        code("""
answer_6 = float(cohorts.loc[pd.Period("2024-01", "M"), 12])
round(answer_6, 4)
"""),
    ],
}

# --------------------------------------------------------------------------


def notebooks():
    """The otter-grader master of this chapter: student and solution versions are made from it."""
    return [Assignment(STUDENT, SOLUTIONS_NB, master_cells(), "ch06")]


def main(argv=None) -> int:
    return run(notebooks(), argv, __doc__)


if __name__ == "__main__":
    sys.exit(main())
