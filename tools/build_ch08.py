"""Write the Chapter 8 notebooks (student edition and solutions) from this script.

    python tools/build_ch08.py            write both notebooks (no outputs)
    python tools/build_ch08.py --execute  write them and execute them in place

The notebooks are the product; this script only keeps their cells in one
reviewable place.  Cell ids are fixed, so rebuilding gives a clean diff.
Executing stores the outputs that ``pytest --nbval`` compares later.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from notebook_builder import GRADER, LANGUAGE_CELL, ROOT, Assignment, code, md, open_question, key_terms, question, run  # noqa: E402

STUDENT = ROOT / "chapters" / "08_crm_supply_chain.ipynb"
SOLUTIONS_NB = ROOT / "chapters" / "solutions" / "08_crm_supply_chain_solutions.ipynb"


# --------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------
SETUP = [
    code(LANGUAGE_CELL, tags=["language"]),
    code("""
import pandas as pd
from scm_course import data, demand as dm
from scm_course.plots import demand as views
from scm_course.apps.demand import ForecastApp, BullwhipApp
"""),
    GRADER,
]

DATA_CELL = code("""
tables = data.load_distributor()
weekly = dm.distributor_demand(tables)
weekly.shape
""")

EXERCISES = {
    1: """
### Exercise 1 — Next week's forecast (下周的预测)

Forecast the **washing-machine** demand of week 53 (the week after the data end) by simple exponential smoothing with α = 0.3, started at the first week's demand.
Answer with a number of units (within 0.5).
""",
    2: """
### Exercise 2 — How far off is a moving average? (移动平均的误差)

Forecast the weekly **refrigerator** demand with a **4-week moving average** and compute the **MAD** over every week it forecasts (weeks 5–52).
Answer with a number (within 0.05).
""",
    3: """
### Exercise 3 — Where does the whip crack? (牛鞭在哪一级甩开)

Simulate `dm.simulate_bullwhip(220, stages=5, lead_time=1, window=5, seed=2000)` **without** shared demand.
At which stage is the variance of the orders **at least four times** the variance of end-customer demand for the first time?
Answer with the stage number (1 = retailer).
""",
    4: """
### Exercise 4 — Risks that need a plan (需要应对方案的风险)

How many risks of the distributor's register (`dm.distributor_risk_matrix()`) are at level **high or extreme**?
Answer with a whole number.
""",
    5: """
### Exercise 5 — The overall score (综合得分)

What is the **overall score** of the distributor's KPI scorecard (`dm.kpi_scorecard(dm.distributor_kpis())`), in %?
Answer with a number such as `97.5` (within 0.1).
""",
    6: """
### Exercise 6 — The weakest perspective (最弱的维度)

Which **perspective** of the scorecard has the lowest score?
Answer with its name, e.g. `"quality"`.
""",
}


def exercise_cells(n: int):
    """Exercise ``n`` as an otter-grader question (solution and tests in the master only)."""
    return question(n, f"ch08.q{n}", EXERCISES[n], SOLUTIONS[n])


# --------------------------------------------------------------------------
# the chapter
# --------------------------------------------------------------------------
INTRO = [
    md("""
# Chapter 8 — CRM in the supply chain (供应链中的客户关系管理)

Run the three code cells below first: the first sets the language of figures, widgets and feedback, the second imports the course package, the third starts the answer checker.
"""),
    *SETUP,
    md("""
**Supply-chain customer management** (供应链客户管理) manages the customer relationships of a supply chain through a set of **strategies and technical means** (策略和技术手段), to raise customer satisfaction, streamline supply-chain processes, cut cost and raise competitiveness (seed 004).
Its **core is customer demand management** (客户需求管理): accurate forecasts and a fast response let every firm in the chain prepare production and logistics in advance, with less inventory pressure (库存压力) and fewer bottlenecks (供应链瓶颈).

The chapter works on the course's appliance distributor: its weekly demand (forecasting), a seeded simulation of the chain behind it (information sharing and the bullwhip effect), its supply risks and its KPI scorecard.
Collaboration, IT, CRM systems and future trends are kept short.
"""),
    md("""
## Learning objectives (学习目标)

In this chapter you will:

- define the supply chain, supply-chain management and supply-chain customer management, and explain why SCM and CRM meet at the customer;
- forecast weekly demand with a moving average and with exponential smoothing, and judge the forecasts by bias, MAD, RMSE and MAPE;
- explain the lag of exponential smoothing and choose a smoothing constant from the data;
- name the four causes of the bullwhip effect (Lee, Padmanabhan & Whang 1997) and measure it as an order-variance ratio;
- show with a seeded simulation, and with the bound of Chen et al. (2000), how sharing point-of-sale data dampens the bullwhip effect;
- describe collaboration practices (information sharing, CPFR, VMI);
- rate supply risks in a likelihood × impact matrix and match each with a response (early warning, diversification, transfer);
- build a KPI scorecard with four perspectives (cost, efficiency, quality, customer satisfaction) from the firm's data;
- outline the role of IT and CRM systems in supply-chain customer management and its future trends.
"""),
    key_terms("ch08", STUDENT),
]

SECTION_1 = [
    md("""
## 1. Supply chain, SCM and CRM (供应链、供应链管理与客户关系管理)

A **supply chain** (供应链) is the **supply–demand network** (供需网络) of raw-material suppliers, producers, wholesalers, retailers and end consumers involved in making and distributing a product; the **external** supply chain (外部供应链) spans many firms and is harder to coordinate than the **internal** one (内部供应链).
**Supply-chain management** (供应链管理) has three readings in seed 003: firms along the chain cooperate, form **strategic alliances** (战略联盟), **share information and demand forecasts** and divide logistics functions; they plan, organise, direct, coordinate and motivate the **flows of goods, information, funds, value and business**; and SCM is a cross-industry management philosophy of trading partners pursuing the greatest common benefit.

| Basic requirement of SCM (供应链管理的基本要求) | Meaning |
|---|---|
| share information resources (信息资源共享) | pass information quickly and accurately to every firm in the chain |
| improve service, expand customer demand (提高服务质量，扩大客户需求) | shorter lead times (前置时间) and faster delivery for personalised needs |
| win-win (实现双赢 / 多赢) | each firm keeps its identity but cooperates for the greatest overall benefit |

**SCM and CRM** (供应链管理与客户关系管理的关系) meet at the customer: the supply chain **starts and ends with the customer** (从客户开始，到客户结束), and SCM has moved from **push** (推式) to **pull** (拉式), driven by customer demand.
CRM integrates the external resources — marketing, sales, service and technical support — and raises satisfaction by analysing customer data in depth.
Seed 003's four principles for systems that serve both: **link customers to the supply chain** (share transaction data, give front-line staff live inventory so they promise accurate delivery dates), move from **hierarchical to process-based management** (科层制 → 流层制), **pass market demand promptly along the whole chain**, and **manage every relationship with the customer** (contracts, orders, shipping, payment, marketing and after-sales service).

Seed 004 names three parts of supply-chain customer management: **customer demand management** (sections 2–3 of this chapter), **customer information management** (Chapters 1 and 7) and **customer service management** (Chapters 2–5).
"""),
]

SECTION_2 = [
    md("""
## 2. Customer demand management: forecasting (客户需求管理：需求预测)

Customer demand management is the **core link** (核心环节): a sound **demand-forecasting mechanism** (需求预测机制) and close communication with customers make the chain more flexible and responsive (seed 004).
The demand data here are the distributor's order lines, summed per week and product category (units ordered; 52 whole weeks starting Wednesday 1 January 2025):
"""),
    DATA_CELL,
    code("""
weekly.sum().sort_values(ascending=False)
"""),
    md("""
### 2.1 Two simple forecasts (两种简单的预测方法)

A **moving average** of N periods forecasts the next period by the mean of the last N demands, F(t+1) = (D(t) + … + D(t−N+1)) / N.
**Simple exponential smoothing** updates the forecast by a share α of the last error, F(t+1) = α D(t) + (1 − α) F(t): every past demand counts, with weights α, α(1 − α), α(1 − α)², … that fade geometrically.
Forecast errors (预测误差) e(t) = D(t) − F(t) are summarised by the **bias** (mean error; > 0 means forecasts too low), the **MAD** (mean absolute deviation), the **RMSE** (root mean squared error, which punishes large misses) and the **MAPE** (mean absolute percentage error).
Chopra & Meindl write the error as F − D, so their bias has the opposite sign.

**Hand check: the supermarket milk example** (Chopra & Meindl, ch. 7).
Weekly milk demand was 120, 127, 114 and 122 gallons.
The 4-week moving average forecasts week 5 as (120 + 127 + 114 + 122)/4 = **120.75**; if week 5 brings 125 gallons, the error D − F is **4.25** (the book's E = F − D = −4.25).
"""),
    code("""
milk = pd.Series([120.0, 127, 114, 122, 125], index=pd.RangeIndex(1, 6, name="week"))
f5 = dm.moving_average_forecast(milk, 4)
f5, milk[5] - f5[5]
"""),
    md("""
With exponential smoothing, α = 0.1 and the initial level L0 = 120.75 (the mean of the four weeks), the forecast for week 1 is 120.75 and, after week 1's demand of 120, the level becomes 0.1 × 120 + 0.9 × 120.75 = **120.675** (the book rounds it to 120.68).
"""),
    code("""
dm.exponential_smoothing_forecast(milk.iloc[:4], 0.1, initial=120.75).head(2)
"""),
    md("""
### 2.2 Forecasting the distributor's demand (预测分销商的需求)

Air conditioners: the exponential-smoothing forecast with α = 0.3 against the actual weekly demand.
All settings below are scored on the **same 40 weeks** (weeks 13–52), so a 12-week moving average and exponential smoothing are compared fairly.
"""),
    code("""
ac = weekly["air_conditioner"]
chart = views.plot_forecast(ac, dm.exponential_smoothing_forecast(ac, 0.3),
                            dm.forecast_errors(ac, dm.exponential_smoothing_forecast(ac, 0.3).iloc[12:]))
"""),
    code("""
ma = dm.forecast_error_curve(ac, "moving_average", [2, 4, 8, 12], evaluate_from=12)
es = dm.forecast_error_curve(ac, "exponential_smoothing", [0.1, 0.3, 0.5, 0.9], evaluate_from=12)
pd.concat({"moving average": ma, "exponential smoothing": es})[["bias", "mad", "rmse", "mape"]].round(2)
"""),
    md("""
The air-conditioner orders of this year scatter around a stable level (about 57 units a week, with a standard deviation of about 19): a long window or a **small α** averages the noise away and gives the smallest MAD, while α near 1 (the naive forecast) chases every noisy week.
The bias is close to 0 for every setting: no method is systematically too high or too low.
A MAPE of 35–40 % is large: a category selling about 57 units a week is noisy from week to week, and no average can foresee that noise.

Washing machines behave differently: their weekly demand wanders (large dealers order in runs, so one week's demand tells something about the next), and there a **larger α** wins:
"""),
    code("""
wm = weekly["washing_machine"]
dm.forecast_error_curve(wm, "exponential_smoothing", [0.1, 0.3, 0.5, 0.7], evaluate_from=12)["mad"].round(1)
"""),
    md("""
### 2.3 The lag of exponential smoothing (指数平滑的滞后)

A small α buys stability at the price of **lag** (滞后): after a lasting change the forecast closes only a share 1 − (1 − α)ⁿ of the gap in n periods.
This year's order data have no seasonal swing (the distributor's air-conditioner **season** shows in its warehouse, where June–August order cycles are slower — Chapter 3 — not in these orders), so the lag is shown on a what-if: a heatwave doubles the weekly air-conditioner demand from 50 to 100 units in week 7.
"""),
    code("""
heatwave = pd.Series([50.0] * 6 + [100.0] * 8, index=pd.RangeIndex(1, 15, name="week"))
lag = pd.DataFrame({f"α = {a}": dm.exponential_smoothing_forecast(heatwave, a) for a in (0.1, 0.3, 0.7)})
lag.assign(demand=heatwave).iloc[4:].round(1).T
"""),
    md("""
Eight weeks into the heatwave the forecast with α = 0.1 still stands at 76 — a quarter of the new demand is missing from every replenishment order, so stock runs out in the hottest weeks.
With α = 0.7 the forecast catches up within three weeks.
The trade-off: a small α for stable demand, a large α (or a method with a trend or seasonal term, such as Holt–Winters, and a **seasonal forecast agreed with the customers**) when demand shifts.
Equivalent settings: a moving average of N periods uses data of the same average age as exponential smoothing with α = 2/(N + 1) (`dm.equivalent_alpha`), so a 4-week average compares with α = 0.4.

**The forecast app.** Pick a series and a method; the window slider switches to the moving average, the α slider to exponential smoothing.
The right panel shows the MAD of every setting of both methods on the same weeks (windows placed at their equivalent α) and marks the current one.
"""),
    code("""
ForecastApp(weekly.assign(total=weekly.sum(axis=1)), series="air_conditioner")
"""),
]

SECTION_3 = [
    md("""
## 3. Information sharing and the bullwhip effect (信息共享与牛鞭效应)

Retail sales of a product may be steady, yet the orders the retailer places with the wholesaler swing more, the wholesaler's orders with the distributor more still, and the factory sees the wildest swings of all: the **bullwhip effect** (牛鞭效应).
Lee, Padmanabhan & Whang (1997) traced it to four causes, each with a remedy:

| Cause (成因) | What happens | Remedy |
|---|---|---|
| **demand-signal processing** (需求信号处理) | each stage forecasts from the orders it receives and adds safety margins, so noise is read as trend | share point-of-sale data (共享销售点数据); shorter lead times |
| **order batching** (订单批量) | orders are placed weekly or by the truckload, not as demand occurs | smaller, more frequent orders; mixed loads; EDI |
| **price fluctuations** (价格波动) | promotions and discounts make customers buy ahead | everyday low prices; fewer promotions |
| **rationing and shortage gaming** (短缺博弈) | when supply is short, customers inflate orders to get their share | allocate by past sales; share capacity information |

**Measuring it.** The bullwhip ratio of a stage is Var(orders of the stage) / Var(end-customer demand); above 1 the stage amplifies.
Chen, Drezner, Ryan & Simchi-Levi (2000) derived it for stages that forecast by a moving average of p periods, have lead time L and order up to a target level:

- one stage: Var(q)/Var(D) ≥ 1 + 2L/p + 2L²/p²;
- k stages **with** shared demand data: ≥ 1 + 2kL/p + 2(kL)²/p² (grows with k like a sum);
- k stages **without** sharing: ≥ (1 + 2L/p + 2L²/p²)ᵏ (grows like a product).

Sharing does not remove the effect — every stage still forecasts and has a lead time — but it turns a multiplication into an addition.
"""),
    code("""
dm.bullwhip_lower_bound(2, 5, stages=4).to_frame("without sharing").assign(
    with_sharing=dm.bullwhip_lower_bound(2, 5, stages=4, share_demand=True)).round(2)
"""),
    md("""
**A seeded simulation.** End-customer demand is random (Normal, mean 100, sd 10, seed 2000); four stages (retailer, wholesaler, distributor, factory) each forecast with a 5-period moving average, have a 2-period lead time and order up to their target.
Without sharing each stage forecasts from the orders it receives; with sharing every stage forecasts from the retailer's point-of-sale data.
"""),
    code("""
plain = dm.simulate_bullwhip(220, stages=4, lead_time=2, window=5, seed=2000)
shared = dm.simulate_bullwhip(220, stages=4, lead_time=2, window=5, share_demand=True, seed=2000)
pd.DataFrame({"without sharing": dm.bullwhip_ratios(plain),
              "with sharing": dm.bullwhip_ratios(shared)}).round(2)
"""),
    md("""
The retailer (stage 1) is the same in both runs — it sees the end-customer demand anyway — but from stage 2 on the shared chain amplifies far less: at the factory the order variance is about 43 times the demand variance without sharing and about 10 times with it.
The simulated ratios lie above the bound without sharing (orders passed upstream are autocorrelated) and near it with sharing, as Chen et al. show.

**The bullwhip app.** Change the order policy (lot-for-lot passes demand on unchanged: no amplification), the lead time, the forecast window, the number of stages and the sharing of POS data; the right panel compares the ratios with the bound (black marks) and with the other sharing setting (hatched bars, log scale).
Longer lead times and shorter windows make the whip crack harder; sharing always helps the upstream stages.
"""),
    code("""
BullwhipApp()
"""),
]

SECTION_4 = [
    md("""
## 4. Supply-chain collaboration (供应链协同管理)

Seed 004 asks for **close partnerships** with upstream and downstream partners that **share information and resources**, and a **collaboration system** that monitors every link in real time (its example: a car maker shares production plans and logistics status with parts suppliers).
Three practices put the bullwhip remedies to work:

- **information sharing** (信息共享): POS and inventory data go to every partner (section 3);
- **CPFR** (collaborative planning, forecasting and replenishment, 协同规划、预测与补货; VICS 1998): partners agree one sales forecast, flag exceptions and plan replenishment together, so no stage forecasts from distorted orders;
- **VMI** (vendor-managed inventory, 供应商管理库存): the supplier sees the customer's stock and sales and decides its replenishment, which removes one ordering stage and its forecast.
"""),
]

SECTION_5 = [
    md("""
## 5. Supply-chain risk management (供应链风险管理)

Seed 004's two steps: **identify and assess risks** (风险识别和评估), then set **responses**: **early warning** (风险预警), **diversification** (风险分散) and **transfer** (风险转移) — its example, a food processor watching weather and supplier bankruptcy, uses several supply channels, long-term contracts and emergency stock.
A common assessment is the 5 × 5 **likelihood × impact matrix** (ISO 31000 practice): score = likelihood × impact, from 1 to 25, in four levels (low 1–4, medium 5–9, high 10–16, extreme 20–25).
The distributor's risk register, rated by the chapter:
"""),
    code("""
risks = dm.distributor_risk_matrix()
risks[["likelihood", "impact", "score", "level", "strategy", "action"]]
"""),
    code("""
ax = views.plot_risk_matrix(risks)
"""),
    md("""
One risk is extreme: a chip shortage stopping inverter air conditioners (likely and severe, as in 2021) needs a second source and buffer stock now.
The heatwave and a key supplier's shutdown are high: weather-linked forecasts and early warning for the first, a second supplier per category for the second.
Medium risks are reduced where it is cheap or **transferred** (insurance, contract clauses); the low ones are monitored.
"""),
]

SECTION_6 = [
    md("""
## 6. Performance management: the KPI scorecard (供应链绩效管理：KPI 记分卡)

Seed 004 asks for a **KPI system** (供应链绩效指标体系) covering **cost, efficiency, quality and customer satisfaction** (成本、效率、质量、客户满意度) and for **regular evaluation** that finds shortfalls and sets improvements.
The **balanced scorecard** (平衡计分卡; Kaplan & Norton 1992) gives the form: a few measures per perspective, each with a target; SCOR names supply-chain measures such as **perfect order fulfilment** and **order fulfilment cycle time**.

The distributor's eight KPIs are computed from its data (order lines, fulfilment records and service tickets); the targets are management's:
"""),
    code("""
kpis = dm.distributor_kpis(tables)
kpis.round(3)
"""),
    md("""
Each KPI's **achievement** is actual / target when higher is better and target / actual when lower is better, so 1.0 (100 %) is on target either way.
Its **score** is the achievement capped at 120 %, so a KPI far above target cannot hide another far below it.
Status: **met** at 100 % or more, **watch** from 90 %, **act** below 90 %.
Perspective and overall scores are weighted means of the KPI scores (here every KPI weighs the same, so each perspective counts 25 %).
"""),
    code("""
card = dm.kpi_scorecard(kpis)
card["kpis"][["perspective", "actual", "target", "achievement", "status"]].round(3)
"""),
    code("""
card["perspectives"].round(3)
"""),
    code("""
ax = views.plot_scorecard(card)
"""),
    md("""
Efficiency meets its targets (orders arrive in a median 41.5 hours, 96 % on time), cost and quality are on watch, and **customer satisfaction** calls for action: 6.8 complaints per 100 orders against a target of 5, and a ticket satisfaction of 3.6 out of 5.
The overall score of about 95 % hides this weak perspective — the reason a scorecard reports perspectives, not only one number.
The improvement plan starts at the causes of the complaints (damaged goods, billing and wrong items: the error-free rate of 94 % is on watch too).
"""),
]

SECTION_7 = [
    md("""
## 7. Information technology, CRM systems and future trends (信息技术、CRM 系统与未来趋势)

**Information technology** (信息技术的应用, seed 004 G.8): a supply-chain management system links order processing, inventory management and delivery (订单处理、库存管理、物流配送), shares information among all links and raises **transparency** (透明度) and responsiveness; **big data, AI and the Internet of Things** (大数据、人工智能、物联网) optimise the processes, e.g. forecasts from buying behaviour.

**CRM systems** (CRM 的应用, G.9): a CRM system gives the full picture of customers' needs and behaviour (the customer 360 of Chapter 1), supports personalised supply-chain strategies and lets customer information be shared and coordinated.
Seed 003's technical requirements (F.6) tie it to the chain: information analysis, integrated interaction channels, web support, a **centralised information warehouse** (集中的信息仓库), workflow integration and **integration with ERP** (inventory, manufacturing, distribution, logistics), which closes the customer-interaction loop (客户互动循环).
(The seed article also names two commercial CRM products and quotes their own market claims; this course records that only as a fact about the source.)

**Future trends** (未来发展趋势, G.11): supply-chain customer management becomes more **personalised** (个性化), **intelligent** (智能化) and **collaborative** (协同化) — big data and AI for deep analysis of needs and behaviour, IoT and **blockchain** (区块链) for transparent, responsive chains.
The seed's conclusion: managing demand, information, service, collaboration, risk, performance, IT and CRM together keeps the chain improving.
"""),
]

EXERCISE_INTRO = md("""
## Exercises (练习)

Each exercise has an answer cell and a check cell, `grader.check("q1")` (otter-grader's self-check).
Replace `None` with your answer (computed with the package, or read from an app), run both cells, and read the feedback: "passed" when it is right, otherwise the message says what is wrong (with a hint) or that the answer is still missing.
The exercises use the variables of the chapter (`tables`, `weekly`), so run the chapter first.
""")

SUMMARY = [
    md("""
## Summary (小结)

- Supply-chain customer management manages customer relationships across the chain; its core is customer demand management, and SCM and CRM meet at the customer, with the chain pulled by demand.
- A moving average and simple exponential smoothing forecast the next period; bias, MAD, RMSE and MAPE judge them, best on the same periods for every setting.
- On stable, noisy demand a long window or a small α wins; a small α lags a lasting shift (it closes 1 − (1 − α)ⁿ of a step in n periods), so a shifting demand needs a larger α or a seasonal method.
- The bullwhip effect — order variance growing upstream — has four causes (demand-signal processing, batching, price fluctuations, shortage gaming); for moving-average, order-up-to stages Chen et al.'s bound multiplies stage by stage without shared demand and adds up with it, and the seeded simulation shows the same.
- Collaboration (information sharing, CPFR, VMI) puts the remedies to work.
- Risks are rated by likelihood × impact and met by early warning, diversification, transfer or reduction.
- A KPI scorecard scores cost, efficiency, quality and customer satisfaction against targets; the distributor's overall score of about 95 % hides a customer-satisfaction perspective that needs action.
"""),
    md("""
## References (参考文献)

- Chopra, S. and Meindl, P. *Supply Chain Management: Strategy, Planning, and Operation*, 6th ed., Pearson, ch. 7 (moving average, exponential smoothing, forecast errors; the milk example) and ch. 10 (the bullwhip effect, CPFR, VMI).
- Lee, H. L., Padmanabhan, V. and Whang, S. (1997). Information distortion in a supply chain: the bullwhip effect. *Management Science* 43(4), 546–558.
- Chen, F., Drezner, Z., Ryan, J. K. and Simchi-Levi, D. (2000). Quantifying the bullwhip effect in a simple supply chain: the impact of forecasting, lead times, and information. *Management Science* 46(3), 436–443.
- Brown, R. G. (1963). *Smoothing, Forecasting and Prediction of Discrete Time Series*. Prentice-Hall (exponential smoothing; α = 2/(N + 1)).
- VICS (1998). *Collaborative Planning, Forecasting and Replenishment (CPFR) Guidelines*. Voluntary Interindustry Commerce Standards Association.
- ISO 31000:2018. *Risk management — Guidelines* (likelihood × consequence assessment).
- Kaplan, R. S. and Norton, D. P. (1992). The balanced scorecard — measures that drive performance. *Harvard Business Review* 70(1), 71–79.
- ASCM/APICS. *SCOR Digital Standard* (performance attributes; perfect order fulfilment, order fulfilment cycle time).
- Seed materials of the course: [003] supply-chain management and CRM and [004] supply-chain customer management, as reconstructed in `COURSE_CONTENT.md`, Parts F and G.
"""),
]


def master_cells():
    cells = INTRO + SECTION_1 + SECTION_2 + SECTION_3 + SECTION_4 + SECTION_5 + SECTION_6 + SECTION_7
    cells.append(EXERCISE_INTRO)
    for n in range(1, 7):
        cells += exercise_cells(n)
    return cells + SUMMARY


# --------------------------------------------------------------------------
# the solutions
# --------------------------------------------------------------------------
SOLUTIONS = {
    1: [
        md("""
**Solution.** F(53) = α D(52) + (1 − α) F(52): the last forecast updated with the last week's demand.
"""),
        code("""
wm = weekly["washing_machine"]
f = dm.exponential_smoothing_forecast(wm, 0.3)
answer_1 = round(0.3 * wm.iloc[-1] + 0.7 * f.iloc[-1], 1)
answer_1, dm.next_period_forecast(wm, "exponential_smoothing", alpha=0.3)
"""),
    ],
    2: [
        md("""
**Solution.** The MAD over the 48 weeks the 4-week average forecasts.
"""),
        code("""
fridge = weekly["refrigerator"]
answer_2 = round(dm.forecast_errors(fridge, dm.moving_average_forecast(fridge, 4))["mad"], 2)
answer_2
"""),
    ],
    3: [
        md("""
**Solution.** The ratios grow stage by stage; the first one of at least 4 is at stage 3 (with shared data it would be stage 4).
"""),
        code("""
ratios = dm.bullwhip_ratios(dm.simulate_bullwhip(220, stages=5, lead_time=1, window=5, seed=2000))
answer_3 = int((ratios < 4).sum()) + 1
ratios.round(2).tolist(), answer_3
"""),
    ],
    4: [
        md("""
**Solution.** High and extreme risks have a score of 10 or more.
"""),
        code("""
levels = dm.distributor_risk_matrix()["level"]
answer_4 = int(levels.isin(["high", "extreme"]).sum())
answer_4
"""),
    ],
    5: [
        md("""
**Solution.** The overall score is the weighted mean of the capped KPI scores.
"""),
        code("""
card = dm.kpi_scorecard(dm.distributor_kpis(tables))
answer_5 = round(100 * card["overall"], 1)
answer_5
"""),
    ],
    6: [
        md("""
**Solution.** The perspective with the smallest score.
"""),
        code("""
answer_6 = card["perspectives"]["score"].idxmin()
answer_6
"""),
    ],
}

# --------------------------------------------------------------------------


def notebooks():
    """The otter-grader master of this chapter: student and solution versions are made from it."""
    return [Assignment(STUDENT, SOLUTIONS_NB, master_cells(), "ch08")]


def main(argv=None) -> int:
    return run(notebooks(), argv, __doc__)


if __name__ == "__main__":
    sys.exit(main())
