"""decode_page: the bytes decide before the labels; labels are tried in the standard's order."""

from __future__ import annotations

import codecs

from newsreader.web.charset import decode_page

TEXT = "<html><head>{meta}</head><body><p>Café crème, Zoë and the señor’s façade.</p></body></html>"


def html(meta: str = "") -> str:
    return TEXT.format(meta=meta)


def test_utf8_without_any_label() -> None:
    decoded = decode_page(html().encode("utf-8"))
    assert decoded.text == html()
    assert decoded.encoding == "utf-8"


def test_utf8_bytes_labelled_latin1_in_the_header_and_the_meta() -> None:
    page = html('<meta charset="iso-8859-1">')
    decoded = decode_page(page.encode("utf-8"), "text/html; charset=ISO-8859-1")
    assert decoded.text == page


def test_windows1252_bytes_labelled_utf8() -> None:
    page = html('<meta charset="utf-8">')
    decoded = decode_page(page.encode("cp1252"), "text/html; charset=utf-8")
    assert "Café crème, Zoë and the señor’s façade." in decoded.text


def test_the_meta_charset_alone() -> None:
    page = html('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">')
    page = page.replace("Café crème", "Кафе и крем")
    decoded = decode_page(page.encode("cp1251", errors="replace"))
    assert "Кафе и крем" in decoded.text
    assert decoded.encoding == "cp1251"


def test_a_server_default_latin1_gives_way_to_the_pages_meta() -> None:
    page = html('<meta charset="windows-1251">').replace("Café crème", "Кафе и крем")
    decoded = decode_page(page.encode("cp1251", errors="replace"), "text/html; charset=iso-8859-1")
    assert "Кафе и крем" in decoded.text


def test_the_header_wins_over_a_contradicting_meta() -> None:
    page = "<html><head><meta charset='windows-1251'></head><body><p>Το κανάλι.</p></body></html>"
    decoded = decode_page(page.encode("iso-8859-7"), "text/html; charset=iso-8859-7")
    assert "Το κανάλι." in decoded.text


def test_byte_order_marks() -> None:
    page = html()
    assert decode_page(codecs.BOM_UTF8 + page.encode("utf-8")).text == page
    assert decode_page(codecs.BOM_UTF16_LE + page.encode("utf-16-le")).text == page
    assert decode_page(codecs.BOM_UTF16_BE + page.encode("utf-16-be"), "text/html").text == page


def test_unknown_labels_and_undecodable_bytes_never_raise() -> None:
    decoded = decode_page(b"<p>\x81\x8d\x8f\x90\x9d caf\xe9</p>", "text/html; charset=klingon")
    assert decoded.text.startswith("<p>")
    assert decoded.text.endswith("</p>")


def test_an_unknown_header_label_with_a_meta() -> None:
    page = html('<meta charset="utf-8">')
    decoded = decode_page(page.encode("cp1252"), "text/html; charset=klingon")
    assert "Café crème, Zoë and the señor’s façade." in decoded.text
