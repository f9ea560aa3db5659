"""Self-checks for the chapter exercises (练习自测).

A chapter notebook ends with exercises; each has a placeholder cell
(``answer_1 = None``) and a check cell::

    from scm_course.exercises import check
    check("ch04.q1", answer_1)

:func:`check` prints one line of feedback in the course language
(:func:`scm_course.set_language`):

* ``✅ Correct! ...`` when the answer is right;
* ``❌ Not yet: <hint>`` when it is wrong, or of the wrong type (a hint says
  what kind of answer is expected; the checker never raises for an answer);
* ``⏳ Not answered yet ...`` while the answer is still ``None``.

There is no stored answer key: each chapter module (``ch04``, ...) computes the
expected answer by calling the package's own model functions on the
exercise's data, then compares it with the student's answer (exactly for whole
numbers and names, with a stated tolerance for decimals).

:func:`evaluate` returns the same feedback as a :class:`Feedback` object, for
tests and graders.
"""
from __future__ import annotations

import importlib
import math
import pkgutil
import re
from dataclasses import dataclass
from numbers import Real

from ..i18n import t

__all__ = ["Feedback", "check", "evaluate", "question_ids"]

def _chapters() -> list[str]:
    """Prefixes with a question module here: chapters ``ch02.py`` -> ``"ch02"``, cases ``case01.py`` -> ``"case01"``."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if re.fullmatch(r"ch\d\d|case\d\d", m.name))

CORRECT, INCORRECT, UNANSWERED = "correct", "incorrect", "unanswered"


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer.

    Attributes
    ----------
    question_id : str
        E.g. ``"ch04.q1"``.
    status : {"correct", "incorrect", "unanswered"}
    message : str
        The line :func:`check` prints (in the current language).
    """

    question_id: str
    status: str
    message: str

    @property
    def correct(self) -> bool:
        """True if the answer is right."""
        return self.status == CORRECT


class WrongAnswer(Exception):
    """Raised inside a question's grader to report a hint (never escapes)."""

    def __init__(self, hint: str):
        super().__init__(hint)
        self.hint = hint


def _questions(chapter: str) -> dict:
    return importlib.import_module(f".{chapter}", __name__).QUESTIONS


def question_ids() -> list[str]:
    """Every question id that :func:`check` knows, e.g. ``["ch04.q1", ...]``."""
    return [f"{chapter}.{q}" for chapter in _chapters() for q in _questions(chapter)]


def _split_id(question_id) -> tuple[str, str]:
    if isinstance(question_id, str) and "." in question_id:
        chapter, question = question_id.split(".", 1)
        if chapter in _chapters() and question in _questions(chapter):
            return chapter, question
    raise ValueError(f"question_id must be one of {question_ids()}, got {question_id!r}")


def evaluate(question_id: str, answer) -> Feedback:
    """Grade ``answer`` to question ``question_id`` and return the feedback.

    Parameters
    ----------
    question_id : str
        ``"<chapter>.<question>"``, e.g. ``"ch04.q1"``.
    answer : object
        The student's answer; ``None`` means not answered yet.  Any type is
        accepted: one of the wrong kind gets a hint, not an exception.

    Returns
    -------
    Feedback

    Raises
    ------
    ValueError
        If ``question_id`` is unknown (a typo in the notebook, not an answer).
    """
    chapter, question = _split_id(question_id)
    if answer is None:
        return Feedback(question_id, UNANSWERED, t("exercises.not_answered"))
    grader = _questions(chapter)[question]
    try:
        praise = grader(answer)
    except WrongAnswer as wrong:
        return Feedback(question_id, INCORRECT, t("exercises.not_yet", hint=wrong.hint))
    except Exception:  # noqa: BLE001 - a safety net: an odd answer must never crash the check cell
        return Feedback(question_id, INCORRECT, t("exercises.not_yet", hint=t("exercises.unreadable")))
    return Feedback(question_id, CORRECT, t("exercises.correct", note=praise))


def check(question_id: str, answer) -> None:
    """Print feedback on ``answer`` to question ``question_id`` (see :func:`evaluate`).

    Returns None, so a check cell shows only the printed line.

    Examples
    --------
    >>> check("ch04.q2", None)
    ⏳ Not answered yet — replace None with your answer.
    """
    print(evaluate(question_id, answer).message)


# --------------------------------------------------------------------------
# readers shared by the chapter modules: answer -> clean value, or a hint
# --------------------------------------------------------------------------
def describe(answer) -> str:
    """A short description of an answer for a hint: its type and a preview."""
    text = repr(answer)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{type(answer).__name__} {text}"


def read_int(answer, example: str = "7") -> int:
    """A whole number (int, numpy integer or a float such as 11.0); else a hint."""
    if isinstance(answer, bool) or not isinstance(answer, Real):
        raise WrongAnswer(t("exercises.expected_int", example=example, got=describe(answer)))
    value = float(answer)
    if not math.isfinite(value) or value != round(value):
        raise WrongAnswer(t("exercises.expected_int", example=example, got=describe(answer)))
    return round(value)


def read_number(answer, example: str = "0.5") -> float:
    """A finite real number; else a hint."""
    if isinstance(answer, bool) or not isinstance(answer, Real) or not math.isfinite(float(answer)):
        raise WrongAnswer(t("exercises.expected_number", example=example, got=describe(answer)))
    return float(answer)


def read_percent(answer, example: str = "0.9") -> float:
    """A share as a fraction (0.98) or a percentage (98, "98%"); returns the fraction."""
    if isinstance(answer, str):
        match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]*)?)\s*%\s*", answer)
        if not match:
            raise WrongAnswer(t("exercises.expected_number", example=example, got=describe(answer)))
        return float(match.group(1)) / 100
    value = read_number(answer, example)
    return value / 100 if value > 1 else value


def read_text(answer, example: str) -> str:
    """A non-empty string; else a hint."""
    if not isinstance(answer, str) or not answer.strip():
        raise WrongAnswer(t("exercises.expected_text", example=example, got=describe(answer)))
    return answer


def normalise_text(text: str) -> str:
    """Lower case, with every run of spaces, hyphens, underscores and commas removed."""
    return re.sub(r"[\s_\-,，、]+", "", text.strip().lower())
