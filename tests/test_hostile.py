"""Hostile input: nothing a user can type loses data, hangs or ends in a traceback (issue 20).

The data-loss cases run the real CLI in a subprocess twice: as root, and as an ordinary user
(`nobody`, switched to before the CLI starts, when the tests run as root).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "district-plan.txt"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


def _nobody() -> tuple[int, int] | None:
    try:
        import pwd

        entry = pwd.getpwnam("nobody")
    except (ImportError, KeyError):
        return None
    return entry.pw_uid, entry.pw_gid


# Runs in the subprocess: each case through xzcli's real entry point, one after the other
# in one interpreter (starting one per case would make these tests slow). For the non-root
# user, the process starts as root (the interpreter may live where nobody may not enter,
# such as /root/.pyenv), loads every module the commands import with a warm-up run of each
# on the shipped sample written to a scratch folder, then becomes `nobody` for the cases.
_DRIVER = r"""
import contextlib, io, json, os, sys
from xzcli.cli import main

def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(argv)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return {"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}

cases, ids = json.loads(sys.argv[1]), json.loads(sys.argv[2])
scratch, sample = sys.argv[3], sys.argv[4]
if ids is not None:
    for command in sorted({argv[0] for argv in cases}):
        for fmt in ("table", "json", "csv"):
            run([command, sample, "-f", fmt])
            run([command, sample, "-f", fmt, "-o", os.path.join(scratch, "warm." + fmt)])
    os.setgroups([])
    os.setgid(ids[1])
    os.setuid(ids[0])
    assert os.getuid() != 0 and os.geteuid() != 0
sys.stdout.write(json.dumps([run(argv) for argv in cases]))
"""


class Cli:
    """Runs xzcli cases in a subprocess, as root or as an unprivileged user."""

    def __init__(self, user: str, folder: Path, scratch: Path) -> None:
        self.user = user
        self.folder = folder
        self.scratch = scratch
        self.ids = _nobody() if user == "nobody" and IS_ROOT else None

    def many(self, *cases: list[str | Path], timeout: float = 60) -> list[Result]:
        env = {**os.environ, "HOME": str(self.folder), "TMPDIR": str(self.folder)}
        argvs = [[str(a) for a in case] for case in cases]
        command = [sys.executable, "-c", _DRIVER, json.dumps(argvs), json.dumps(self.ids),
                   str(self.scratch), str(SAMPLE)]
        proc = subprocess.run(command, cwd=self.folder, env=env, capture_output=True,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return [Result(**r) for r in json.loads(proc.stdout)]

    def __call__(self, *args: str | Path, timeout: float = 60) -> Result:
        return self.many(list(args), timeout=timeout)[0]


@pytest.fixture(params=["root", "nobody"])
def cli(request: pytest.FixtureRequest) -> Iterator[Cli]:
    """The CLI as root (skipped when the tests do not run as root) and as a non-root user."""
    if request.param == "root" and not IS_ROOT:
        pytest.skip("not running as root: the as-root case needs root")
    if request.param == "nobody" and IS_ROOT and _nobody() is None:
        pytest.skip("no 'nobody' user to run the non-root case as")
    # Not under pytest's tmp_path: its parents are private to root, and nobody must get in.
    folder = Path(tempfile.mkdtemp(prefix="xzcli-hostile-"))
    scratch = Path(tempfile.mkdtemp(prefix="xzcli-warm-"))
    try:
        runner = Cli(request.param, folder, scratch)
        if runner.ids is not None:
            os.chown(folder, *runner.ids)
        yield runner
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)


def _give(cli: Cli, *paths: Path) -> None:
    """Hand files made by the test to the user the CLI runs as."""
    for path in paths:
        if cli.ids is not None:
            os.chown(path, *cli.ids, follow_symlinks=False)


def _folder_with_input(cli: Cli) -> tuple[Path, Path]:
    folder = cli.folder / "d"
    folder.mkdir()
    source = folder / "a.txt"
    shutil.copy(SAMPLE, source)
    _give(cli, folder, source)
    return folder, source


def _one_error_line(result: Result) -> str:
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# -- 1. never onto an input ---------------------------------------------------------------------
def test_output_onto_a_file_inside_an_input_folder_is_refused(cli: Cli) -> None:
    folder, source = _folder_with_input(cli)
    before = source.read_bytes()
    result = cli("keywords", "d", "-o", "d/a.txt", "-q")
    assert result.code == 2
    assert "inside the input folder" in _one_error_line(result)
    assert source.read_bytes() == before


def test_output_where_the_next_folder_run_would_read_it_is_refused(cli: Cli) -> None:
    folder, _ = _folder_with_input(cli)
    (folder / "sub").mkdir()
    _give(cli, folder / "sub")
    targets = ("d/out.txt", "d/sub/out.md", "./d/../d/NOTES.TXT")
    *refused, json_ok, hidden_ok = cli.many(
        *(["figures", "d", "-o", t] for t in targets),
        # What a folder run never reads may go there: another suffix, a hidden name.
        ["figures", "d", "-o", "d/out.json", "-f", "json"], ["figures", "d", "-o", "d/.out.txt"])
    for result in refused:
        assert result.code == 2
        assert "inside the input folder" in _one_error_line(result)
    assert json_ok.code == 0 and hidden_ok.code == 0
    assert sorted(p.name for p in folder.rglob("*")) == [".out.txt", "a.txt", "out.json", "sub"]


def test_output_through_a_link_or_onto_a_dictionary_is_refused(cli: Cli) -> None:
    folder, source = _folder_with_input(cli)
    before = source.read_bytes()
    link = cli.folder / "link.txt"
    link.symlink_to(source)
    hard = cli.folder / "hard.txt"
    os.link(source, hard)
    words = cli.folder / "words.dict"
    words.write_text("新质生产力 100 n\n")
    _give(cli, link, hard, words)
    results = cli.many(["keywords", "d/a.txt", "-o", "link.txt"],
                       ["keywords", "d/a.txt", "-o", "hard.txt"],
                       ["keywords", "d/a.txt", "--dict", "words.dict", "-o", "words.dict"])
    assert [r.code for r in results] == [2, 2, 2]
    assert "--dict" in _one_error_line(results[2])
    assert source.read_bytes() == before
    assert words.read_text() == "新质生产力 100 n\n"


# -- 2. devices, FIFOs and links are written in place, never renamed over -------------------
def _devices(cli: Cli) -> dict[str, Path]:
    made = {}
    for name, minor in (("null", 3), ("full", 7)):
        path = cli.folder / name
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
        except (PermissionError, AttributeError, OSError) as exc:
            pytest.skip(f"cannot make a device node here ({exc}); needs root")
        os.chmod(path, 0o666)
        made[name] = path
    return made


def test_output_to_a_null_device_keeps_the_device(cli: Cli) -> None:
    devices = _devices(cli)
    result = cli("keywords", SAMPLE, "-o", "null", "-f", "json")
    assert result.code == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(devices["null"]).st_mode)
    assert os.lstat(devices["null"]).st_rdev == os.makedev(1, 3)


def test_output_to_a_full_device_is_one_line_and_keeps_the_device(cli: Cli) -> None:
    devices = _devices(cli)
    result = cli("figures", SAMPLE, "-o", "full")
    assert result.code == 1
    assert "No space left" in _one_error_line(result)
    assert stat.S_ISCHR(os.lstat(devices["full"]).st_mode)
    assert [p.name for p in cli.folder.iterdir() if p.name.endswith(".tmp")] == []


def test_output_through_a_symlink_keeps_the_link(cli: Cli) -> None:
    real = cli.folder / "real.json"
    real.write_text("old\n")
    real.chmod(0o640)
    link = cli.folder / "out.json"
    link.symlink_to("real.json")
    _give(cli, real, link)
    assert cli("figures", SAMPLE, "-f", "json", "-o", "out.json").code == 0
    assert link.is_symlink() and os.readlink(link) == "real.json"
    assert real.read_text().startswith("{")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_output_to_a_fifo_nobody_reads_is_refused_not_a_hang(cli: Cli) -> None:
    fifo = cli.folder / "pipe"
    os.mkfifo(fifo)
    _give(cli, fifo)
    result = cli("figures", SAMPLE, "-o", "pipe", timeout=30)
    assert result.code == 1 and "nothing is reading" in _one_error_line(result)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_output_that_cannot_be_created_is_one_line(cli: Cli) -> None:
    targets = ("/proc/xzcli-out.json", "/sys/xzcli-out.json", "x" * 300 + ".json")
    for result in cli.many(*(["figures", SAMPLE, "-o", t] for t in targets)):
        assert result.code == 1, result.stderr
        assert "cannot write output" in _one_error_line(result)
    assert sorted(p.name for p in cli.folder.iterdir() if p.name.endswith(".tmp")) == []


# -- 3. FIFOs inside folders, the empty path ---------------------------------------------------
def test_a_fifo_inside_a_folder_is_skipped_with_a_note(cli: Cli) -> None:
    folder, _ = _folder_with_input(cli)
    os.mkfifo(folder / "b.txt")
    _give(cli, folder / "b.txt")
    result = cli("figures", "d", "-f", "json", timeout=30)
    assert result.code == 0, result.stderr
    assert "skipped d/b.txt: not a regular file" in result.stderr
    assert '"source": "d/a.txt"' in result.stdout and "b.txt" not in result.stdout


def test_an_empty_path_is_refused_not_the_current_folder(cli: Cli) -> None:
    _folder_with_input(cli)
    result = cli("figures", "")
    assert result.code == 2 and "empty" in _one_error_line(result)
    assert result.stdout == ""


# -- 4. --scheduler: a clear line within seconds ------------------------------------------------
@pytest.mark.parametrize("address", ["garbage", "tcp://", "http://127.0.0.1:8786",
                                     "tcp://host:99999", "tcp://host:port", " "])
def test_a_malformed_scheduler_address_is_a_usage_error(xz, address: str) -> None:
    run = xz("figures", SAMPLE, "--scheduler", address)
    assert run.code == 2
    assert "not a Dask scheduler address" in _one_error_line(Result(run.code, "", run.stderr))


class _Listener:
    """A loopback TCP server that is not Dask: it accepts, then says `reply` or nothing."""

    def __init__(self, reply: bytes) -> None:
        import socket
        import threading

        self.reply = reply
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.held: list[socket.socket] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self.reply:
                conn.sendall(self.reply)
            self.held.append(conn)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        for conn in self.held:
            conn.close()
        self.server.close()


@pytest.mark.parametrize("reply", [b"", b"HTTP/1.0 400 Bad Request\r\n\r\n"],
                         ids=["silent", "http"])
def test_a_server_that_is_not_dask_gives_one_line_within_the_deadline(
    xz, monkeypatch: pytest.MonkeyPatch, reply: bytes
) -> None:
    pytest.importorskip("distributed")
    import xzcli.distributed

    # The real deadline is a few seconds; one keeps the test short.
    monkeypatch.setattr(xzcli.distributed, "CONNECT_SECONDS", 1)
    listener = _Listener(reply)
    try:
        run = xz("figures", SAMPLE, "--scheduler", f"tcp://127.0.0.1:{listener.port}")
    finally:
        listener.close()
    assert run.code == 1
    line = _one_error_line(Result(run.code, "", run.stderr))
    assert "no Dask scheduler answered" in line and len(line) < 400


def test_nothing_listening_is_refused_at_once(xz) -> None:
    import socket

    pytest.importorskip("distributed")
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # free once closed: nothing listens there after
    run = xz("figures", SAMPLE, "--scheduler", f"tcp://127.0.0.1:{port}")
    assert run.code == 1
    assert "refused" in _one_error_line(Result(run.code, "", run.stderr))


# -- 7. Ctrl-C during a folder run ---------------------------------------------------------------
def _children(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                kids.append(int(entry.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_ctrl_c_during_a_parallel_folder_run_leaves_no_output_and_no_workers(
    tmp_path: Path,
) -> None:
    import signal
    import time

    from xzcli.pipeline import PARALLEL_MIN_BYTES, default_jobs

    if default_jobs() < 2:
        pytest.skip("one core: a folder run starts no workers")
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        # Started as a background job (nohup, `cmd &` in a script): the run inherits Ctrl-C
        # ignored, as any program started from here would, and rightly keeps ignoring it.
        pytest.skip("SIGINT is ignored in this process, so the run started from it ignores it")
    folder = tmp_path / "big"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8") * 60
    count = 0
    while count * len(text.encode()) < 4 * PARALLEL_MIN_BYTES:
        (folder / f"{count:03d}.txt").write_text(text, encoding="utf-8")
        count += 1
    out = tmp_path / "out.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "xzcli", "keywords", str(folder), "-j", "2", "-f", "json",
         "-o", str(out)],
        cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a shell job would have
    )
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
            workers = _children(proc.pid)
        assert len(workers) >= 2, "the run never started its workers"
        assert proc.poll() is None, "the run ended before Ctrl-C could be sent"
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130
    assert b"Traceback" not in err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers), "a worker outlived the interrupted run"


# -- 11. -j 999 ----------------------------------------------------------------------------------
def test_jobs_are_capped_at_the_cores_and_the_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xzcli.pipeline as pipeline

    started: list[int] = []

    def fake_pool(task, sources, spec, encoding, jobs, *rest):  # type: ignore[no-untyped-def]
        started.append(jobs)
        return iter(())

    monkeypatch.setattr(pipeline, "_run_in_pool", fake_pool)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    files = []
    for i in range(3):
        files.append(str(tmp_path / f"{i}.txt"))
        Path(files[-1]).write_text("发展")
    list(pipeline.run_documents(lambda d, s: None, files, pipeline.SegmenterSpec(), jobs=999))
    assert started and started[0] <= min(3, pipeline.default_jobs())


# -- 5. lint in linear time ------------------------------------------------------------------------
_LINT_HUGE = r"""
from xzcli.lint import lint_text
cases = {"blank": "\n" * 200_000, "letters": "a" * 200_000, "dots": "a." * 100_000,
         "brackets": "《" * 50_000 + "）" * 50_000}
for name, text in cases.items():
    print(name, len(lint_text(text)))
"""


def test_lint_of_huge_degenerate_texts_finishes() -> None:
    # These took time quadratic in the length (40,000 blank lines: 21 s); at five times that
    # length a quadratic scan would run for many minutes, a linear one for seconds. The timeout
    # only stops a hang; it is no measure of speed.
    proc = subprocess.run([sys.executable, "-c", _LINT_HUGE], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert proc.stdout.split() == ["blank", "0", "letters", "0", "dots", "0",
                                   "brackets", "100000"]


# -- 6. a --regex that backtracks catastrophically is stopped --------------------------------------
@pytest.mark.parametrize("command", ["kwic", "usage"])
def test_a_catastrophic_regex_is_stopped_with_one_line(
    xz, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    import xzcli.kwic

    # (a|aa)+$ against 60 a's and a b tries about 1.6 ** 60 ways: it can never finish, so only
    # the budget (shortened here from its default of a few seconds) can end the run.
    monkeypatch.setattr(xzcli.kwic, "REGEX_SECONDS", 0.2)
    doc = tmp_path / "doc.txt"
    doc.write_text("推进发展。" + "a" * 60 + "b\n", encoding="utf-8")
    run = xz(command, "--regex", "(a|aa)+$", doc)
    assert run.code == 2
    line = _one_error_line(Result(run.code, "", run.stderr))
    assert "(a|aa)+$" in line and "stopped" in line


def test_an_ordinary_regex_still_finds_every_match(xz, tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("推进高质量发展，推进改革。\n", encoding="utf-8")
    run = xz("kwic", "--regex", r"推进\p{Han}{2}", doc, "-f", "json")
    assert run.code == 0, run.stderr
    assert [h["match"] for h in json.loads(run.stdout)["hits"]] == ["推进高质", "推进改革"]


# -- 8, 9. malformed dictionaries, theme files and IDF tables: one line, never a traceback
def _error_line(run) -> str:  # type: ignore[no-untyped-def]
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr[-500:]
    assert len(lines[0]) <= 1100
    return lines[0]


@pytest.mark.parametrize("line", ["新质生产力 18446744073709551616 n",
                                  "新质生产力 99999999999999999999999999",
                                  "新质生产力 ² n"])
def test_a_dictionary_with_an_impossible_frequency_is_one_line(
    xz, tmp_path: Path, line: str
) -> None:
    words = tmp_path / "words.dict"
    words.write_text(line + "\n", encoding="utf-8")
    run = xz("keywords", SAMPLE, "--dict", words)
    assert run.code == 1
    assert "words.dict:1" in _error_line(run)


def _themes_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name,text", [
    ("deep.toml", "[themes.a]\nterms = " + "[" * 5000 + "]" * 5000 + "\n"),
    ("deep.yaml", "Dictionary:\n  a: " + "[" * 5000 + "]" * 5000 + "\n"),
    ("deep-map.yaml", "Dictionary:\n  a: " + "{b: " * 5000 + "c" + "}" * 5000 + "\n"),
    ("self.yaml", "Dictionary:\n  a: &s [发展, *s]\n"),
    ("category.yaml", "Category: [[1, 2]]\nDictionary:\n  a: [发展]\n"),
    ("key.yaml", "Dictionary:\n  ? [1, 2]\n  : [发展]\n"),
])
def test_a_malformed_theme_file_is_one_line(xz, tmp_path: Path, name: str, text: str) -> None:
    run = xz("themes", SAMPLE, "--themes", _themes_file(tmp_path, name, text))
    assert run.code == 1
    assert name in _error_line(run)


def test_billion_laughs_is_refused_quickly_in_one_short_line(xz, tmp_path: Path) -> None:
    lines = ['a0: &a0 ["发展"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    lines.append("Dictionary:\n  x: *a9")
    run = xz("themes", SAMPLE, "--themes", _themes_file(tmp_path, "laughs.yaml",
                                                        "\n".join(lines) + "\n"))
    assert run.code == 1
    assert "expands to over" in _error_line(run)


def test_yaml_with_python_object_tags_is_refused(xz, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"Dictionary:\n  x: !!python/object/apply:os.system ['touch {marker}']\n"
    run = xz("themes", SAMPLE, "--themes", _themes_file(tmp_path, "tags.yaml", text))
    assert run.code == 1
    assert "tag not allowed" in _error_line(run)
    assert not marker.exists()


@pytest.mark.parametrize("weight", ["inf", "nan", "-inf", "1e309", "0", "-1"])
def test_a_theme_weight_that_is_not_a_finite_positive_number_is_one_line(
    xz, tmp_path: Path, weight: str
) -> None:
    text = f'[themes.a]\nterms = {{"发展" = {weight}, "产业" = 1}}\n'
    run = xz("themes", SAMPLE, "--themes", _themes_file(tmp_path, "w.toml", text),
             "-f", "json")
    assert run.code == 1
    assert "weight" in _error_line(run)


def test_a_500_character_theme_term_is_no_traceback(xz, tmp_path: Path) -> None:
    # The matcher nested one group per character and overflowed the stack. Either answer is
    # fine for a user: a refusal in one line, or a result that is valid JSON.
    text = '[themes.a]\nterms = ["' + "新" * 500 + '", "发展"]\n'
    run = xz("themes", SAMPLE, "--themes", _themes_file(tmp_path, "long.toml", text),
             "-f", "json")
    assert run.code in (0, 1)
    if run.code == 0:
        json.loads(run.stdout, parse_constant=lambda c: pytest.fail(f"JSON has {c}"))
    else:
        _error_line(run)


@pytest.mark.parametrize("table", [
    "# documents=1" + "0" * 400 + "\n发展\t1\n",
    "# documents=2\n发展\t²\n",
])
def test_an_impossible_idf_table_is_one_line(xz, tmp_path: Path, table: str) -> None:
    path = tmp_path / "t.idf"
    path.write_text(table, encoding="utf-8")
    run = xz("tfidf", SAMPLE, "--idf", path)
    assert run.code == 1
    assert "t.idf" in _error_line(run)


def test_an_error_about_a_huge_argument_stays_one_short_line(xz) -> None:
    run = xz("keywords", "x" * 100_000 + "\n.txt")
    assert run.code == 1
    assert "File name too long" in _error_line(run)


@pytest.mark.parametrize("redirect,needle", [
    ("<&-", "standard input is closed"),
    (">&-", "standard output is closed"),
    ("> /dev/full", "No space left"),
])
def test_closed_or_full_standard_streams_are_one_line(redirect: str, needle: str) -> None:
    if redirect.endswith("/dev/full") and not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    source = "-" if redirect == "<&-" else str(SAMPLE)
    script = f'exec "$0" -m xzcli figures {source} {redirect}'
    proc = subprocess.run(["sh", "-c", script, sys.executable], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and needle in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
