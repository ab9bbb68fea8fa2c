"""Escape sequences split across text runs, lines and page breaks are removed whole.

A PDF can draw one escape sequence as several runs (tests/fixtures/hostile.py
`split_runs_pdf`): ESC "[" then "2J"; ESC "]52;c;", "ZXZpbA==", BEL; a lone ESC at the end of
a run; an OSC 8 link whose parts sit on two lines; a CSI cut by a page break. Cleaned run by
run, the remnants ("2J", "]0;pwned", "ZXZpbA==") would be left as text; source.escapes
cleans the joined text, so neither they nor the markers it uses reach a Document, JSON or the
terminal, and the words around them stay.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures import hostile

from explorer.cli import main
from source import read_pdf
from source.escapes import MARKS, clean_run, settle, settle_text

LINES = [
    ["Hello \x1b[", "2J", "\x1b[1;", "31mred\x1b[0m world"],
    ["clipboard \x1b]52;c;", "ZXZpbA==", "\x07 write"],
    ["window \x1b", "]0;pwned\x07 title"],
    ["eight \x9b", "2J bit \x9d0;", "owned\x9c forms"],
    ["strings \x1b_apc", "payload\x1b", "\\ gone"],
]
"""Lines of one page, each a list of runs drawn with no gap between them."""
CROSS_LINE = [["link \x1b]8;;https://evil.example/"], ["\x1b\\here\x1b]8;;\x1b\\ end of the link."]]
"""An OSC 8 link opened at the end of one line and closed at the start of the next."""
PAGE_BREAK = (
    [["The rivers of the north are rising faster than anyone had feared and \x1b["]],
    [["2Jthe roads along them will close before the end of the month."]],
)
"""A paragraph that runs on across a page break with a CSI cut by the break."""
WORDS = ["Hello", "red", "world", "clipboard", "write", "window", "title", "eight", "bit", "forms"]
WORDS += ["strings", "gone", "link", "here", "end", "rivers", "feared", "the roads", "month"]
REMNANTS = ["2J", "[1;", "31m", "[0m", "52;", "ZXZpbA", "]0;", "pwned", "0;", "owned", "apc", "payload"]
REMNANTS += ["]8;;", "evil.example", "\\"]


def assert_whole(text: str, words: list[str] = WORDS) -> None:
    left = [r for r in REMNANTS if r in text]
    assert not left, f"remnants left: {left!r} in {text!r}"
    marks = [ch for ch in text if ch in MARKS or ord(ch) < 0x20 and ch != "\n" or 0x7F <= ord(ch) <= 0x9F]
    assert not marks, f"markers or controls left: {marks!r}"
    missing = [w for w in words if w not in text]
    assert not missing, f"words lost: {missing!r} in {text!r}"


@pytest.fixture(scope="module")
def split_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("split") / "split.pdf"
    page1 = [*LINES, [""], *CROSS_LINE, [""], *PAGE_BREAK[0]]
    path.write_bytes(hostile.split_runs_pdf([page1, PAGE_BREAK[1]]))
    return path


def test_runs_cleaned_one_by_one_would_leave_remnants() -> None:
    """The fixture is hostile: the per-string cleaner alone leaves "2J" of the first line."""
    from source.cleaning import clean

    assert "2J" in "".join(clean(run) for run in LINES[0])
    assert "ZXZpbA" in "".join(clean(run) for run in LINES[1])


@pytest.mark.parametrize("runs", LINES)
def test_joined_runs_are_cleaned_whole(runs: list[str]) -> None:
    words = [w for w in WORDS if w in "".join(runs)]
    assert_whole(settle_text("".join(clean_run(run) for run in runs)), words)


def test_settle_moves_offsets_with_the_text() -> None:
    text = clean_run("a \x1b[") + clean_run("2Jb c")
    ((cleaned, offsets),) = settle([(text, [0, 2, len(text) - 1, len(text)])])
    assert cleaned == "a b c"
    assert offsets == [0, 2, 4, 5]
    # across two texts of one unit (a paragraph cut by a page break)
    first, second = settle([(clean_run("end \x1b]0;"), [4]), (clean_run("pwned\x07 next"), [0, 7])])
    assert first[0] == "end " and second[0] == "next" and second[1] == [0, 0]


def test_an_open_string_without_terminator_ends_with_its_run() -> None:
    """Nothing shows that the text after an unterminated OSC belongs to it: it is kept."""
    assert settle_text(clean_run("a \x1b]0;title") + clean_run(" kept words")) == "a kept words"
    assert settle_text(clean_run("lone bell \x07 here")) == "lone bell here"
    assert settle_text("plain text [2J ]0; stays") == "plain text [2J ]0; stays"


def test_read_pdf_removes_split_sequences(split_pdf: Path) -> None:
    document = read_pdf(str(split_pdf))
    blocks = [b.text for p in document.pages for b in p.blocks]
    assert_whole(" ".join(blocks))
    assert any(b.continues for b in document.pages[1].blocks), "the paragraph runs on across the break"
    assert_whole(document.to_json(), [])
    assert not any(ch in MARKS for ch in json.dumps(json.loads(document.to_json()), ensure_ascii=False))


@pytest.mark.parametrize("args", [["text"], ["text", "--json"], ["find", "--json", "roads along them"]])
def test_cli_output_has_no_split_remnants(
    split_pdf: Path, args: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CITEX_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(main, [*args, str(split_pdf)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    if "--json" in args:
        out = json.dumps(json.loads(out), ensure_ascii=False)
    assert_whole(out + result.stderr, WORDS if args[0] == "text" else ["roads"])
