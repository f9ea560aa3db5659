"""Write the Chapter 7 notebooks (student edition and solutions) from this script.

    python tools/build_ch07.py            write both notebooks (no outputs)
    python tools/build_ch07.py --execute  write them and execute them in place

The notebooks are the product; this script only keeps their cells in one
reviewable place.  Cell ids are fixed, so rebuilding gives a clean diff.
Executing stores the outputs that ``pytest --nbval`` compares later.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from notebook_builder import GRADER, LANGUAGE_CELL, ROOT, Assignment, code, md, open_question, key_terms, question, run  # noqa: E402

STUDENT = ROOT / "chapters" / "07_customer_classification.ipynb"
SOLUTIONS_NB = ROOT / "chapters" / "solutions" / "07_customer_classification_solutions.ipynb"


# --------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------
SETUP = [
    code(LANGUAGE_CELL, tags=["language"]),
    code("""
import pandas as pd
from scm_course import crm, data, segment as sg, priority as pr
from scm_course.apps.segment import RFMApp, ClusterApp, WhaleCurveApp
"""),
    GRADER,
]

DATA_CELL = code("""
tables = data.load_logistics()
customers, shipments = tables["customers"], tables["shipments"]
AS_OF = data.LOGISTICS_AS_OF
""")

MODEL_CELL = code("""
rfm = sg.rfm_table(shipments, "customer_id", "date", "revenue", AS_OF)
profitability = sg.customer_profitability(shipments, "customer_id", "revenue", "direct_cost", "service_cost")
""")

EXERCISES = {
    1: """
### Exercise 1 — Stale records (过时记录)

How many records of the customer master (`customers`) have not been updated for **more than two years** (730 days) before `AS_OF`?
Answer with a whole number.
""",
    2: """
### Exercise 2 — Records to merge (待合并的记录)

Each group of duplicate records describes one customer, so one record per group is kept and the others are merged into it.
How many records would be merged away?
Answer with a whole number.
""",
    3: """
### Exercise 3 — Champions (冠军客户)

Score the customers' RFM values by quintiles (`bins=5`, the default) and map them to the named segments.
How many customers are **champions**?
Answer with a whole number.
""",
    4: """
### Exercise 4 — The top of the whale (鲸鱼曲线的峰值)

With the cost to serve as recorded, what is the **peak** of the whale curve, in % of the total profit?
Answer with a number such as `130` (within half a percentage point).
""",
    5: """
### Exercise 5 — Dearer service (更高的服务成本)

Suppose pickup, handling, administration and claims cost **50 % more** (cost-to-serve factor 1.5) while prices stay the same.
How many customers would then be **unprofitable** (profit < 0)?
Answer with a whole number.
""",
    6: """
### Exercise 6 — Key accounts (大客户)

With the chapter's default criteria (top 50 % of profit, at least 12 shipments, last shipment within 90 days), how many customers are **key accounts** (tier `key_account`)?
Answer with a whole number.
""",
}


def exercise_cells(n: int):
    """Exercise ``n`` as an otter-grader question (solution and tests in the master only)."""
    return question(n, f"ch07.q{n}", EXERCISES[n], SOLUTIONS[n])


# --------------------------------------------------------------------------
# the chapter
# --------------------------------------------------------------------------
INTRO = [
    md("""
# Chapter 7 — Customer information and classification (客户信息与客户分类管理)

Run the three code cells below first: the first sets the language of figures, widgets and feedback, the second imports the course package, the third starts the answer checker.
"""),
    *SETUP,
    md("""
The seed's chapter on **logistics customer management** (物流客户管理) has three parts: its philosophy, **customer information** (客户信息) and **customer classification management** (客户分类管理).
Its three key messages frame this chapter:

- collecting and organising customer information (客户信息的收集与整理) is the **foundation** of customer management;
- customer classification is an important way to **use the firm's resources effectively**;
- **key-account management** (大客户的管理) is the **core** of customer management.

The seed stops before the classification and key-account sections, so those follow the field's standard methods: ABC by profit and the whale curve (Kaplan & Cooper), RFM scoring (Hughes) and k-means clustering.
The worked example is a fictional third-party logistics provider (第三方物流企业) with about 1,500 business customers and three years of shipments (`datasets/README.md`).
"""),
    md("""
## Learning objectives (学习目标)

In this chapter you will:

- explain what logistics customer management is, its contents and its four-link process;
- describe the characteristics of logistics customer information, why it must be accurate and timely, and how it is collected (general, modern and survey methods);
- check the quality of a customer master: completeness, malformed contacts, duplicates and stale records;
- measure customer profitability after the cost to serve, classify customers by profit (ABC) and read the whale curve;
- score customers by recency, frequency and monetary value (RFM) and map them to named segments;
- segment customers with k-means on standardised features and choose the number of segments;
- identify key accounts by stated criteria and match each tier of customers with a management action.
"""),
    key_terms("ch07", STUDENT),
]

SECTION_1 = [
    md("""
## 1. Logistics customer management (物流客户管理)

**Logistics customer management** is a **management model** (管理模式) that is **pulled by customer demand** (在客户需求的拉动下), aims at the strongest logistics competitiveness, and uses **information and management technology** to **integrate the business processes of logistics partners** — product design, purchasing, manufacturing, warehousing and distribution, wholesale and retail — so that they are managed as one, for **maximum customer value** (客户价值最大化).

Key points (概念的要点): strategy has moved from product-centred to **customer-centred**; customer demand is the driving force, so the firm widens customer relationships and gets **real customer information** (真实的客户信息); the goal is to maximise **both customer value and enterprise value**, through **systematic management** (系统化管理).

| New concept of customer service | Meaning |
|---|---|
| **Service first** (服务为先) | marketing is led by service awareness; it builds credibility (企业信誉) and a customer orientation (客户导向) |
| **Value-added as the foundation** (增值为本) | value-added services raise the customer's benefit: the precondition for the firm's own profit growth |
| **Relationships above all** (关系至上) | long-term, cooperative, networked relationships centred on customer needs |

**Contents of customer management** (客户管理内容): manage the **marketing process**; manage **customer status** (know each customer's situation, serve on time); manage **customer costs** — measure the **cost and return of serving each customer** (准确测算客户服务的成本和回报), which section 4 does.

| Link of the process (客户管理流程) | Step |
|---|---|
| basic (基础环节) | information collection (信息的收集) — sections 2 and 3 |
| transitional (过渡环节) | information analysis (信息的分析) — section 4 |
| intermediate (中间环节) | information exchange and feedback (信息的交流与反馈) |
| central (中心环节) | service management (服务管理) — the actions of section 4.5 |

It is realised in **four areas** (四大领域): marketing (市场营销), sales realisation (销售实现), customer service (客户服务) and decision analysis (决策分析), so that resources are integrated and the **customer experience is consistent** (客户体验的一致性).
"""),
]

SECTION_2 = [
    md("""
## 2. Customer information (物流客户信息)

**Concept.** Logistics customer information **arises at the same time as the firm's logistics activities** (随企业的物流活动同时发生): it combines order, inventory, production-indicator and shipping information with the goods and information flows of the customers it concerns. Of all of it, the **customer's order information** (客户的订货信息) is the most basic.

**Characteristics** (特点):

1. wide scope, large volume, strongly fluctuating amount (涉及面广、数量大，波动性强);
2. sources, processing sites, objects and regions are widely spread;
3. it must keep pace with the circulation and transport of the goods (与商品流通和运输配送的时间相适应);
4. it is closely tied to other departments such as commerce (商流) and production;
5. it is used often and relayed through the whole business process (中转和转送).

**Quality requirements** (质量要求): **accuracy** (准确性) and **timeliness** (及时性), because quality defects cause errors in logistics operations and management, and untimely information throws the work sequence out of balance (物流工作程序的失衡), so fast service becomes impossible.
Customer information is the **basis of forecasting** (预测的基础) and the **basis for controlling operations** (控制物流作业的依据): inaccurate information delays operations and weakens control.
Seed 004 adds **completeness** (完整性): build mechanisms that keep the collected information accurate and complete, then classify and analyse it to find patterns in needs and behaviour.

**Collection: six requirements and principles** (收集的基本要求和原则): sufficient information (信息充足); accurate information (信息准确); smooth communication (通信顺畅); targeted (针对性); systematic and continuous (系统性和连续性); planned management (管理上具有计划性).
What to collect: the firm's internal upstream and downstream processes, how internal and external customers cooperate, service quality; indicators such as **market share** (市场占有率), **market coverage** (市场覆盖率), **complaints and their breakdown** (投诉与投诉问题的细分) and **internal coordination and response times**.
"""),
    md("""
### Collection methods (收集方法)

| Family | Methods | Note |
|---|---|---|
| **General** (一般收集法) | statistical data (统计资料法), observation (观察法), on-site at meetings (会议现场收集法), reading (阅读法), audio-visual (视听法), multi-channel communication (多项沟通法), hiring experts (聘请法), purchasing (购买法), processing existing information (加工法) | the usual ways of gathering information |
| **Modern** (现代收集法) | the seed only names it; in a logistics firm: order and shipment records from the transport-management and EDI systems, tracking data, the CRM system, web and app forms | *course addition*: the shipments in this chapter are such records |
| **Customer surveys** (客户调查收集法) | telephone, mail, lost customers, focus groups, mystery shoppers | differ by **who is surveyed** |

| Survey method | How to run it |
|---|---|
| **Telephone** (电话调查法) | quick feedback; start with customers you know well; keep it short, follow the plan, ask specific questions that are easy to answer |
| **Mail** (邮件调查法) | set a deadline, word questions carefully, get the customer's attention, make answers easy to store, leave room for comments, ask about competitors |
| **Lost customers** (失去客户的调查) | usually by phone; winning their trust is the key. Four steps: (1) **define "lost" and its time criterion** (确定"失去"的含义和时间标准); (2) **let a neutral person make the call** (使用中立人员打电话); (3) **be prepared to get accurate, specific answers**; (4) **let the customer state requirements and workable solutions** |
| **Focus group** (焦点小组调查) | the seed only names it; in the field: 6–10 customers discuss the service with a moderator, which reveals *why* they value what they do |
| **Mystery shopper** (神秘顾客调查) | outsiders or the firm's own staff act as customers and test the service, for a realistic evaluation of the service level |

Step (1) of the lost-customer survey needs data: section 4 defines "lost" with recency, e.g. the RFM segments *at risk* and *hibernating*.
"""),
]

SECTION_3 = [
    md("""
## 3. Checking the customer master (客户主数据质量检查)

The logistics provider's customer master is deliberately imperfect, like a real CRM: some values are missing, some e-mails are malformed, some companies were entered twice, and some records have not been confirmed for years.
"""),
    DATA_CELL,
    code("""
customers.head(3).T
"""),
    md("""
**Completeness** (完整性) per column: the share of records with a value.
"""),
    code("""
crm.completeness(customers).round(3)
"""),
    md("""
**Accuracy** (准确性): e-mails must have one "@" and a domain, phone numbers 7–15 digits (ITU-T E.164).
A missing value is incomplete, not malformed, so it is counted above and not here.
"""),
    code("""
bad = crm.invalid_contacts(customers)
bad["problem"].value_counts()
"""),
    code("""
bad.head()
"""),
    md("""
**Duplicates** (重复记录): two records match when their names are equal after normalisation (case, punctuation and legal forms such as "Co., Ltd." removed) **and** they share a phone number or an e-mail address; a name alone could be two different firms.
"""),
    code("""
dups = crm.duplicate_groups(customers)
dups.head(6)
"""),
    md("""
**Timeliness** (及时性): a record not confirmed for more than two years (730 days, a common review cycle) is **stale**: its contact person, phone or address may no longer hold.
"""),
    code("""
stale = crm.stale_records(customers, AS_OF, max_age_days=730)
stale.head()
"""),
    md("""
All checks in one table (records affected and their share of the master):
"""),
    code("""
crm.quality_report(customers, AS_OF)["summary"].round(3)
"""),
    md("""
What to do: merge each duplicate group into one record (else the customer's shipments, and its value, are split over two ids and it may land in the wrong class below); ask the stale and malformed customers to confirm their details at the next contact; make e-mail and phone mandatory fields with a format check at entry.
"""),
]

SECTION_4 = [
    md("""
## 4. Customer classification (客户分类管理)

Classification lets resources follow value.
Four methods, from the simplest: ABC by profit, the whale curve, RFM, clustering; then key accounts.

### 4.1 Customer profitability and ABC by profit (客户盈利能力与ABC分类)

For each customer, summed over its shipments (activity-based costing, Kaplan & Cooper 1998):

profit = revenue − direct cost (line haul) − **cost to serve** (pickup, handling, administration, claims)

Classification works on what customers *did*, so it covers the records with at least one shipment: a few master records (mostly the duplicates of Section 3) have none.
"""),
    MODEL_CELL,
    code("""
len(customers), len(profitability)
"""),
    code("""
profitability.sort_values("profit").head().round(2)
"""),
    md("""
The least profitable customers ship often and in small lots: their cost to serve eats the margin.
ABC by profit uses the Pareto rule of Chapter 4 on the **positive** profits (A = the customers that earn the first 80 % of them); customers with a loss go to class **D**.
"""),
    code("""
abc = sg.customer_abc(profitability["profit"])
pr.abc_summary(abc).round(3)
"""),
    md("""
`abc_summary` states shares of the **total** profit, after the losses: class A's 80 % of the positive profit is 99.7 % of what the firm keeps, the cumulative share climbs to 124.6 % with classes B and C, and class D brings it back to 100 % — the next section draws exactly this.
"""),
    md("""
### 4.2 The whale curve (鲸鱼曲线)

Rank customers by profit, most profitable first, and plot the cumulative share of total profit against the cumulative share of customers.
Unlike the Pareto curve of sales, this one rises **above 100 %**, peaks after the last profitable customer and **falls back** to 100 %: the unprofitable customers give back part of the profit the others earn.
"""),
    code("""
curve = sg.whale_curve(profitability["profit"])
sg.whale_summary(curve).round(3)
"""),
    md("""
The profitable customers earn about 125 % of what the firm keeps; the unprofitable ones, almost a quarter of the customers, give back about a quarter of the total.
Move the cost-to-serve multiplier: at 0 no customer loses money and the curve never exceeds 100 %; at 1.5 the peak passes 200 %.
The decile panel shows where the profit comes from and where it goes.
"""),
    code("""
WhaleCurveApp(profitability)
"""),
    md("""
### 4.3 RFM scoring and segments (RFM评分与细分)

Three facts about each customer's purchasing predict its future value (Hughes 1994):

- **recency** R (最近一次): days from the last shipment to `AS_OF` — recent customers come back;
- **frequency** F (频率): number of shipments;
- **monetary** M (金额): total revenue.
"""),
    code("""
rfm.describe().round(1)
"""),
    md("""
Each dimension is scored 1–5 by quintiles, **5 = best** (for R: most recent).
Ties share a score: a customer's score is 1 + the number of whole fifths of customers with a strictly worse value.
So the many customers with one shipment all get F = 1 and the next score starts higher; no customer is split from its equals by an arbitrary rule.
"""),
    code("""
scores = sg.rfm_scores(rfm)
scores.head()
"""),
    md("""
The **R × F map** names ten segments (the map of RFM practice):

| R \\ F | 1 | 2 | 3 | 4 | 5 |
|---|---|---|---|---|---|
| **5** | new | potential loyalists | potential loyalists | champions | champions |
| **4** | promising | potential loyalists | potential loyalists | loyal | loyal |
| **3** | about to sleep | about to sleep | need attention | loyal | loyal |
| **2** | hibernating | hibernating | at risk | at risk | cannot lose |
| **1** | hibernating | hibernating | at risk | at risk | cannot lose |

Each segment's size, revenue (value) and mean R, F, M:
"""),
    code("""
sg.rfm_segment_summary(scores).round(3)
"""),
    md("""
Champions and loyal customers, under a third of the customers, bring in over 60 % of the revenue.
*At risk* and *cannot lose* customers used to ship often but have not shipped for months: they are the lost-customer survey's target list (section 2).

In the app, the sliders of the first edges switch from quintiles to **fixed edges** that double (e.g. recency 30, 60, 120, 240 days), and the weights change the **weighted RFM score** (w_R R + w_F F + w_M M) / (w_R + w_F + w_M) in the right panel.
"""),
    code("""
RFMApp(rfm)
"""),
    md("""
### 4.4 k-means clustering (K均值聚类)

RFM cuts each dimension separately; **clustering** looks for groups in all of them at once.
k-means places k centres so that the sum of squared distances from each customer to its centre is smallest.
Distances need comparable units, so the features are **standardised** (z-scores); frequency and revenue are first taken as log(1 + x), since a few very large customers would otherwise decide everything.

How many segments? Look for the elbow of the **inertia** (within-cluster sum of squares) and a high **silhouette** (near 1 = well separated):
"""),
    code("""
features = rfm[["recency", "frequency", "monetary"]]
sg.choose_k(features, range(2, 9), log=["frequency", "monetary"]).round(3)
"""),
    md("""
The silhouette is highest at k = 3 and the inertia bends there; k = 4 splits the regular customers into mid-sized and occasional small shippers and is still well separated: the choice is a judgement between fit and usefulness.
The profiles in original units (segment 1 is the largest):
"""),
    code("""
km = sg.kmeans_segments(features, 4, log=["frequency", "monetary"])
km["profiles"].round(1).assign(customers=km["sizes"])
"""),
    md("""
Read them as the account managers would: frequent large shippers (the key-account pool), regular mid-sized customers, occasional small shippers, and customers who have **not shipped for about two years** — lost, unless a survey wins them back.
The app plots the customers on their first two principal components (PCA, which keeps most of the spread of the three standardised features) and colours the cells of the profile by z-score.
"""),
    code("""
ClusterApp(features)
"""),
    md("""
### 4.5 Key accounts and management actions (大客户识别与管理措施)

**Key-account management is the core of customer management** (seed 001).
The criteria used here, stated so that they can be argued with:

1. **value** — among the most profitable customers that together earn the first 50 % of the positive profit;
2. **activity** — at least 12 shipments in the three years;
3. **recency** — the last shipment within 90 days of `AS_OF`.
"""),
    code("""
accounts = sg.key_accounts(profitability, rfm, profit_share=0.5, max_recency=90, min_frequency=12)
accounts["tier"].value_counts()
"""),
    code("""
accounts.head(8).round(3)
"""),
    md("""
Each tier gets its own way of being served:
"""),
    code("""
sg.account_actions()
"""),
    md("""
Fewer than 90 customers (about 6 %) earn half of the profit; the active ones among them get an account manager and joint planning.
The key accounts at risk come first on the phone list — the lost-customer survey's four steps, before they are lost.
The unprofitable quarter is not dropped blindly: raising minimum shipment sizes, consolidating pickups or repricing may turn them around (try the whale app with a lower cost to serve).
"""),
]

EXERCISE_INTRO = md("""
## Exercises (练习)

Each exercise has an answer cell and a check cell, `grader.check("q1")` (otter-grader's self-check).
Replace `None` with your answer (computed with the package, or read from an app), run both cells, and read the feedback: "passed" when it is right, otherwise the message says what is wrong (with a hint) or that the answer is still missing.
The exercises use the variables defined in the chapter (`customers`, `shipments`, `rfm`, `profitability`, `AS_OF`), so run the chapter first.
""")

SUMMARY = [
    md("""
## Summary (小结)

- Logistics customer management is a demand-pulled model that integrates partners' processes for maximum customer and enterprise value; its process runs from information collection through analysis and exchange to service management.
- Customer information arises with the logistics activities (order information first); it must be accurate, timely and complete, and is collected by general, modern and survey methods — including the lost-customer survey's four steps, focus groups and mystery shoppers.
- A customer master is checked for completeness, malformed contacts, duplicates (normalised name + shared phone or e-mail) and stale records; duplicates split a customer's value.
- Profit after the cost to serve differs from revenue: the whale curve rises above 100 % and falls back, and a higher cost to serve makes more customers unprofitable.
- RFM scores recency, frequency and monetary value 1–5 (ties share a score) and names segments on the R × F grid; k-means on standardised (and log-transformed) features finds segments in all dimensions at once; inertia and silhouette help choose k.
- Key accounts are identified by stated criteria (profit share, activity, recency); every tier gets a management action.
"""),
    md("""
## References (参考文献)

- Hughes, A. M. (1994). *Strategic Database Marketing*. Probus (RFM).
- Kaplan, R. S. and Cooper, R. (1998). *Cost & Effect*. Harvard Business School Press, ch. 10 (customer profitability, the whale curve).
- Kaplan, R. S. and Narayanan, V. G. (2001). Measuring and managing customer profitability. *Journal of Cost Management* 15(5), 5–15.
- Lloyd, S. P. (1982). Least squares quantization in PCM. *IEEE Transactions on Information Theory* 28(2), 129–137 (k-means).
- Rousseeuw, P. J. (1987). Silhouettes: a graphical aid to the interpretation and validation of cluster analysis. *Journal of Computational and Applied Mathematics* 20, 53–65.
- McDonald, M., Millman, T. and Rogers, B. (1997). Key account management: theory, practice and challenges. *Journal of Marketing Management* 13(8), 737–757.
- Batini, C. and Scannapieco, M. (2016). *Data and Information Quality*. Springer (completeness, accuracy, timeliness).
- Seed slides of the course: [001] logistics customer management (concept, information, collection methods) and [004] customer information management, as reconstructed in `COURSE_CONTENT.md`, Parts B and C and §G.3.
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
**Solution.** Count the rows of `crm.stale_records` with a limit of 730 days; about one record in eight is stale.
"""),
        code("""
answer_1 = len(crm.stale_records(customers, AS_OF, max_age_days=730))
answer_1
"""),
    ],
    2: [
        md("""
**Solution.** Every group keeps one record: records in groups minus the number of groups.
"""),
        code("""
dups = crm.duplicate_groups(customers)
answer_2 = len(dups) - dups["group"].nunique()
answer_2
"""),
    ],
    3: [
        md("""
**Solution.** Champions are R = 5 with F = 4 or 5.
"""),
        code("""
scores = sg.rfm_scores(rfm)
answer_3 = int((scores["segment"] == "champions").sum())
answer_3
"""),
    ],
    4: [
        md("""
**Solution.** The peak is the maximum of the cumulative profit share.
"""),
        code("""
curve = sg.whale_curve(profitability["profit"])
answer_4 = round(100 * curve["cum_profit_share"].max(), 1)
answer_4
"""),
    ],
    5: [
        md("""
**Solution.** Recompute profit with the service cost multiplied by 1.5 and count the losses.
"""),
        code("""
dearer = sg.with_cost_to_serve(profitability, 1.5)
answer_5 = int((dearer["profit"] < 0).sum())
answer_5
"""),
    ],
    6: [
        md("""
**Solution.** Apply the default criteria and count the tier `key_account` (the accounts at risk are top-value but inactive).
"""),
        code("""
accounts = sg.key_accounts(profitability, rfm)
answer_6 = int((accounts["tier"] == "key_account").sum())
answer_6
"""),
    ],
}

# --------------------------------------------------------------------------


def notebooks():
    """The otter-grader master of this chapter: student and solution versions are made from it."""
    return [Assignment(STUDENT, SOLUTIONS_NB, master_cells(), "ch07")]


def main(argv=None) -> int:
    return run(notebooks(), argv, __doc__)


if __name__ == "__main__":
    sys.exit(main())
