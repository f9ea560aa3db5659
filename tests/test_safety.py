"""Static safety checks over the package, the tools and course.py (AST, no execution).

* no deserialisation that can run code: no ``pickle``/``dill``/``cloudpickle``/``joblib``/
  ``shelve``/``marshal`` import, no ``read_pickle``, no ``allow_pickle=True``, no
  ``yaml.load`` without ``SafeLoader`` (nor ``yaml.unsafe_load``/``full_load``);
* no ``eval``/``exec``, and no pandas ``.eval``/``.query`` on a non-constant expression;
* SQL only parameterised: the SQL argument of every ``.execute``/``.executemany``/
  ``.executescript``/``read_sql*`` call and of the course's ``crm.query(conn, sql, ...)``
  is a constant string, a name bound only to constant strings (or split/stripped pieces
  of one), or an f-string that interpolates only
  - identifiers checked by ``crm._ident`` against the fixed allow-list
    ``crm._SQL_IDENTIFIERS`` (tables and columns of the course's schemas),
  - ``?`` placeholders (``", ".join("?" * n)``),
  - ``crm._in(NAME)`` of a module-level tuple of constant strings (CHECK ... IN lists).
  ``%`` and ``.format`` on SQL always fail.

Each rule has a guard test: a small bad snippet it must catch (and a good one it must pass).
One exemption, checked to stay exactly as described: ``scm_course/exercises/ch01.py``
``SNIPPETS`` A and B are the deliberately unsafe SQL of the SQL-injection exercise (run only
on a throw-away in-memory database with a constant crafted name).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCANNED = [ROOT / "scm_course", ROOT / "tools", ROOT / "course.py"]

BANNED_MODULES = {"pickle", "_pickle", "cPickle", "dill", "cloudpickle", "joblib", "shelve", "marshal"}
UNSAFE_YAML = {"unsafe_load", "unsafe_load_all", "full_load", "full_load_all"}
SAFE_YAML_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}
EXECUTE = {"execute", "executemany", "executescript"}
READ_SQL = {"read_sql", "read_sql_query", "read_sql_table"}

# --- the allow-lists of the SQL rule (each checked by a test below) --------------------
#: file -> functions that return an identifier checked against a fixed allow-list
IDENTIFIER_FUNCTIONS = {"scm_course/crm.py": {"_ident"}}
#: file -> functions that format a module-level tuple of constant strings as an SQL list
LITERAL_LIST_FUNCTIONS = {"scm_course/crm.py": {"_in"}}
#: functions that only adapt placeholders of SQL text: safe iff that argument is safe
TRANSPARENT = {"_sql": 1}
#: (file, function, parameter): SQL pass-through wrappers; their callers are checked instead
PASS_THROUGH = {("scm_course/crm.py", "query", "sql")}
#: file -> {catalogue name: (class, sql field, sql position)}: ``X.sql`` of an item of the
#: catalogue is safe because every construction of the (frozen) class has constant SQL
CATALOGUES = {"scm_course/crm.py": {"FUNCTION_QUERIES": ("FunctionQuery", "sql", 4)}}
#: (file, top-level name) -> number of findings there that are deliberate (teaching)
EXEMPTIONS = {("scm_course/exercises/ch01.py", "SNIPPETS"): 2}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    text: str
    top: str  # the module-level name whose statement holds the finding ('' if none)

    def __str__(self):
        return f"{self.path}:{self.line}: [{self.rule}] {self.text}"


def _name_of(func) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _is_str(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


class _Module:
    """One source file: its scopes, what each name is bound to, and the checks."""

    def __init__(self, source: str, path: str):
        self.path = path
        self.tree = ast.parse(source)
        self.lines = source.splitlines()
        self.findings: list[Finding] = []
        self.scope_of: dict = {}  # node -> innermost enclosing function (or the module)
        self.parent_scope: dict = {}  # function -> enclosing function (or the module)
        self.bindings: dict = {}  # (scope, name) -> list of ("value"|"iter"|"param"|"import"|"aug", node)
        self.top_of: dict = {}  # node -> top-level statement names
        self._index(self.tree, self.tree)
        for stmt in self.tree.body:
            names = sorted({t.id for n in ast.walk(stmt) if isinstance(n, (ast.Assign, ast.AnnAssign))
                            for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
                            if isinstance(t, ast.Name)}) if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else []
            label = names[0] if names else getattr(stmt, "name", "")
            for node in ast.walk(stmt):
                self.top_of[node] = label

    # ---------------------------------------------------------------- indexing
    def _bind(self, scope, name, kind, node):
        self.bindings.setdefault((scope, name), []).append((kind, node))

    def _bind_target(self, scope, target, kind, node):
        if isinstance(target, ast.Name):
            self._bind(scope, target.id, kind, node)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:  # unpacking: not followed, so unsafe if used as SQL
                self._bind_target(scope, elt, "unknown", node)
        # attributes / subscripts bind no name

    def _index(self, node, scope):
        for child in ast.iter_child_nodes(node):
            self.scope_of[child] = scope
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                if not isinstance(child, ast.Lambda):
                    self._bind(scope, child.name, "unknown", child)
                self.parent_scope[child] = scope
                args = child.args
                for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
                    if a is not None:
                        self._bind(child, a.arg, "param", child)
                for default in [*args.defaults, *args.kw_defaults]:
                    if default is not None:
                        self.scope_of[default] = scope
                        self._index(default, scope)
                for stmt in (child.body if isinstance(child.body, list) else [child.body]):
                    self.scope_of[stmt] = child
                    self._visit_binding(stmt, child)
                    self._index(stmt, child)
                continue
            if isinstance(child, ast.ClassDef):
                self._bind(scope, child.name, "unknown", child)
            self._visit_binding(child, scope)
            self._index(child, scope)

    def _visit_binding(self, node, scope):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                self._bind_target(scope, target, "value", node.value)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            self._bind_target(scope, node.target, "value", node.value)
        elif isinstance(node, ast.AugAssign):
            self._bind_target(scope, node.target, "aug", node)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            self._bind_target(scope, node.target, "iter", node.iter)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    self._bind_target(scope, item.optional_vars, "unknown", item)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                self._bind(scope, (alias.asname or alias.name).split(".")[0], "import", node)
        elif isinstance(node, ast.NamedExpr):
            self._bind_target(scope, node.target, "value", node.value)

    def _function_name(self, scope) -> str | None:
        return getattr(scope, "name", None)

    # ---------------------------------------------------------------- SQL dataflow
    def _lookup(self, name, scope):
        while True:
            found = self.bindings.get((scope, name))
            if found is not None:
                return scope, found
            if scope is self.tree:
                return None, None
            scope = self.parent_scope.get(scope, self.tree)

    def _safe_name(self, name, scope, bound, seen, iterable=False) -> bool:
        if name in bound:
            return bound[name]
        where, defs = self._lookup(name, scope)
        if defs is None or (where, name, iterable) in seen:
            return False
        seen = seen | {(where, name, iterable)}
        for kind, node in defs:
            if kind == "param":
                if (self.path, self._function_name(where), name) not in PASS_THROUGH or iterable:
                    return False
            elif kind == "value":
                ok = (self._safe_iterable(node, where, {}, seen) if iterable else self._safe(node, where, {}, seen))
                if not ok:
                    return False
            elif kind == "iter" and not iterable:
                if not self._safe_iterable(node, where, {}, seen):
                    return False
            elif kind == "aug" and not iterable:
                if not (isinstance(node.op, ast.Add) and self._safe(node.value, where, {}, seen)):
                    return False
            else:
                return False
        return True

    def _comprehension_bound(self, node, scope, bound, seen):
        bound = dict(bound)
        for gen in node.generators:
            ok = self._safe_iterable(gen.iter, scope, bound, seen)
            if isinstance(gen.target, ast.Name):
                bound[gen.target.id] = ok
            else:
                for sub in ast.walk(gen.target):
                    if isinstance(sub, ast.Name):
                        bound[sub.id] = False
        return bound

    def _safe_iterable(self, node, scope, bound, seen) -> bool:
        """Every element of ``node`` is safe SQL text."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "split", "splitlines"):
            return self._safe(node.func.value, scope, bound, seen)
        if isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
            inner = self._comprehension_bound(node, scope, bound, seen)
            return self._safe(node.elt, scope, inner, seen)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return all(self._safe(e, scope, bound, seen) for e in node.elts)
        if isinstance(node, ast.Name):
            return self._safe_name(node.id, scope, bound, seen, iterable=True)
        return False

    def _constant_tuple(self, node) -> bool:
        """A module-level name bound only to a tuple/list of constant strings."""
        if not isinstance(node, ast.Name):
            return False
        defs = self.bindings.get((self.tree, node.id), [])
        return bool(defs) and all(kind == "value" and isinstance(value, (ast.Tuple, ast.List))
                                  and all(_is_str(e) for e in value.elts) for kind, value in defs)

    def _safe_fragment(self, node, scope, bound, seen) -> bool:
        """What an f-string of SQL may interpolate (see the module docstring)."""
        if isinstance(node, ast.Call):
            name = _name_of(node.func)
            if isinstance(node.func, ast.Name) and name in IDENTIFIER_FUNCTIONS.get(self.path, ()):
                return True
            if (isinstance(node.func, ast.Name) and name in LITERAL_LIST_FUNCTIONS.get(self.path, ())
                    and len(node.args) == 1 and self._constant_tuple(node.args[0])):
                return True
            if isinstance(node.func, ast.Attribute) and name == "join" and _is_str(node.func.value) and len(node.args) == 1:
                arg = node.args[0]
                idents = IDENTIFIER_FUNCTIONS.get(self.path, ())
                if (isinstance(arg, ast.Call) and _name_of(arg.func) == "map" and arg.args
                        and isinstance(arg.args[0], ast.Name) and arg.args[0].id in idents):
                    return True
                if isinstance(arg, (ast.ListComp, ast.GeneratorExp)) and isinstance(arg.elt, ast.Call) \
                        and isinstance(arg.elt.func, ast.Name) and arg.elt.func.id in idents:
                    return True
                if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mult) and _is_str(arg.left) \
                        and arg.left.value == "?":
                    return True  # ", ".join("?" * n): placeholders only
        return False

    def _catalogue_item(self, node, scope) -> bool:
        """``node`` is bound only to ``CATALOGUE[...]`` of this file's catalogues."""
        if not isinstance(node, ast.Name):
            return False
        catalogues = CATALOGUES.get(self.path, {})
        _, defs = self._lookup(node.id, scope)
        return bool(defs) and all(kind == "value" and isinstance(value, ast.Subscript)
                                  and isinstance(value.value, ast.Name) and value.value.id in catalogues
                                  for kind, value in defs)

    def _safe(self, node, scope, bound=None, seen=frozenset()) -> bool:
        """``node`` evaluates to SQL text built only from constants (and allowed identifiers)."""
        bound = bound or {}
        if _is_str(node):
            return True
        if isinstance(node, ast.JoinedStr):
            return all(_is_str(v) or (isinstance(v, ast.FormattedValue) and v.format_spec is None
                                      and self._safe_fragment(v.value, scope, bound, seen)) for v in node.values)
        if isinstance(node, ast.Name):
            return self._safe_name(node.id, scope, bound, seen)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self._safe(node.left, scope, bound, seen) and self._safe(node.right, scope, bound, seen)
        if isinstance(node, ast.IfExp):
            return self._safe(node.body, scope, bound, seen) and self._safe(node.orelse, scope, bound, seen)
        if isinstance(node, ast.Subscript):
            return self._safe_iterable(node.value, scope, bound, seen)
        if isinstance(node, ast.Attribute) and node.attr in {v[1] for v in CATALOGUES.get(self.path, {}).values()}:
            return self._catalogue_item(node.value, scope)
        if isinstance(node, ast.Call):
            func, name = node.func, _name_of(node.func)
            if isinstance(func, ast.Attribute) and name in ("strip", "lstrip", "rstrip") and not node.args:
                return self._safe(func.value, scope, bound, seen)
            if isinstance(func, ast.Attribute) and name == "replace" and all(_is_str(a) for a in node.args):
                return self._safe(func.value, scope, bound, seen)
            if name in TRANSPARENT and len(node.args) > TRANSPARENT[name]:
                return self._safe(node.args[TRANSPARENT[name]], scope, bound, seen)
        return False

    # ---------------------------------------------------------------- the checks
    def add(self, node, rule, text):
        self.findings.append(Finding(self.path, node.lineno, rule, text, self.top_of.get(node, "")))

    def _sql_argument(self, call):
        name = _name_of(call.func)
        keywords = {k.arg: k.value for k in call.keywords}
        if isinstance(call.func, ast.Attribute) and name in EXECUTE:
            return call.args[0] if call.args else keywords.get("sql", keywords.get("operation"))
        if name in READ_SQL:
            return call.args[0] if call.args else keywords.get("sql", keywords.get("table_name"))
        if name == "query" and (len(call.args) >= 2 or "sql" in keywords):  # crm.query(conn, sql, params)
            return call.args[1] if len(call.args) >= 2 else keywords["sql"]
        return None

    def check(self) -> list[Finding]:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] in BANNED_MODULES:
                        self.add(node, "deserialise", f"import {alias.name}")
            elif isinstance(node, ast.ImportFrom):
                module = (node.module or "").split(".")[0]
                if module in BANNED_MODULES:
                    self.add(node, "deserialise", f"from {node.module} import ...")
                if module == "yaml" and any(a.name in UNSAFE_YAML | {"load", "load_all"} for a in node.names):
                    self.add(node, "yaml", "from yaml import load/unsafe_load (use yaml.safe_load)")
            elif isinstance(node, ast.Call):
                self._check_call(node)
        return self.findings

    def _check_call(self, node):
        func, name = node.func, _name_of(node.func)
        keywords = {k.arg: k.value for k in node.keywords}
        scope = self.scope_of.get(node, self.tree)
        if isinstance(func, ast.Name) and name in ("eval", "exec"):
            self.add(node, "eval", f"{name}(...)")
        if name == "read_pickle":
            self.add(node, "deserialise", "read_pickle(...)")
        if "allow_pickle" in keywords and not (isinstance(keywords["allow_pickle"], ast.Constant)
                                               and keywords["allow_pickle"].value is False):
            self.add(node, "deserialise", "allow_pickle=True")
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "yaml":
            if name in UNSAFE_YAML:
                self.add(node, "yaml", f"yaml.{name}(...)")
            elif name in ("load", "load_all"):
                loader = keywords.get("Loader", node.args[1] if len(node.args) > 1 else None)
                if _name_of(loader) not in SAFE_YAML_LOADERS:
                    self.add(node, "yaml", f"yaml.{name} without SafeLoader")
        if isinstance(func, ast.Attribute) and name in ("eval", "query") and len(node.args) == 1 \
                and not keywords.get("sql") and not _is_str(node.args[0]):
            self.add(node, "eval", f".{name}(<non-constant expression>) (pandas evaluates it)")
        sql = self._sql_argument(node)
        if sql is not None and not self._safe(sql, scope):
            self.add(node, "sql", f"{name}(...) with SQL built at run time: "
                                  f"{ast.unparse(sql)[:90]} (bind values to placeholders)")


def check_source(source: str, path: str = "snippet.py") -> list[Finding]:
    return _Module(source, path).check()


def _scanned_files():
    for base in SCANNED:
        files = [base] if base.is_file() else sorted(base.rglob("*.py"))
        for path in files:
            if "__pycache__" not in path.parts:
                yield path


@pytest.fixture(scope="module")
def all_findings():
    out = []
    for path in _scanned_files():
        out += check_source(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    return out


def test_the_scan_covers_the_package_and_tools():
    files = {p.relative_to(ROOT).as_posix() for p in _scanned_files()}
    assert {"scm_course/crm.py", "scm_course/data.py", "tools/notebook_builder.py", "course.py"} <= files
    assert len(files) > 60


def test_no_unsafe_code(all_findings):
    left = [f for f in all_findings if (f.path, f.top) not in EXEMPTIONS]
    assert not left, "unsafe code:\n" + "\n".join(map(str, left))


def test_exemptions_are_exactly_the_injection_exercise(all_findings):
    for (path, top), count in EXEMPTIONS.items():
        found = [f for f in all_findings if (f.path, f.top) == (path, top)]
        assert len(found) == count and {f.rule for f in found} == {"sql"}, found
    from scm_course.exercises import ch01

    assert sorted(ch01.SNIPPETS) == ["A", "B", "C"]  # C, the parameterised one, passes the check


# --------------------------------------------------------------------------
# the allow-lists are real
# --------------------------------------------------------------------------
def test_sql_identifier_allow_list_exists_and_is_fixed():
    from scm_course import crm

    tables = {**crm.TABLE_COLUMNS, **crm.LOGISTICS_TABLE_COLUMNS}
    assert isinstance(crm._SQL_IDENTIFIERS, frozenset)
    assert crm._SQL_IDENTIFIERS == set(tables) | {c for cols in tables.values() for c in cols}
    assert crm._ident("customers") == "customers" and crm._ident("order_date") == "order_date"
    for bad in ("customers; DROP TABLE orders", "x' OR '1'='1", "sqlite_master", "", None, 3):
        with pytest.raises(ValueError, match="SQL identifier must be a table or column of the CRM schema"):
            crm._ident(bad)


def test_literal_lists_are_module_constants():
    from scm_course import crm

    assert crm._in(("East", "West")) == "('East', 'West')"
    tree = ast.parse((ROOT / "scm_course" / "crm.py").read_text(encoding="utf-8"))
    uses = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _name_of(n.func) == "_in"]
    assert uses and all(isinstance(n.args[0], ast.Name) and isinstance(getattr(crm, n.args[0].id), tuple)
                        and all(isinstance(v, str) and "'" not in v for v in getattr(crm, n.args[0].id))
                        for n in uses)


def test_catalogue_queries_are_constant_and_frozen():
    from dataclasses import FrozenInstanceError

    from scm_course import crm

    for path, catalogues in CATALOGUES.items():
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        for cls, field, position in catalogues.values():
            made = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _name_of(n.func) == cls]
            assert len(made) == len(crm.FUNCTION_QUERIES)
            for call in made:
                kw = {k.arg: k.value for k in call.keywords}
                assert _is_str(kw.get(field, call.args[position] if len(call.args) > position else None)), call.lineno
    query = next(iter(crm.FUNCTION_QUERIES.values()))
    with pytest.raises(FrozenInstanceError):
        query.sql = "DROP TABLE customers"


def test_pass_through_wrapper_takes_sql_and_params():
    import inspect

    from scm_course import crm

    for _path, function, parameter in PASS_THROUGH:
        assert list(inspect.signature(getattr(crm, function)).parameters)[:3] == ["conn", parameter, "params"]


# --------------------------------------------------------------------------
# guard tests: each rule catches a small bad snippet (and passes a good one)
# --------------------------------------------------------------------------
BAD = {
    "import pickle\nx = pickle.load(open('f', 'rb'))": "deserialise",
    "from joblib import load": "deserialise",
    "import shelve": "deserialise",
    "import marshal": "deserialise",
    "import dill as d": "deserialise",
    "import pandas as pd\ndf = pd.read_pickle('x.pkl')": "deserialise",
    "import numpy as np\na = np.load('a.npy', allow_pickle=True)": "deserialise",
    "eval(text)": "eval",
    "exec(code, {})": "eval",
    "df.query(user_expr)": "eval",
    "import yaml\nyaml.load(text)": "yaml",
    "import yaml\nyaml.load(text, Loader=yaml.Loader)": "yaml",
    "import yaml\nyaml.unsafe_load(text)": "yaml",
    "import yaml\nyaml.full_load(text)": "yaml",
    "from yaml import load": "yaml",
    "cur.execute(f\"SELECT * FROM t WHERE name = '{name}'\")": "sql",
    "cur.execute(\"SELECT * FROM t WHERE name = '%s'\" % name)": "sql",
    "cur.execute(\"SELECT * FROM t WHERE name = '{}'\".format(name))": "sql",
    "cur.execute(\"SELECT * FROM t WHERE name = '\" + name + \"'\")": "sql",
    "sql = 'SELECT 1'\nif x:\n    sql = f'SELECT {x}'\ncur.execute(sql)": "sql",
    "def f(conn, sql):\n    conn.execute(sql)": "sql",
    "conn.executemany(f'INSERT INTO {table} VALUES (?)', rows)": "sql",
    "conn.executescript(script)": "sql",
    "import pandas as pd\npd.read_sql(f'SELECT * FROM {t}', conn)": "sql",
    "crm.query(conn, f\"SELECT * FROM customers WHERE name = '{name}'\")": "sql",
    "for s in user_text.split(';'):\n    cur.execute(s)": "sql",
    "def q(conn, table):\n    conn.execute(f'SELECT * FROM {_ident(table)}')": "sql",  # _ident outside crm.py
    "spec = {'sql': s}\ncur.execute(spec.sql)": "sql",
}

GOOD = [
    "import yaml\nyaml.safe_load(text)\nyaml.load(text, Loader=yaml.SafeLoader)",
    "import numpy as np\nnp.load('a.npy')\nnp.load('a.npy', allow_pickle=False)",
    "import ast\nast.literal_eval('1')",
    "cur.execute('SELECT * FROM t WHERE name = ?', (name,))",
    "Q = '''SELECT 1'''\ndef f(cur):\n    cur.execute(Q)",
    "S = 'CREATE TABLE a (x);CREATE TABLE b (y)'\nfor s in (p.strip() for p in S.split(';')):\n    cur.execute(s)",
    "S = 'A;B'\nparts = [p.strip() for p in S.split(';') if p.strip()]\nfor s in parts:\n    cur.execute(s)",
    "df.query('a > 1')",
    "crm.query(conn, 'SELECT * FROM customers WHERE name = ?', (name,))",
    "crm.query(conn, _sql(conn, 'SELECT ?'), (1,))",
]

GOOD_IN_CRM = [
    "def f(cur, name, columns):\n"
    "    cur.executemany(f\"INSERT INTO {_ident(name)} ({', '.join(map(_ident, columns))}) \"\n"
    "                    f\"VALUES ({', '.join('?' * len(columns))})\", rows)",
    "R = ('a', 'b')\nS = f'CREATE TABLE t (x TEXT CHECK (x IN {_in(R)}))'\ndef g(cur):\n    cur.execute(S)",
    "def query(conn, sql, params=()):\n    conn.cursor().execute(sql, params)",
    "def run(conn, key):\n    spec = FUNCTION_QUERIES[key]\n    return query(conn, _sql(conn, spec.sql), ())",
]

BAD_IN_CRM = [
    "R = [x for x in y]\nS = f'CHECK (x IN {_in(R)})'\ncur.execute(S)",  # _in of a non-constant
    "def f(cur, name):\n    cur.execute(f'SELECT * FROM {name}')",  # identifier not checked
    "def f(cur, n):\n    cur.execute(f\"VALUES ({', '.join(str(v) for v in n)})\")",  # values formatted in
    "def other(conn, sql):\n    conn.execute(sql)",  # not a registered pass-through
]


@pytest.mark.parametrize("source", list(BAD))
def test_guard_bad_snippet_is_caught(source):
    rules = {f.rule for f in check_source(source)}
    assert BAD[source] in rules, (source, rules)


@pytest.mark.parametrize("source", GOOD)
def test_guard_good_snippet_passes(source):
    assert check_source(source) == []


@pytest.mark.parametrize("source", GOOD_IN_CRM)
def test_guard_allowed_identifiers_pass_in_crm(source):
    assert check_source(source, "scm_course/crm.py") == []


@pytest.mark.parametrize("source", BAD_IN_CRM)
def test_guard_crm_allow_lists_are_narrow(source):
    assert {f.rule for f in check_source(source, "scm_course/crm.py")} == {"sql"}
