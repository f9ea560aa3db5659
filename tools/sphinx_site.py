"""A small Sphinx extension for the course website (copied into the book by tools/website.py).

Jupyter Book 1 with sphinx-thebe 0.3 puts thebe's inline configuration script
on every page twice (``const THEBE_JS_URL`` declared twice: a console error in
every browser).  This drops repeated scripts from each page, keeping the first.
"""
from __future__ import annotations


def _script_key(script) -> tuple:
    """A script's file and attributes; an inline script has file None or "" (the same script twice)."""
    filename = getattr(script, "filename", script) or ""
    attributes = getattr(script, "attributes", {}) or {}
    return str(filename), tuple(sorted((k, str(v)) for k, v in attributes.items()))


def drop_repeated_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def setup(app):
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
