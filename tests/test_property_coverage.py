"""Every model function has at least one Hypothesis property test (issue 10).

An AST scan of ``tests/*.py`` collects, for every test function decorated with
``@given``, the scm_course functions it calls -- through module aliases
(``pr.abc_classify``, ``priority.abc_classify``, ``scm_course.priority.abc_classify``),
direct imports (``from scm_course.priority import abc_classify as ac``) and
re-exports (``from scm_course.value import clv_retention``), also when the call
sits in a helper function of the same test module that the property test calls.
Model functions are the public functions (in ``__all__``, defined in the module,
taking parameters) of the model modules below; plots, apps, i18n, data loaders
and exercises are not models.
"""
from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent

MODEL_MODULES = (
    "scm_course.service",
    "scm_course.tradeoff",
    "scm_course.priority",
    "scm_course.audit",
    "scm_course.demand",
    "scm_course.segment",
    "scm_course.crm",
    "scm_course.value.btyd",
    "scm_course.value.clv",
    "scm_course.value.cohorts",
    "scm_course.cases.appliance",
    "scm_course.cases.grocery",
    "scm_course.cases.industrial_audit",
)

# Functions with no invariant worth stating: plumbing whose whole behaviour is
# "hand back a resource".  Keep this short; a function that computes anything
# belongs in a property test.
EXEMPT = {
    "scm_course.service.service_elements":
        "look-up in a fixed catalogue (the 20 service elements); its one argument picks a phase, and "
        "test_service.py checks every phase against the seeds",
    "scm_course.service.supply_reaction_model":
        "look-up in a fixed catalogue (the reaction model's parts); nothing is computed",
    "scm_course.segment.account_actions":
        "a translated label table (tier -> name, action); only the language varies, test_segment.py checks both",
    "scm_course.crm.function_map":
        "a translated label table of the fixed query catalogue; only the language varies, "
        "test_crm_functions.py checks both",
}


def model_functions() -> set[str]:
    names = set()
    for modname in MODEL_MODULES:
        mod = importlib.import_module(modname)
        for name in mod.__all__:
            obj = getattr(mod, name)
            if (inspect.isfunction(obj) and obj.__module__ == modname
                    and inspect.signature(obj).parameters):
                names.add(f"{modname}.{name}")
    return names


def _resolve(dotted: str) -> str | None:
    """``scm_course.value.clv_retention`` -> ``scm_course.value.clv.clv_retention`` (where it is defined)."""
    parts = dotted.split(".")
    if parts[0] != "scm_course":
        return None
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for attr in parts[cut:]:
                obj = getattr(obj, attr)
        except AttributeError:
            return None
        if inspect.isfunction(obj):
            return f"{obj.__module__}.{obj.__name__}"
        return None
    return None


def _import_aliases(nodes) -> dict[str, str]:
    """Local name -> dotted scm_course path, from the import statements among ``nodes``."""
    aliases = {}
    for node in nodes:
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "scm_course":
                    if a.asname:
                        aliases[a.asname] = a.name
                    else:
                        aliases["scm_course"] = "scm_course"
        elif (isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
              and node.module.split(".")[0] == "scm_course"):
            for a in node.names:
                aliases[a.asname or a.name] = f"{node.module}.{a.name}"
    return aliases


def _dotted(expr) -> list[str] | None:
    parts = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if isinstance(expr, ast.Name):
        parts.append(expr.id)
        return parts[::-1]
    return None


def _is_given(decorator) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return (isinstance(target, ast.Name) and target.id == "given") or (
        isinstance(target, ast.Attribute) and target.attr == "given")


def property_calls(source: str) -> dict[str, set[str]]:
    """Test name -> model functions its ``@given`` test calls (directly or via local helpers)."""
    tree = ast.parse(source)
    module_aliases = _import_aliases(tree.body)
    functions = {n.name: n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}

    def calls_of(func, seen) -> set[str]:
        if func.name in seen:
            return set()
        seen.add(func.name)
        aliases = {**module_aliases, **_import_aliases(ast.walk(func))}
        found = set()
        for node in ast.walk(func):
            if not isinstance(node, ast.Call):
                continue
            parts = _dotted(node.func)
            if not parts:
                continue
            if parts[0] in aliases:
                target = _resolve(".".join([aliases[parts[0]], *parts[1:]]))
                if target:
                    found.add(target)
            elif len(parts) == 1 and parts[0] in functions:
                found |= calls_of(functions[parts[0]], seen)
        return found

    return {f.name: calls_of(f, set()) for f in functions.values()
            if any(_is_given(d) for d in f.decorator_list)}


def covered_functions() -> dict[str, list[str]]:
    covered: dict[str, list[str]] = {}
    for path in sorted(TESTS.glob("*.py")):
        for test, targets in property_calls(path.read_text(encoding="utf-8")).items():
            for target in targets:
                covered.setdefault(target, []).append(f"{path.name}::{test}")
    return covered


def test_scan_finds_calls_in_a_synthetic_module():
    source = '''
import scm_course.tradeoff as tr
from hypothesis import given, strategies as st
from scm_course import priority as pr
from scm_course.value import clv_retention as clv
from scm_course import segment

def helper(x):
    return segment.rfm_scores(x)

@given(st.floats())
def test_a(x):
    pr.abc_classify(x)
    clv(x, x, x)
    helper(x)
    tr.safety_factor(x)

@hypothesis.given(st.floats())
def test_b(x):
    from scm_course.demand import forecast_errors
    forecast_errors(x, x)

def test_not_a_property():
    pr.weighted_scores(1, 2)
'''
    found = property_calls(source)
    assert found["test_a"] == {
        "scm_course.priority.abc_classify", "scm_course.value.clv.clv_retention",
        "scm_course.segment.rfm_scores", "scm_course.tradeoff.safety_factor"}
    assert found["test_b"] == {"scm_course.demand.forecast_errors"}
    assert "test_not_a_property" not in found


def test_model_function_list_is_what_the_modules_export():
    models = model_functions()
    assert "scm_course.priority.abc_classify" in models
    assert "scm_course.value.clv.clv_retention" in models
    assert not any(".plots" in m or ".apps" in m or ".i18n" in m or ".data." in m for m in models)
    assert set(EXEMPT) <= models, f"EXEMPT names functions that are not model functions: {set(EXEMPT) - models}"


def test_every_model_function_has_a_property_test():
    models = model_functions()
    covered = covered_functions()
    missing = sorted(models - set(covered) - set(EXEMPT))
    assert not missing, (
        f"{len(missing)} of {len(models)} model functions have no Hypothesis property test "
        "(a @given test calling them):\n  " + "\n  ".join(missing))
    stale = sorted(name for name in EXEMPT if name in covered)
    assert not stale, f"exempt but now property-tested, drop from EXEMPT: {stale}"


if __name__ == "__main__":  # pragma: no cover - a listing for the developer
    cov = covered_functions()
    for name in sorted(model_functions()):
        print("+" if name in cov else "-", name, cov.get(name, ""))
    pytest.main([__file__])
