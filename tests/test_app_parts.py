"""The TUI's parts (explorer/app_state.py): what AppState declares for the type checker is defined.

AppState declares, under TYPE_CHECKING, the methods one part of CitexApp calls on another, so
that mypy checks those calls and each definition against its declaration. A declaration whose
method was renamed or removed would still type-check, and fail only when the call is made: this
test reads the declarations and asks CitexApp for each.
"""

from __future__ import annotations

import ast
import inspect

from explorer import app_state
from explorer.app import CitexApp
from explorer.app_state import AppState


def declared() -> list[str]:
    """The names AppState declares inside its `if TYPE_CHECKING:` block."""
    tree = ast.parse(inspect.getsource(app_state))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "AppState")
    names: list[str] = []
    for node in cls.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            names += [f.name for f in node.body if isinstance(f, ast.FunctionDef)]
    return names


def test_every_declared_method_is_defined_by_a_part() -> None:
    names = declared()
    assert "update_status" in names and "citation_metadata" in names  # the block was found
    for name in names:
        assert name not in vars(AppState), f"{name} is defined in AppState itself at run time"
        owners = [c.__name__ for c in CitexApp.__mro__ if name in vars(c)]
        assert owners, f"AppState declares {name}, which no part of CitexApp defines"
        assert callable(getattr(CitexApp, name))


def test_every_part_is_an_app_state() -> None:
    parts = [c for c in CitexApp.__mro__ if c.__module__.startswith("explorer.") and c is not CitexApp]
    assert AppState in parts and len(parts) >= 6
    assert all(issubclass(c, AppState) for c in parts)
