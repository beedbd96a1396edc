"""Inputs in other encodings are decoded correctly or refused with a clear message, never mangled.

The one guess (HTML without a usable charset) is lossless, one character per byte, and reported."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from artlint.errors import InputError
from artlint.source import decode

TEXT = "Café «crème» — naïve 😀.\r\nSecond line.\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
])
def test_byte_order_marks_decode_and_round_trip(data: bytes, encoding: str) -> None:
    source = decode(data)
    assert (source.text, source.encoding) == (TEXT, encoding)
    assert source.encode(source.text) == data


def test_latin1_declared_in_a_meta_tag_decodes_as_browsers_do() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><p>Café “crème”</p>'
    source = decode(page.encode("cp1252"), markup="html")
    assert (source.text, source.encoding) == (page, "cp1252")


@pytest.mark.parametrize(("data", "markup", "message"), [
    (b'<meta charset="windows-1252"><p>caf\xe9\n\x81</p>', "html",
     "not valid cp1252 as its <meta> tag declares (byte 0x81 at offset 37, line 2); convert the file to UTF-8"),
    (b"<meta charset='latin-1'><p>caf\xe9</p>", "text",
     "not valid UTF-8 (byte 0xe9 at offset 30, line 1); convert the file to UTF-8"),
    ("no BOM".encode("utf-16-le"), "text", "binary file (contains NUL bytes); artlint checks text, Markdown and HTML"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "text", "not valid utf-16-le after its byte-order mark (byte 2)"),
])
def test_undecodable_input_is_refused_with_a_clear_message(data: bytes, markup: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        decode(data, markup=markup)
    assert str(raised.value) == message


@pytest.mark.parametrize(("data", "text", "guessed"), [
    (b"<p>caf\xe9 cr\xe8me \x93na\xefve\x94</p>", "<p>café crème “naïve”</p>", (6, 10, 14, 17, 20)),
    ("<p>déjà vu, ".encode() + b"na\xefve\x81</p>", "<p>déjà vu, naïve\x81</p>", (14, 17)),
    (b'<meta charset="no-such-charset"><p>caf\xe9</p>', '<meta charset="no-such-charset"><p>café</p>', (38,)),
])
def test_html_without_a_usable_charset_is_read_as_utf8_then_windows_1252_and_says_so(
    data: bytes, text: str, guessed: tuple[int, ...]
) -> None:
    source = decode(data, markup="html")
    assert (source.text, source.encoding, source.guessed) == (text, "utf-8", guessed)
    assert len(source.text) == len(data.decode("utf-8", "surrogateescape"))  # one character per invalid byte


def test_valid_and_declared_input_is_not_a_guess() -> None:
    assert decode("<p>café</p>".encode(), markup="html").guessed == ()
    assert decode(b'<meta charset="latin-1"><p>caf\xe9</p>', markup="html").guessed == ()


def test_a_guessed_encoding_is_reported_and_the_file_is_not_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from typer.testing import CliRunner

    from artlint.cli import app

    data = b"<html><body>\n<p>The caf\xe9 opened on Monday .</p></body></html>"
    (tmp_path / "page.html").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "page.html", "--isolated", "--format", "json"])
    assert result.exit_code == 1
    guess = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "AL902"]
    assert [(f["start"], f["end"], f["line"], f["column"], f["severity"]) for f in guess] == [(23, 24, 2, 11, "warning")]
    assert "1 byte(s) were read as windows-1252, a guess (the first is 'é' here)" in guess[0]["message"]
    fixed = CliRunner().invoke(app, ["check", "page.html", "--isolated", "--fix"])
    assert "not fixed: its encoding was guessed (AL902); convert the file to UTF-8 first" in fixed.stdout
    assert (tmp_path / "page.html").read_bytes() == data


def test_a_refused_file_is_reported_by_the_cli_and_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from artlint.cli import app

    data = b'<meta charset="windows-1252"><p>the the \x81</p>'
    (tmp_path / "page.html").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "page.html", "--isolated", "--fix"])
    assert result.exit_code == 2
    assert "page.html: error: not valid cp1252 as its <meta> tag declares (byte 0x81" in result.stdout
    assert (tmp_path / "page.html").read_bytes() == data
