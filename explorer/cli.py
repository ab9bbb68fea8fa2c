"""The `citex` command: open a PDF in the TUI, or read it headless, grep-like.

    citex [PDF]...              open the TUI (the library when no PDF is given, else the bundled report)
    citex --draft DRAFT [PDF]...  open the TUI on a draft's checked quotations
    citex info [PDF]            title, author, date, pages, notes, page labels
    citex pages [PDF]           physical page -> printed label
    citex text [PDF]            body text, headings marked, note markers inline
    citex notes [PDF]           footnotes, with the sentences that cite them
    citex check DRAFT [PDF]...  every quotation of a draft against its source and cited page

Every command takes --password for encrypted PDFs; those that print results take --json.
Exit codes: 0 done or found, 1 nothing found, 2 error (one line on stderr).

The group is defined here; each command lives in its own module (explorer/cli_*.py), imported
only when that command runs (`CitexGroup.COMMANDS`), so `citex search` builds no other
command's options. Importing this module is cheap: pypdf, Whoosh and Textual are imported by
the commands that need them, never at import time.
"""

from __future__ import annotations

import click

from explorer.cli_common import CitexGroup, draft_option

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=CitexGroup, invoke_without_command=True, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="citex", prog_name="citex", message="%(prog)s %(version)s")
@draft_option
@click.pass_context
def main(ctx: click.Context, draft: str | None) -> None:
    """Find, check and cite quotations in PDFs.

    With no command, opens the library in the terminal reader (`citex PDF...`: those PDFs; the
    bundled report while the library is empty).
    Exit codes: 0 done or found, 1 nothing found, 2 error.
    """
    from explorer.locations import Locations

    from source.cache import sweep_all

    ctx.obj = Locations.here()
    sweep_all([ctx.obj.library.parent, ctx.obj.bookmarks.parent])  # what a killed citex left
    ctx.meta["citex.draft"] = draft
    if ctx.invoked_subcommand is None:
        from explorer.cli_read import open_tui

        open_tui([], None, draft)


if __name__ == "__main__":  # pragma: no cover
    main()
