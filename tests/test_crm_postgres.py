"""The CRM database on a real PostgreSQL server (the path a class server would use).

A throw-away PostgreSQL cluster is started on loopback for this module: its
own data directory under pytest's tmp_path, a free port, torn down at the end.
The same ``crm`` calls as on SQLite (``connect`` with a SQLAlchemy URL or an
open psycopg connection, ``build_database``, ``query``, ``customer_360``) must
give the same answers, reject the same bad rows and roll back the same way.

The server binaries (``initdb``, ``pg_ctl``) come from the operating system
(e.g. Debian's ``postgresql`` package); where they are not installed the
module is skipped with that reason printed in the summary (``-ra``).
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from scm_course import crm

psycopg = pytest.importorskip("psycopg", reason="psycopg not installed (it comes with the test extras)")
sqlalchemy = pytest.importorskip("sqlalchemy", reason="sqlalchemy not installed (it comes with the test extras)")


def _server_binaries():
    """Directory holding initdb and pg_ctl, or None."""
    found = shutil.which("initdb") and shutil.which("pg_ctl")
    if found:
        return os.path.dirname(os.path.realpath(shutil.which("pg_ctl")))
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(folder, "initdb")) and os.path.exists(os.path.join(folder, "pg_ctl")):
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    """(host, port, user) of a fresh PostgreSQL cluster, stopped after the module."""
    if sys.platform == "win32":
        pytest.skip("the throw-away PostgreSQL cluster of this test is started with POSIX tools")
    binaries = _server_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed on this machine; "
                    "e.g. `apt-get install postgresql` to run the PostgreSQL tests")
    # Not under pytest's tmp_path: when run as root, the 'postgres' user must be able to reach it.
    root = Path(tempfile.mkdtemp(prefix="scm-course-pg-"))
    data = root / "data"
    run_as = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # initdb refuses to run as root
        runuser = shutil.which("runuser")
        try:
            import pwd
            pwd.getpwnam("postgres")
        except KeyError:
            runuser = None
        if runuser is None:
            pytest.skip("running as root without a 'postgres' user and runuser: initdb cannot run")
        os.chown(root, pwd.getpwnam("postgres").pw_uid, -1)
        run_as = [runuser, "-u", "postgres", "--"]
    port = _free_port()

    def run(*args):
        done = subprocess.run([*run_as, *args], capture_output=True, text=True, timeout=120)
        if done.returncode:
            shutil.rmtree(root, ignore_errors=True)
            raise RuntimeError(f"{' '.join(args[:1])} failed: {done.stderr or done.stdout}")

    run(os.path.join(binaries, "initdb"), "-D", str(data), "-U", "crm", "--auth=trust", "-E", "UTF8",
        "--no-locale")
    run(os.path.join(binaries, "pg_ctl"), "-D", str(data), "-w", "-l", str(root / "log.txt"), "-o",
        f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off", "start")
    try:
        yield "127.0.0.1", port, "crm"
    finally:
        subprocess.run([*run_as, os.path.join(binaries, "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def database(server):
    """A fresh empty database per test; yields its SQLAlchemy URL."""
    host, port, user = server
    name = f"crm_{os.getpid()}_{_free_port()}"
    with psycopg.connect(host=host, port=port, user=user, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')  # a generated identifier, not user input
    yield f"postgresql+psycopg://{user}@{host}:{port}/{name}"
    with psycopg.connect(host=host, port=port, user=user, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _counts(conn):
    return {t: int(crm.query(conn, f"SELECT COUNT(*) AS n FROM {t}")["n"].iloc[0]) for t in crm.TABLE_COLUMNS}


@pytest.fixture(scope="module")
def course_tables():
    return crm.crm_tables()


def test_course_database_same_as_sqlite(database, course_tables):
    pg = crm.connect(database)
    lite = crm.connect()
    assert crm.build_database(pg, course_tables) == crm.build_database(lite, course_tables)
    assert _counts(pg) == _counts(lite)
    for customer in ("C001", "C017", "C040"):
        a, b = crm.customer_360(pg, customer), crm.customer_360(lite, customer)
        assert list(a) == list(b)
        for part in a:
            pd.testing.assert_frame_equal(a[part], b[part], check_dtype=False, check_exact=False, rtol=1e-12)


def test_open_psycopg_connection_is_accepted(database, course_tables):
    url = sqlalchemy.engine.make_url(database)
    with psycopg.connect(host=url.host, port=url.port, user=url.username, dbname=url.database) as conn:
        assert crm.connect(conn) is conn
        crm.build_database(conn, {k: course_tables[k] for k in ("customers", "products")})
        got = crm.query(conn, "SELECT name FROM customers WHERE customer_id = %s", ("C001",))
        assert got["name"].tolist() == course_tables["customers"].set_index("customer_id").loc[["C001"], "name"].tolist()


def _customer(cid="C1", name="Jade Home Store"):
    return pd.DataFrame({"customer_id": [cid], "name": [name], "region": ["East"], "channel": ["dealer"]})


@pytest.mark.parametrize("tables, constraint", [
    ({"orders": pd.DataFrame({"order_id": ["O1"], "customer_id": ["NOPE"], "order_date": ["2025-01-02"]})},
     "foreign key"),
    ({"customers": _customer("C1")}, "customers_pkey"),
    ({"customers": _customer("C2").assign(region="Mars")}, "customer_region_allowed"),
])
def test_bad_rows_rejected_and_rolled_back(database, tables, constraint):
    conn = crm.connect(database)
    crm.build_database(conn, {"customers": _customer("C1")})
    before = _counts(conn)
    extra = {"customers": _customer("C9", "Lotus Mall")} if "customers" not in tables else {}
    with pytest.raises(ValueError, match=rf"(?i){constraint}.*rolled back"):
        crm.build_database(conn, {**extra, **tables})
    assert _counts(conn) == before  # the good rows of the failed load were not kept either


def test_negative_quantity_rejected(database, course_tables):
    conn = crm.connect(database)
    lines = course_tables["order_lines"].head(3).copy()
    lines.loc[lines.index[2], "quantity"] = -1
    tables = {"customers": course_tables["customers"], "products": course_tables["products"], "order_lines": lines}
    with pytest.raises(ValueError, match=r"order_lines.*row 2 .*quantity_positive"):
        crm.build_database(conn, tables)
    assert sum(_counts(conn).values()) == 0


def test_injection_name_stored_verbatim(database):
    conn = crm.connect(database)
    evil = "Robert'); DROP TABLE customers;-- %s %(x)s \\"
    crm.build_database(conn, {"customers": pd.concat([_customer("C1"), _customer("C2", evil)])})
    assert crm.customer_360(conn, "C2")["profile"]["name"].iloc[0] == evil
    assert crm.query(conn, "SELECT customer_id FROM customers WHERE name = %s",
                     (evil,))["customer_id"].tolist() == ["C2"]
    assert crm.query(conn, "SELECT customer_id FROM customers WHERE name = %s",
                     ("x' OR '1'='1",)).empty
    assert _counts(conn)["customers"] == 2
