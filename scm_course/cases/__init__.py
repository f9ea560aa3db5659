"""Data of the casebook's cases (案例数据), one module per case with new data.

Each module has ``CASE_FOLDER`` (its folder under ``casebook/``), a seeded
``generate(seed=...)`` returning its tables, ``SCHEMA``, ``write(folder)``
(CSV files plus ``SHA256SUMS``) and ``load(folder=None)``, which checks the
files' schema and checksums.  ``python tools/make_case_data.py`` rewrites the
files of every case.  Cases built on the course's own data (CDNOW, the 3PL,
the distributor) load it from :mod:`scm_course.data` instead.
"""
