"""Authors as CSL names (explorer.names): a person inverted, an organisation never."""

from __future__ import annotations

import pytest

from explorer.citation import cite
from explorer.csl import is_isbn, report_item
from explorer.names import csl_names
from source.model import Metadata


@pytest.mark.parametrize(
    ("author", "name"),
    [
        ("Dr. Max G. Manwaring", {"family": "Manwaring", "given": "Max G."}),  # SSI's Info author
        ("F. Pantigny", {"family": "Pantigny", "given": "F."}),  # witharrows
        ("Walter Gary Sharp, Sr.", {"family": "Sharp", "given": "Walter Gary", "suffix": "Sr."}),  # LOC
        ("Richard Lazarus", {"family": "Lazarus", "given": "Richard"}),
        ("Ludwig van Beethoven", {"family": "van Beethoven", "given": "Ludwig"}),
        ("J.-P. Sartre", {"family": "Sartre", "given": "J.-P."}),
        ("Prof. Smith", {"family": "Smith"}),
    ],
)
def test_a_person_is_inverted(author: str, name: dict[str, str]) -> None:
    assert csl_names(author) == [name]


@pytest.mark.parametrize(
    "author",
    [
        "Amnesty International",
        "World Health Organization",
        "Human Rights Council",
        "Human Rights Watch",
        "The Law Library of Congress",
        "Expert Mechanism on the Rights of Indigenous Peoples",
        "Department of Health and Human Services",
        "Supreme Court of North Carolina",
        "OHCHR",
        "Amnesty",  # one word, no honorific: not known to be a surname
        "Strategic Studies Institute",
    ],
)
def test_an_organisation_is_never_inverted(author: str) -> None:
    assert csl_names(author) == [{"literal": author}]


def test_several_authors() -> None:
    assert csl_names("Chris Quirk, Chris Brockett and William Dolan") == [
        {"family": "Quirk", "given": "Chris"},
        {"family": "Brockett", "given": "Chris"},
        {"family": "Dolan", "given": "William"},
    ]
    assert csl_names("Sebastian Rahtz; Heiko Oberdiek; The LaTeX3 Project") == [
        {"family": "Rahtz", "given": "Sebastian"},
        {"family": "Oberdiek", "given": "Heiko"},
        {"literal": "The LaTeX3 Project"},
    ]


def test_styles_invert_a_person_and_drop_the_honorific() -> None:
    """APA 7: "Manwaring, M. G. (1999)."; Chicago bibliography "Manwaring, Max G.", note "Max G.
    Manwaring,"; MLA "Manwaring, Max G."; Harvard (Cite Them Right) "Manwaring, M.G. (1999)"."""
    meta = Metadata(title="Security and Civil-Military Relations", author="Dr. Max G. Manwaring", date="1999")
    apa = cite("a quote", meta, "3", style="apa")
    assert (
        apa.bibliography.startswith("Manwaring, M. G. (1999).") and "(Manwaring, 1999, p. 3)" in apa.citation
    )
    chicago = cite("a quote", meta, "3", style="chicago")
    assert chicago.citation.startswith("Max G. Manwaring, ") and chicago.bibliography.startswith(
        "Manwaring, Max G. "
    )
    assert cite("a quote", meta, "3", style="mla").bibliography.startswith("Manwaring, Max G. ")
    assert cite("a quote", meta, "3", style="harvard").bibliography.startswith("Manwaring, M.G. (1999)")
    assert "Dr" not in apa.text + chicago.text


def test_an_organisation_stays_whole_and_publishes_its_report() -> None:
    meta = Metadata(
        title="Connection Denied",
        author="Amnesty International",
        date="2016",
        report_number="ASA 24/3373/2016",
    )
    apa = cite("a quote", meta, "3", style="apa")
    assert apa.bibliography.startswith("Amnesty International. (2016).")
    assert report_item(meta)["publisher"] == "Amnesty International"
    person = report_item(Metadata(title="T", author="Richard Lazarus", date="2025"))
    assert "publisher" not in person  # a person is not the publisher of their article


def test_an_isbn_is_no_report_number() -> None:
    """pdftotext: the SSI anthology's imprint prints ISBN 1-58487-005-2, WHO's ISBN 978-92-4-005273-4."""
    assert is_isbn("1-58487-005-2") and is_isbn("978-92-4-005273-4")
    assert not is_isbn("1-58487-005-3") and not is_isbn("ASA 24/3373/2016") and not is_isbn("2004-208")
    item = report_item(Metadata(title="T", author="Max G. Manwaring", report_number="1-58487-005-2"))
    assert item["type"] == "book" and item["ISBN"] == "1-58487-005-2" and "number" not in item
