"""Bad-input matrix: scm_course.i18n (see tests/bad_inputs.py)."""
from __future__ import annotations

import pytest
from bad_inputs import Case, check, matrix

from scm_course.service import service_elements

CASES = [
    Case("i18n.set_language", lambda: {"language": "en"}),  # bad values raise before the state changes
    Case("i18n.edition_file", lambda: {"filename": "02_customer_service.ipynb", "language": "zh"},
         accepts={"language": {"none"}}),  # None is the default: the current language
    Case("i18n.glossary", lambda: {"chapter": "ch03"},
         accepts={"chapter": {"none"}}),  # None is the default: every term
    Case("i18n.has_label", lambda: {"key": "priority.abc.title"},
         accepts={"key": {"empty", "unknown label"}}),  # the predicate's answer for a non-key is False
    Case("i18n.t", lambda: {"key": "audit.table.title", "language": "zh", "firm": "Company A"},
         accepts={"language": {"none"}},  # None is the default: the current language
         skip={"firm": "a field fills a {placeholder} of the label text: any value prints"}),
    # a catalogue table as shown in chapter 2 (text only: the function never touches the data, so a NaN in
    # a numeric column would come back as it went in -- display only)
    Case("i18n.translate_headers", lambda: {"table": service_elements("post_transaction"), "language": "zh"},
         # headers without a label, an empty table, a missing column or a repeated index label are shown
         # as they are (display only)
         accepts={"table": {"empty", "missing column", "chinese columns", "duplicate keys"},
                  "language": {"none"}}),  # None is the default: the current language
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
