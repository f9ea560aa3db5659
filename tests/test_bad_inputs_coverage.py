"""Every public function of the package has a row in the bad-input matrix (tests/bad_inputs.py)."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import scm_course

TESTS = Path(__file__).resolve().parent


def public_functions() -> set[str]:
    """Dotted names (under scm_course) of the functions each module lists in ``__all__`` and defines itself.

    Functions without parameters cannot be given bad input and are left out;
    the apps (widgets, driven by tests/test_apps_*.py) and private modules too.
    """
    names = set()
    for info in pkgutil.walk_packages(scm_course.__path__, "scm_course."):
        if info.name.startswith("scm_course.apps") or "._" in info.name:
            continue
        module = importlib.import_module(info.name)
        for attr in getattr(module, "__all__", []):
            func = getattr(module, attr, None)
            if inspect.isfunction(func) and func.__module__ == module.__name__ \
                    and inspect.signature(func).parameters:
                names.add(f"{module.__name__.removeprefix('scm_course.')}.{attr}")
    return names


def matrix_cases() -> dict:
    cases = {}
    for path in sorted(TESTS.glob("test_bad_inputs_*.py")):
        if path.stem == "test_bad_inputs_coverage":
            continue
        module = importlib.import_module(path.stem)
        for case in module.CASES:
            assert case.name not in cases, f"{case.name} has two cases ({path.name})"
            cases[case.name] = case
    return cases


def test_every_public_function_is_in_the_matrix():
    missing = sorted(public_functions() - set(matrix_cases()))
    assert not missing, f"{len(missing)} public functions have no bad-input case: {missing}"


def test_every_case_names_a_public_function_and_calls_it_validly(tmp_path, monkeypatch):
    import matplotlib.pyplot as plt

    monkeypatch.chdir(tmp_path)  # valid calls of the write functions use relative folders
    monkeypatch.setenv("SCM_COURSE_HOME", str(tmp_path / "home"))
    public = public_functions()
    for name, case in matrix_cases().items():
        assert name in public, f"{name} is not a public function"
        case.function()(**case.valid())  # the valid call must work
        plt.close("all")  # the plot cases draw figures
