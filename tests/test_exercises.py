"""What every exercise check must do, whatever the chapter (scm_course.exercises)."""
from __future__ import annotations

import pytest

from exercise_checks import ODD_ANSWERS
from scm_course.exercises import check, evaluate, question_ids

QUESTIONS = question_ids()


def test_every_chapter_with_exercises_is_found():
    assert {q.split(".")[0] for q in QUESTIONS} >= {"ch02", "ch03", "ch04", "ch05"}


@pytest.mark.parametrize("qid", QUESTIONS)
def test_none_means_not_answered(qid, capsys):
    feedback = evaluate(qid, None)
    assert feedback.status == "unanswered" and not feedback.correct
    assert check(qid, None) is None  # the cell shows only the printed line
    assert capsys.readouterr().out == "⏳ Not answered yet — replace None with your answer.\n"


@pytest.mark.parametrize("qid", QUESTIONS)
@pytest.mark.parametrize("answer", ODD_ANSWERS, ids=lambda a: type(a).__name__)
def test_odd_answers_get_a_hint_not_an_exception(qid, answer, capsys):
    feedback = evaluate(qid, answer)
    assert feedback.status == "incorrect"
    check(qid, answer)
    assert capsys.readouterr().out.startswith("❌ Not yet: ")


@pytest.mark.parametrize("bad_id", ["ch04.q9", "q1", "ch99.q1", None, 4])
def test_unknown_question_id_is_a_clear_error(bad_id):
    with pytest.raises(ValueError, match="question_id must be one of"):
        check(bad_id, 1)
