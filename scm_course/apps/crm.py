"""App of Chapter 1, CRM foundations: the Customer 360 view (全视角客户信息).

Thin glue: every number comes from :func:`scm_course.crm.customer_360`,
:func:`~scm_course.crm.category_mix` and :func:`~scm_course.crm.order_history`
(parameterised queries on the CRM database); the app only picks the customer,
the measure and the period length, and shows the results.
"""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import crm as model
from ..i18n import has_label, t
from ..plots import crm as views
from .base import CourseApp

__all__ = ["Customer360App", "chapter_apps", "APP_METRICS", "customer_option"]

_STYLE = {"description_width": "initial"}
#: Measures offered by the app (bars of the history, shares of the category mix).
APP_METRICS = ("revenue", "margin", "quantity")
#: Columns of the tables under the figure.
PROFILE_COLUMNS = ("customer_id", "name", "region", "channel", "orders", "revenue", "first_order", "last_order")
CONTACT_COLUMNS = ("name", "role", "phone", "email")
TICKET_COLUMNS = ("ticket_id", "order_id", "opened", "category", "status")
#: Coded values shown translated: column -> label prefix.
_CODED = {"region": "crm.region", "channel": "crm.channel", "role": "crm.role", "category": "crm.ticket",
          "status": "crm.status"}


def _coded(prefix: str, value) -> str:
    key = f"{prefix}.{str(value).lower()}"
    return t(key) if has_label(key) else str(value)


def customer_option(customer_id: str, name: str, region: str) -> str:
    """The picker's text for a customer: ``"C001 · Harbour Trading (West)"`` / ``"C001 · Harbour Trading (西部)"``."""
    return t("crm.app.customer_option", id=customer_id, name=name, region=_coded("crm.region", region))


def _cell(column: str, value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if column in _CODED:
        return _coded(_CODED[column], value)
    if column in ("revenue", "margin"):
        return f"{float(value):,.0f}"
    return str(value)


def html_table(frame: pd.DataFrame, columns, *, header: str, contact_header=False) -> str:
    """A small HTML table with translated headers and coded values; ``header`` above it."""
    heads = [t("crm.table.contact") if (contact_header and c == "name") else t(f"crm.table.{c}") for c in columns]
    out = [f"<b>{html.escape(header)}</b>"]
    if frame.empty:
        return out[0] + f" <i>({html.escape(t('crm.app.none'))})</i>"
    out.append('<table style="border-collapse:collapse;font-size:90%"><thead><tr>'
               + "".join(f'<th style="text-align:left;padding:0 8px">{html.escape(h)}</th>' for h in heads)
               + "</tr></thead><tbody>")
    for _, row in frame.iterrows():
        out.append("<tr>" + "".join(f'<td style="padding:0 8px">{html.escape(_cell(c, row[c]))}</td>'
                                    for c in columns) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


class Customer360App(CourseApp):
    """Customer 360 (全视角客户信息): profile, contacts, order history and open tickets of one customer.

    Parameters
    ----------
    conn : connection or target accepted by :func:`scm_course.crm.connect`
        A CRM database built with :func:`scm_course.crm.build_database`.
    customer_id : str, optional
        The customer shown first (default: the first by id).

    Controls: ``customer`` (drop-down "C001 · name (region)"), ``metric``
    (revenue, margin or quantity) and ``freq`` (months or quarters).
    ``result``: ``{"customer_id", "view"`` (the :func:`~scm_course.crm.customer_360`
    dict), ``"history"`` (:func:`~scm_course.crm.order_history` over the
    database's order calendar), ``"mix"`` (:func:`~scm_course.crm.category_mix`),
    ``"metric", "freq"}``.  Profile, contact persons and open service
    tickets show as tables under the figure.
    """

    figsize, width_ratios = (12.0, 4.4), (1.9, 1)

    def __init__(self, conn, customer_id: str | None = None):
        self.conn = model.connect(conn)
        customers = model.query(self.conn, "SELECT customer_id, name, region FROM customers ORDER BY customer_id")
        if customers.empty:
            raise ValueError("conn holds no customers: build the database first (crm.build_database)")
        self.start, self.end = model.order_span(self.conn)
        if self.start is None:
            raise ValueError("conn holds no orders: an order history needs at least one order")
        self.categories = model.query(self.conn, "SELECT DISTINCT category FROM products ORDER BY category")[
            "category"].tolist()
        ids = customers["customer_id"].tolist()
        if customer_id is None:
            customer_id = ids[0]
        elif customer_id not in ids:
            raise ValueError(f"customer_id must be one of the customers ({ids[0]} ... {ids[-1]}), got {customer_id!r}")
        options = [(customer_option(c, n, r), c) for c, n, r in customers.itertuples(index=False)]
        self._labels = {value: text for text, value in options}
        controls = {
            "customer": widgets.Dropdown(options=options, value=customer_id, description=t("crm.app.customer"),
                                         style=_STYLE, layout=widgets.Layout(width="420px")),
            "metric": widgets.ToggleButtons(options=[(views.metric_label(m), m) for m in APP_METRICS],
                                            value="revenue", description=t("crm.app.metric"), style=_STYLE),
            "freq": widgets.ToggleButtons(options=[(t("crm.freq.m"), "M"), (t("crm.freq.q"), "Q")], value="M",
                                          description=t("crm.app.freq"), style=_STYLE),
        }
        self.profile_html = widgets.HTML()
        self.tickets_html = widgets.HTML()
        super().__init__(controls, extra=[self.profile_html, self.tickets_html])

    def compute(self):
        customer_id = self.value("customer")
        view = model.customer_360(self.conn, customer_id)
        history = model.order_history(view["orders"], self.value("freq"), start=self.start, end=self.end)
        return {"customer_id": customer_id, "view": view, "history": history,
                "mix": model.category_mix(self.conn, customer_id), "metric": self.value("metric"),
                "freq": self.value("freq")}

    def _show_tables(self, result):
        view = result["view"]
        self.profile_html.value = (
            html_table(view["profile"], PROFILE_COLUMNS, header=t("crm.app.profile")) + "<br>"
            + html_table(view["contacts"], CONTACT_COLUMNS, header=t("crm.app.contacts"), contact_header=True))
        self.tickets_html.value = html_table(view["open_tickets"], TICKET_COLUMNS, header=t("crm.app.open_tickets"))

    def first_draw(self, result):
        self._show_tables(result)
        slots = len(model.order_history(result["view"]["orders"].iloc[:0], "M", start=self.start, end=self.end))
        label = self._labels[result["customer_id"]]
        return (views.plot_order_history(result["history"], result["metric"], label=label, slots=slots,
                                         ax=self.axes[0]),
                views.plot_category_mix(result["mix"], self.categories, result["metric"], ax=self.axes[1]))

    def draw(self, result, handles):
        self._show_tables(result)
        views.update_order_history(handles[0], result["history"], result["metric"],
                                   label=self._labels[result["customer_id"]])
        views.update_category_mix(handles[1], result["mix"], result["metric"])


def chapter_apps(tables=None, names=None) -> dict[str, CourseApp]:
    """The app of Chapter 1, built on an in-memory CRM database.

    Parameters
    ----------
    tables : dict of DataFrame, optional
        Tables for :func:`scm_course.crm.build_database` (default: the
        course's :func:`scm_course.crm.crm_tables`).
    names : iterable of str, optional
        Which apps to build (default all): ``customer360``.
    """
    from .._validation import check_option

    def customer360():
        conn = model.connect()
        model.build_database(conn, tables if tables is not None else model.crm_tables())
        return Customer360App(conn)

    builders = {"customer360": customer360}
    wanted = list(builders) if names is None else [check_option(n, "names", builders) for n in names]
    return {name: builders[name]() for name in wanted}
