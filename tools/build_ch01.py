"""Write the Chapter 1 notebooks (student edition and solutions) from this script.

    python tools/build_ch01.py            write both notebooks (no outputs)
    python tools/build_ch01.py --execute  write them and execute them in place

The notebooks are the product; this script only keeps their cells in one
reviewable place.  Cell ids are fixed, so rebuilding gives a clean diff.
Executing stores the outputs that ``pytest --nbval`` compares later.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from notebook_builder import GRADER, LANGUAGE_CELL, ROOT, Assignment, code, md, key_terms, question, run  # noqa: E402

STUDENT = ROOT / "chapters" / "01_crm_foundations.ipynb"
SOLUTIONS_NB = ROOT / "chapters" / "solutions" / "01_crm_foundations_solutions.ipynb"


# --------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------
SETUP = [
    code(LANGUAGE_CELL, tags=["language"]),
    code("""
import pandas as pd
from scm_course import crm
from scm_course.apps.crm import Customer360App
"""),
    GRADER,
]

DATA_CELL = code("""
tables = crm.crm_tables()
conn = crm.connect()  # an in-memory SQLite database
crm.build_database(conn, tables)
""")

EXERCISES = {
    1: """
### Exercise 1 — Open tickets in the 360° view (全视角中的未关闭工单)

How many service tickets of customer **C019** are not closed yet (status `open` or `in_progress`)?
Answer with a whole number.
""",
    2: """
### Exercise 2 — Best customer of a region (区域内销售收入最高的客户)

Write a parameterised query (the region goes in as a parameter, not into the SQL text) that sums the revenue of each customer in region **South**.
Which customer has the highest revenue?
Answer with its `customer_id`, e.g. `"C001"`.
""",
    3: """
### Exercise 3 — Which function? (属于哪个功能？)

"Which customers of a region bought a product category?" — the list a campaign is sent to.
Which of the five CRM functions does this question belong to?
Answer with the function's name, e.g. `"service"` or `"客户服务管理"`.
""",
    4: """
### Exercise 4 — Spot the safe query (找出安全的查询)

Three ways to look a customer up by the name a user typed:

```python
# A
crm.query(conn, f"SELECT * FROM customers WHERE name = '{name}'")
# B
crm.query(conn, "SELECT * FROM customers WHERE name = '%s'" % name)
# C
crm.query(conn, "SELECT * FROM customers WHERE name = ?", (name,))
```

Which one is safe from SQL injection?
Answer with its letter, e.g. `"A"`.
""",
    5: """
### Exercise 5 — Dormant customers (沉睡客户)

How many customers have **not ordered in the 90 days** up to 31 December 2025 (`as_of="2025-12-31"`)?
Answer with a whole number.
""",
    6: """
### Exercise 6 — Repeat purchases (复购率)

Over 2025, what share of the **retail-chain** customers who bought ordered more than once?
Answer in %, e.g. `75` (within half a percentage point).
""",
}


def exercise_cells(n: int):
    """Exercise ``n`` as an otter-grader question (solution and tests in the master only)."""
    return question(n, f"ch01.q{n}", EXERCISES[n], SOLUTIONS[n])


# --------------------------------------------------------------------------
# the chapter
# --------------------------------------------------------------------------
INTRO = [
    md("""
# Chapter 1 — CRM foundations (客户关系管理概述)

Run the three code cells below first: the first sets the language of figures, widgets and feedback, the second imports the course package, the third starts the answer checker.
"""),
    *SETUP,
    md("""
This chapter opens the course with the idea the rest of it builds on: **customer relationship management** (客户关系管理, CRM) — what it is, where it came from, what it does — and then puts it to work on a real database.
A CRM is, first of all, a well-designed store of customer data that the whole firm can query; so half of the chapter is hands-on: the course's CRM database, how it refuses bad data, how to query it safely, which CRM function answers which question, and a **Customer 360** view of a single customer.
The worked example is a fictional appliance distributor with 40 business customers and a year of orders (`datasets/README.md`).
"""),
    md("""
## Learning objectives (学习目标)

The seed course's chapter on supply-chain customer relationships sets four objectives: understand the **concept, characteristics and functions** of CRM (客户关系管理的概念、特征和功能); build an awareness of supply-chain **customer service**; master the methods for setting **customer service priorities**; and realise supply-chain **customer lifetime value** as fully as possible.
This chapter covers the first; Chapters 2–6 cover the others.

In this chapter you will:

- state the broad and narrow definitions of CRM, its historical background, its three characteristics and five main functions;
- explain its four core ideas — the customer as an asset, customer care, managing every relationship, extending supply-chain management (CRM + ERP + SCM);
- describe the new concepts, contents and process of logistics customer management;
- read the data model of a CRM database (tables, keys, constraints) and see it refuse bad rows without writing anything;
- write parameterised SQL and explain why SQL built from strings is dangerous;
- match business questions to the five CRM functions and answer them with queries;
- use a Customer 360 view: profile, contacts, order history and open service tickets of one customer.
"""),
    key_terms("ch01", STUDENT),
]

SECTION_1 = [
    md("""
## 1. What CRM is (客户关系管理的概念)

### 1.1 Broad and narrow definitions

**Supply-chain CRM** (供应链客户关系管理) is a management model that arose in the supply-chain setting; it stresses **cooperative relationships between enterprises** (企业与企业之间的合作关系), not only between a shop and its consumers.

In the **broad** sense, CRM is seen in six ways at once:

1. a **business strategy** (商务战略) for winning, developing and keeping valuable customers;
2. **personalised products and services** (个性化的产品和服务), based on systematic customer research, that raise customer satisfaction;
3. a statement of **how the firm chooses to treat customers** and earn revenue from them;
4. a **new type of management system** (新型管理系统) for building firm–customer relationships;
5. a **repeatable process** (可重复性过程) that turns customer information into good customer relationships;
6. a **management technique built on an IT platform** (建立在信息技术平台上的管理技术) that analyses and influences buying behaviour.

(The seed labels only the narrow definition; these six statements precede it and serve as the broad view.)

In the **narrow** sense (狭义定义), CRM is all the activities in which a firm, building on its **policies, resources, structure and processes**, uses **information technology** to **acquire and manage customer knowledge** (获取并管理客户知识) and to create **customer loyalty** (客户忠诚度) and **customer value** (客户价值) — and through them a **sustainable competitive advantage** (可持续竞争优势).

Seed 003 adds that CRM is a **continuous process** (连续的过程): keep talking with customers, keep learning their needs, keep improving products and services.
Customers are the firm's **most important asset**; the marketing focus shifts from winning customers to **keeping them** (客户保持); the aim is **one-to-one personalised service** (“一对一”个性化服务).
A CRM system usually has sales, marketing and customer-service modules and a **call centre** (呼叫中心).
Payne and Frow (2005) frame the same idea as five cross-functional processes — strategy development, value creation, multichannel integration, information management and performance assessment.
"""),
    md("""
### 1.2 Background (时代背景)

- The yardstick of management moved from **cost and profit** (成本、利润) to **customer service satisfaction** (客户服务满意度); with network technology, CRM software appeared.
- By the **1990s**, three developments produced customer-centred CRM: **business process reengineering** (企业业务流程重组), fast-growing **information technology**, and modern **logistics and supply-chain management** ideas.
- Strategy moved from **market- or product-centred** to **customer-centred** (以客户为中心), and supply chains from **push** (推式) to **pull** (拉式): customer demand drives them.

### 1.3 Characteristics (特征)

1. **Full-view (360°) customer information** (全视角的客户信息) and a **personalised profile** (个性化档案) of each customer — section 6 builds one.
2. It identifies the firm's **real customers** (真正客户) and **mines their potential value** (挖掘利用潜在价值).
3. It stresses **contact management** (联系人管理) and offers **flexible service** (柔性化的服务).

### 1.4 Main functions (主要功能)

| Function | 中文 | What it does |
|---|---|---|
| customer information management | 客户信息管理 | one shared, accurate record of every customer and contact |
| sales management | 销售管理 | orders, revenue and margin by customer, product and period |
| marketing management | 市场营销管理 | choosing target customers, campaigns, win-back and retention |
| customer service management | 客户服务管理 | service requests, complaints, satisfaction |
| analysis and decision management | 分析决策管理 | analysis across customers, channels and products for decisions |

Section 5 turns each function into questions answered by queries.
"""),
    md("""
### 1.5 Core ideas (核心理念)

1. **The customer is an important asset** (客户是企业发展的一项重要资产). A complete customer file or database is itself a valuable asset: analysed in depth, it finds new markets and channels and raises satisfaction, profitability and loyalty.
2. **The centre of CRM is customer care** (客户关怀), which has five parts: **customer service** (product information and advice), **customer experience** (客户感受), **product quality** (产品质量), **service quality** (服务质量) and **after-sales service** (售后服务: enquiries, complaints, repairs).
3. **Manage every firm–customer relationship** (对企业与客户发生的关系进行全面管理): not only the sales process (contract, order processing, shipping, payment) but also marketing and after-sales service. This raises marketing capability, lowers its cost and heads off **customer complaints** (客户抱怨).
4. **Extend supply-chain management** (进一步延伸企业供应链管理). Running **CRM integrated with ERP** (CRM与ERP系统的集成运行) manages the **downstream part of the supply chain**: customers, distributors and the sales department work from the same data, and the firm can respond quickly to individual needs. CRM, **ERP** (企业资源规划) and **SCM** (供应链管理) together raise the firm's competitiveness.

The technical requirements follow from these ideas (seed 003): information-analysis capability, integration of the customer-interaction channels, web support, a **centralised information warehouse** (集中的信息仓库) of real-time customer data, **workflow integration** (工作流) across departments, and **integration with ERP** so that finance, inventory, production and logistics close the customer-interaction loop.
SCM and CRM share their biggest point: both put the **customer first** — the supply chain "starts and ends with the customer" (从客户开始，到客户结束); CRM integrates the external side (marketing, sales, service), SCM the flows of goods, information and funds behind it.
"""),
]

SECTION_2 = [
    md("""
## 2. Logistics customer management (物流客户管理)

A logistics firm applies the same ideas with three **new concepts of customer service** (物流客户服务的新观念):

| New concept | Meaning |
|---|---|
| **Service first** (服务为先) | marketing is led by service awareness; it builds credibility (企业信誉) and a customer orientation (客户导向) |
| **Value-added as the foundation** (增值为本) | value-added services (增值服务) raise the customer's benefit — the precondition for the firm's own profit growth |
| **Relationships above all** (关系至上) | long-term, cooperative, networked relationships centred on customer needs |

Its **contents** (客户管理内容) are to manage the **marketing process**, the **customer's status** (know each customer's situation, serve on time) and the **customer's costs** (measure the cost and return of serving each customer).

Its **process** (客户管理流程) is a chain of four links, and every link needs the database of the next section:

| Link | Step | In the CRM database |
|---|---|---|
| basic (基础环节) | information collection (信息的收集) | customers, contacts, orders and tickets are recorded |
| transitional (过渡环节) | information analysis (信息的分析) | the queries of section 5 |
| intermediate (中间环节) | information exchange and feedback (信息的交流与反馈) | service tickets and their satisfaction scores |
| central (中心环节) | service management (服务管理) | the Customer 360 view at the next customer contact |

Chapter 7 returns to customer information and classification in depth.
"""),
]

SECTION_3 = [
    md("""
## 3. The CRM database (客户关系管理数据库)

Seed 003 lists four requirements for a CRM's data design: a **unified information coding system** (统一的信息编码系统), **data models that reflect the transactions**, databases divided by type, and a strong **database management system** with sales, marketing, support-and-service and general databases.
Its system flowchart names four input documents and the tables they feed. The course's database implements them as six tables:

| Seed document (单据) | Table | Primary key | References (foreign keys) |
|---|---|---|---|
| customer data sheet (客户资料单) | `customers` | `customer_id` | — |
| contact-person sheet (联系人信息单) | `contacts` | `contact_id` | `customer_id` → customers |
| sales record sheet (销售记录单) | `orders` | `order_id` | `customer_id` → customers |
| sales record sheet (its lines) | `order_lines` | (`order_id`, `product_id`) | `order_id` → orders, `product_id` → products |
| — (product master) | `products` | `product_id` | — |
| service feedback list (服务反馈清单) | `service_tickets` | `ticket_id` | `customer_id` → customers, `order_id` → orders |

```
customers ──< contacts
    │
    ├──< orders ──< order_lines >── products
    │       │
    └──< service_tickets >─┘          (──< : one to many)
```

The ids (`C001`, `O00001`, `P001`, `T00001`) are the unified coding system: every table refers to a customer the same way.
Named **CHECK constraints** (检查约束) state the rules the database enforces on every row:

| Constraint | Rule |
|---|---|
| `customer_name_not_blank`, `contact_name_not_blank` | a name is not empty or blank |
| `customer_region_allowed`, `customer_channel_allowed`, `contact_role_allowed` | coded values come from a fixed list |
| `contact_email_has_at` | an e-mail address has an "@" with text on both sides |
| `unit_cost_non_negative`, `unit_price_non_negative`, `revenue_non_negative`, `cost_non_negative` | no negative money |
| `quantity_positive` | an order line orders at least one unit |
| `order_date_iso`, `ticket_opened_iso` | dates are written `YYYY-MM-DD` |
| `ticket_closed_after_opened`, `closed_iff_status_closed` | a ticket closes after it opens, and has a closing date exactly when its status is `closed` |
| `satisfaction_1_to_5` | a satisfaction score is 1–5 |

Build the course database in memory (SQLite, from Python's standard library):
"""),
    DATA_CELL,
    code("""
def table_sizes(conn):
    names = list(crm.TABLE_COLUMNS)
    counts = [crm.query(conn, f"SELECT COUNT(*) AS n FROM {name}")["n"].item() for name in names]
    return pd.Series(counts, index=names, name="rows")

table_sizes(conn)
"""),
    md("""
(The table names in that f-string come from the package's own list, never from a user; section 4 shows why that matters.)
The six tables together are one customer file:
"""),
    code("""
crm.query(conn, "SELECT * FROM customers ORDER BY customer_id LIMIT 3")
"""),
    code("""
crm.query(conn, "SELECT * FROM service_tickets ORDER BY ticket_id LIMIT 3")
"""),
    md("""
Now try to load bad data. One **transaction** (事务) loads a new customer **and** an order line with a negative quantity.
The database refuses the line, names the table, the row and the broken rule — and **rolls back** (回滚) the whole load, so the new customer is not written either:
"""),
    code("""
new_customer = pd.DataFrame({"customer_id": ["C041"], "name": ["New Star Trading"],
                             "region": ["East"], "channel": ["dealer"]})
bad_line = pd.DataFrame({"order_id": ["O99999"], "customer_id": ["C041"], "order_date": ["2025-12-31"],
                         "product_id": ["P001"], "quantity": [-2], "revenue": [0.0], "cost": [0.0]})
try:
    crm.build_database(conn, {"customers": new_customer, "order_lines": bad_line})
except ValueError as err:
    print(err)
"""),
    code("""
crm.query(conn, "SELECT COUNT(*) AS n FROM customers WHERE customer_id = ?", ("C041",))
"""),
    md("""
An order for a customer who does not exist breaks a **foreign key** (外键):
"""),
    code("""
ghost_order = pd.DataFrame({"order_id": ["O99999"], "customer_id": ["C999"], "order_date": ["2025-12-31"]})
try:
    crm.build_database(conn, {"orders": ghost_order})
except ValueError as err:
    print(err)
"""),
    code("""
table_sizes(conn)
"""),
    md("""
Nothing changed. Data quality is guarded where the data live, so every program that writes to the CRM obeys the same rules.
"""),
]

SECTION_4 = [
    md("""
## 4. SQL done properly (正确使用SQL)

A search box asks for a customer's name and the program looks it up.
The tempting way is to paste the name into the SQL text with an f-string.
Here is what it builds when someone types `x' OR '1'='1` — run only on a throw-away copy of the customer table:
"""),
    code("""
scratch = crm.connect()
crm.build_database(scratch, {"customers": tables["customers"]})
name = "x' OR '1'='1"
unsafe_sql = f"SELECT customer_id, name FROM customers WHERE name = '{name}'"
print(unsafe_sql)
"""),
    code("""
len(crm.query(scratch, unsafe_sql))
"""),
    md("""
The quote in the input closed the string, and `OR '1'='1'` — true for every row — became part of the statement: the "search" returned **all 40 customers**.
With other input the same hole reads, changes or deletes data: this is **SQL injection** (SQL注入), one of the most common security flaws of database programs (OWASP).

The cure is a **parameterised query** (参数化查询): the SQL has a placeholder `?`, and the value travels separately to the database driver, which treats it as data only.
The same input now finds exactly the customers with that name — none:
"""),
    code("""
crm.query(scratch, "SELECT customer_id, name FROM customers WHERE name = ?", (name,))
"""),
    md("""
Parameters also keep awkward names intact. A customer really called `Robert'); DROP TABLE customers;--` is stored and read back **verbatim**, and the table is still there:
"""),
    code("""
bobby = "Robert'); DROP TABLE customers;--"
crm.build_database(scratch, {"customers": pd.DataFrame(
    {"customer_id": ["C999"], "name": [bobby], "region": ["East"], "channel": ["dealer"]})})
crm.query(scratch, "SELECT customer_id, name FROM customers WHERE name = ?", (bobby,))
"""),
    code("""
crm.query(scratch, "SELECT COUNT(*) AS n FROM customers")
"""),
    md("""
The rules of this course's code: **values always go in parameters**; only fixed names chosen by the program (never by a user) may be formatted into SQL; `crm.query` refuses a value passed as a plain string instead of a tuple, list or dict.
"""),
]

SECTION_5 = [
    md("""
## 5. The functions map (功能地图): questions answered by queries

Each of the five main functions answers its own business questions from the same database.
The package keeps a catalogue of them; each entry is a fixed SQL text with placeholders and named parameters:
"""),
    code("""
crm.function_map()
"""),
    md("""
`run_function_query` checks the parameters (a missing or misspelt one, a region not in the list, a start after the end — each gets a clear message) and binds them to the placeholders.
The SQL of one question, and its answer:
"""),
    code("""
print(crm.FUNCTION_QUERIES["dormant_customers"].sql)
"""),
    code("""
crm.run_function_query(conn, "dormant_customers", as_of="2025-12-31", days=90)
"""),
    md("""
**Marketing** (市场营销管理) puts these customers on a win-back list. "As of minus 90 days" is computed in Python and passed as a parameter, so the same SQL runs unchanged on SQLite and PostgreSQL.
**Customer information management** (客户信息管理): who has no logistics contact person, so that a delivery problem has nobody to call?
"""),
    code("""
crm.run_function_query(conn, "customers_without_role", role="logistics").head()
"""),
    md("""
**Sales management** (销售管理): the best customers by margin in a region.
"""),
    code("""
crm.run_function_query(conn, "top_customers_by_margin", region="West", n=5)
"""),
    md("""
**Customer service management** (客户服务管理): which tickets have waited more than a week?
"""),
    code("""
crm.run_function_query(conn, "old_open_tickets", as_of="2025-12-31", days=7)
"""),
    md("""
**Analysis and decision management** (分析决策管理): which categories earn the highest margin rate?
"""),
    code("""
crm.run_function_query(conn, "margin_rate_by_category", start="2025-01-01", end="2025-12-31")
"""),
    md("""
Rice cookers, range hoods and dishwashers earn the highest margin rates (about 25 %); washing machines bring the most revenue at under 10 %: a high-volume line is not automatically a profitable one.
A bad parameter is stopped before any SQL runs:
"""),
    code("""
try:
    crm.run_function_query(conn, "top_customers_by_margin", region="Mars")
except ValueError as err:
    print(err)
"""),
]

SECTION_6 = [
    md("""
## 6. Customer 360 (全视角客户信息)

The first characteristic of CRM is a **full view of each customer**. `crm.customer_360` collects it with four parameterised queries: the profile (master data, orders, revenue, first and last order), the contact persons, the order history and the open service tickets.
"""),
    code("""
view = crm.customer_360(conn, "C019")
view["profile"]
"""),
    code("""
view["contacts"]
"""),
    code("""
view["open_tickets"]
"""),
    md("""
Zhou Hui appears twice, once per role, with two phone numbers but one e-mail address: one person or two? A contact table needs a rule for people with several roles — the kind of question Chapter 7's data-quality checks raise.
One ticket was opened in January 2026, a few days after the last order in the data: tickets follow their orders.

The app shows the same view for any customer: pick one, choose the measure (revenue, margin or units) and months or quarters.
The bars are the order history per period, the line its cumulative share (right axis), the right panel what the customer buys by product category; profile, contacts and open tickets are listed under the figure.
"""),
    code("""
Customer360App(conn, "C019")
"""),
    md("""
Compare C007 (the biggest customer of the West region, steady all year) with C009 (a single order in January: a dormant customer of section 5).
Everything the app shows comes from `crm.customer_360` and `crm.category_mix` — parameterised queries — and from `crm.order_history`, which sums the orders on the same calendar for every customer.
"""),
]

SECTION_7 = [
    md("""
## 7. Using PostgreSQL instead of SQLite (使用PostgreSQL)

SQLite is a file (or, here, memory) and needs no server: ideal for a course.
A class can instead share one **PostgreSQL** server; the same code works:

1. install the extra drivers: `pip install "scm-course[postgres]"` (SQLAlchemy and psycopg);
2. connect with a database URL — `conn = crm.connect("postgresql+psycopg://user:password@host:5432/crm")` — or pass a connection you opened yourself, e.g. `psycopg.connect(...)`;
3. call the same functions: `crm.build_database(conn, crm.crm_tables())`, `crm.query(conn, sql, params)`, `crm.customer_360(conn, "C019")`, `crm.run_function_query(conn, ...)`, `Customer360App(conn)`.

The schema is portable SQL, and the package adapts its own `?` placeholders to the driver's style (`%s` for psycopg).
In your own SQL for `crm.query`, use the driver's placeholder style (`%s` for psycopg) — and still never paste values into the text.
Keep the password out of notebooks: read the URL from an environment variable, e.g. `crm.connect(os.environ["CRM_URL"])`.
"""),
]

EXERCISE_INTRO = md("""
## Exercises (练习)

Each exercise has an answer cell and a check cell, `grader.check("q1")` (otter-grader's self-check).
Replace `None` with your answer (computed with the package, or read from the app), run both cells, and read the feedback: "passed" when it is right, otherwise the message says what is wrong (with a hint) or that the answer is still missing.
The exercises use the database `conn` built in section 3, so run the chapter first.
""")

SUMMARY = [
    md("""
## Summary (小结)

- CRM is broadly a strategy, a management system and an IT-based technique for winning, developing and keeping valuable customers; narrowly, all IT-supported activities that acquire and manage customer knowledge for loyalty, customer value and lasting competitive advantage.
- It arose as management moved from cost and profit to customer satisfaction, and from product- to customer-centred strategy; its characteristics are the 360° view, finding the real customers and contact management; its five functions are information, sales, marketing, service and analysis.
- Its core ideas: the customer is an asset, customer care is the centre, every relationship is managed, and CRM + ERP extend supply-chain management downstream.
- Logistics customer management puts service first, value-added services at the base and relationships above all; its process runs from information collection through analysis and feedback to service management.
- A CRM database turns the seed's documents into tables with keys and constraints; the database refuses bad rows, and a failed load writes nothing.
- Values go into SQL only as parameters: string-built SQL lets input rewrite the statement.
- Each CRM function answers its questions with queries on the same data; the Customer 360 view brings one customer's data together — and the same code runs on PostgreSQL.
"""),
    md("""
## References (参考文献)

- Buttle, F. and Maklan, S. (2019). *Customer Relationship Management: Concepts and Technologies*, 4th ed. Routledge (strategic, operational and analytical CRM; CRM data).
- Payne, A. and Frow, P. (2005). A strategic framework for customer relationship management. *Journal of Marketing* 69(4), 167–176.
- Greenberg, P. (2002). *CRM at the Speed of Light*, 2nd ed. McGraw-Hill (cited by seed 003).
- OWASP Foundation. *SQL Injection Prevention Cheat Sheet* (parameterised queries as the primary defence). https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html
- Python Software Foundation. `sqlite3` — DB-API 2.0 interface for SQLite databases ("How to use placeholders to bind values in SQL queries"). https://docs.python.org/3/library/sqlite3.html
- Seed material of the course: [000] supply-chain customer relationships (CRM concept, characteristics, functions, core ideas), [001] logistics customer management (new concepts, contents, process), [003] supply-chain management and CRM (CRM as a process, data design, technical requirements, SCM–CRM relationship), as reconstructed in `COURSE_CONTENT.md`, Parts A, B and F.
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
**Solution.** `open_tickets` of the 360 view holds every ticket whose status is not `closed` — `in_progress` counts too.
"""),
        code("""
tickets = crm.customer_360(conn, "C019")["open_tickets"]
answer_1 = len(tickets)
answer_1
"""),
    ],
    2: [
        md("""
**Solution.** Join customers, orders and order lines, filter the region through a placeholder, sum and sort.
"""),
        code("""
sql = \"\"\"SELECT c.customer_id, SUM(l.revenue) AS revenue
FROM customers c JOIN orders o ON o.customer_id = c.customer_id
JOIN order_lines l ON l.order_id = o.order_id
WHERE c.region = ? GROUP BY c.customer_id ORDER BY revenue DESC\"\"\"
ranking = crm.query(conn, sql, ("South",))
answer_2 = ranking["customer_id"].iloc[0]
ranking.head(3)
"""),
    ],
    3: [
        md("""
**Solution.** The functions map lists the question under marketing: it selects the targets of a campaign.
"""),
        code("""
fmap = crm.function_map()
answer_3 = fmap.loc[fmap["key"] == "category_buyers_in_region", "function"].item()
answer_3
"""),
    ],
    4: [
        md("""
**Solution.** A and B paste the value into the SQL text (an f-string and `%` formatting are the same mistake); only C sends it as a parameter.
"""),
        code("""
answer_4 = "C"
"""),
    ],
    5: [
        md("""
**Solution.** The marketing query `dormant_customers` with a 90-day window.
"""),
        code("""
dormant = crm.run_function_query(conn, "dormant_customers", as_of="2025-12-31", days=90)
answer_5 = len(dormant)
answer_5
"""),
    ],
    6: [
        md("""
**Solution.** Repeat buyers divided by buyers, for the retail-chain row.
"""),
        code("""
rates = crm.run_function_query(conn, "repeat_purchase_rate", start="2025-01-01", end="2025-12-31")
answer_6 = round(100 * rates.set_index("channel").loc["retail_chain", "repeat_rate"], 1)
rates
"""),
    ],
}

# --------------------------------------------------------------------------


def notebooks():
    """The otter-grader master of this chapter: student and solution versions are made from it."""
    return [Assignment(STUDENT, SOLUTIONS_NB, master_cells(), "ch01")]


def main(argv=None) -> int:
    return run(notebooks(), argv, __doc__)


if __name__ == "__main__":
    sys.exit(main())
