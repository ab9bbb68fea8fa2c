"""The CSL styles through citeproc-py, on the bundled report's metadata: each as its guide
wants a report by an organisation that is its own publisher, with a report number."""

from __future__ import annotations

import pytest

from explorer.csl import render, report_item
from source.model import Metadata

pytest.importorskip("citeproc")

META = Metadata(
    title="Connection Denied: Restrictions on mobile phones and outside information in North Korea",
    author="Amnesty International",
    date="March 2016",
    report_number="ASA 24/3373/2016",
)
ITEM = report_item(META, "amnesty2016")


def test_item() -> None:
    assert ITEM["type"] == "report" and ITEM["number"] == "ASA 24/3373/2016"
    assert ITEM["issued"] == {"date-parts": [[2016, 3]]}


def test_apa_drops_the_publisher_that_is_the_author() -> None:
    in_text, entry = render(ITEM, "apa", "15")
    assert in_text == "(Amnesty International, 2016, p. 15)"
    # the title as the metadata gives it: sentence case for APA is left to do (CSL does not change case)
    assert entry.lower() == (
        "amnesty international. (2016). connection denied: restrictions on mobile phones and outside "
        "information in north korea (asa 24/3373/2016)."
    )


def test_mla_enters_the_work_under_its_title() -> None:
    in_text, entry = render(ITEM, "mla", "15")
    assert entry.startswith(
        "Connection Denied: Restrictions on Mobile Phones and Outside Information in North Korea."
    )
    assert "Amnesty International, Mar. 2016" in entry
    assert in_text.endswith(" 15)") and "Connection Denied" in in_text


def test_harvard_and_chicago() -> None:
    in_text, entry = render(ITEM, "harvard", "15")
    assert in_text == "(Amnesty International, 2016, p. 15)"
    assert entry.startswith("Amnesty International (2016) Connection Denied: Restrictions on mobile phones")
    assert entry.endswith("ASA 24/3373/2016. Amnesty International.")
    note, bibliography = render(ITEM, "chicago", "15")
    assert note.startswith("Amnesty International, Connection Denied: Restrictions on Mobile Phones")
    assert "ASA 24/3373/2016 (Amnesty International, 2016), 15" in note
    assert bibliography.startswith("Amnesty International. Connection Denied:")
