"""Copy text to the clipboard: OSC 52 through the terminal, and the system clipboard if any.

Text from a PDF is stripped of control characters and escape sequences first, so that a
copied quote can never carry a terminal escape into the user's clipboard or terminal.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable

from explorer.text import clean_for_terminal

_TIMEOUT = 2.0


def clean(text: str) -> str:
    """The text to copy: no escapes or control characters; newlines and tabs kept."""
    return clean_for_terminal(text, keep_newlines=True, keep_tabs=True)


def system_command() -> list[str] | None:
    """The command that writes the system clipboard here, or None when there is none."""
    if sys.platform == "darwin" and shutil.which("pbcopy"):
        return ["pbcopy"]
    if os.environ.get("WAYLAND_DISPLAY") and shutil.which("wl-copy"):
        return ["wl-copy"]
    if os.environ.get("DISPLAY"):
        if shutil.which("xclip"):
            return ["xclip", "-selection", "clipboard"]
        if shutil.which("xsel"):
            return ["xsel", "--clipboard", "--input"]
    return None


def system_copy(text: str) -> bool:
    """Write the system clipboard; True when it worked (False when there is no clipboard tool)."""
    command = system_command()
    if command is None:
        return False
    try:
        completed = subprocess.run(
            command, input=text.encode("utf-8"), timeout=_TIMEOUT, check=False, capture_output=True
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return completed.returncode == 0


def copy(text: str, osc52: Callable[[str], None] | None = None) -> str:
    """Copy `text` (cleaned) by OSC 52 (`osc52`, the app's copy_to_clipboard) and the system
    clipboard; returns the text that was copied."""
    text = clean(text)
    if osc52 is not None:
        osc52(text)
    system_copy(text)
    return text
