"""The reliability corpus through the real command line: refused files exit 2 with one `error:`
line naming the problem and no traceback; awkward files are answered, with their warning."""
import json
from pathlib import Path

import pytest

from assistant.app import cli
from tests.helpers import run_cli, run_main
from tests.make_bad_files import make_corpus

QUESTION = "What is the ROI of TV?"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    directory = tmp_path_factory.mktemp("corpus")
    return directory, make_corpus(directory)


def pytest_generate_tests(metafunc):
    if "refused" in metafunc.fixturenames or "awkward" in metafunc.fixturenames:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            specs = make_corpus(Path(tmp))
        kind = "refuse" if "refused" in metafunc.fixturenames else "load"
        names = sorted(name for name, spec in specs.items() if spec.kind == kind)
        metafunc.parametrize("refused" if kind == "refuse" else "awkward", names, ids=names)


def test_refused_file_exits_2_with_one_line(corpus, refused, tmp_path):
    directory, specs = corpus
    spec = specs[refused]
    path = directory / spec.filename
    before = path.read_bytes() if path.is_file() else None
    # one file through a new process, end to end; the rest through the same entry point in this process
    # (`run_cli`: the same exit code, stdout and stderr, without a new interpreter's imports per file)
    run = run_main if refused == min(n for n, s in specs.items() if s.kind == "refuse") else run_cli
    proc = run("--csv", str(path), *spec.cli_args(), "--ask", QUESTION, "--json", "--no-charts", "--offline",
               "--outputs", str(tmp_path / "out"), cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert "Traceback" not in proc.stderr
    for part in spec.expect_message_parts:
        assert part in lines[0], (part, lines[0])
    if before is not None:
        assert path.read_bytes() == before
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_awkward_file_is_answered_with_its_warning(corpus, awkward, tmp_path, capsys):
    directory, specs = corpus
    spec = specs[awkward]
    path = directory / spec.filename
    before = path.read_bytes()
    code = cli.main(["--csv", str(path), *spec.cli_args(), "--ask", QUESTION, "--json", "--no-charts",
                     "--offline", "--outputs", str(tmp_path / "out")])
    out, err = capsys.readouterr()
    assert code == 0, err
    answers = [json.loads(line) for line in out.splitlines()]
    assert len(answers) == 1 and answers[0]["answer"]
    assert "Traceback" not in err
    if spec.expect_warning:
        assert spec.expect_warning in err, err
    assert path.read_bytes() == before
