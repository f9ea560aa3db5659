"""Write the dashboards: every app of the course on its own page, for Voilà (no code shown).

    python tools/build_dashboards.py            write dashboards/*.ipynb (no outputs)
    python tools/build_dashboards.py --execute  write them and execute them in place

One notebook per app and language edition, ``dashboards/NN_<app>.ipynb`` and
``dashboards/NN_<app>.zh.ipynb`` (NN: the chapter that teaches it).  Each has
a title, one sentence on what to try, the language cell and one code cell,
``dashboard("<module>.<app>")``.  ``python3 course.py dashboards`` serves the
folder with Voilà: its index page lists every dashboard; a page runs the
notebook and shows only the app.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from notebook_builder import LANGUAGE_CELLS, ROOT, build, code, execute, md  # noqa: E402

import nbformat  # noqa: E402

FOLDER = ROOT / "dashboards"

#: app key -> (English title, Chinese title, what to try in English, in Chinese)
APPS = {
    "crm.customer360": ("Customer 360", "客户360视图",
                        "Pick a customer and a measure: profile, contacts, order history and open tickets.",
                        "选择客户和指标：查看档案、联系人、订货历史和未关闭的工单。"),
    "service.order_performance": ("Order performance", "订单绩效",
                                  "Change the lateness tolerance, the channel and the region: on-time, in-full, error-free and perfect-order rates.",
                                  "调整迟交容忍天数、渠道和区域：准时率、足量率、无错率和完美订货率的变化。"),
    "service.satisfaction_gap": ("Satisfaction gaps", "客户满意差异",
                                 "Move the levels of the gap model and see which gap makes the customer dissatisfied.",
                                 "拖动差异模型各层次的水平，看看是哪一个差异让客户不满意。"),
    "service.stockout": ("Stockout reactions", "缺货反应",
                         "Change the probabilities of the customers' reactions: the expected outcome of one stockout.",
                         "调整客户各种反应的概率，得到一次缺货的期望结果。"),
    "tradeoff.safety_stock": ("Safety stock and service level", "安全库存与服务水平",
                              "Move the safety factor z and the lot size: cycle service level, fill rate and stock.",
                              "拖动安全系数 z 和订货批量：周期服务水平、满足率和库存的变化。"),
    "tradeoff.service_cost": ("Service level and cost", "服务水平与成本",
                              "Change the service level, demand uncertainty, lead time, holding cost and margin: cost, profit and the best service level.",
                              "调整服务水平、需求不确定性、前置时间、持有成本和毛利：成本、利润和最优服务水平。"),
    "priority.abc": ("ABC classification", "ABC分类",
                     "Move the class cut-offs and the measure: the Pareto curve and the ABC classes.",
                     "拖动分类界限、选择指标：帕累托曲线和 ABC 类别随之变化。"),
    "priority.order_priority": ("Order service priority", "订单服务优先级",
                                "Change the importance code of each product and the weights: the order service priorities.",
                                "调整每个产品的重要度代码和权重，得到订单服务优先级。"),
    "priority.volume_profit": ("Volume and profit contribution", "销量与利润贡献",
                               "Move the volume and profit splits of the matrix and see the strategies change.",
                               "拖动矩阵的销量和利润分界线，观察各象限策略的变化。"),
    "priority.contribution_matrix": ("Customer–product contribution matrix", "客户—产品组合贡献矩阵",
                                     "Weight customer and product classes: priorities 1–20 and the service policy.",
                                     "调整客户类别与产品类别的权重：优先级 1–20 和服务政策。"),
    "priority.weighted_scores": ("Weighted service scores", "服务要素加权得分",
                                 "Change the weights of the service elements: the suppliers' weighted scores.",
                                 "调整各服务要素的权重，比较各供应商的加权得分。"),
    "audit.audit": ("Customer service audit", "客户服务审计",
                    "Move the importance threshold and the parity band: competitive position and performance evaluation.",
                    "拖动重要性阈值和均势区间：竞争地位矩阵和绩效评估矩阵。"),
    "audit.audit_suppliers": ("Audit of three suppliers", "三家供应商的审计",
                              "Pick the competitor, the importance threshold and the parity band: the matrices of the seed's supplier survey.",
                              "选择竞争对手、重要性阈值和均势区间：原课件供应商调查的两个矩阵。"),
    "audit.segments": ("Customer segments", "客户细分",
                       "Choose the number of segments: customers grouped by what matters to them.",
                       "选择细分群的个数：按客户看重的服务要素把客户分组。"),
    "value.customer_value": ("Customer value of competing offers", "竞争方案的客户价值",
                             "Weight lead time, order cycle, brand, price, quality, cost and service: which logistics offer creates most value.",
                             "为前置时间、订货周期、品牌、价格、质量、成本和服务设定权重：哪个物流方案创造的价值最大。"),
    "value.retention": ("Retention and lifetime value", "客户保持率与终身价值",
                        "Move retention, discount rate, margin, acquisition cost and growth target: lifetime value and the new customers needed.",
                        "拖动保持率、贴现率、毛利、获客成本和增长目标：客户终身价值和所需新客户数。"),
    "value.cohorts": ("Cohort retention", "客户群保持率",
                      "Choose the period, what to show and the cohorts: retention of each cohort over time.",
                      "选择期间、显示内容和客户群：各客户群随时间的保持率。"),
    "segment.whale": ("Whale curve", "鲸鱼曲线",
                      "Change the cost to serve: which customers earn the profit and which lose it.",
                      "调整服务成本：哪些客户赚取利润，哪些客户亏损。"),
    "segment.rfm": ("RFM segments", "RFM 细分",
                    "Change the scoring, the first edges and the weights of R, F and M: the customer segments.",
                    "调整评分方式、R、F、M 的首个分界和权重：客户细分群的变化。"),
    "segment.clusters": ("k-means clusters", "K均值聚类",
                         "Choose k: customers clustered on standardised features.",
                         "选择 k：按标准化特征对客户聚类。"),
    "demand.forecast": ("Demand forecast", "需求预测",
                        "Pick a demand series and the method (moving average window or smoothing constant α): forecasts and their errors.",
                        "选择需求序列和方法（移动平均的窗口或平滑系数 α）：预测值及其误差。"),
    "demand.bullwhip": ("Bullwhip effect", "牛鞭效应",
                        "Change the order policy, lead time, forecast window and stages, with or without shared point-of-sale data: order variability upstream.",
                        "调整订货策略、前置时间、预测窗口和环节数，共享或不共享销售终端数据：订单波动如何向上游放大。"),
}


def path(key: str, language: str) -> Path:
    from scm_course.apps import APP_CHAPTERS

    module, name = key.split(".")
    suffix = ".zh.ipynb" if language == "zh" else ".ipynb"
    return FOLDER / f"{APP_CHAPTERS[module]:02d}_{name}{suffix}"


def cells(key: str, language: str):
    from scm_course.apps import APP_CHAPTERS

    en, zh, try_en, try_zh = APPS[key]
    chapter = APP_CHAPTERS[key.split(".")[0]]
    if language == "zh":
        title = f"# {zh}（{en}）\n\n{try_zh} 第 {chapter} 章讲解其中的方法。"
    else:
        title = f"# {en} ({zh})\n\n{try_en} Chapter {chapter} explains the method."
    return [md(title), code(LANGUAGE_CELLS[language], tags=["language"]),
            code(f'from scm_course.apps import dashboard\ndashboard("{key}")')]


def notebooks():
    """``[(path, notebook), ...]`` for every app in both editions."""
    out = []
    for i, key in enumerate(APPS):
        for language in ("en", "zh"):
            out.append((path(key, language), build(cells(key, language), f"dash{i:02d}")))
    return out


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    FOLDER.mkdir(exist_ok=True)
    for target, nb in notebooks():
        nbformat.write(nb, target)
        if "--execute" in argv:
            nbformat.write(execute(nb, target), target)
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
