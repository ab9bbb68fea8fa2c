"""Write the README's screenshots (SVG, from Textual's own screenshot) into docs/.

Usage: .venv/bin/python docs/make_screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

HERE = Path(__file__).parent


async def main() -> None:
    os.environ.setdefault("CITEX_DATA_DIR", tempfile.mkdtemp(prefix="citex-shots-"))
    from explorer.app import CitexApp
    from explorer.locations import bundled_report

    app = CitexApp([str(bundled_report())])
    async with app.run_test(size=(120, 40)) as pilot:
        while app.engine is None:
            await pilot.pause(0.1)
        await pilot.press("slash", *"mosquito nets", "enter")
        await pilot.pause(0.5)
        app.save_screenshot(str(HERE / "search.svg"))
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press("right_square_bracket")
        await pilot.pause(0.3)
        app.save_screenshot(str(HERE / "reader.svg"))
        await pilot.press("n")
        await pilot.pause(0.3)
        app.save_screenshot(str(HERE / "notes.svg"))


if __name__ == "__main__":
    asyncio.run(main())
