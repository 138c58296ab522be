"""The record of what happened: every run kept in a SQLite history, and report files.

One module per job:

- :mod:`.schema` — the tables, their version (``PRAGMA user_version``) and the migrations;
  opening a database (WAL) with a clear error when it is corrupt, locked or too new.
- :mod:`.tracker` — turns the runner's events into rows (writer thread).
- :mod:`.writer` — the writer thread: a queue, batched transactions, retention after a run.
- :mod:`.retention` — which runs and records to keep.
- :mod:`.recorder` — the GUI-side hook: one call per drain of the runner's outbox.
- :mod:`.store` — reading the history back: list runs, load one as a :class:`.report.Report`.
- :mod:`.report` — the report model, its JSON form (docs/report-format.md) and its replay as
  runner events, so a window can show a past run with the same folding as a live one.
- :mod:`.html` and :mod:`.summary` — a self-contained HTML page and a plain-text summary.
- :mod:`.cli` — ``pyblish-qml report list|export``.

No Qt anywhere in this package: the window wraps it.
"""
