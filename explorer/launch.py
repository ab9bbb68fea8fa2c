"""The `citex` console script: `explorer.cli.main`, started with the garbage collector out of the way.

Python runs a collection every few hundred new objects. Starting `citex` (click, the CLI, and
for a search the index code and Whoosh) makes some 200,000 objects, modules, classes and
functions that live until the process ends: the collections made while they load find no
garbage, and cost about 8% of a warm `citex search`, as the interpreter's last collections at
exit, walking all of them again, cost about 5% more. So, here only (importing explorer.cli, as
the tests do, changes nothing):

- the collector is paused while explorer.cli is imported;
- what the import made is then frozen (`gc.freeze`: kept out of every later collection, as
  none of it is garbage) and the collector resumed: the command runs as it always did;
- when the command ends, what is still alive is frozen too, so the collections of the
  interpreter's shutdown skip it (atexit handlers and finalizers run as before);
- while the command runs, the youngest generation is collected every YOUNG_THRESHOLD new
  objects rather than every 700: a warm search makes ~18,000 (Whoosh's codec and collectors
  imported, the index's table of contents unpickled, the hits), all kept but some 40, and ran a
  dozen collections that freed nothing (~2% of its time); it now runs none.

And click is imported without the `platform` module: click.types imports uuid, which imports
platform (compiling its patterns: ~1.5% of a warm search) only to ask `platform.system()`
whether it runs on AIX or Linux. A stand-in answers that (os.uname, which is what
platform.system reads on a POSIX system) while click is imported, and is then removed: any later
`import platform` gets the real module.
"""

from __future__ import annotations

import gc
import os
import sys
import types

YOUNG_THRESHOLD = 25_000
"""Container objects made (less those freed) between two collections of the youngest generation, for
the `citex` process (CPython's default: 700; the older generations' thresholds are left as they are).
Garbage in cycles waits at most this many objects (a few MB) longer to be freed, and each collection
looks through more objects, as many less often."""


def run() -> None:
    """Run the `citex` command line (exits with its code)."""
    gc.disable()
    try:
        _import_click()
        from explorer.cli import main
    finally:
        gc.freeze()
        gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
        gc.enable()
    try:
        main()
    finally:
        gc.freeze()


def _import_click() -> None:
    """Import click with a stand-in for `platform` (see the module docstring), on POSIX systems."""
    if "click" in sys.modules or "platform" in sys.modules or os.name != "posix":
        return
    stand_in = types.ModuleType("platform")
    stand_in.system = lambda: os.uname().sysname  # type: ignore[attr-defined]
    sys.modules["platform"] = stand_in
    try:
        import click  # noqa: F401
    finally:
        if sys.modules.get("platform") is stand_in:
            del sys.modules["platform"]


if __name__ == "__main__":  # pragma: no cover
    run()
