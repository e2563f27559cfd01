"""Reading ahead: the files of a run ingested in a forked child while spaCy loads, with the
same documents and the same errors as reading them in the process."""

from __future__ import annotations

import os
import signal

import pytest

from veiligheid_cli import read_ahead
from veiligheid_cli.errors import VeiligheidError
from veiligheid_cli.pipeline import Settings, ingest_file
from veiligheid_cli.read_ahead import ReadAhead

from conftest import HILVERSUM, LEUSDEN_LETTER, TWENTE, run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="reading ahead needs fork")
SETTINGS = Settings()


@pytest.fixture
def no_reading_here(monkeypatch):
    """Fail any ingest in this process: what `document` returns came from the child."""

    def refuse(path, settings):
        raise AssertionError(f"{path} was read in the parent")

    def install():
        monkeypatch.setattr(read_ahead, "ingest_file", refuse)

    return install


def test_documents_come_from_the_child_as_read_here(no_reading_here):
    paths = [str(HILVERSUM), str(TWENTE)]
    expected = [ingest_file(p, SETTINGS) for p in paths]
    ahead = ReadAhead(paths, SETTINGS)
    no_reading_here()  # after the fork: the child keeps the real reader
    try:
        assert ahead.started
        assert [ahead.document(p, SETTINGS) for p in paths] == expected
    finally:
        ahead.close()


def test_meanwhile_runs_once_before_the_first_wait():
    calls = []
    with read_ahead.read_ahead([str(HILVERSUM), str(TWENTE)], SETTINGS, lambda: calls.append(1)):
        pass
    assert calls == []  # nothing was asked for: nothing waited on
    with read_ahead.read_ahead(
        [str(HILVERSUM), str(TWENTE)], SETTINGS, lambda: calls.append(1)
    ) as ahead:
        ahead.document(str(HILVERSUM), SETTINGS)
        ahead.document(str(TWENTE), SETTINGS)
    assert calls == [1]


def test_asked_out_of_order_the_passed_files_are_read_here(monkeypatch):
    paths = [str(HILVERSUM), str(TWENTE)]
    read_here = []
    real = read_ahead.ingest_file
    with read_ahead.read_ahead(paths, SETTINGS) as ahead:
        monkeypatch.setattr(
            read_ahead, "ingest_file", lambda p, s: read_here.append(p) or real(p, s)
        )
        assert ahead.document(str(TWENTE), SETTINGS) == real(str(TWENTE), SETTINGS)
        assert ahead.document(str(HILVERSUM), SETTINGS) == real(str(HILVERSUM), SETTINGS)
    assert read_here == [str(HILVERSUM)]


def test_a_file_the_child_cannot_read_gives_the_error_of_reading_it_here(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not a PDF at all")
    with pytest.raises(VeiligheidError) as here:
        ingest_file(str(bad), SETTINGS)
    paths = [str(bad), str(HILVERSUM)]
    with read_ahead.read_ahead(paths, SETTINGS) as ahead:
        with pytest.raises(type(here.value)) as there:
            ahead.document(str(bad), SETTINGS)
        assert str(there.value) == str(here.value)
        assert not ahead.started  # the child stopped: the rest is read here
        assert ahead.document(str(HILVERSUM), SETTINGS) == ingest_file(str(HILVERSUM), SETTINGS)


def test_a_child_that_died_is_replaced_by_reading_here():
    ahead = ReadAhead([str(HILVERSUM)], SETTINGS)
    try:
        os.kill(ahead.pid, signal.SIGKILL)
        assert ahead.document(str(HILVERSUM), SETTINGS) == ingest_file(str(HILVERSUM), SETTINGS)
    finally:
        ahead.close()


def test_closing_collects_the_child():
    ahead = ReadAhead([str(HILVERSUM), str(TWENTE)], SETTINGS)
    pid = ahead.pid
    ahead.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already collected: no zombie left


def test_switched_off_stdin_and_bad_paths_are_read_here(monkeypatch, tmp_path):
    monkeypatch.setenv(read_ahead.ENV, "0")
    assert not ReadAhead([str(HILVERSUM)], SETTINGS).started
    monkeypatch.delenv(read_ahead.ENV)
    assert not ReadAhead(["-", str(tmp_path / "missing.txt")], SETTINGS).started


def test_the_commands_give_the_same_answer_either_way(monkeypatch):
    args = ["align", str(LEUSDEN_LETTER), str(HILVERSUM), "-f", "json", "--no-cache"]
    ahead = run_cli(*args)
    monkeypatch.setenv(read_ahead.ENV, "0")
    here = run_cli(*args)
    assert ahead.exit_code == here.exit_code == 0
    assert ahead.stdout == here.stdout and ahead.stderr == here.stderr


def test_a_bad_file_among_good_ones_fails_as_without_reading_ahead(monkeypatch, tmp_path):
    bad = tmp_path / "plan.pdf"
    bad.write_bytes(b"not a pdf")
    args = ["align", str(TWENTE), str(bad), str(HILVERSUM), "--no-cache"]
    ahead = run_cli(*args)
    monkeypatch.setenv(read_ahead.ENV, "0")
    here = run_cli(*args)
    assert ahead.exit_code == here.exit_code != 0
    assert ahead.stderr == here.stderr and len(ahead.stderr.splitlines()) == 1


def test_a_file_changed_after_the_child_read_it_is_read_again(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_bytes(TWENTE.read_bytes())
    ahead = ReadAhead([str(plan)], SETTINGS)
    try:
        os.waitpid(ahead.pid, 0)  # the child has read (and sent) the old contents
        ahead.pid = None
        plan.write_bytes(LEUSDEN_LETTER.read_bytes())
        assert ahead.document(str(plan), SETTINGS) == ingest_file(str(plan), SETTINGS)
    finally:
        ahead.close()


def test_a_fork_that_fails_leaves_every_file_to_this_process(monkeypatch):
    def no_fork():
        raise BlockingIOError("resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    ahead = ReadAhead([str(HILVERSUM)], SETTINGS)
    assert not ahead.started
    assert ahead.document(str(HILVERSUM), SETTINGS) == ingest_file(str(HILVERSUM), SETTINGS)
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) == before  # both ends of the pipe closed
