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
  interpreter's shutdown skip it (atexit handlers and finalizers run as before).
"""

from __future__ import annotations

import gc


def run() -> None:
    """Run the `citex` command line (exits with its code)."""
    gc.disable()
    try:
        from explorer.cli import main
    finally:
        gc.freeze()
        gc.enable()
    try:
        main()
    finally:
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    run()
