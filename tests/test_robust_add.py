"""Nothing half-written, nothing left behind: `add` killed, failing on a full disk or a read-only
directory keeps every PDF finished before, whole and searchable; temp files a killed process left
are swept at the next start; worker processes die with their parent."""

from __future__ import annotations

import builtins
import errno
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from index_docs import write_pdf

import index.libindex
from explorer.cli import main
from index import Library
from index.libindex import indexed_documents
from index.store import INDEX_NAME, open_index
from index.units import doc_key
from source.cache import sweep, temp_prefix

WORDS = ["heather", "lantern", "granite", "orchard", "saffron", "harbour", "meadow", "thimble"]
"""One word of its own per PDF: a search for it finds that PDF and no other."""


FILLER = [
    "The keepers of the valley wrote down each season what the weather had done to the fields and the roads.",
    "Nobody in the village remembered a spring as wet as that one, when the river rose over the lower bridge.",
    "Old ledgers kept in the chapel list the names of every family and the number of animals they had.",
    "In the autumn the carts went down to the market town, loaded with cheese, wool and dried apples.",
]
"""Body text around each PDF's own word (pages that differ, so that none is taken for a running header)."""


def make_pdfs(folder: Path, count: int, pages: int = 2) -> list[Path]:
    paths = []
    for i, word in enumerate(WORDS[:count]):
        path = folder / f"{i:02d}-{word}.pdf"
        body = [
            [
                FILLER[(p + i) % len(FILLER)],
                f"On page {p} the notebook tells how the {word} was kept through the winter of year {i + p}.",
                FILLER[(p + i + 1) % len(FILLER)],
            ]
            for p in range(1, pages + 1)
        ]
        write_pdf(path, body, title=word.title())
        paths.append(path)
    return paths


def leftovers(*roots: Path) -> list[Path]:
    return [
        p for root in roots for p in root.rglob("*") if p.name.endswith((".tmp", ".old")) or ".toc." in p.name
    ]


def check_whole(library_file: Path, given: list[Path]) -> list[str]:
    """The listed PDFs: each in the library's index (read as it is) and found by its own word."""
    library = Library(library_file)
    entries = library.list()
    assert not library.warnings
    assert {e.path for e in entries} <= {str(p) for p in given}
    if entries:
        assert library.index_dir is not None
        ix = open_index(library.index_dir)
        assert ix is not None
        have = indexed_documents(ix)
        assert all(doc_key(e.sha) in have for e in entries), "a listed PDF is not in the index"
    for e in entries:
        word = Path(e.path).stem.split("-")[1]
        hits = library.search(word).hits
        assert hits and {h.document for h in hits} == {e.path}
    library.close()
    return [e.path for e in entries]


# -- temp files --------------------------------------------------------------------------


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_sweep_removes_what_a_dead_process_left_and_keeps_a_live_ones(tmp_path: Path) -> None:
    dead = tmp_path / f".library.json.{dead_pid()}.abcd1234.tmp"
    dead.write_text("half")
    dead_dir = tmp_path / f".whoosh.{dead_pid()}.efgh5678.tmp"
    dead_dir.mkdir()
    (dead_dir / "seg").write_text("x")
    mine = tmp_path / f"{temp_prefix('document.json')}ijkl9012.tmp"
    mine.write_text("being written")
    live = tmp_path / f".document.json.{os.getppid()}.mnop3456.tmp"
    live.write_text("another process is writing it")
    kept = tmp_path / "document.json"
    kept.write_text("{}")
    removed = sweep(tmp_path)
    assert set(removed) == {dead, dead_dir}
    assert mine.exists() and live.exists() and kept.exists()


def test_the_next_start_sweeps_the_cache_and_data_directories(dirs: dict[str, Path]) -> None:
    from source.cache import cache_root
    from source.model import PARSER_VERSION

    top = cache_root() / str(PARSER_VERSION)
    (top / "libraries" / "abc").mkdir(parents=True)
    left = [
        top / f".{'f' * 64}.{dead_pid()}.aaaa1111.tmp",
        top / "libraries" / "abc" / f".whoosh.{dead_pid()}.bbbb2222.tmp",
        dirs["data"] / f".library.json.{dead_pid()}.cccc3333.tmp",
    ]
    for path in left:
        path.mkdir() if "whoosh" in path.name or "f" * 64 in path.name else path.write_text("x")
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 1  # the library is empty
    assert not any(p.exists() for p in left)


# -- workers die with their parent ---------------------------------------------------------

POOL_SCRIPT = """
import sys, time
from concurrent.futures import ProcessPoolExecutor
import multiprocessing
from index.ingest import worker_guard

def nap(_):
    import os
    time.sleep(60)
    return os.getpid()

if __name__ == "__main__":
    init, args = worker_guard()
    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context(sys.argv[1]), initializer=init, initargs=args)
    futures = [pool.submit(nap, i) for i in range(2)]
    time.sleep(0.5)
    print(" ".join(str(p) for p in pool._processes), flush=True)
    time.sleep(60)
"""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_die_with_their_parent_killed_with_sigkill(tmp_path: Path, method: str) -> None:
    script = tmp_path / "pool.py"
    script.write_text(POOL_SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    parent = subprocess.Popen(
        [sys.executable, str(script), method], stdout=subprocess.PIPE, text=True, env=env
    )
    assert parent.stdout is not None
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(alive(p) for p in workers)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    gone = not any(alive(p) for p in workers)
    for pid in workers:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    assert gone, "a worker outlived its parent"


# -- kill -9 during add --------------------------------------------------------------------


def test_kill_9_during_add_keeps_every_pdf_committed_and_the_add_resumes(dirs: dict[str, Path]) -> None:
    pdfs = make_pdfs(dirs["pdfs"], 8, pages=6)
    library_file = dirs["data"] / "library.json"
    env = {**os.environ, "CITEX_COMMIT_SECONDS": "0"}
    citex = str(Path(sys.executable).with_name("citex"))
    proc = subprocess.Popen([citex, "add", *map(str, pdfs)], env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    listed = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            listed = len(json.loads(library_file.read_text())["documents"])
        except (OSError, ValueError, KeyError):
            listed = 0
        if listed >= 1:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    kept = check_whole(library_file, pdfs)
    assert len(kept) >= listed >= 1  # what was listed when it was killed is kept, whole and searchable

    result = CliRunner().invoke(main, ["add", *map(str, pdfs)])
    assert result.exit_code == 0, result.output
    assert sorted(check_whole(library_file, pdfs)) == sorted(map(str, pdfs))
    assert sum(line.startswith("unchanged") for line in result.output.splitlines()) == len(kept)
    assert not leftovers(dirs["cache"], dirs["data"])


# -- a full disk, a read-only directory ------------------------------------------------------


@pytest.fixture
def commit_each(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commit after every PDF (the tests are faster than COMMIT_SECONDS)."""
    monkeypatch.setattr(index.libindex, "COMMIT_SECONDS", 0.0)


@pytest.fixture
def one_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read in this process (patches of the file system then apply to the reading too)."""
    import index.library

    def in_process(paths: list[str]) -> Iterator[Any]:
        from index.ingest import ingest

        return (ingest(p) for p in paths)

    monkeypatch.setattr(index.library, "_ingest_all", in_process)


def fail_writes_under(monkeypatch: pytest.MonkeyPatch, root: Path, code: int, after: int = 0) -> None:
    """Every write under `root` fails with `code` after the first `after` files opened for writing."""
    real_open, real_os_open, real_mkdir = builtins.open, os.open, os.mkdir
    count = {"n": 0}

    def under(path: Any) -> bool:
        try:
            return Path(os.fspath(path)).resolve().is_relative_to(root.resolve())
        except (TypeError, ValueError):
            return False

    def refuse(path: Any) -> None:
        count["n"] += 1
        if count["n"] > after:
            raise OSError(code, os.strerror(code), os.fspath(path))

    def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)) and any(c in mode for c in "wax+") and under(file):
            refuse(file)
        return real_open(file, mode, *args, **kwargs)

    def fake_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and under(path):
            refuse(path)
        return real_os_open(path, flags, *args, **kwargs)

    def fake_mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        if under(path):
            refuse(path)
        real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)
    monkeypatch.setattr(os, "mkdir", fake_mkdir)


def error_lines(result: Any) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("citex: error")]


@pytest.mark.parametrize("after", [12, 40])
def test_a_full_disk_gives_one_error_line_and_keeps_every_earlier_pdf(
    dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch, commit_each: None, one_worker: None, after: int
) -> None:
    pdfs = make_pdfs(dirs["pdfs"], 6)
    library_file = dirs["data"] / "library.json"
    CliRunner().invoke(main, ["add", str(pdfs[0])])  # one PDF there before
    with monkeypatch.context() as patch:
        fail_writes_under(patch, dirs["cache"], errno.ENOSPC, after=after)
        result = CliRunner().invoke(main, ["add", *map(str, pdfs[1:])])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and len(error_lines(result)) == 1, result.stderr
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    kept = check_whole(library_file, pdfs)
    assert str(pdfs[0]) in kept
    assert len(kept) - 1 == sum(line.startswith("added") for line in result.stdout.splitlines())
    assert not leftovers(dirs["cache"], dirs["data"])
    again = CliRunner().invoke(main, ["add", *map(str, pdfs)])  # room again: the add finishes
    assert again.exit_code == 0 and sorted(check_whole(library_file, pdfs)) == sorted(map(str, pdfs))


def test_a_read_only_data_directory_gives_one_line_before_reading_anything(
    dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch, one_worker: None
) -> None:
    pdfs = make_pdfs(dirs["pdfs"], 3)
    CliRunner().invoke(main, ["add", str(pdfs[0])])
    read: list[str] = []
    import source.opening

    real = source.opening._parse
    monkeypatch.setattr(source.opening, "_parse", lambda f, *a, **k: read.append(f.path) or real(f, *a, **k))
    with monkeypatch.context() as patch:
        fail_writes_under(patch, dirs["data"], errno.EROFS)
        result = CliRunner().invoke(main, ["add", *map(str, pdfs)])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert "Read-only file system" in result.stderr and not read
    assert check_whole(dirs["data"] / "library.json", pdfs) == [str(pdfs[0])]


def test_a_read_only_cache_gives_one_line_and_the_library_still_searches(
    dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch, one_worker: None
) -> None:
    pdfs = make_pdfs(dirs["pdfs"], 3)
    CliRunner().invoke(main, ["add", str(pdfs[0])])
    with monkeypatch.context() as patch:
        fail_writes_under(patch, dirs["cache"], errno.EROFS)
        result = CliRunner().invoke(main, ["add", *map(str, pdfs[1:])])
        assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1, result.stderr
        assert "Read-only file system" in result.stderr
        search = CliRunner().invoke(main, ["search", "heather"])
        assert search.exit_code == 0 and str(pdfs[0]) in search.stdout and not search.stderr
    assert check_whole(dirs["data"] / "library.json", pdfs) == [str(pdfs[0])]
    assert not leftovers(dirs["cache"], dirs["data"])


def test_two_adds_at_once_lose_nothing(dirs: dict[str, Path]) -> None:
    pdfs = make_pdfs(dirs["pdfs"], 6)
    citex = str(Path(sys.executable).with_name("citex"))
    runs = [
        subprocess.Popen(
            [citex, "add", *map(str, half)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for half in (pdfs[:4], pdfs[2:])
    ]
    outs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outs
    assert sorted(check_whole(dirs["data"] / "library.json", pdfs)) == sorted(map(str, pdfs))
    assert not leftovers(dirs["cache"], dirs["data"])


def test_a_kill_left_whoosh_temp_files_that_the_next_writer_removes(dirs: dict[str, Path]) -> None:
    pdfs = make_pdfs(dirs["pdfs"], 2)
    library = Library(dirs["data"] / "library.json")
    library.add([pdfs[0]])
    assert library.index_dir is not None
    stale = library.index_dir / f"{INDEX_NAME}.tmp"
    stale.mkdir()
    (stale / "abc.ctmp").write_text("x")
    toc = library.index_dir / f"_{INDEX_NAME}_9.toc.1700000000.5"
    toc.write_text("half a toc")
    library.add([pdfs[1]])
    assert not stale.exists() and not toc.exists()
    assert sorted(check_whole(dirs["data"] / "library.json", pdfs)) == sorted(map(str, pdfs))


def test_bench_kill_runs(tmp_path: Path) -> None:
    """The random-kill bench, two runs over three PDFs: every run clean."""
    folder = tmp_path / "pdfs"
    folder.mkdir()
    make_pdfs(folder, 3)
    bench = Path(__file__).resolve().parent.parent / "bench" / "bench_kill.py"
    run = subprocess.run(
        [sys.executable, str(bench), "--runs", "2", "--seed", "3", str(folder)],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 of 2 runs clean" in run.stdout
