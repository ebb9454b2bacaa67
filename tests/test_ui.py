"""The terminal side: with ``-v``, each finished task says how much it did and how long it took."""

from __future__ import annotations

import json

import pytest

from tthc_tools.ui import Ui


def _run_task(ui: Ui) -> None:
    progress = ui.progress()
    progress.start("Pulling the national catalogue", 3, "procedures")
    for _n in range(3):
        progress.advance()
    progress.finish()
    progress.finish()  # a second finish says nothing more


@pytest.mark.parametrize(("verbose", "quiet", "shown"), [(1, False, True), (0, False, False), (1, True, False)])
def test_verbose_runs_time_each_task_on_stderr(capsys: pytest.CaptureFixture[str], verbose: int, quiet: bool,
                                               shown: bool) -> None:
    _run_task(Ui(verbose=verbose, quiet=quiet))
    out, err = capsys.readouterr()
    assert out == ""
    assert (err.count("Pulling the national catalogue: 3 procedures in ") == 1) is shown and err.count("\n") == shown


def test_a_json_log_marks_the_line_as_debug(capsys: pytest.CaptureFixture[str]) -> None:
    _run_task(Ui(verbose=1, log_format="json"))
    record = json.loads(capsys.readouterr().err)
    assert record["level"] == "debug" and record["message"].startswith("Pulling the national catalogue: 3 procedures")
