"""Bad-input matrix: scm_course.exercises and its chapter/case modules (see tests/bad_inputs.py).

The answer checkers take any answer: a bad one is a hint, never an exception, so
every bad value of ``answer`` is "accepted" (it gets feedback) and only
``question_id`` must be a clear error.  A second test calls each question's
grader directly with the odd answers of tests/exercise_checks.py: it must give a
hint of its own (WrongAnswer), not fall through to the safety net of
:func:`scm_course.exercises.evaluate` ("this answer could not be read").
"""
from __future__ import annotations

import importlib
import warnings

import pytest

from bad_inputs import KINDS, Case, check, matrix
from exercise_checks import ODD_ANSWERS, Weird
from scm_course.exercises import WrongAnswer, question_ids

#: every bad answer gets feedback (a hint), never an exception
ANY_ANSWER = {"answer": set(KINDS)}

CASES = [
    # a dict answer (weighted score per supplier) and a number answer (CLV), so that both kinds are mutated
    Case("exercises.check", lambda: {"question_id": "ch04.q5", "answer": {"S1": 3.9, "S2": 3.5, "S3": 3.7}},
         accepts=ANY_ANSWER),
    Case("exercises.evaluate", lambda: {"question_id": "ch06.q1", "answer": 409.09}, accepts=ANY_ANSWER),
    Case("exercises.case01.case_classes", lambda: {"measure": "annual_margin", "product_cutoffs": (0.5, 0.8, 0.95)}),
    Case("exercises.case01.case_matrix", lambda: {"score": "mean"}),
    Case("exercises.ch04.per_product_totals", lambda: {"tables": dict(_distributor())},
         accepts={"tables": {"none",               # None = the course's distributor
                             "unknown label"}}),   # other tables are not used
]
for _module in ("ch01", "ch02", "ch03", "ch04", "ch05", "ch06", "ch07", "ch08",
                "case01", "case02", "case03", "case04", "case05"):
    CASES.append(Case(f"exercises.{_module}.expected_answer", lambda: {"question": "q1"}))


def _distributor():
    from scm_course.data import load_distributor

    return load_distributor()


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)


@pytest.mark.parametrize("qid", question_ids())
def test_graders_give_their_own_hint_for_odd_answers(qid):
    chapter, question = qid.split(".")
    grader = importlib.import_module(f"scm_course.exercises.{chapter}").QUESTIONS[question]
    for answer in ODD_ANSWERS:
        if isinstance(answer, Weird):  # its repr fails: only the safety net can describe it
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # no RuntimeWarning / pandas warning on the way to a hint
                grader(answer)
        except WrongAnswer:
            continue
        except Exception as err:  # noqa: BLE001 - the failure looked for
            raise AssertionError(f"{qid}: the grader crashed on {answer!r} ({type(err).__name__}: {err}); "
                                 "evaluate() would only say the answer could not be read") from err
