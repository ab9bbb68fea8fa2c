"""Lines joined where a web address breaks: one word across the break, two addresses kept apart."""

from __future__ import annotations

from source.text import inside_url


def test_an_address_broken_at_a_line_end_goes_on_without_a_space() -> None:
    assert inside_url("see www.un.org/apps/news/", "story.asp?NewsID=52791")
    assert inside_url("http://www.tug.org/TUGboat/tb24-1/", "jackowski.pdf")


def test_a_line_starting_an_address_of_its_own_is_not_joined_to_the_one_before() -> None:
    before = "for more information: http://www.tug.org/TUGboat/tb24-1/jackowski.pdf"
    assert not inside_url(before, "http://www.tug.org/TUGboat/tb27-2/tb87hagen-gyre.pdf")
    assert not inside_url(before, "https://example.org/x")
    assert not inside_url(before, "www.example.org/x")
    assert not inside_url("see ftp://ftp.example.org/pub/", "HTTP://example.org/")


def test_a_sentence_after_an_address_is_not_joined() -> None:
    assert not inside_url("at https://www.latex-project.org/bugs/.", "The next")


def test_text_after_an_address_ending_with_a_file_name_is_not_joined() -> None:
    assert not inside_url("see http://www.adobe.com/devnet/acrobat/pdfs/pdf_reference.pdf", "Options")
    assert not inside_url("eg: http://www.unicode.org/Public/UNIDATA/UnicodeData.txt", "2. Next")
    assert inside_url("at http://example.org/docs/page.htm", "l#part")  # a small letter goes on
    assert inside_url("at http://example.org/docs/index.html", "?q=1")
