"""Bad input: one clear line on stderr, exit code 2, no traceback, no partial output file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import LEUSDEN_IVP, run_cli


def _assert_one_line_error(result, expected: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("veiligheid: error: ")
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def _bad_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    blank = tmp_path / "blank.txt"
    blank.write_text("   \n\n  \n")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return {"empty": empty, "blank": blank, "binary": binary}


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("missing", "no such file"),
        ("directory", "is a directory"),
        ("empty", "file is empty"),
        ("blank", "file is empty"),
        ("binary", "binary file"),
    ],
)
@pytest.mark.parametrize("command", ["ingest", "extract", "check"])
def test_bad_input_files(tmp_path, case, expected, command):
    files = _bad_files(tmp_path)
    path = {"missing": tmp_path / "nope.txt", "directory": tmp_path}.get(case) or files[case]
    out = tmp_path / "out.json"
    result = run_cli(command, str(path), "-o", str(out))
    _assert_one_line_error(result, expected)
    assert not out.exists()


def test_bad_regional_file_in_align(tmp_path):
    result = run_cli("align", str(LEUSDEN_IVP), str(tmp_path / "missing-rvs.txt"))
    _assert_one_line_error(result, "no such file")


def test_empty_stdin():
    _assert_one_line_error(run_cli("ingest", "-", stdin=""), "input is empty")


def test_unknown_format_value():
    _assert_one_line_error(
        run_cli("ingest", str(LEUSDEN_IVP), "--format", "xml"), "'xml' is not one of"
    )
    _assert_one_line_error(run_cli("extract", str(LEUSDEN_IVP), "-f", "pdf"), "'pdf' is not one of")
    _assert_one_line_error(run_cli("check", str(LEUSDEN_IVP), "--fail-level", "fatal"), "fatal")


def test_unknown_command_and_option():
    _assert_one_line_error(run_cli("bogus"), "No such command")
    _assert_one_line_error(run_cli("ingest", str(LEUSDEN_IVP), "--nope"), "No such option")


def test_output_to_missing_directory_writes_nothing(tmp_path):
    out = tmp_path / "no-such-dir" / "out.txt"
    _assert_one_line_error(run_cli("ingest", str(LEUSDEN_IVP), "-o", str(out)), "does not exist")


def test_unknown_model_is_a_usage_error():
    result = run_cli("extract", str(LEUSDEN_IVP), "--model", "nl_core_news_xyz")
    _assert_one_line_error(result, "not installed")


def test_version_and_help():
    assert run_cli("--version").stdout.startswith("veiligheid ")
    for command in ("ingest", "extract", "themes", "align", "check"):
        result = run_cli(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.stdout


def test_console_script_has_no_traceback(tmp_path):
    """The real entry point, in a subprocess, on a missing file."""
    code = (
        "import sys; from veiligheid_cli.cli import run; "
        f"sys.argv = ['veiligheid', 'extract', {str(tmp_path / 'x.txt')!r}]; run()"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr


def test_every_command_shows_the_decoding_warning(tmp_path):
    from conftest import HILVERSUM

    plan = tmp_path / "plan.txt"
    plan.write_bytes(
        "Integraal Veiligheidsplan gemeente Cafédorp 2024-2027\n\nOnze speerpunten zijn: "
        "ondermijning; jeugdoverlast.\n".encode("cp1252")
    )
    runs = {
        "extract": ["extract", str(plan)],
        "align": ["align", str(plan), str(HILVERSUM)],
        "common": ["common", str(plan)],
        "batch": ["batch", str(plan), "-r", str(HILVERSUM), "-o", str(tmp_path / "out")],
    }
    for name, args in runs.items():
        result = run_cli(*args)
        assert "decoded as cp1252" in result.stderr, name
