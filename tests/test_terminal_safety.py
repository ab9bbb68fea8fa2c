"""Nothing but text reaches the terminal, the TUI, JSON or the clipboard.

A PDF made to attack a terminal (tests/fixtures/hostile.py `text_pdf`: CSI, OSC 0/8/52, DCS,
APC, PM, SOS in 7- and 8-bit forms, bidi overrides and marks, in the body and the title) is
read and shown every way Citex shows things; neither an escape sequence nor any remnant of
one ("[2J", "]0;pwned", "]52;c;...", "]8;;https://...") nor a bidi control comes out, while
the words around them do.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures import hostile

from explorer import clipboard
from explorer.app import CitexApp
from explorer.cli import main
from explorer.text import clean_for_terminal, clean_json
from source.cleaning import clean, safe_text
from tui_helpers import opened

ATTACKS = [
    "Hello \x1b[2J\x1b[1;31mred\x1b[0m world",
    "window \x1b]0;pwned\x07 title",
    "clipboard \x1b]52;c;ZXZpbA==\x07 write",
    "link \x1b]8;;https://evil.example/\x1b\\here\x1b]8;;\x1b\\ end",
    "eight \x9b2J bit \x9d0;owned\x9c forms \x90qdcs\x9c too",
    "strings \x1b_apcdata\x1b\\ and \x1b^pmdata\x1b\\ and \x1bXsosdata\x1b\\ gone",
    "bidi \u202eevil\u202c \u2066iso\u2069 \u200fmark\u200e \u061cletter done",
]
"""Lines of the hostile page: each holds attacks between plain words."""
WORDS = [
    "Hello",
    "red",
    "world",
    "window",
    "title",
    "clipboard",
    "write",
    "link",
    "here",
    "end",
    "eight",
    "bit",
    "forms",
    "too",
    "strings",
    "gone",
    "bidi",
    "evil",
    "iso",
    "mark",
    "letter",
    "done",
]
"""The plain words, which must all come through."""
REMNANTS = [
    "[2J",
    "[1;31m",
    "[0m",
    "]0;",
    "pwned",
    "]52;",
    "ZXZpbA",
    "]8;;",
    "evil.example",
    "2J",
    "owned",
    "qdcs",
    "apcdata",
    "pmdata",
    "sosdata",
]
"""What a half-removed escape sequence leaves: none may appear anywhere."""
TITLE = "Report \x1b]0;pwned\x07on \u202ebidi\u202c \x1b[5mtitles\x1b[0m"
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def assert_safe(text: str, words: list[str] = WORDS) -> None:
    found = UNSAFE.findall(text)
    assert not found, f"control characters left: {found!r}"
    left = [r for r in REMNANTS if r in text]
    assert not left, f"escape-sequence remnants left: {left!r}"
    missing = [w for w in words if w not in text]
    assert not missing, f"plain words lost: {missing!r}"


@pytest.fixture(scope="module")
def hostile_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.pdf"
    body = [f"Paragraph {n} of the report says the rivers are rising fast." for n in range(4)]
    path.write_bytes(hostile.text_pdf([ATTACKS + body, body], title=TITLE))
    return path


@pytest.mark.parametrize("attack", ATTACKS)
def test_safe_text_removes_whole_sequences(attack: str) -> None:
    words = [w for w in WORDS if w in attack and w not in ("evil",) or (w == "evil" and "\u202e" in attack)]
    assert_safe(safe_text(attack), words)
    assert_safe(clean(attack), words)


def test_unterminated_and_partial_sequences() -> None:
    assert safe_text("a \x1b]0;pwned forever") == "a "  # a terminal would swallow the rest too
    assert safe_text("a \x1b[2") == "a "
    assert safe_text("a \x1b") == "a "
    assert safe_text("x\x1b(By") == "xy"  # a charset designation
    assert safe_text("keep [brackets] and ]0; as typed") == "keep [brackets] and ]0; as typed"
    assert safe_text("line\none\ttab", keep_newlines=True, keep_tabs=True) == "line\none\ttab"
    assert safe_text("line\r\none\ttab") == "line one tab"


def test_one_function_everywhere() -> None:
    """The terminal, JSON and clipboard cleaners are the one function of source.cleaning."""
    assert clean_for_terminal is safe_text
    assert clipboard.clean(ATTACKS[2]) == safe_text(ATTACKS[2], keep_newlines=True, keep_tabs=True)
    assert clean_json({"k\x1b[2J": [ATTACKS[0], 3]}) == {"k": [safe_text(ATTACKS[0], keep_tabs=True), 3]}


def test_read_text_has_no_remnants(hostile_pdf: Path) -> None:
    from source import read_pdf

    document = read_pdf(str(hostile_pdf))
    assert_safe(" ".join(b.text for p in document.pages for b in p.blocks))
    assert_safe(document.metadata.title + document.metadata.author, ["Report", "on", "bidi", "titles"])


@pytest.mark.parametrize(
    "args",
    [
        ["text"],
        ["text", "--json"],
        ["info"],
        ["info", "--json"],
        ["pages", "--json"],
        ["search", "rivers"],
        ["search", "--json", "rivers"],
        ["find", "Hello red world"],
        ["find", "--json", "Hello"],
    ],
)
def test_cli_output_is_safe(
    hostile_pdf: Path, args: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CITEX_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(main, [*args, str(hostile_pdf)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    if "--json" in args:
        assert "\\u001b" not in out and "\\u009" not in out
        out = json.dumps(json.loads(out), ensure_ascii=False)
    words = WORDS if args[0] == "text" else ["Report", "titles"] if args[0] == "info" else []
    assert_safe(out + result.stderr, words)


def test_a_file_name_is_shown_safely(
    hostile_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITEX_CACHE_DIR", str(tmp_path / "cache"))
    named = tmp_path / "evil\x1b]0;pwned\x07\u202e.pdf"
    named.write_bytes(hostile_pdf.read_bytes())
    for args in (["info"], ["info", "--json"], ["search", "rivers"], ["text", "--index", "9"]):
        result = CliRunner().invoke(main, [*args, str(named)])
        assert_safe(result.stdout + result.stderr, [])
        assert "evil" in result.stdout + result.stderr
    missing = CliRunner().invoke(main, ["info", str(tmp_path / "gone\x1b[2J\x9b1m.pdf")])
    assert missing.exit_code == 2
    assert missing.stderr.startswith("citex: error: no such file:")
    assert_safe(missing.stderr, ["gone"])


def test_tui_shows_and_copies_only_text(
    hostile_pdf: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CITEX_DATA_DIR", str(tmp_path / "data"))
    copied: list[str] = []
    monkeypatch.setattr(clipboard, "system_copy", lambda text: copied.append(text) or True)

    async def run() -> None:
        app = CitexApp([str(hostile_pdf)])
        async with app.run_test(size=(160, 50)) as pilot:
            await opened(pilot, app)
            screen = app.export_screenshot()
            assert_safe(app.title + " " + app.sub_title, ["Report", "titles"])
            assert_safe(re.sub(r"<[^>]+>", "", screen), ["Hello", "window"])
            await pilot.press("y")
            await pilot.pause()
            assert copied and app.clipboard == copied[-1]
            assert_safe(copied[-1], ["Report", "titles"])

    asyncio.run(run())
