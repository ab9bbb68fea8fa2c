"""What the parts of the Citex TUI share: the app's state, and the methods one part calls on another.

CitexApp (explorer/app.py) is put together from parts kept in their own files so that each
stays small: opening PDFs (app_open.py), searching (app_search.py), sources and metadata
(app_sources.py), the reader's actions (app_actions.py) and the draft check
(widgets/draft.py). Each part is a subclass of `AppState`, and CitexApp inherits from all of
them, so every part sees one typed `self`: the Textual App, the state set up here, and the
methods of the other parts, declared below for the type checker only (each is defined once,
in the part that owns it; a declaration here at run time would be one more message handler
for Textual to call).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import App

from explorer import settings
from explorer.citation import STYLES, Style
from explorer.history import History
from explorer.locations import Locations
from index.scope import Target

if TYPE_CHECKING:
    from explorer.engine import Engine
    from explorer.messages import HitChosen
    from explorer.navigation import Navigator
    from source.model import Document, Metadata


class AppState(App[None]):
    """The state of a Citex TUI run, shared by the app's parts."""

    def __init__(
        self,
        target: Target | Sequence[str],
        password: str | None = None,
        locations: Locations | None = None,
        draft: str | None = None,
    ) -> None:
        super().__init__()
        self.draft: str | None = draft
        """The draft to check once the index is open (`citex --draft DRAFT`), until it is checked."""
        self.locations: Locations = locations or Locations.here()
        """Where this run reads and writes (computed once, by the CLI)."""
        self.target: Target = target if isinstance(target, Target) else Target("pdfs", tuple(target))
        """What is open: the PDFs given, the library, or the bundled report (`index.scope.choose`)."""
        self.paths: list[str] = list(self.target.paths)
        """The scope's PDFs still offered (a PDF given that could not be read is dropped)."""
        self.password: str | None = password
        """The password for encrypted PDFs (held in memory only)."""
        self.documents: list[Document] = []
        """The documents read so far, in the order they were opened."""
        self.navs: dict[str, Navigator] = {}
        """Each open document's navigator (by id)."""
        self.document: Document | None = None
        """The document the reader shows (None until one is read)."""
        self.engine: Engine | None = None
        """The search engine over the scope (None until its index is open)."""
        self.histories: dict[str, History] = {}
        """Each document's own history (by id; `history` is the shown one's)."""
        self.settings: settings.Settings
        """What was remembered from the last run."""
        self._settings_warning: str | None
        """Why the settings file could not be read (None when it could)."""
        self.settings, self._settings_warning = settings.load(self.locations.settings)
        self.style: Style = next((s for s in STYLES if s == self.settings.style), STYLES[0])
        """The citation style of copies (the one remembered, else the first)."""
        self.cancel_reading: threading.Event | None = None
        """Set to stop the reading thread (Escape while PDFs are read)."""
        self._serial = 0
        """The generation of the query: one more at each keystroke."""
        self._shown = -1
        """The generation whose results are shown."""
        self._open_when_done = -1
        """The generation whose first hit Enter asked to open once its search is done."""
        self._selection = ""
        """The selection as the status line says it ("" when nothing is selected)."""
        self._search_note = ""
        """What the status line says about the search (opening, unavailable), "" for nothing."""

    if TYPE_CHECKING:
        # The methods one part calls on another, each defined in the part named.

        # explorer/app.py
        def on_hit_chosen(self, message: HitChosen) -> None: ...
        def update_status(self) -> None: ...
        def remember(self) -> None: ...
        def jump(self, page: int, block: int = 0) -> None: ...
        def _goto_place(self, place: tuple[int, int] | None) -> None: ...

        # explorer/app_search.py
        def start_search(self) -> None: ...

        # explorer/app_sources.py
        def citation_metadata(self) -> Metadata: ...

        # explorer/widgets/draft.py
        def check_draft_when_ready(self) -> None: ...
