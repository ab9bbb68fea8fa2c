"""Shared pytest fixtures.

- `fixture_pdfs`: every generated fixture PDF with its ground truth (tests/fixtures), built
  once per session into a temporary directory.
- `read_document`: `source.read_pdf` with a per-session cache, so that each PDF is parsed
  once however many tests look at it (a failure is cached and raised again, too).
- `no_network`: any attempt to open a network socket (AF_INET/AF_INET6 socket, connect,
  create_connection, getaddrinfo) fails the test; local sockets (AF_UNIX, asyncio's
  self-pipe) are allowed.
- `fresh_dirs` (autouse, whole session): the cache, data, config and state directories
  (CITEX_CACHE_DIR, CITEX_DATA_DIR and the XDG ones) point into this session's temporary
  directory, so that no test reads a Document or an index cached by an earlier run (or
  by the user's own Citex) and none writes outside it.
- `fresh_config` (autouse, each test): the TUI's settings directory (CITEX_CONFIG_DIR) is the
  test's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import socket

import pytest
from fixtures.pdfs import build_all
from fixtures.truth import Fixture

if TYPE_CHECKING:
    from source.model import Document

TESTS_DIR = Path(__file__).resolve().parent
REAL_CORPUS = TESTS_DIR / "corpus" / "real"
SAMPLE_REPORT = TESTS_DIR.parent / "explorer" / "data" / "connection-denied.pdf"
SESSION_DIRS = {
    "CITEX_CACHE_DIR": "citex-cache",
    "CITEX_DATA_DIR": "citex-data",
    "XDG_CACHE_HOME": "xdg-cache",
    "XDG_DATA_HOME": "xdg-data",
    "XDG_CONFIG_HOME": "xdg-config",
    "XDG_STATE_HOME": "xdg-state",
}
"""The environment variables pointed at a fresh directory for the session, with its name."""


@pytest.fixture(scope="session", autouse=True)
def fresh_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Every directory Citex reads or writes, new and empty for this session."""
    root = tmp_path_factory.mktemp("citex-session")
    dirs = {name: root / sub for name, sub in SESSION_DIRS.items()}
    with pytest.MonkeyPatch.context() as patch:
        for name, path in dirs.items():
            path.mkdir()
            patch.setenv(name, str(path))
        yield dirs


@pytest.fixture(autouse=True)
def fresh_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config directory of each test's own (CITEX_CONFIG_DIR): the TUI's remembered settings (style,
    theme, places) of one test never reach the next."""
    path = tmp_path_factory.mktemp("citex-config")
    monkeypatch.setenv("CITEX_CONFIG_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def fixture_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Fixture]:
    """Every generated fixture, by name."""
    return build_all(tmp_path_factory.mktemp("fixture-pdfs"))


@pytest.fixture(scope="session")
def read_document() -> Callable[[Path], Document]:
    """Read a PDF with `source.read_pdf`, once per session per path."""
    cache: dict[str, Document | BaseException] = {}

    def read(path: Path) -> Document:
        key = str(Path(path).resolve())
        if key not in cache:
            try:
                from source import read_pdf

                cache[key] = read_pdf(str(path))
            except Exception as error:  # cached so that a broken reader fails fast everywhere
                cache[key] = error
        found = cache[key]
        if isinstance(found, BaseException):
            raise found
        return found

    return read


NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6}
"""Socket families that reach the network (AF_UNIX is local and allowed)."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail on any network socket; yields the attempts (each also raises where it happens)."""
    attempts: list[str] = []
    real_socket = socket.socket

    def refuse(what: str) -> OSError:
        attempts.append(what)
        return OSError(f"network access attempted in a test that forbids it: {what}")

    class GuardedSocket(real_socket):  # type: ignore[misc, valid-type]
        def __init__(
            self, family: int = -1, type: int = -1, proto: int = -1, fileno: int | None = None
        ) -> None:
            if fileno is None and (family in NETWORK_FAMILIES or family == -1):
                raise refuse(f"socket(family={family})")
            super().__init__(family, type, proto, fileno)

        def connect(self, address: object) -> None:
            if self.family in NETWORK_FAMILIES:
                raise refuse(f"connect({address!r})")
            super().connect(address)  # type: ignore[arg-type]

    def create_connection(address: object, *args: object, **kwargs: object) -> None:
        raise refuse(f"create_connection({address!r})")

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> None:
        raise refuse(f"getaddrinfo({host!r})")

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield attempts
    assert not attempts, f"network access attempted: {attempts}"


@pytest.fixture
def shared_cli_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One cache for the session's CLI tests (the report is parsed once), never the user's; use it
    with `pytestmark = pytest.mark.usefixtures("shared_cli_cache")`."""
    cache = tmp_path_factory.getbasetemp() / "citex-cache"
    cache.mkdir(exist_ok=True)
    monkeypatch.setenv("CITEX_CACHE_DIR", str(cache))
    monkeypatch.setenv("CITEX_DATA_DIR", str(tmp_path_factory.getbasetemp() / "citex-data"))
    return cache


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Fresh cache, data and PDF folders for one test (the cache and data set in the environment)."""
    made = {"cache": tmp_path / "cache", "data": tmp_path / "data", "pdfs": tmp_path / "pdfs"}
    for path in made.values():
        path.mkdir()
    monkeypatch.setenv("CITEX_CACHE_DIR", str(made["cache"]))
    monkeypatch.setenv("CITEX_DATA_DIR", str(made["data"]))
    return made
