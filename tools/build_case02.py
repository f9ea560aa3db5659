"""Write the Case 2 notebooks (student edition and solutions) from this script.

    python tools/build_case02.py            write both notebooks (no outputs)
    python tools/build_case02.py --execute  write them and execute them in place

The notebooks are the product; this script only keeps their cells in one
reviewable place.  Cell ids are fixed, so rebuilding gives a clean diff.
Executing stores the outputs that ``pytest --nbval`` compares later.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from notebook_builder import GRADER, LANGUAGE_CELL, ROOT, Assignment, code, md, open_question, key_terms, question, run  # noqa: E402

CASE = ROOT / "casebook" / "02_industrial_audit"
STUDENT = CASE / "02_industrial_audit.ipynb"
SOLUTIONS_NB = CASE / "solutions" / "02_industrial_audit_solutions.ipynb"


# --------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------
SETUP = [
    code(LANGUAGE_CELL, tags=["language"]),
    code("""
%matplotlib inline
import pandas as pd
from scm_course import audit, service
from scm_course.cases import industrial_audit
from scm_course.plots import audit as audit_plots
"""),
    GRADER,
]

QUESTIONS = {
    1: """
### Question 1 — Stock availability against Dacheng (现货供应的相对绩效)

What is Hengtong's **relative performance** (相对绩效) against Dacheng on *items in stock when ordered* (`stock_availability`)?
Answer with a number, to two decimals, e.g. `-0.5`.
""",
    2: """
### Question 2 — Real differences (真实的差异)

On how many of the 12 attributes do Hengtong and Dacheng differ **significantly at p ≤ 0.05** (Welch t-test, 显著性检验)?
Answer with a whole number.
""",
    3: """
### Question 3 — Important weaknesses (重要的弱项)

With an importance threshold of 5 and a parity band of ±1, which attributes are Hengtong's **important weaknesses** against Dacheng?
Answer with a list of attribute numbers or keys, e.g. `[2, 4]` or `["order_cycle_time", "order_accuracy"]`.
""",
    4: """
### Question 4 — Fix first (首先改进什么)

Which attribute heads the STEP 4 action plan against Dacheng (default settings of `audit.action_plan`)?
Answer with its number or key, e.g. `2` or `"order_cycle_time"`.
""",
    5: """
### Question 5 — Hidden in the parity band (隐藏在均势区间内)

Which attributes lie **inside the parity band** against Dacheng although Hengtong is **significantly behind** there?
Answer with a list of attribute numbers or keys.
""",
    6: """
### Question 6 — Fill rate under control? (订单行满足率受控吗？)

In how many months of 2025 did the line fill rate need **corrective action** (纠正性措施), i.e. fall short of its standard by more than the tolerance?
Answer with a whole number.
""",
    7: """
### Question 7 — The measure that misleads (会误导的指标)

Which internal measure meets its standard in **every month** of 2025 although customers rate Hengtong **significantly worse** than Dacheng on the attribute it stands for?
Answer with the measure's key, e.g. `"order_cycle_hours"`.
""",
    8: """
### Question 8 — The action plan for Ms Lin (给林总的行动计划) — open-ended

Write Hengtong's action plan for the next 12 months: three to five actions, each with the attribute, the evidence from the audit, the measure that will track it and its standard.

There is no automatic check: write your answer below and discuss it in class.
""",
    9: """
### Question 9 — Fewer sales visits? (减少销售拜访？) — open-ended

STEP 3 puts sales-rep visits in "reduce / maintain": a strength customers value little.
Should Hengtong cut them? Who would notice? Use the importance by customer type (section 5) in your answer.

There is no automatic check: write your answer below and discuss it in class.
""",
    10: """
### Question 10 — Which benchmark? (以谁为标杆？) — open-ended

Which competitor should Hengtong benchmark against, Dacheng or PartsHub — and does the answer differ by customer type?
What do the survey's design and its 31 % response rate leave out?

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
    return question(n, f"case02.q{n}", QUESTIONS[n], SOLUTIONS[n])


# --------------------------------------------------------------------------
# the case
# --------------------------------------------------------------------------
INTRO = [
    md("""
# Case 2 · Hengtong Industrial Supply: a customer service audit (恒通工业供应：客户服务审计)

*Course chapter used: 5 (the customer service audit, 客户服务审计, and the control loop of service standards). Time: one 90-minute class.*

Run the three code cells below first: the first sets the language of figures and feedback, the second imports the course package, the third starts the answer checker.
"""),
    *SETUP,
    md("""
## The situation (案例背景)

Hengtong Industrial Supply (恒通工业供应, a fictional company) is an industrial distributor (工业品分销商) in the Yangtze River Delta.
From one warehouse in Kunshan it sells bearings, power-transmission parts, fasteners and other MRO supplies (维护、维修和运行物资) to about 520 factory maintenance departments, OEM production lines and installation contractors, and it has always sold on technical know-how.

Two competitors are taking share: **Dacheng Bearing & Transmission** (大成轴承传动) promises next-day delivery from regional warehouses; the online catalogue distributor **PartsHub** (零件汇) lets customers order on the web and track every order, but gives little advice.
The sales director hears that "customers say we are hard to do business with"; the operations director points to a green monthly KPI report — dispatch on time 97 %, same-day emergency service above target.

The new general manager, Ms Lin Qian (林倩), commissioned a **customer service audit**: an **external audit** (外部审计), a survey answered by 160 of the 520 accounts (importance and performance of 12 service attributes, for Hengtong and for the competitors they also buy from), and an **internal audit** (内部审计) of the seven service measures Hengtong already tracks.
She wants an **action plan** (行动计划) she can defend to the board: what to fix first, what to keep, where to spend less.

The full brief is the case folder's [`README.md`](README.md).
"""),
    md("""
## Learning goals (学习目标)

After this case you can

- run the four-step analysis of a customer service audit on respondent-level survey data, for a firm and two competitors;
- tell a real difference from sampling noise with **Welch's t-test** (显著性检验) and read it together with the **parity band** (竞争均势) of the competitive position matrix;
- turn the **performance evaluation matrix** (绩效评估矩阵) into a prioritised action plan (行动计划);
- compare the external audit (what customers see) with the internal audit (what the firm measures) and find the measures that mislead.
"""),
    key_terms("case02", STUDENT),
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

Five tables, described column by column in the data dictionary [`data/README.md`](data/README.md).
`industrial_audit.load()` checks every file against its checksum and its schema before it returns them.
"""),
    code("""
tables = industrial_audit.load()
{name: frame.shape for name, frame in tables.items()}
"""),
    md("""
The survey is the external audit, one row per answer in the long format of `scm_course.audit`: respondent, attribute, rater (`importance` or the firm rated) and a score from 1 to 7.
The questionnaire has 12 attributes in the three phases of the transaction (交易前 / 交易中 / 交易后):
"""),
    code("""
survey, respondents = tables["survey"], tables["respondents"]
tables["attributes"]
"""),
    md("""
Each competitor is rated only by the customers who also buy from it, so the firms have different numbers of raters — one reason to use Welch's test, which allows unequal group sizes and variances.
"""),
    code("""
survey.groupby("rater")["respondent"].nunique()
"""),
    md("""
The 160 respondents are of three types, with quite different annual spend with Hengtong:
"""),
    code("""
respondents.groupby("customer_type").agg(customers=("respondent", "size"),
                                         median_spend_kcny=("annual_spend_kcny", "median"))
"""),
    md("""
The mean of every rater on every attribute — the survey summary an audit report would print:
"""),
    code("""
audit.survey_summary(survey)["mean"].unstack("rater").round(2)
"""),
    md("""
Stock availability is the most important attribute (6.45), and Hengtong's weakest point against Dacheng is visible already; on order status information Hengtong (2.90) is far behind both competitors.
"""),
]

SECTION_1 = [
    md("""
## 1. STEP 1 — Relative performance and significance (相对绩效与显著性)

Dacheng is the competitor Hengtong meets most often (113 of the 160 respondents buy from both).
`audit.relative_performance` gives, per attribute, the importance, both means, the difference (Hengtong − Dacheng), the p-value of Welch's t-test and its mark (`**` p ≤ 0.01, `*` p ≤ 0.05).
"""),
    code("""
step1 = audit.relative_performance(survey, "Hengtong", "Dacheng")
step1.round(2)
"""),
    Q(1),
    md("""
The mark comes from Welch's t-test. Here it is by hand for technical support, the only `*`:
"""),
    code("""
s = survey[survey["attribute"] == "technical_support"]
t, df, p = audit.welch_t_test(s[s["rater"] == "Hengtong"]["score"], s[s["rater"] == "Dacheng"]["score"])
round(t, 2), round(df, 1), round(p, 3)
"""),
    md("""
t = 2.33 with 226.6 degrees of freedom, p = 0.021: significant at 5 % (`*`), not at 1 %.
A difference of 0.30 points is real here because both groups are large; the same difference among 20 raters would be noise.
"""),
    Q(2),
]

SECTION_2 = [
    md("""
## 2. STEP 2 — Competitive position matrix (竞争地位矩阵)

Attributes with importance ≥ 5 are important; a difference within ±1 point is **parity** (竞争均势), beyond it a strength or a weakness.
"""),
    code("""
position = audit.competitive_position(step1, importance_threshold=5.0, parity=1.0)
position["region"].value_counts()
"""),
    code("""
handles = audit_plots.plot_competitive_position(position, step1["mark"])
"""),
    md("""
Attributes 1 and 6 sit in the upper left, the important weaknesses; 5 (emergency orders) is an important strength, 10 (sales visits) a minor strength, 11 (online ordering) a minor weakness.
Note 3** and 12**: inside the grey parity band although the difference is significant.
Significance asks *is the difference real?*, the parity band *is it big?* — read both.
"""),
    Q(3),
]

SECTION_3 = [
    md("""
## 3. STEP 3 — Performance evaluation matrix (绩效评估矩阵)

The performance evaluation matrix sets importance against Hengtong's **own** performance (cuts at 3 and 5 on the 1–7 scale); each cell of the 3 × 3 grid prescribes an action.
"""),
    code("""
matrix = audit.performance_matrix(step1, cuts=(3.0, 5.0))
matrix[["importance_level", "performance_level", "action"]]
"""),
    code("""
handles = audit_plots.plot_performance_matrix(matrix, importance_threshold=5.0)
"""),
    md("""
Order status information (6) is alone in the red "improve absolutely" cell: important (5.55) and rated below 3 (2.90).
Stock availability, on-time delivery, complaint handling and online ordering are to improve; sales-rep visits (10), rated high but of medium importance, are a candidate to reduce.
"""),
]

SECTION_4 = [
    md("""
## 4. STEP 4 — The action list (行动清单)

`audit.action_plan` combines the steps: attributes sorted by the urgency of the STEP 3 action, then significant gaps to the competitor first, then by importance; `behind_competitor` flags a negative difference that is significant.
"""),
    code("""
plan = audit.action_plan(step1)
plan.round(2)
"""),
    Q(4),
    md("""
Against the online competitor the picture changes: the gaps on information are larger, and Hengtong's service strengths show.
"""),
    code("""
vs_partshub = audit.action_plan(audit.relative_performance(survey, "Hengtong", "PartsHub"))
vs_partshub[["difference", "mark", "region", "action"]].round(2)
"""),
    md("""
Against PartsHub, order status information (−3.21 **) is an important weakness and online ordering (−3.54 **) a minor one; emergency orders (+2.45 **) and technical support (+2.64 **) are important strengths.
Stock availability and order cycle time are significantly behind PartsHub too, but inside the parity band.
"""),
    Q(5),
]

SECTION_5 = [
    md("""
## 5. Different customers, different priorities (不同客户，不同重点)

The averages mix three kinds of customers. Mean importance by customer type:
"""),
    code("""
imp = survey[survey["rater"] == "importance"].merge(respondents, on="respondent")
imp.pivot_table(index="attribute", columns="customer_type", values="score", sort=False).round(2)
"""),
    md("""
Contractors want online ordering (6.16; maintenance departments 3.88), OEM lines want VMI (5.92; the others about 3.5), maintenance departments want emergency orders (6.63) and technical advice (5.95).
Cluster analysis (群组分析法) of the importance profiles finds the same groups without being told the customer types:
"""),
    code("""
seg = audit.importance_segments(survey, 3)
pd.crosstab(seg["segment"], respondents.set_index("respondent")["customer_type"])
"""),
    md("""
Each of the three segments is almost exactly one customer type (79 of 81 maintenance departments, 47 of 48 OEM lines, 30 of 31 contractors): the action plan can be segmented.
"""),
]

SECTION_6 = [
    md("""
## 6. The internal audit (内部审计)

Hengtong tracks seven service measures every month, each with a **performance standard** (绩效标准), a **tolerance** (容差) and the survey attribute it stands for.
"""),
    code("""
monthly = tables["kpi_monthly"].set_index("month")
standards = tables["kpi_standards"].set_index("measure")
standards[["attribute", "unit", "standard", "tolerance", "higher_is_better", "source"]]
"""),
    md("""
The control loop of Chapter 5 (standard → measure → variance → act) for the line fill rate: `service.control_report` marks each month `meets`, `within_tolerance` (watch) or `below_standard` (act).
"""),
    code("""
fill = standards.loc["line_fill_rate"]
service.control_report(monthly["line_fill_rate"], fill["standard"], tolerance=fill["tolerance"])
"""),
    Q(6),
    md("""
The same for all seven measures: how many months each status occurs.
"""),
    code("""
status = {m: service.control_report(monthly[m], s["standard"], tolerance=s["tolerance"],
                                    higher_is_better=bool(s["higher_is_better"]))["status"].value_counts()
          for m, s in standards.iterrows()}
counts = pd.DataFrame(status).T.fillna(0).astype(int)
counts
"""),
    md("""
Order cycle, on-time dispatch and emergency same-day service meet their standards all year; complaints closed within 5 days miss by more than the tolerance every month.
Now set the two audits side by side: the months meeting the standard inside, the gap to Dacheng outside.
"""),
    code("""
inside = standards[["attribute"]].join(counts["meets"].rename("months_meeting"))
inside.join(step1[["difference", "mark"]], on="attribute").round(2)
"""),
    Q(7),
    md("""
And what nobody measures — the attributes without an internal measure:
"""),
    code("""
sorted(set(step1.index) - set(standards["attribute"]))
"""),
    md("""
Five of the twelve attributes, including order status information, the single "improve absolutely" — the KPI report cannot see Hengtong's biggest problem.
"""),
]

DISCUSSION = [
    md("""
## 7. Discussion (讨论)

The numbers are in; the decisions are not. Use code cells of your own where you need more numbers (e.g. `plan` against another competitor, or importance by customer type).
"""),
    Q(8),
    Q(9),
    Q(10),
]

SUMMARY = [
    md("""
## Summary (小结)

- Relative performance (相对绩效) alone overstates some gaps and hides others: read every difference with its significance mark; a significant gap inside the parity band (on-time delivery, VMI) still matters.
- Against Dacheng, Hengtong's **important weaknesses** (重要的弱项) are stock availability (−1.05 **) and order status information (−2.00 **); the latter is the only "improve absolutely" and tops the action plan.
- Hengtong's strengths — emergency orders and technical advice — are real and worth protecting; sales visits are a strength customers value little, a candidate to reduce or redirect.
- The internal audit reports "on time" because it measures dispatch, not delivery; five attributes, including order status information, are not measured at all. Fix the measures together with the service.
- Priorities differ by customer type (maintenance, OEM, contractor): the plan can be segmented.
"""),
    md("""
## References (参考文献)

- Lambert, D. M. and Stock, J. R. (1993). *Strategic Logistics Management*, 3rd ed. Irwin, ch. 4 (the customer service audit).
- Lambert, D. M. and Harrington, T. C. (1990). Measuring nonresponse bias in customer service mail surveys. *Journal of Business Logistics* 11(2), 5–25.
- Welch, B. L. (1947). The generalization of "Student's" problem when several different population variances are involved. *Biometrika* 34(1–2), 28–35.
- Course Chapter 5 (the four-step analysis, `audit.relative_performance`, `audit.competitive_position`, `audit.performance_matrix`, `audit.action_plan`; the control loop, `service.control_report`).
- The case's data: [`data/README.md`](data/README.md) (synthetic, seed 2702, documented design values).
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
**Solution.** Relative performance is firm minus competitor: Hengtong 4.85, Dacheng 5.90 (its 113 raters give 5.9027), so −1.05.
The sign matters: +1.05 would make a weakness a strength. Against PartsHub the gap is −0.50.
"""),
        code("""
answer_1 = round(float(step1.loc["stock_availability", "difference"]), 2)
answer_1
"""),
    ],
    2: [
        md("""
**Solution.** Eight: seven `**` (p ≤ 0.01) and technical support `*` (p = 0.021).
Counting only `**` gives 7, only the negative gaps 5; complaint handling (−0.25, p = 0.10) is not significant.
"""),
        code("""
answer_2 = int((step1["p_value"] <= 0.05).sum())
answer_2
"""),
    ],
    3: [
        md("""
**Solution.** Stock availability (1) and order status information (6): important (≥ 5) and more than one point behind.
Online ordering (11, −1.80) is a weakness too, but a minor one: its importance is 4.40 < 5.
"""),
        code("""
answer_3 = list(position.index[position["region"] == "important_weakness"])
answer_3
"""),
    ],
    4: [
        md("""
**Solution.** Order status information (6): importance high (5.55), performance low (2.90 < 3) → improve absolutely.
It is neither the most important attribute (stock availability, 6.45) nor the one with the largest gap alone: the STEP 3 action comes first.
"""),
        code("""
answer_4 = plan.index[0]
answer_4
"""),
    ],
    5: [
        md("""
**Solution.** On-time delivery (3, −0.45 **) and VMI (12, −0.90 **): smaller than one point, but real.
Order cycle time, invoice accuracy and complaint handling are behind too, but not significantly.
"""),
        code("""
answer_5 = list(plan.index[(plan["band"] == "parity") & plan["behind_competitor"]])
answer_5
"""),
    ],
    6: [
        md("""
**Solution.** Six months are below standard by more than the tolerance (January 0.919, February, April, July, August 0.921, November) — the seasonal peaks.
The other six are within tolerance: they need watching, not corrective action. The fill rate never meets 0.95.
"""),
        code("""
fill_report = service.control_report(monthly["line_fill_rate"], fill["standard"], tolerance=fill["tolerance"])
answer_6 = int((fill_report["status"] == "below_standard").sum())
answer_6
"""),
    ],
    7: [
        md("""
**Solution.** `on_time_dispatch`: it measures leaving the warehouse on the planned day, not arriving on the day promised to the customer, and customers rate on-time delivery −0.45 ** against Dacheng.
The two other measures met all year are not misleading in this way: order cycle (−0.15) is not significant, emergency same-day (+1.15 **) is a strength.
"""),
        code("""
gap = step1.loc[standards["attribute"], ["difference", "p_value"]].set_index(standards.index)
behind = (gap["difference"] < 0) & (gap["p_value"] <= 0.05)
answer_7 = [m for m in counts.index if counts.loc[m, "meets"] == 12 and behind[m]][0]
answer_7
"""),
    ],
    8: [
        md("""
**A model answer.** Three to five actions, each with evidence, measure and standard:

1. **Order status information** first: the only "improve absolutely" (importance 5.55, performance 2.90), −2.00 ** against Dacheng and −3.21 ** against PartsHub, and unmeasured. Order confirmation with a committed date, track-and-trace (web portal or WeChat notifications from the TMS), and a response standard for status enquiries (e.g. answered within one hour, measured in the CRM).
2. **Stock availability**: the most important attribute (6.45), −1.05 **, line fill rate below standard in six months and never at 0.95. Review safety stocks of the A-items maintenance customers need and plan for the January and July–August peaks; keep the 95 % standard but report it per customer type.
3. **On-time delivery**: redefine the measure as delivered by the date promised to the customer (the perfect-order logic of Chapter 2) before setting its standard — today's 97 % "on time" is dispatch.
4. **Online ordering** for contractors (importance 6.16 for them, a minor weakness overall): a segment action, possibly an e-procurement catalogue rather than a full web shop.
5. **Protect the strengths** (emergency orders, technical advice): they are why maintenance customers stay.

Strong answers name an owner and a date, weigh the cost (stock investment against lost orders) and plan a follow-up survey. Weak answers list every negative difference in order of size.
"""),
    ],
    9: [
        md("""
**A model answer.** STEP 3 says reduce / maintain: importance 3.60, performance 5.90, +1.30 ** against Dacheng.
The *routine* visit frequency can fall, but the same sales engineers deliver technical advice, which maintenance departments rate 5.95; contractors value visits least.
So redeploy the time — to technical support and key accounts — rather than cut it uniformly, and watch the relationship with the large OEM accounts (median spend 317 kCNY), who would notice first.
"""),
    ],
    10: [
        md("""
**A model answer.** Dacheng is the closer rival (113 shared customers, a similar business model), PartsHub the disruptive one (75 shared customers, strongest with contractors).
Run both comparisons: against PartsHub, stock availability and order cycle time are significant gaps *inside* the parity band, and the information gap is larger still.
The benchmark depends on the segment: Dacheng for OEM lines and maintenance departments, PartsHub for contractors.
Excellent answers add that the survey covers Hengtong's present customers only — those who already left are missing (survivor bias) — and that a 31 % response rate calls for a non-response check, e.g. comparing early and late respondents (Lambert and Harrington 1990).
"""),
    ],
}

# --------------------------------------------------------------------------


def notebooks():
    """The otter-grader master of this case: student and solution versions are made from it."""
    return [Assignment(STUDENT, SOLUTIONS_NB, master_cells(), "case02")]


def main(argv=None) -> int:
    return run(notebooks(), argv, __doc__)


if __name__ == "__main__":
    sys.exit(main())
