"""The reliability corpus through the real command line: refused files exit 2 with one `error:`
line naming the problem and no traceback; awkward files are answered, with their warning."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.app import cli
from tests.make_bad_files import make_corpus

ROOT = Path(__file__).resolve().parents[1]
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
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--csv", str(path), *spec.cli_args(), "--ask", QUESTION,
         "--json", "--no-charts", "--offline", "--outputs", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
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
