"""Each style, rendered from its CSL file through citeproc-py, against the worked examples of its
own guide: a report by an organisation with a report number, a journal article, a book and a UN
document, for Chicago 18 (notes and bibliography), APA 7, MLA 9 and Harvard (Cite Them Right).

The items are CSL-JSON as a reference manager would hold them: titles in sentence case where APA
and Harvard print them so (Chicago and MLA title-case them; CSL never lowers a capital). Plain text:
the italics of titles are not shown. Where an example is the guide's own, its section is named.
"""

from __future__ import annotations

import pytest

from explorer.csl import render

pytest.importorskip("citeproc")

NCI = {  # APA 7, 10.4 example 46 (a report by a group author, with a publication number)
    "id": "nci2019taking",
    "type": "report",
    "title": "Taking time: Support for people with cancer",
    "author": [{"literal": "National Cancer Institute"}],
    "publisher": "U.S. Department of Health and Human Services, National Institutes of Health",
    "number": "NIH Publication No. 18-2059",
    "issued": {"date-parts": [[2019]]},
    "URL": "https://www.cancer.gov/publications/patient-education/takingtime.pdf",
}
AMNESTY = {  # the bundled report: an organisation that is its own publisher, with an index number
    "id": "amnesty2016connection",
    "type": "report",
    "title": "Connection Denied: Restrictions on mobile phones and outside information in North Korea",
    "title-short": "Connection Denied",
    "author": [{"literal": "Amnesty International"}],
    "publisher": "Amnesty International",
    "number": "ASA 24/3373/2016",
    "issued": {"date-parts": [[2016, 3]]},
    "URL": "https://www.amnesty.org/en/documents/asa24/3373/2016/en/",
}
SATTERFIELD = {  # CMOS 18 quick guide, journal article
    "id": "satterfield2016livy",
    "type": "article-journal",
    "title": "Livy and the Pax Deum",
    "author": [{"family": "Satterfield", "given": "Susan"}],
    "container-title": "Classical Philology",
    "volume": "111",
    "issue": "2",
    "page": "165-176",
    "issued": {"date-parts": [[2016]]},
    "DOI": "10.1086/685810",
}
GRADY = {  # APA 7, 10.1 example 1 (journal article, five authors)
    "id": "grady2019emotions",
    "type": "article-journal",
    "title": "Emotions in storybooks: A comparison of storybooks that represent ethnic and racial groups in the United States",
    "author": [
        {"family": "Grady", "given": "Jessica Stoltzfus"},
        {"family": "Her", "given": "Malina"},
        {"family": "Moreno", "given": "Geena"},
        {"family": "Perez", "given": "Catherine"},
        {"family": "Yelinek", "given": "Jillian"},
    ],
    "container-title": "Psychology of Popular Media Culture",
    "volume": "8",
    "issue": "3",
    "page": "207-217",
    "issued": {"date-parts": [[2019]]},
    "DOI": "10.1037/ppm0000185",
}
GOLDMAN = {  # MLA Handbook 9, journal article ("Questions of Transport")
    "id": "goldman2010questions",
    "type": "article-journal",
    "title": "Questions of Transport: Reading Primo Levi Reading Dante",
    "author": [{"family": "Goldman", "given": "Anne"}],
    "container-title": "The Georgia Review",
    "volume": "64",
    "issue": "1",
    "page": "69-88",
    "issued": {"date-parts": [[2010]]},
}
SMITH = {  # CMOS 18 quick guide, book (no place of publication in the 18th edition)
    "id": "smith2016swing",
    "type": "book",
    "title": "Swing Time",
    "author": [{"family": "Smith", "given": "Zadie"}],
    "publisher": "Penguin Press",
    "publisher-place": "New York",
    "issued": {"date-parts": [[2016]]},
}
ROY = {
    "id": "roy1997god",
    "type": "book",
    "title": "The God of Small Things",
    "author": [{"family": "Roy", "given": "Arundhati"}],
    "publisher": "HarperCollins",
    "publisher-place": "New York",
    "issued": {"date-parts": [[1997]]},
}
UN = {  # a UN treaty body's general comment, by its document symbol
    "id": "un2011general",
    "type": "report",
    "title": "General comment No. 34: Article 19: Freedoms of opinion and expression",
    "author": [{"literal": "UN Human Rights Committee"}],
    "publisher": "United Nations",
    "number": "CCPR/C/GC/34",
    "issued": {"date-parts": [[2011, 9, 12]]},
}
CDT = "Connection Denied: Restrictions on Mobile Phones and Outside Information in North Korea"
AMNESTY_URL = "https://www.amnesty.org/en/documents/asa24/3373/2016/en/"
GC34 = "General Comment No. 34: Article 19: Freedoms of Opinion and Expression"

CASES = [
    # -- Chicago 18, notes and bibliography: the note, then the bibliography entry
    (
        SATTERFIELD,
        "chicago",
        "170",
        "Susan Satterfield, “Livy and the Pax Deum,” Classical Philology 111, no. 2 (2016): 170, "
        "https://doi.org/10.1086/685810.",
        "Satterfield, Susan. “Livy and the Pax Deum.” Classical Philology 111, no. 2 (2016): 165–76. "
        "https://doi.org/10.1086/685810.",
    ),
    (
        SMITH,
        "chicago",
        "315–316",
        "Zadie Smith, Swing Time (Penguin Press, 2016), 315–16.",
        "Smith, Zadie. Swing Time. Penguin Press, 2016.",
    ),
    (
        AMNESTY,
        "chicago",
        "15",
        f"Amnesty International, {CDT}, ASA 24/3373/2016 (Amnesty International, 2016), 15, {AMNESTY_URL}.",
        f"Amnesty International. {CDT}. ASA 24/3373/2016. Amnesty International, 2016. {AMNESTY_URL}.",
    ),
    (
        UN,
        "chicago",
        "12",
        f"UN Human Rights Committee, {GC34}, CCPR/C/GC/34 (United Nations, 2011), 12.",
        f"UN Human Rights Committee. {GC34}. CCPR/C/GC/34. United Nations, 2011.",
    ),
    # -- APA 7: the parenthetical citation, then the reference
    (
        NCI,
        "apa",
        "4",
        "(National Cancer Institute, 2019, p. 4)",
        "National Cancer Institute. (2019). Taking time: Support for people with cancer (NIH Publication "
        "No. 18-2059). U.S. Department of Health and Human Services, National Institutes of Health. "
        "https://www.cancer.gov/publications/patient-education/takingtime.pdf",
    ),
    (
        GRADY,
        "apa",
        "210",
        "(Grady et al., 2019, p. 210)",
        "Grady, J. S., Her, M., Moreno, G., Perez, C., & Yelinek, J. (2019). Emotions in storybooks: A "
        "comparison of storybooks that represent ethnic and racial groups in the United States. Psychology "
        "of Popular Media Culture, 8(3), 207–217. https://doi.org/10.1037/ppm0000185",
    ),
    (
        AMNESTY,
        "apa",
        "22–23",  # APA 7, 9.24: the author is the publisher, so no publisher
        "(Amnesty International, 2016, pp. 22–23)",
        "Amnesty International. (2016). Connection Denied: Restrictions on mobile phones and outside "
        f"information in North Korea (ASA 24/3373/2016). {AMNESTY_URL}",
    ),
    (
        UN,
        "apa",
        "5",
        "(UN Human Rights Committee, 2011, p. 5)",
        "UN Human Rights Committee. (2011). General comment No. 34: Article 19: Freedoms of opinion and "
        "expression (CCPR/C/GC/34). United Nations.",
    ),
    # -- MLA 9: the parenthetical citation, then the works-cited entry
    (
        GOLDMAN,
        "mla",
        "70",
        "(Goldman 70)",
        "Goldman, Anne. “Questions of Transport: Reading Primo Levi Reading Dante.” The Georgia Review, "
        "vol. 64, no. 1, 2010, pp. 69–88.",
    ),
    (
        ROY,
        "mla",
        "315–316",
        "(Roy 315–16)",
        "Roy, Arundhati. The God of Small Things. HarperCollins, 1997.",
    ),
    (
        AMNESTY,
        "mla",
        "15",  # MLA 9, 2.1.3: by an organisation that publishes it: entered under its title
        "(Connection Denied 15)",
        f"{CDT}. ASA 24/3373/2016, Amnesty International, Mar. 2016, {AMNESTY_URL}.",
    ),
    (
        UN,
        "mla",
        "5",
        "(UN Human Rights Committee 5)",
        f"UN Human Rights Committee. {GC34}. CCPR/C/GC/34, United Nations, 12 Sept. 2011.",
    ),
    # -- Harvard, Cite Them Right: the citation, then the reference (British: single quotation marks)
    (
        SATTERFIELD,
        "harvard",
        "170",
        "(Satterfield, 2016, p. 170)",
        "Satterfield, S. (2016) ‘Livy and the Pax Deum’, Classical Philology, 111(2), pp. 165–176. "
        "Available at: https://doi.org/10.1086/685810.",
    ),
    (
        ROY,
        "harvard",
        "12",
        "(Roy, 1997, p. 12)",
        "Roy, A. (1997) The God of Small Things. New York: HarperCollins.",
    ),
    (
        AMNESTY,
        "harvard",
        "15",
        "(Amnesty International, 2016, p. 15)",
        "Amnesty International (2016) Connection Denied: Restrictions on mobile phones and outside "
        f"information in North Korea. ASA 24/3373/2016. Amnesty International. Available at: {AMNESTY_URL}.",
    ),
    (
        UN,
        "harvard",
        "5",
        "(UN Human Rights Committee, 2011, p. 5)",
        "UN Human Rights Committee (2011) General comment No. 34: Article 19: Freedoms of opinion and "
        "expression. CCPR/C/GC/34. United Nations.",
    ),
]


@pytest.mark.parametrize(
    ("item", "style", "page", "cited", "entry"),
    CASES,
    ids=[f"{c[1]}-{c[0]['id']}" for c in CASES],
)
def test_worked_example(item: dict[str, object], style: str, page: str, cited: str, entry: str) -> None:
    assert render(item, style, page) == (cited, entry)  # type: ignore[arg-type]


def test_worked_round_gaps_of_citeproc() -> None:
    """Each gap worked round in explorer/csl.py, seen in one output."""
    note, _ = render(SATTERFIELD, "chicago", "170")
    assert note.startswith("Susan Satterfield")  # initialize="false" honoured (not "S. Satterfield")
    assert "Pax Deum,”" in note  # American punctuation inside the closing quotation mark
    _, entry = render(AMNESTY, "mla", "15")
    assert entry.count("Connection Denied") == 1  # the title substituted for the author is not repeated
    in_text, _ = render(GOLDMAN, "mla", "70")
    assert in_text == "(Goldman 70)"  # `disambiguate` is not always true (it added the title)
    _, entry = render(SATTERFIELD, "apa", "170")
    assert "165–176" in entry  # the locator does not replace the article's page range
