"""Write the Case 5 notebooks (student edition and solutions) from this script.

    python tools/build_case05.py            write both notebooks (no outputs)
    python tools/build_case05.py --execute  write them and execute them in place

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

CASE = ROOT / "casebook" / "05_3pl_customer_360"
STUDENT = CASE / "05_3pl_customer_360.ipynb"
SOLUTIONS_NB = CASE / "solutions" / "05_3pl_customer_360_solutions.ipynb"


# --------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------
SETUP = [
    code(LANGUAGE_CELL, tags=["language"]),
    code("""
import pandas as pd
from scm_course import crm, segment
from scm_course.data import LOGISTICS_AS_OF, load_logistics
"""),
    GRADER,
]

QUESTIONS = {
    1: """
### Question 1 — Which rule stops the load? (哪条规则阻止了载入？)

Which **constraint** (约束) rejects the raw customer master first?
Answer with its name as text, e.g. `"shipper_name_not_blank"`.
""",
    2: """
### Question 2 — How many shippers? (有多少个客户？)

How many records does the **cleaned** customer master hold?
Answer with a whole number.
""",
    3: """
### Question 3 — E-mail completeness after cleaning (清洗后电子邮件的完整性)

What is the **completeness** (完整性) of the `email` field of the cleaned master?
Answer in %, e.g. `95.0`, or as a fraction, e.g. `0.95` (within 0.05 percentage points).
""",
    4: """
### Question 4 — One customer, one history (一个客户，一份历史)

In the cleaned database, how many **shipments** does the 360 view of the old id `"K0011"` show?
Answer with a whole number.
""",
    5: """
### Question 5 — Found by cleaning (清洗后才发现的大客户)

Which customer is a key account **only after** cleaning — in `clean_keys` but not in `raw_keys`?
Answer with its id as text, e.g. `"K0001"`.
""",
    6: """
### Question 6 — Split key accounts (被拆分的大客户)

How many of the key accounts after cleaning had a **second record** in the raw master (a row of `out["merged"]` whose `kept_id` is a key account)?
Answer with a whole number.
""",
    7: """
### Question 7 — Clean or relax the rules? (清洗数据还是放宽规则？) — open-ended

The sales director wants the constraints switched off "for a week" so that the raw master can go in.
What happens to the customer 360 view, to invoicing and to the key-account list if it does?
Which rules would you never relax, and which could be a warning instead of a refusal?

There is no automatic check: write your answer below and discuss it in class.
""",
    8: """
### Question 8 — What is "the same customer"? (什么是"同一个客户"？) — open-ended

The match rule merges 41 pairs, but the data set was made with 44 companies entered twice.
How would you find the other three, and what does a **false merge** (two real companies made one) cost compared with a missed duplicate?
Who should decide a merge, and is "the earliest sign-up survives" the right rule?

There is no automatic check: write your answer below and discuss it in class.
""",
    9: """
### Question 9 — Can Ms Lin trust the list? (林总能相信这份名单吗？) — open-ended

Cleaning left the number of key accounts at 58, but one account was found (K0118) and one dropped out (K1469) without any change of its own.
What does that say about the data and about a *relative* criterion (the top 50 % of profit)?
What would you put in the half-page memo to Ms Lin: the list, the criteria, the data caveats, the actions?

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
    return question(n, f"case05.q{n}", QUESTIONS[n], SOLUTIONS[n])


# --------------------------------------------------------------------------
# the case
# --------------------------------------------------------------------------
INTRO = [
    md("""
# Case 5 · Hexiang Logistics: one customer, one record (和祥物流：一个客户一条记录)

*Course chapters used: 1 (the CRM database, 客户关系管理数据库) and 7 (customer information, classification and key accounts, 客户信息与大客户). Time: one 90-minute class.*

Run the three code cells below first: the first sets the language of figures and feedback, the second imports the course package, the third starts the answer checker.
"""),
    *SETUP,
    md("""
## The situation (案例背景)

Hexiang Logistics (和祥物流, a fictional company) is a third-party logistics provider (第三方物流): contract warehousing, line-haul and express for about 1,460 business shippers in 18 Chinese cities.
Its sales offices kept the **customer master** (客户主数据) in spreadsheets, each adding the shippers it won without checking whether the company was already there; booking clerks used whatever customer number they found first.

In January 2026 the master (1,504 records) and three years of shipments (2023–2025) move into a **CRM database**, the base of a **customer 360 view** (客户360视图) for dispatchers, customer service and account managers.
The first load fails. The IT lead says the rules are right and the data wrong; the sales director says "switch the rules off, we need the system next week".
Meanwhile the commercial director, Ms Lin Yue, wants the **key accounts** (大客户) for the 2026 contract talks — and asks whether a list computed from the spreadsheet data can be trusted at all.

The full brief is the case folder's [`README.md`](README.md).
"""),
    md("""
## Learning goals (学习目标)

After this case you can

- measure the **quality of a customer master** (客户主数据质量) — completeness, accuracy, duplicates, timeliness — and say what each defect costs a logistics provider;
- see a CRM database **reject** dirty data through its **constraints** (约束), and explain why a load is **all or nothing** (事务：全部成功或全部回滚);
- **clean** the master by stated, checkable rules: malformed contacts set to missing, **duplicates merged** (重复记录合并) by a survivor rule, shipments re-pointed;
- use the **customer 360 view** to see one customer with one history, even through an old id;
- find **key accounts** by profit after cost to serve and by activity, and show what the cleaning changed.
"""),
    key_terms("case05", STUDENT),
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

The case uses the course's synthetic 3PL data set: the customer master and the shipment log, described column by column in the data dictionary [`data/README.md`](data/README.md).
`load_logistics()` checks both files against their checksums and schemas; `LOGISTICS_AS_OF` is the end of the observation period.
"""),
    code("""
tables = load_logistics()
customers, shipments = tables["customers"], tables["shipments"]
len(customers), len(shipments), LOGISTICS_AS_OF.date()
"""),
    code("""
customers.head()
"""),
    code("""
shipments.head()
"""),
    md("""
1,504 records for about 1,460 companies — already a hint that some companies are in the master twice.
Each shipment carries its revenue, its direct (line-haul) cost and its **cost to serve** (服务成本), all in CNY.
"""),
]

SECTION_1 = [
    md("""
## 1. The customer master as it is (客户主数据现状)

`crm.quality_report` runs the four data-quality checks of Chapter 7 — completeness, accuracy, duplicates, timeliness — and sums them up in one table.
"""),
    code("""
report = crm.quality_report(customers, LOGISTICS_AS_OF)
report["summary"].round(3)
"""),
    md("""
Accuracy: 15 e-mails are malformed — no "@", or nothing after it.
"""),
    code("""
report["invalid_contacts"].head(4)
"""),
    md("""
Duplicates: 41 groups of two records. Two records are the same company when their normalised names are equal **and** they share a phone or an e-mail (`crm.duplicate_groups`); two firms with the same name are *not* merged on the name alone.
"""),
    code("""
report["duplicates"][["group", "customer_id", "name", "phone", "email"]].head(4)
"""),
    md("""
What each problem costs a 3PL: a malformed e-mail means the delivery notice and the invoice never arrive; a duplicate splits one shipper's history, so its volume discount, its claims record and its account manager are all wrong; a stale record (not checked for two years) sends the driver to an old site.
"""),
]

SECTION_2 = [
    md("""
## 2. The CRM database says no (数据库的约束)

The database enforces the rules of section 1 on every row. Its first table, `shippers`, with its named constraints:
"""),
    code("""
print(crm.LOGISTICS_SCHEMA_SQL.split(";")[0])
"""),
    md("""
The loader only adds the matching keys (normalised name, phone digits, lower-case e-mail); it does not clean.
Try to load the master as it is:
"""),
    code("""
conn = crm.connect()  # an in-memory SQLite database
try:
    crm.build_logistics_database(conn, customers, shipments)
except ValueError as err:
    message = str(err)
print(message)
"""),
    md("""
The message names the table, the row and the rule that failed.
"""),
    Q(1),
    md("""
Nothing was written — not even the tables: schema and rows were one transaction, rolled back as a whole.
"""),
    code("""
crm.query(conn, "SELECT name FROM sqlite_master WHERE name = ?", ("shippers",))
"""),
    md("""
Fixing only the e-mails is not enough. Set the malformed ones to missing and try again: the next rule stops the load.
"""),
    code("""
bad = report["invalid_contacts"]["customer_id"]
emails_fixed = customers.assign(email=customers["email"].where(~customers["customer_id"].isin(bad)))
try:
    crm.build_logistics_database(conn, emails_fixed, shipments)
except ValueError as err:
    print(str(err)[-120:])
"""),
    md("""
Row 184 (K0185) is the second record of a company already in the table with the same e-mail: the UNIQUE rule `shipper_same_name_email` refuses it.
Switching the rules off would let both problems in; the way forward is to clean.
"""),
]

SECTION_3 = [
    md("""
## 3. Cleaning the master (清洗客户主数据)

`crm.clean_master` applies two stated rules:

1. every value `crm.invalid_contacts` reports is set to **missing** — a wrong address is worse than none;
2. in each duplicate group the record with the **earliest sign-up** (the original) survives; its empty fields are filled from the other records (most recently updated first), its sign-up becomes the group's earliest date and `last_updated` its latest; the shipments of the merged records are re-pointed to it.
"""),
    code("""
out = crm.clean_master(customers, shipments)
{key: len(frame) for key, frame in out.items()}
"""),
    md("""
`merged` records every merge (which record went into which), `nulled` every value set to missing.
"""),
    code("""
out["merged"].head(3)
"""),
    md("""
In group 2 the survivor K1187 signed up before K0052, although its id is larger: ids are not in sign-up order.
"""),
    Q(2),
    md("""
Completeness of each field before and after cleaning:
"""),
    code("""
before = crm.completeness(customers)["completeness"]
after = crm.completeness(out["customers"])["completeness"]
fields = ["industry", "city", "contact_name", "phone", "email"]
pd.DataFrame({"before": before, "after": after}).loc[fields].round(4)
"""),
    Q(3),
    md("""
The quality report of the cleaned master:
"""),
    code("""
crm.quality_report(out["customers"], LOGISTICS_AS_OF)["summary"].round(3)
"""),
    md("""
Cleaning does not fix everything: 181 records are still more than two years old.
Only a call to the shipper can confirm them — a task for the account managers, not for a script.
"""),
]

SECTION_4 = [
    md("""
## 4. The customer 360 view (客户360视图)

The cleaned data pass every rule. The merges go into the database too (`shipper_merges`), so documents with an old id still find the customer.
"""),
    code("""
counts = crm.build_logistics_database(conn, out["customers"], out["shipments"], out["merged"])
counts
"""),
    md("""
A dispatcher finds a 2023 waybill of shipper **K0011** and looks it up. `crm.shipper_360` resolves the old id to the record it was merged into:
"""),
    code("""
view = crm.shipper_360(conn, "K0011")
view["customer_id"], view["merged_ids"]
"""),
    code("""
view["profile"].T
"""),
    Q(4),
    md("""
With one record per company, the database answers business questions directly — here 2025 revenue by industry, one parameterised query:
"""),
    code("""
sql = \"\"\"SELECT s.industry, COUNT(DISTINCT s.customer_id) AS shippers, SUM(t.revenue) AS revenue
FROM shippers s JOIN shipments t ON t.customer_id = s.customer_id
WHERE t.ship_date >= ? GROUP BY s.industry ORDER BY revenue DESC\"\"\"
crm.query(conn, sql, ("2025-01-01",)).round(0)
"""),
    md("""
The 24 shippers without an industry still booked about 0.32 million CNY in 2025 — a gap that a report by industry silently drops unless it shows the missing (`NaN`) row.
"""),
]

SECTION_5 = [
    md("""
## 5. Key accounts (大客户)

With one record per company the value of each shipper can be measured: revenue minus direct cost minus **cost to serve** (Chapter 7's customer profitability), then its activity by RFM.
"""),
    code("""
ships = out["shipments"]
prof = segment.customer_profitability(ships, "customer_id", "revenue", "direct_cost", "service_cost")
rfm = segment.rfm_table(ships, "customer_id", "date", "revenue", LOGISTICS_AS_OF)
segment.whale_summary(segment.whale_curve(prof["profit"])).round(3)
"""),
    md("""
The whale curve (鲸鱼曲线) peaks at about 125 % of total profit: the most profitable three quarters of the shippers earn more than the whole, and the rest — 337 shippers — lose money after cost to serve.
The key-account criteria are stated and can be argued with: among the customers that earn the first 50 % of the positive profit, at least 12 shipments and the last one at most 90 days ago (`segment.key_accounts`).
"""),
    code("""
accounts = segment.key_accounts(prof, rfm)
accounts["tier"].value_counts()
"""),
    md("""
What did the cleaning change? Classify the raw shipments the same way and compare the two sets of key accounts.
"""),
    code("""
def key_account_ids(log):
    p = segment.customer_profitability(log, "customer_id", "revenue", "direct_cost", "service_cost")
    r = segment.rfm_table(log, "customer_id", "date", "revenue", LOGISTICS_AS_OF)
    tiers = segment.key_accounts(p, r)["tier"]
    return set(tiers.index[tiers == "key_account"])

raw_keys, clean_keys = key_account_ids(shipments), key_account_ids(ships)
len(raw_keys), len(clean_keys)
"""),
    Q(5),
    Q(6),
]

SECTION_6 = [
    md("""
## 6. From list to action (从名单到行动)

A key account needs a named contact, a working phone and an e-mail before the contract talks. Which key accounts have a gap in the cleaned master?
"""),
    code("""
contact = ["contact_name", "phone", "email"]
key_master = out["customers"].set_index("customer_id").loc[sorted(clean_keys), ["name", *contact]]
key_master[key_master[contact].isna().any(axis=1)]
"""),
    md("""
The management action of each tier (Chapter 7):
"""),
    code("""
segment.account_actions()
"""),
    md("""
The 360 view makes the key-account list usable: the incomplete records above are the first task of their account managers, the 27 key accounts at risk the first calls.
"""),
]

DISCUSSION = [
    md("""
## 7. Discussion (讨论)

The numbers so far rest on choices: which rules the database enforces, what counts as the same company, where the key-account line is drawn.
The three open questions test them; use code cells of your own where you need numbers.
"""),
    Q(7),
    Q(8),
    Q(9),
]

SUMMARY = [
    md("""
## Summary (小结)

- Data quality is measurable: completeness, accuracy, duplicates, timeliness (`crm.quality_report`). The raw master fails on accuracy (15 malformed e-mails) and duplicates (41 surplus records).
- The CRM database **enforces** the rules with named constraints: the raw master is rejected as a whole (`shipper_email_format` first, then `shipper_same_name_email`), and nothing is written until the data are clean.
- Cleaning is a set of stated rules — null what is wrong, merge by a survivor rule, keep the merge record — so the master shrinks to 1,463 shippers and the 360 view shows one customer with one history (15 shipments for K0011), found even by an old id.
- Key accounts come from profit after cost to serve plus activity. Cleaning left their number at 58 but found an account that was split in two (K0118) and showed five key accounts whose history was partly on a second record.
"""),
    md("""
## References (参考文献)

- Batini, C. and Scannapieco, M. (2016). *Data and Information Quality: Dimensions, Principles and Techniques*. Springer, ch. 2 (completeness, accuracy, timeliness).
- Christen, P. (2012). *Data Matching: Concepts and Techniques for Record Linkage, Entity Resolution, and Duplicate Detection*. Springer, ch. 3–6.
- Kaplan, R. S. and Cooper, R. (1998). *Cost & Effect: Using Integrated Cost Systems to Drive Profitability and Performance*. Harvard Business School Press, ch. 10 (customer profitability, the whale curve).
- McDonald, M., Millman, T. and Rogers, B. (1997). Key account management: theory, practice and challenges. *Journal of Marketing Management* 13(8), 737–757.
- Course Chapter 1 (the CRM database, constraints, transactions, parameterised SQL) and Chapter 7 (customer information quality, RFM, profitability, key accounts).
- The case's data: [`data/README.md`](data/README.md) (the course's synthetic 3PL data set, `datasets/logistics/`).
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
**Solution.** The rule is named after "CHECK constraint failed:" — `shipper_email_format`, at row 20 (K0021, an e-mail without "@").
The duplicates would break `shipper_same_name_*` too, but further down: the load stops at the first broken rule.
"""),
        code("""
answer_1 = message.split("constraint failed: ")[1].split(";")[0]
answer_1
"""),
    ],
    2: [
        md("""
**Solution.** 1,504 records minus the 41 merged away (one record is kept per group).
The data set was made with 44 companies entered twice; the match rule finds 41 — three second records share neither phone nor e-mail with the first (Question 8).
"""),
        code("""
answer_2 = len(out["customers"])
answer_2
"""),
    ],
    3: [
        md("""
**Solution.** 93.16 %. Fifteen malformed e-mails were removed, yet completeness rose from 92.55 %: merging filled the surviving records' gaps from the second records, and 41 records are gone.
Phone completeness fell slightly: merging removed records that had a phone.
"""),
        code("""
answer_3 = round(100 * float(crm.completeness(out["customers"], ["email"]).loc["email", "completeness"]), 2)
answer_3
"""),
    ],
    4: [
        md("""
**Solution.** 15: 12 shipments were booked on K0959 and 3 on its upper-case second record K0011; the 360 view of either id shows all 15.
"""),
        code("""
answer_4 = int(view["profile"].loc[0, "shipments"])
answer_4
"""),
    ],
    5: [
        md("""
**Solution.** K0118. Before cleaning, K0118 (24 shipments, 12,898 CNY profit) and its second record K0571 (13 shipments, 9,498 CNY) were two "growth" accounts below the top-profit line; merged, they are a key account.
K1469 drops out without any change of its own: the top-50 % line is relative.
"""),
        code("""
answer_5 = sorted(clean_keys - raw_keys)[0]
print(sorted(clean_keys - raw_keys), sorted(raw_keys - clean_keys))
accounts.loc[[answer_5], ["revenue", "profit", "frequency", "recency", "tier"]]
"""),
    ],
    6: [
        md("""
**Solution.** 5 of the 58 key accounts had part of their shipments on a second record; four of those fragments were "standard" customers in the raw tiers, so their shipments were served (and priced) as a small shipper's.
"""),
        code("""
split = out["merged"][out["merged"]["kept_id"].isin(clean_keys)]
answer_6 = int(split["kept_id"].nunique())
split
"""),
    ],
    7: [
        md("""
**A model answer.** A database rule is cheaper than a wrong invoice or a lost delivery notice; relaxing constraints moves the cost downstream, where nobody sees it.
With the raw master in, 41 shippers have two records: their 360 view shows half a history, invoices and notices go to 15 addresses that cannot receive mail, and the key-account list misses K0118 and under-counts five others.
Keys, foreign keys, the e-mail format and the duplicate rules are never relaxed — the 360 view and invoicing depend on them.
Soft rules (a missing industry or city, a stale record) become data-quality KPIs and tasks, not refusals; the schema already allows them to be missing.
Because the load is all or nothing, a partial, inconsistent system never goes live: cleaning takes a day, not a week.
"""),
    ],
    8: [
        md("""
**A model answer.** Look for more evidence on the remaining candidate pairs — the same address, the same contact name, shipments to the same consignees, a fuzzy name similarity — and have a person review them.
A **false merge** mixes two companies' histories, prices and contacts and is hard to undo; a missed duplicate "only" splits one history. So automatic merges need strong evidence, and doubtful pairs go to review.
The merge record (`shipper_merges`) keeps merges traceable and old ids resolvable.
The survivor rule is a choice: the earliest sign-up keeps the original id known to the customer; "most complete" or "most recently updated" are defensible alternatives if stated.
The owner should be a data steward (数据管理员) or a master-data team, not whoever books a shipment.
"""),
    ],
    9: [
        md("""
**A model answer.** The size of the list is robust, because the duplicates are mostly small fragments; individual accounts are not: K0118 was invisible as a key account, and 5 of the 58 had shipments on a second record that were served as a small shipper's.
A relative cut-off moves when other customers change (K1469), so a good memo states the criteria, shows the accounts near the line and reviews the list every quarter.
Actions: a named account manager per key account; complete the contact data of the six key accounts with gaps (K0027, K0179, K0490, K0654, K0871, K1143) before the talks; call the 27 key accounts at risk; ask the 181 stale records for confirmation.
"""),
    ],
}

# --------------------------------------------------------------------------


def notebooks():
    """The otter-grader master of this case: student and solution versions are made from it."""
    return [Assignment(STUDENT, SOLUTIONS_NB, master_cells(), "case05")]


def main(argv=None) -> int:
    return run(notebooks(), argv, __doc__)


if __name__ == "__main__":
    sys.exit(main())
