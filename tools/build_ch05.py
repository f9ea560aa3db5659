"""Write the Chapter 5 notebooks (student edition and solutions) from this script.

    python tools/build_ch05.py            write both notebooks (no outputs)
    python tools/build_ch05.py --execute  write them and execute them in place

The notebooks are the product; this script only keeps their cells in one
reviewable place.  Cell ids are fixed, so rebuilding gives a clean diff.
Executing stores the outputs that ``pytest --nbval`` compares later.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from notebook_builder import GRADER, LANGUAGE_CELL, ROOT, Assignment, code, md, open_question, key_terms, question, run  # noqa: E402


STUDENT = ROOT / "chapters" / "05_service_audit.ipynb"
SOLUTIONS_NB = ROOT / "chapters" / "solutions" / "05_service_audit_solutions.ipynb"


# --------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------
SETUP = [
    code(LANGUAGE_CELL, tags=["language"]),
    code("""
import pandas as pd
from scm_course import audit, service, priority as pr, data
from scm_course.apps import AuditApp, SegmentApp
"""),
    GRADER,
]

DATA_CELL = code("""
survey = data.load_survey("audit_survey")
dealers = data.load_survey("supplier_survey")
step1 = audit.relative_performance(survey, "Company A", "Company B")
""")

EXERCISES = {
    1: """
### Exercise 1 — Row 6 from the raw data (由原始数据重算第6行)

Using the respondent-level audit survey, compute the relative performance (相对绩效) of Company A against Company B on attribute 6, *prompt adjustment of billing and shipping errors* (`error_adjustment`).

Answer with a number, to two decimals.
""",
    2: """
### Exercise 2 — Two suppliers compared (两个供应商的比较)

In the dealer survey (`dealers`), compare **Supplier 2** (as the firm) with **Supplier 3** (as the competitor) with Welch t-tests.

On how many of the eight service elements do the two differ significantly at **p ≤ 0.01** (mark `**`)?
Answer with a whole number.
""",
    3: """
### Exercise 3 — A narrower parity band (更窄的竞争均势区间)

Redraw Company A's competitive position matrix with the importance threshold at 5.0 but a parity band of **±0.5** instead of ±1.0.

Which attributes are now **minor strengths** (次要的强项)?
Answer with a list of attribute numbers, for example `[1, 2]`.
""",
    4: """
### Exercise 4 — Where does "high" start? (“高”从哪里开始?)

The audit team decides that the high band of the performance evaluation matrix starts at **5.5** instead of 5.0 (cuts `(3.0, 5.5)`, for importance and performance alike).

Which action does attribute 5, *completeness rate* (`completeness_rate`), get now?
Answer with the action's key as a text, for example `"maintain"`.
""",
    5: """
### Exercise 5 — Four segments (四个细分市场)

Segment the 100 customers of the audit survey into **four** groups by cluster analysis of their importance ratings (seed 0).

How many customers are in the largest segment?
Answer with a whole number.
""",
    6: """
### Exercise 6 — Corrective action on the error-free rate (无错率的纠正性措施)

Set the standard for the **error-free rate** (无错率) at 95 % with a tolerance of 1 percentage point (0.01), and compare the monthly series of section 5 with it.

In how many months is the rate **below standard**, so that the variance must be analysed and corrective action taken?
Answer with a whole number.
""",
}


def exercise_cells(n: int):
    """Exercise ``n`` as an otter-grader question (solution and tests in the master only)."""
    return question(n, f"ch05.q{n}", EXERCISES[n], SOLUTIONS[n])


# --------------------------------------------------------------------------
# the chapter
# --------------------------------------------------------------------------
INTRO = [
    md("""
# Chapter 5 — The customer service audit (客户服务审计)

Run the three code cells below first: the first sets the language of figures, widgets and feedback, the second imports the course package, the third starts the answer checker.
"""),
    *SETUP,
    md("""
A firm cannot set service levels well until it knows two things: **which service elements matter to its customers**, and **how it performs on them against its competitors**.
The **customer service audit** (客户服务审计, also 客户服务调查, customer service survey) finds out, with a survey of customers (external audit) and a review of the firm's own practice (internal audit).

This chapter follows the seed course (digest sections D.11–D.14) and Lambert & Stock, *Strategic Logistics Management*, ch. 4.
Its worked example is the seed's four-step analysis of Company A against Company B, reproduced from a respondent-level survey.
"""),
    md("""
## Learning objectives (学习目标)

In this chapter you will:

- describe the four stages of a customer service audit, the aims of the external audit and the rules of questionnaire design, and use checklists for the internal audit;
- summarise a survey of importance and performance ratings (7-point scales) and reproduce the seed's tables from respondent-level data;
- test whether a firm performs differently from a competitor on each element (Welch t-test, `*` p ≤ 0.05, `**` p ≤ 0.01);
- place service elements in the competitive position matrix (竞争地位矩阵) and the performance evaluation matrix (绩效评估矩阵), and combine both into an action plan;
- set the relative importance of service elements with the weighted-average method (加权平均法) and group them with factor analysis (因子分析法);
- segment customers by cluster analysis (群组分析法) of their importance ratings;
- run the control loop of service performance: standards, measurement, variance analysis and corrective action.

These build on objective 2 of the course (an awareness of supply-chain customer service, 供应链客户服务的意识) and prepare objective 3 (setting service priorities).
"""),
    key_terms("ch05", STUDENT),
]

SECTION_1 = [
    md("""
## 1. The audit: stages, aims and checklists (审计的阶段、目标与清单)

The seed names four **stages of the customer service audit** (客户服务调查的阶段):

1. **External customer service survey** (外部客户服务调查) — ask customers;
2. **Internal customer service survey** (内部客户服务调查) — review the firm's own measures and practice;
3. **Identify potential improvements** (提出潜在的改进方法);
4. **Establish customer service levels** (建立客户服务水平).

Before the survey, find the **key elements of customer service** (客户服务的关键要素): survey research (调查研究) to learn who the **decision makers** (决策者) are and which **decision factors** (决策因素) they use, then a **detailed study** (细节研究) of these factors.

### The external audit (外部审计)

Its two **aims** (外部客户服务调查的目标):

- identify the service elements that customers consider **important when they decide what to buy**;
- learn how customers **rate the main suppliers in the market** (对市场中的主要供应商的评价) on these elements.

**Questionnaire design notes** (问卷设计注意点):

1. cover the relevant factors as completely as possible;
2. fit the industry, so that the factors relate to its customer-service issues;
3. write clear questions and give the questionnaire a clear structure;
4. **pre-test** it with a few representative customers: are the questions clear, is an important variable missing?
5. involve staff from the relevant departments throughout the design.

**Why marketing should take part** (营销部门参与的原因):

1. service is one of the four Ps, so marketing must make the **trade-offs within the marketing mix** (营销组合内部的权衡);
2. marketing usually has the **expertise in questionnaire design**;
3. it makes the findings **more credible**, so they are more readily accepted and more likely to be implemented.
"""),
    md("""
### The internal audit: a checklist (内部审计清单)

Copy these lists into your own notes and tick them off during an audit of a real firm.

**Internal survey questions** (内部调查问题):

- [ ] How does the firm evaluate customer service internally today?
- [ ] Which measures (评价指标) does it use?
- [ ] What **performance standard** (绩效标准) is set for each measure?
- [ ] What service level is achieved now?
- [ ] How are the data for these measures obtained from the information or order-processing system?
- [ ] What is the internal **customer-service reporting system** (客户服务报告体系)?
- [ ] How does each department (e.g. logistics and marketing) understand customer service, and how does it assess itself?
- [ ] What are the **information and control relationships** between departments?

**Interview topics** (访谈内容), for managers of each function:

- [ ] definition of responsibilities (职责的界定)
- [ ] organisational structure (组织结构)
- [ ] decision authority and procedures (决策的权限和程序)
- [ ] performance appraisal and its results (绩效的考核与结果)
- [ ] understanding of customer service (对客户服务的理解)
- [ ] managers' understanding of customers' service requirements
- [ ] plans for improving customer service (改善客户服务的计划)
- [ ] communication within the department (部门内部的沟通)
- [ ] communication between functional departments (职能部门之间的沟通)
- [ ] communication with customers, suppliers and carriers (客户、供应商、运输公司)
"""),
]

SECTION_2 = [
    md("""
## 2. The survey data (调查数据)

The seed prints only summary tables.
The course ships two **respondent-level surveys**, generated by a seeded generator (`datasets/README.md`) so that their summaries reproduce the printed tables:

- `audit_survey`: 100 customers rate the importance of ten service elements and the performance of Company A and Company B (STEP 1 of section 3);
- `supplier_survey`: 200 dealers rate the importance of eight elements and the performance of suppliers 1–3 (table T8).

Every rating is on a 7-point scale (1 = not important / very poor, 7 = very important / excellent).
The data are in **long form**: one row per respondent, attribute and rater, where the rater is `importance` or the firm rated.
"""),
    DATA_CELL,
    code("""
survey.head()
"""),
    code("""
survey.groupby("rater")["respondent"].nunique()
"""),
    md("""
### Table T8 reproduced (重现表T8)

The seed's table *overall importance vs dealers' ratings of major manufacturers' performance* (expected answer; mean and standard deviation):

| No. | Attribute | Importance | Supplier 1 | Supplier 2 | Supplier 3 |
|---|---|---|---|---|---|
| 1 | On-time shipment (准时发货) | 6.4 (0.8) | 5.9 (1.0) | 4.1 (1.6) | 4.7 (1.6) |
| 2 | Accuracy in filling orders (履行订单的准确性) | 6.4 (0.8) | 5.6 (1.1) | 4.7 (1.4) | 5.0 (1.3) |
| 3 | Timely notice of shipping delays (运输延误的及时通知) | 6.1 (0.9) | 4.6 (1.9) | 3.0 (1.6) | 3.7 (1.7) |
| 4 | Timely price data, specifications, promotions (及时提供价格数据、规格和促销材料) | 6.0 (0.9) | 5.7 (1.3) | 4.1 (1.5) | 4.8 (1.4) |
| 5 | Timely response to requests for help (对协助要求的及时反应) | 6.0 (0.9) | 5.2 (1.7) | 4.6 (1.6) | 4.4 (1.6) |
| 6 | Consistency of order lead time (订货提前期的一致性) | 5.8 (0.9) | 5.8 (1.0) | 4.1 (1.5) | 4.8 (1.4) |
| 7 | Length of order lead time (订货提前期的长度) | 5.8 (1.0) | 6.1 (1.1) | 4.5 (1.4) | 4.9 (1.5) |
| 8 | Help with store layout planning (对商店布局计划的协助) | 3.9 (1.6) | 4.2 (1.7) | 3.0 (1.5) | 3.4 (1.6) |

From the 200 dealers' answers (`survey_summary` gives mean, standard deviation with `ddof=1`, and n):
"""),
    code("""
t8 = audit.survey_summary(dealers)[["mean", "sd"]].unstack("rater")
t8.round(1)
"""),
    code("""
sr = data.load_instance("supplier_ratings")
printed = pd.concat({stat: pd.DataFrame({"importance": sr[f"importance_{stat}"],
                                         **{f"Supplier {k}": sr[f"supplier_{k}_{stat}"] for k in (1, 2, 3)}},
                                        index=sr["attributes"]) for stat in ("mean", "sd")}, axis=1)
bool((t8[printed.columns].round(2) == printed).all().all())
"""),
    md("""
The means and the standard deviations agree with the printed values to two decimals (6.4 → 6.40).

### The weighted-average method (加权平均法)

Factors of customer service are hard to measure; the seed's common method to set their **relative importance** is a weighted average (digest D.11).
Weight each supplier's mean rating by the dealers' mean importance: score = Σ wᵢ rᵢ / Σ wᵢ.
"""),
    code("""
means = t8["mean"]
pr.weighted_scores(means[["Supplier 1", "Supplier 2", "Supplier 3"]].T, means["importance"].to_dict()).round(2)
"""),
    md("""
Supplier 1 leads on every element, so it wins under any weights; the weights matter when suppliers trade strengths (Chapter 4, exercise 5).
"""),
]

SECTION_3 = [
    md("""
## 3. The four-step analysis (四步分析法)

### STEP 1 — Organise the data (整理数据)

The seed's table (expected answer): importance, mean ratings of Company A and Company B, relative performance A − B and its significance (`*` p ≤ 0.05, `**` p ≤ 0.01).

| No. | Attribute | Importance | Company A | Company B | A − B (printed) | Sig. |
|---|---|---|---|---|---|---|
| 1 | Accuracy in filling orders (履行订单的准确性) | 6.42 | 5.54 | 5.65 | −0.11 | |
| 2 | Expediting emergency orders quickly (加快加急订单的能力) | 6.25 | 4.98 | 5.23 | −0.25 | |
| 3 | Action on complaints (对投诉采取的行动) | 6.07 | 4.82 | 5.18 | −0.36 | * |
| 4 | Meeting ship dates for custom products (定制产品发货日期的准确性) | 5.92 | 4.53 | 4.73 | −0.20 | |
| 5 | Share of orders shipped complete (完整率) | 5.69 | 5.29 | 5.27 | +0.02 | |
| 6 | Prompt adjustment of billing and shipping errors (快速调整开票和发货差错) | 5.34 | 4.64 | 4.90 | −0.24 | |
| 7 | Availability of blanket orders (一揽子订单的可获得性) | 4.55 | 5.03 | 4.15 | +0.88 | ** |
| 8 | Delivery frequency (交付的频率) | 4.29 | 5.07 | 5.03 | +0.04 | |
| 9 | Order-processing staff in your market area (订单处理人员分布在你所在的市场区域) | 3.58 | 5.33 | 5.21 | +0.12 | |
| 10 | Computer-to-computer order entry (计算机对计算机的订单输入) | 2.30 | 4.07 | 3.53 | +0.54 | ** |

`relative_performance` computes it from the 100 customers' ratings; the p-value is Welch's t-test (Welch 1947), which does not assume that the two firms' ratings have equal variances:
"""),
    code("""
step1.round({"importance": 2, "firm_mean": 2, "competitor_mean": 2, "difference": 2, "p_value": 4})
"""),
    code("""
seed = data.load_instance("audit_step1")
step1_means = step1[["importance", "firm_mean", "competitor_mean"]].round(2)
(step1_means.T.to_numpy().tolist() == [seed["importance"], seed["company_a"], seed["company_b"]],
 step1["mark"].tolist() == seed["marks"])
"""),
    md("""
Every mean and every significance mark matches the seed.

### The row-6 misprint (第6行的印刷错误)

Nine of the printed differences equal A − B.
Row 6 does not: 4.64 − 4.90 = **−0.26**, but the seed prints **−0.24**.
We show the discrepancy rather than hide it; the analysis below uses the computed value.
"""),
    code("""
check_diff = pd.DataFrame({"printed": seed["printed_relative_performance"],
                           "computed": step1["difference"].round(2).to_numpy()}, index=range(1, 11))
check_diff[check_diff["printed"] != check_diff["computed"]]
"""),
    md("""
Either one of the two ratings or the difference has a typo; the text cannot say which.
The difference does not change any conclusion: attribute 6 stays inside the parity band and is not significant.

### STEP 2 — The competitive position matrix (竞争地位矩阵)

x = relative performance (−3 … +3), y = importance (1 … 7).
Within ±1.0 of zero the firms are at **competitive parity** (竞争均势); an element is **important** if its importance is at least 5 (the seed's high band is 5–7).
"""),
    code("""
position = audit.competitive_position(step1, importance_threshold=5.0, parity=1.0)
position
"""),
    md("""
All ten elements sit in the parity band: no difference reaches one point.
Parity does not mean "no difference": attribute 3 is significantly behind B, and 7 and 10 significantly ahead.

### STEP 3 — The performance evaluation matrix (绩效评估矩阵)

Importance against Company A's **own** performance, each cut at 3 and 5 into low / medium / high; each of the nine cells holds an action:

| Importance \\ Performance | Low (1–3) | Medium (3–5) | High (5–7) |
|---|---|---|---|
| **High (5–7)** | improve absolutely (绝对提高) | improve (提高) | maintain / improve (保持/提高) |
| **Medium (3–5)** | improve (提高) | maintain (保持) | reduce / maintain (降低/保持) |
| **Low (1–3)** | maintain (保持) | reduce / maintain (降低/保持) | reduce / maintain (降低/保持) |
"""),
    code("""
matrix = audit.performance_matrix(step1)
matrix
"""),
    md("""
This is the seed's placement: 1 and 5 maintain / improve; 2, 3, 4 and 6 improve; 7, 8 and 9 reduce / maintain (medium importance, high performance); 10 reduce / maintain.

### STEP 4 — The action plan (行动计划)

Combining both matrices gives a prioritised list: the most urgent actions first, elements where A is significantly **behind** B (`behind_competitor`) first within an action, then by importance.
"""),
    code("""
audit.action_plan(step1).round(2)
"""),
    md("""
Read it as the audit team would:

- **complaint handling (3)** is important, only medium in performance and significantly behind B: the first thing to fix;
- **2, 4 and 6** are important with medium performance: improve, and move to the right of the matrix towards advantage;
- **1 and 5**: maintain / improve; A is at parity on elements customers rate highest;
- **7, 8, 9 and 10** get more effort than customers' importance justifies: reduce or maintain; 7 and 10 (blanket orders, EDI) lead B significantly and may be an opportunity in a segment that values them (section 4).

### The audit app (审计应用)

Move the importance threshold and the parity band; both matrices re-plot and the action list updates.
The numbers next to the points are the attribute numbers with their significance marks.
"""),
    code("""
AuditApp(survey, firm="Company A")
"""),
    md("""
The dealer survey rates three suppliers, so its app lets you choose the competitor of Supplier 1:
"""),
    code("""
AuditApp(dealers, firm="Supplier 1")
"""),
]

SECTION_4 = [
    md("""
## 4. Grouping elements and segmenting customers (要素分组与市场细分)

The seed lists two more tools for *setting the relative importance of the service elements* and *analysing customer needs* (digest D.11): **factor analysis** (因子分析法) to group the elements, and **cluster analysis** (群组分析法) to segment the market.

A caution first: the course's surveys were **generated with this structure** (`datasets/README.md`): Company A and B's ratings load on three groups of elements, and the importance ratings come from three customer segments.
What follows is therefore a check that the methods recover a known structure, not a discovery about real customers.

### Factor analysis of the performance ratings (绩效评分的因子分析)

`factor_groups` standardises each element's ratings and fits a three-factor maximum-likelihood model with varimax rotation; each element is assigned to the factor it loads on most.
"""),
    code("""
loadings = audit.factor_groups(survey, "Company A", n_factors=3)
loadings.round(2)
"""),
    code("""
loadings.groupby("factor").apply(lambda g: [survey["attribute"].unique().tolist().index(a) + 1 for a in g.index])
"""),
    md("""
Three groups appear: **ordering convenience** (7–10: blanket orders, delivery frequency, local staff, EDI), **responsiveness** (2–4: emergency orders, complaints, ship dates) and **order accuracy** (1, 5, 6: filling accuracy, completeness, error adjustment).
Customers judge each group as one aspect of service, so the firm can set standards, and report, per group.

### Cluster analysis of the importance ratings (重要性评分的群组分析)

If two customers rank the service elements in a similar order, their importance profiles are close and cluster analysis puts them in the same **segment** (客户群).
`importance_segments` runs k-means on the standardised profiles; segment 1 is the largest.
"""),
    code("""
segments = audit.importance_segments(survey, k=3)
segments["sizes"]
"""),
    code("""
segments["profiles"].T.round(2)
"""),
    md("""
Segment 1 values accuracy (1, 5, 6) most, segment 2 values ordering convenience (7–10) far more than the average customer, and segment 3 speed and responsiveness (2–4).
The average importance of blanket orders and EDI (4.55 and 2.30) hides a segment for which they matter: this is the **potential opportunity within a specific customer segment** of the seed's STEP 4, and where Company A's significant lead on 7 and 10 pays.

Change the number of segments and watch the profiles and sizes:
"""),
    code("""
SegmentApp(survey)
"""),
]

SECTION_5 = [
    md("""
## 5. Measuring and controlling service performance (客户服务绩效的衡量和控制)

The audit ends in a control loop (digest D.14):

1. **set quantitative performance standards** for each service element (为服务要素制定量化的绩效标准);
2. **measure actual performance** regularly (定期评价各服务要素的实际绩效水平);
3. **analyse the variance** between actual performance and the standard (分析差异);
4. **take corrective action** (采取纠正性措施).

Take the distributor's order fulfilment of Chapter 2, measured every month, with these standards (a choice for illustration): on time ≥ 95 %, in full ≥ 93 %, error-free ≥ 95 %, each with a tolerance of one percentage point.
"""),
    code("""
monthly = service.metrics_by_period(data.load_fulfilment())
monthly.round(3)
"""),
    code("""
standards = {"on_time": 0.95, "in_full": 0.93, "error_free": 0.95}
reports = {m: service.control_report(monthly[m], s, tolerance=0.01) for m, s in standards.items()}
pd.DataFrame({m: r["status"] for m, r in reports.items()})
"""),
    code("""
pd.DataFrame({m: r["variance"] for m, r in reports.items()}).round(3)
"""),
    md("""
The variances cluster in the **summer peak** (June–August), when the air-conditioner season stretches the warehouse: all three elements fall below standard together.
Corrective actions follow the cause: more picking capacity or a second shift in the peak, pre-building stock of the peak products before June, and promised dates that reflect peak lead times.
The error-free rate stays below standard in September and October, and on-time dips again in October: that is not the peak, so the variance analysis must look at those months' orders before acting.
January 2025's error-free rate (94.1 %) is within tolerance: watch it, no action yet.
The last period holds only the first days of January 2026: judge it when the month is complete.
"""),
]

EXERCISE_INTRO = md("""
## Exercises (练习)

Each exercise has an answer cell and a check cell, `grader.check("q1")` (otter-grader's self-check).
Replace `None` with your answer (computed with the package, or read from an app), run both cells, and read the feedback: "passed" when it is right, otherwise the message says what is wrong (with a hint) or that the answer is still missing.
The exercises use the variables defined in the chapter (`survey`, `dealers`, `step1`, `monthly`), so run the chapter first.
""")

SUMMARY = [
    md("""
## Summary (小结)

- A customer service audit has four stages: external survey, internal survey, potential improvements, service levels; marketing should take part in the design.
- The external survey asks customers which elements matter (importance) and how the main suppliers perform on them; the internal audit checks measures, standards, reporting and communication.
- Means of respondent-level ratings reproduce the seed's tables; Welch t-tests reproduce its marks (`*` on 3, `**` on 7 and 10). Row 6 prints −0.24 where A − B = −0.26.
- STEP 2 places elements by importance and relative performance (parity band ±1); STEP 3 by importance and own performance (nine actions); STEP 4 combines them into an action list, led by important elements with medium performance that trail the competitor.
- Significance is not importance: with many respondents small differences are significant, and a significant lead on a minor element is worth little — unless a segment values it.
- Factor analysis groups elements that customers rate alike; cluster analysis of importance profiles finds segments with different priorities.
- Service performance is controlled against quantified standards: measure regularly, analyse the variance, correct the cause.
"""),
    md("""
## References (参考文献)

- Lambert, D. M. and Stock, J. R. (1993). *Strategic Logistics Management*, 3rd ed. Irwin, ch. 4 (the customer service audit; competitive position and performance evaluation matrices; factor and cluster analysis of audit data).
- Welch, B. L. (1947). The generalization of "Student's" problem when several different population variances are involved. *Biometrika* 34, 28–35.
- Kaiser, H. F. (1958). The varimax criterion for analytic rotation in factor analysis. *Psychometrika* 23, 187–200.
- MacQueen, J. (1967). Some methods for classification and analysis of multivariate observations. *Proc. 5th Berkeley Symposium* 1, 281–297.
- Seed slides of the course: [000] supply-chain customer relationships (weighted average, factor and cluster analysis) and [002] customer service (the audit, table T8, STEP 1–4, measurement and control), as reconstructed in `COURSE_CONTENT.md`, sections D.11–D.14.
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
**Solution.** Read the `difference` of `error_adjustment` in the STEP 1 table: 4.64 − 4.90 = −0.26, not the printed −0.24.
"""),
        code("""
answer_1 = round(float(step1.loc["error_adjustment", "difference"]), 2)
answer_1
"""),
    ],
    2: [
        md("""
**Solution.** Run the Welch tests with Supplier 2 as the firm and count p ≤ 0.01; seven elements are significant at 5 %, five at 1 %.
"""),
        code("""
s2_s3 = audit.relative_performance(dealers, "Supplier 2", "Supplier 3")
answer_2 = int((s2_s3["p_value"] <= 0.01).sum())
s2_s3[["difference", "p_value", "mark"]].round(4)
"""),
    ],
    3: [
        md("""
**Solution.** With a band of ±0.5, blanket orders (+0.88) and computer-to-computer order entry (+0.54) leave parity; both have importance below 5, so they are minor strengths.
"""),
        code("""
narrow = audit.competitive_position(step1, importance_threshold=5.0, parity=0.5)
answer_3 = [i + 1 for i, region in enumerate(narrow["region"]) if region == "minor_strength"]
answer_3
"""),
    ],
    4: [
        md("""
**Solution.** Importance 5.69 is still high, but performance 5.29 is now medium: the cell high / medium says *improve*.
"""),
        code("""
answer_4 = audit.performance_matrix(step1, cuts=(3.0, 5.5)).loc["completeness_rate", "action"]
answer_4
"""),
    ],
    5: [
        md("""
**Solution.** Segments are numbered by size, so segment 1 is the largest.
"""),
        code("""
four = audit.importance_segments(survey, 4)
answer_5 = int(four["sizes"].loc[1])
four["sizes"]
"""),
    ],
    6: [
        md("""
**Solution.** Compare the monthly error-free rate with 95 %, tolerance 0.01, and count the months below standard.
January 2025 (94.1 %) is within tolerance: watch it, no action yet.
"""),
        code("""
error_free = service.control_report(monthly["error_free"], 0.95, tolerance=0.01)
answer_6 = int((error_free["status"] == "below_standard").sum())
error_free.round(3)
"""),
    ],
}

# --------------------------------------------------------------------------


def notebooks():
    """The otter-grader master of this chapter: student and solution versions are made from it."""
    return [Assignment(STUDENT, SOLUTIONS_NB, master_cells(), "ch05")]


def main(argv=None) -> int:
    return run(notebooks(), argv, __doc__)


if __name__ == "__main__":
    sys.exit(main())
