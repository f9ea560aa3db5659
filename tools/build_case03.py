"""Write the Case 3 notebooks (student edition and solutions) from this script.

    python tools/build_case03.py            write both notebooks (no outputs)
    python tools/build_case03.py --execute  write them and execute them in place

The notebooks are the product; this script only keeps their cells in one
reviewable place.  Cell ids are fixed, so rebuilding gives a clean diff.
Executing stores the outputs that ``pytest --nbval`` compares later.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from notebook_builder import (
    GRADER,
    LANGUAGE_CELL,
    ROOT,
    Assignment,
    code,
    md,
    open_question,
    question,
    key_terms,
    run,
)

CASE = ROOT / "casebook" / "03_cd_retailer"
STUDENT = CASE / "03_cd_retailer.ipynb"
SOLUTIONS_NB = CASE / "solutions" / "03_cd_retailer_solutions.ipynb"


# --------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------
SETUP = [
    code(LANGUAGE_CELL, tags=["language"]),
    code("""
import numpy as np
import pandas as pd
from scm_course import data, value
"""),
    GRADER,
]

QUESTIONS = {
    1: """
### Question 1 — How many customers did not come back? (有多少客户没有再来？)

How many of the 2,357 customers made **no repeat purchase** (重复购买) in the 39 calibration weeks?
Answer with a whole number.
""",
    2: """
### Question 2 — Probably gone (可能已流失)

With BG/NBD fitted on the calibration period, how many customers have **P(alive) < 0.5** (存活概率低于 0.5) on 30 September 1997?
Answer with a whole number.
""",
    3: """
### Question 3 — The holdout check (验证期检验)

How many repeat purchases does the calibrated model **predict** for the 39 holdout weeks, summed over all customers?
Answer with a number (within 0.5 %).
""",
    4: """
### Question 4 — The value of the base (客户群的价值)

What is the 12-month **CLV** (客户终身价值) of all 2,357 customers together on 30 June 1998 — BG/NBD and Gamma-Gamma refitted on the 78 weeks, margin 30 %, discount 1 % a month?
`value.clv_bgnbd` takes the customers' frequency, recency, T and mean spend, the two fitted models, `periods`, `discount` and `margin`.
Answer in USD (within 0.5 %).
""",
    5: """
### Question 5 — How concentrated is the value? (价值有多集中？)

What share of that value comes from the **top 10 %** of customers by CLV (236 customers)?
Answer with a share, e.g. `0.5`, or a percentage, e.g. `50` (within half a percentage point).
""",
    6: """
### Question 6 — The retention rate (客户保持率)

Of the customers active (at least one purchase) in the second half of 1997, what share was still active in the first half of 1998?
Customers who were active in 1998 but not in late 1997 came back after a pause and are not "kept".
Answer with a share, e.g. `0.6`, or a percentage, e.g. `60` (within half a percentage point).
""",
    7: """
### Question 7 — Break-even retention of the club (俱乐部的盈亏平衡保持率)

With the club, each member brings the half-year margin minus 2 USD.
What half-year retention rate must the club reach for a member to be worth as much as an active customer is worth today (`clv_now`)?
`value.break_even_retention(margin, discount, target)` solves CLV(r) = target.
Answer with a share or a percentage (within 0.2 percentage points).
""",
    8: """
### Question 8 — Club for everyone, for some, or for none? (全部、部分还是不推出？) — open-ended

The club barely pays at the expected 5 points. What would you recommend, and for whom?
Use the margin of the customers you would invite: does the break-even uplift depend on it?

There is no automatic check: write your answer below and discuss it in class.
""",
    9: """
### Question 9 — How much do you trust the model? (你有多信任这个模型？) — open-ended

The CFO asks whether the board can be told "the cohort is worth 203,000 USD over the next year".
What does the holdout check license, what does it not, and which assumptions does the number rest on?
Why do BG/NBD and the retention model disagree about the 515 active customers?

There is no automatic check: write your answer below and discuss it in class.
""",
    10: """
### Question 10 — How would you test the club before rolling it out? (推广前如何检验？) — open-ended

Design a test that tells the board whether the club really adds about 5 points of retention.
Who gets the club, who does not, what is measured, how many customers are needed, and what result leads to a launch?

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
    return question(n, f"case03.q{n}", QUESTIONS[n], SOLUTIONS[n])


# --------------------------------------------------------------------------
# the case
# --------------------------------------------------------------------------
INTRO = [
    md("""
# Case 3 · Encore Discs: who will buy again, and what is a customer worth? (安可唱片：谁会再次购买，客户值多少？)

*Course chapters used: 6 (customer value, CLV and retention, 客户价值与客户保持) and 7 (customer classification, 客户分类). Time: one 90-minute class.*

Run the three code cells below first: the first sets the language of figures and feedback, the second imports the course package, the third starts the answer checker.
"""),
    *SETUP,
    md("""
## The situation (案例背景)

Encore Discs (安可唱片, a **fictional** company) sells music CDs online to consumers in the United States.
There is no contract and no subscription: a customer who stops buying simply stops appearing — a **non-contractual** relationship (非契约型客户关系). Gross margin is about 30 % of the amount spent.

Its purchase history is **real**: the CDNOW cohort (Fader, Hardie & Lee 2005a) — a 1-in-10 sample, 2,357 of the 23,570 customers won in the first quarter of 1997, followed to 30 June 1998.
The management team, the margin, the discount rates and the loyalty club are made up for the case; nothing here describes what CDNOW itself did.

On 1 July 1998 the team meets. The **CEO** wants to know how many of the 1997 customers are still customers and what the cohort will bring next year.
The **CRM manager** proposes the **Encore Club** (会员俱乐部) — member mailings and free-shipping vouchers at 2 USD per member and half-year — and expects it to raise the half-year **retention rate** (客户保持率) by 5 points.
The **CFO** asks how far a model's forecast can be trusted, and what retention the club must reach to pay for itself.

The full brief is the case folder's [`README.md`](README.md).
"""),
    md("""
## Learning goals (学习目标)

After this case you can

- fit the BG/NBD model to a real customer base and read each customer's **P(alive)** (存活概率) and **expected purchases** (预期购买次数);
- check a forecast honestly on a **calibration / holdout** split (校准期与验证期) before acting on it;
- value the customer base with **Gamma-Gamma spend** and **CLV** (客户终身价值) at a stated margin and discount rate, and see how concentrated the value is;
- measure a **retention rate** (客户保持率) from transactions and use the retention model of CLV to find the **break-even retention** (盈亏平衡保持率) of a retention campaign;
- write a recommendation that states its assumptions and the model's limits.
"""),
    key_terms("case03", STUDENT),
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

The CDNOW sample ships with the course: one row per purchase record — customer id, date, number of CDs, amount in USD.
`data.load_cdnow()` checks the file against its checksum and its format; the column dictionary is in [`data/README.md`](data/README.md), source and licence in `datasets/README.md`.
"""),
    code("""
cdnow = data.load_cdnow()
cdnow.head()
"""),
    code("""
pd.Series({"purchases": len(cdnow), "customers": cdnow["customer_id"].nunique(),
           "first day": cdnow["date"].min().date(), "last day": cdnow["date"].max().date(),
           "mean spend (USD)": round(cdnow["amount"].mean(), 2)})
"""),
    md("""
Nobody is ever seen "leaving": a customer who stops buying just stops appearing.
Churn is **unobserved** (流失不可观测) — which is why the team needs a model to say who is still a customer.
"""),
]

SECTION_1 = [
    md("""
## 1. Who will buy again? (谁会再次购买？)

To learn how far to trust the model, pretend it is 30 September 1997 (`data.CDNOW_CALIBRATION_END`): fit on the first 39 weeks (calibration, 校准期), predict the next 39 weeks (holdout, 验证期) and compare with what happened.
`value.calibration_holdout` sums each customer's history up to the cut and counts the holdout purchases after it.
"""),
    code("""
cal = value.calibration_holdout(cdnow, "customer_id", "date", data.CDNOW_CALIBRATION_END,
                                data.CDNOW_OBSERVATION_END, amount="amount")
cal.head()
"""),
    md("""
`frequency` counts **repeat** purchase days (the purchases after the first one), `recency` the weeks from the first to the last purchase, `T` the weeks from the first purchase to the end of calibration.
"""),
    Q(1),
    md("""
The **BG/NBD** model (Chapter 6) in two sentences: while alive, a customer buys at their own rate λ; after each purchase they leave for good with probability p; λ and p vary across customers (Gamma and Beta distributions).
Fitted on the 39 calibration weeks, it gives the four parameters Fader, Hardie & Lee (2005a) published for these data.
"""),
    code("""
bgnbd_cal = value.fit_bgnbd(cal["frequency"], cal["recency"], cal["T"])
pd.Series(bgnbd_cal).round(3)
"""),
    md("""
A customer who bought often and then went quiet for a long time has probably left. The five lowest P(alive):
"""),
    code("""
cal["p_alive"] = value.bgnbd_p_alive(cal["frequency"], cal["recency"], cal["T"], bgnbd_cal)
cal.sort_values("p_alive").head(5)[["frequency", "recency", "T", "p_alive"]].round(3)
"""),
    md("""
Customer 1901 bought on 22 days in the first five weeks, then never again in the next 25 weeks: at that pace, silence means gone.
"""),
    Q(2),
    md("""
Now the test: each customer's expected purchases in their holdout weeks, given their calibration history, against what they actually bought — averaged by the number of calibration repeat purchases (7 = 7 or more).
"""),
    code("""
cal["predicted"] = value.bgnbd_expected_purchases(cal["duration_holdout"], cal["frequency"], cal["recency"],
                                                  cal["T"], bgnbd_cal)
group = cal["frequency"].clip(upper=7).rename("calibration_purchases")
cal.groupby(group)[["frequency_holdout", "predicted"]].mean().round(2)
"""),
    md("""
The predictions rise with the actual purchases, group by group: the model **ranks** customers correctly. Whether the totals agree is the next question.
"""),
    Q(3),
    code("""
int(cal["frequency_holdout"].sum())
"""),
    md("""
1,882 repeat purchases happened: the model predicted about 12 % too few.
Good enough to rank customers; a reason to give absolute forecasts with a margin.
"""),
]

SECTION_2 = [
    md("""
## 2. What is the customer base worth? (客户群值多少？)

The check passed well enough, so back to 1 July 1998: refit BG/NBD on all 78 weeks — the team values the base with everything it knows.
"""),
    code("""
today = value.summarize_transactions(cdnow, "customer_id", "date", amount="amount",
                                     observation_end=data.CDNOW_OBSERVATION_END)
bgnbd = value.fit_bgnbd(today["frequency"], today["recency"], today["T"])
pd.DataFrame({"calibration (39 weeks)": bgnbd_cal, "all 78 weeks": bgnbd}).round(3)
"""),
    md("""
The **Gamma-Gamma** model (Chapter 6) forecasts each customer's spend per purchase; it is fitted on the repeat buyers.
"""),
    code("""
repeat = today[today["frequency"] > 0]
gg = value.fit_gamma_gamma(repeat["frequency"], repeat["monetary_value"])
today["spend"] = value.gamma_gamma_expected_spend(today["frequency"], today["monetary_value"], gg)
pd.Series(gg).round(2).to_dict(), round(float(today["spend"].mean()), 2)
"""),
    md("""
Gamma-Gamma shrinks each customer's mean spend towards the population mean p·v/(q − 1) = 35.81 USD — the more so, the fewer purchases a customer made.
How many customers are still alive, and how many purchases will the sample make in the next 52 weeks?
"""),
    code("""
today["p_alive"] = value.bgnbd_p_alive(today["frequency"], today["recency"], today["T"], bgnbd)
today["next_year"] = value.bgnbd_expected_purchases(52, today["frequency"], today["recency"], today["T"], bgnbd)
today[["p_alive", "next_year"]].sum().round(1)
"""),
    md("""
About 1,855 of the 2,357 customers are expected to be alive, and they should make about 1,967 purchases in the next year.
Management states the settings of the valuation: gross margin **30 %** of spend, CLV over the next **12 months**, discounted at **1 % a month** (about 12.7 % a year).
"""),
    Q(4),
    md("""
Each customer's CLV, used in the rest of the case:
"""),
    code("""
today["clv"] = value.clv_bgnbd(today["frequency"], today["recency"], today["T"], today["monetary_value"],
                               bgnbd, gg, periods=12, discount=0.01, margin=0.30)
round(float(today["clv"].sum()), 0), round(float(today["clv"].mean()), 2)
"""),
    md("""
About 8.6 USD per customer, and ×10 about 203,000 USD for the whole cohort of 23,570.
Is the value spread evenly across customers?
"""),
    Q(5),
    md("""
The five most valuable customers:
"""),
    code("""
columns = ["frequency", "recency", "T", "monetary_value", "p_alive", "clv"]
today.nlargest(5, "clv")[columns].round(2)
"""),
    md("""
Many repeat purchases, the last one recent, P(alive) near 1: the **whales** (鲸鱼客户) of Chapter 7, now in forward-looking value.
Three groups of customers:
"""),
    code("""
status = np.select([today["frequency"] == 0, today["p_alive"] < 0.5],
                   ["one purchase only", "lapsed (P(alive) < 0.5)"], "active repeat buyer")
today.groupby(status)["clv"].agg(["count", "sum", "mean"]).round(1)
"""),
    md("""
708 active repeat buyers hold 83 % of the value. The 1,218 one-time buyers are "alive" for the model — BG/NBD lets customers leave only right after a purchase — but buy so rarely that each is worth 1.6 USD.
"""),
]

SECTION_3 = [
    md("""
## 3. How retention changes it (保持率如何改变价值)

The CRM manager's **Encore Club** costs 2 USD per member and half-year and should raise the half-year retention rate by 5 points.
The CFO asks what retention the club must reach to pay for itself; the **retention model of CLV** (Chapter 6) answers it, with a half-year as the period.
First, who was active in each half-year:
"""),
    code("""
late97 = set(cdnow.loc[cdnow["date"].between("1997-07-01", "1997-12-31"), "customer_id"])
early98 = cdnow[cdnow["date"].between("1998-01-01", "1998-06-30")]
active98 = set(early98["customer_id"])
back = len(active98 - late97)
len(late97), len(active98), len(late97 & active98), back
"""),
    md("""
619 customers active in the second half of 1997, 515 in the first half of 1998, 322 in both, and 193 back after a pause.
`value.retention_rate(start, end, new)` computes a retention rate from these counts (Chapter 6).
"""),
    Q(6),
    md("""
The retention rate used below — the kept customers over the customers of H2 1997:
"""),
    code("""
retention = len(late97 & active98) / len(late97)
round(retention, 4)
"""),
    md("""
The settings: an active customer brings 30 % of the mean half-year spend of an active customer (H1 1998), valued from the start of an active half-year (`timing="start"`: this half-year's margin counts), discounted at **5 % a half-year** (about 10.25 % a year).
"""),
    code("""
margin = float(0.30 * early98["amount"].sum() / len(active98))
clv_now = value.clv_retention(margin, retention, 0.05)
round(margin, 2), round(clv_now, 2)
"""),
    md("""
An active customer brings 24.97 USD margin a half-year and is worth 49.49 USD. How that value moves with retention (`gain`: the change from the row above):
"""),
    code("""
value.clv_by_retention(margin, [0.45, 0.50, 0.52, 0.55, 0.57, 0.60, 0.65], 0.05).round(2)
"""),
    Q(7),
    md("""
What the club earns per member at different uplifts of retention (0.05 = the 5 points the CRM manager expects):
"""),
    code("""
uplift = np.array([0.0, 0.02, 0.04, 0.05, 0.06, 0.08])
gain = [value.clv_retention(margin - 2.0, retention + u, 0.05) - clv_now for u in uplift]
pd.Series(gain, index=pd.Index(uplift, name="uplift"), name="gain per member (USD)").round(2)
"""),
    md("""
At the expected 5 points the club barely pays — 0.78 USD a member, about 400 USD for the 515 active customers of the sample (about 4,000 USD for the cohort); at 4 points it loses money.
The margin of safety is under one point: the decision rests on how sure the uplift is.

Two models, two values: the next 12 months of the 515 active customers by BG/NBD and by the retention model.
"""),
    code("""
bgnbd_view = float(today.loc[sorted(active98), "clv"].sum())
retention_view = value.clv_retention(margin, retention, 0.05, periods=2) * len(active98)
round(bgnbd_view, 0), round(retention_view, 0)
"""),
    md("""
They disagree because they see customers differently: the retention model counts this half-year's margin as certain and every lapsed customer as lost for good; BG/NBD expects some of the 1,842 customers not active in H1 1998 to come back (4,743 USD of the 20,328) and lets each customer's own history set their pace.
"""),
]

DISCUSSION = [
    md("""
## 4. Your recommendation (你的建议)

The numbers so far rest on choices: a margin, discount rates, a model of how customers leave, a retention definition, an expected uplift.
The three open questions test them; use code cells of your own where you need numbers (the variables `today`, `margin`, `retention`, `clv_now` and `active98` are ready).
"""),
    Q(8),
    Q(9),
    Q(10),
]

SUMMARY = [
    md("""
## Summary (小结)

- Churn is unobserved at a retailer: BG/NBD turns frequency, recency and T into P(alive) and expected purchases; 1,411 customers made no repeat purchase in the first 39 weeks, and 393 repeat buyers were probably gone by September 1997.
- The holdout check shows that the model ranks customers well but predicted 12 % too few purchases (1,653 against 1,882): rank with it, give totals as a range.
- With a 30 % margin and 1 % a month, the sample's next 12 months are worth about 20,328 USD (about 203,000 USD for the cohort); 10 % of the customers hold 63 % of it.
- Half-year retention is 52.0 %; a club costing 2 USD a member must lift it to 56.3 % to pay. The expected 57 % leaves a margin of safety under one point — an argument for a targeted club and a randomised test before a launch.
"""),
    md("""
## References (参考文献)

- Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005a). "Counting your customers" the easy way: an alternative to the Pareto/NBD model. *Marketing Science* 24(2), 275–284.
- Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005b). RFM and CLV: using iso-value curves for customer base analysis. *Journal of Marketing Research* 42(4), 415–430.
- Fader, P. S. and Hardie, B. G. S. (2013). The Gamma-Gamma model of monetary value. http://brucehardie.com/notes/025/
- Gupta, S. and Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive Marketing* 17(1), 9–24.
- Course Chapter 6 (customer lifetime value, retention, BG/NBD on CDNOW) and Chapter 7 (customer classification, concentration of value).
- The case's data: [`data/README.md`](data/README.md) (the CDNOW sample, `datasets/cdnow/`).
"""),
]


def master_cells():
    cells = []
    for spec in INTRO + DATA + SECTION_1 + SECTION_2 + SECTION_3 + DISCUSSION + SUMMARY:
        cells += question_cells(spec[1]) if spec[0] == "question" else [spec]
    return cells


# --------------------------------------------------------------------------
# the solutions
# --------------------------------------------------------------------------
SOLUTIONS = {
    1: [
        md("""
**Solution.** `frequency` counts *repeat* purchase days, so 0 means one purchase day only: 1,411 customers (60 %).
The other 946 are the repeat buyers of Fader, Hardie & Lee (2005b).
"""),
        code("""
answer_1 = int((cal["frequency"] == 0).sum())
answer_1
"""),
    ],
    2: [
        md("""
**Solution.** Only repeat buyers can have P(alive) < 1 (BG/NBD lets customers leave only right after a purchase); the 393 are repeat buyers who have been silent for long relative to their own pace.
"""),
        code("""
answer_2 = int((cal["p_alive"] < 0.5).sum())
answer_2
"""),
    ],
    3: [
        md("""
**Solution.** The sum of the conditional expectations over the 39 holdout weeks: about 1,653.4 purchases.
"""),
        code("""
answer_3 = float(cal["predicted"].sum())
round(answer_3, 1)
"""),
    ],
    4: [
        md("""
**Solution.** Expected purchases per month × expected spend × 30 % margin, discounted at 1 % a month, summed over the customers: about 20,328 USD.
Without the margin it would be spend (67,761 USD), without the discounting 21,622 USD.
"""),
        code("""
clv = value.clv_bgnbd(today["frequency"], today["recency"], today["T"], today["monetary_value"],
                      bgnbd, gg, periods=12, discount=0.01, margin=0.30)
answer_4 = float(clv.sum())
round(answer_4, 0)
"""),
    ],
    5: [
        md("""
**Solution.** Rank by CLV, take the first 236, divide: 10 % of the customers hold 63 % of next year's value (the top 20 % hold 79 %).
"""),
        code("""
ranked = today["clv"].sort_values(ascending=False)
top = round(0.10 * len(ranked))
answer_5 = float(ranked.iloc[:top].sum() / ranked.sum())
top, round(answer_5, 3)
"""),
    ],
    6: [
        md("""
**Solution.** (515 − 193) / 619 = 322 / 619 = 52.0 %: `retention_rate` treats the 193 returners as new customers (新增客户), so only the kept ones count.
515 / 619 = 83.2 % would count the returners as kept.
"""),
        code("""
answer_6 = value.retention_rate(len(late97), len(active98), back)
round(answer_6, 4)
"""),
    ],
    7: [
        md("""
**Solution.** The member's margin is `margin - 2`, the value to beat is today's CLV: the club must lift retention from 52.0 % to 56.3 % (+4.2 points).
"""),
        code("""
answer_7 = value.break_even_retention(margin - 2.0, 0.05, clv_now)
round(answer_7, 4)
"""),
    ],
    8: [
        md("""
**A model answer.** The break-even uplift depends on the member's margin: at the same 52 % retention, a member who brings twice the average margin needs only +2.1 points, one with half of it +8.5 points.
The customers in the top 10 % by CLV who were active in H1 1998 (224 of the 515) bring 42.64 USD margin a half-year: break-even +2.5 points, a gain of 4.43 USD each at +5 points, about 990 USD for the sample.
The other 291 active customers bring 11.37 USD: break-even +9.3 points, a loss of 2.03 USD each at +5 points (about −590 USD).
A **targeted club** earns more than twice what the club for all does.
Caveats: the top customers probably retain better than 52 % already, which changes both numbers (measure retention per group); the 1,218 one-time buyers are cheap to ignore (1.6 USD of value each).
"""),
    ],
    9: [
        md("""
**A model answer.** The holdout check licenses **ranking**: each calibration group's actual mean rises with the prediction. It does not license the total: the model predicted 1,653 holdout purchases against 1,882 — 12 % too few — so 203,000 USD is a conservative estimate, to be given as a range.
The number rests on assumptions: 30 % margin, 1 % a month, 12 months; spend independent of frequency (Gamma-Gamma); customers leaving only right after a purchase (BG/NBD); a 1997 cohort behaving in 1998–99 as before; a 1-in-10 sample scaled ×10.
The retention model and BG/NBD disagree on the 515 active customers (19,231 vs 15,585 USD for the next 12 months) because the retention model counts this half-year's margin as certain and every lapsed customer as lost, while BG/NBD expects 4,743 USD from customers not active in H1 1998.
"""),
    ],
    10: [
        md("""
**A model answer.** A **randomised test** (随机对照试验): offer the club to a random half of the (targeted) active customers for one half-year, keep the other half as the control group, and compare retention — defined exactly as in Question 6 — and spend between the groups.
Size it so that a difference of about 4 points can be told from noise: near 52 % retention the standard error of the difference is about 3.1 points with 515 customers per arm, so the sample's 515 active customers are too few; the full cohort's ~5,150 active customers (2,575 per arm, about 1.4 points) detect 4 points with about 80 % power.
Decide before the test which result leads to a launch — for example, a measured uplift above the break-even 4.2 points and clearly different from zero.
"""),
    ],
}

# --------------------------------------------------------------------------


def notebooks():
    """The otter-grader master of this case: student and solution versions are made from it."""
    return [Assignment(STUDENT, SOLUTIONS_NB, master_cells(), "case03")]


def main(argv=None) -> int:
    return run(notebooks(), argv, __doc__)


if __name__ == "__main__":
    sys.exit(main())
