"""Reading: every encoding an editor's file may come in, mojibake, newlines, and bad input."""

from __future__ import annotations

import codecs

import pytest

from transclean.errors import InputError
from transclean.io.reader import decode_bytes, read_path

# Short Russian texts are where encoding detectors are weakest: test those above all.
RUSSIAN_SHORT = [
    "Привет",
    "Минимальная доза",
    "Лечение алопеции",
    "Здравствуйте, мир!",
    "дупилумаб 300 мг",
    'Ещё раз: "скваровая кислота".',
    "Всё хорошо",
    "Лечение алопеции и атопического дерматита: двойное действие дупилумаба",
]


@pytest.mark.parametrize("text", RUSSIAN_SHORT)
@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_short_russian_in_legacy_code_pages(text: str, encoding: str) -> None:
    result = decode_bytes(text.encode(encoding))
    assert result.text == text
    assert result.encoding == encoding
    assert any("detected" in note for note in result.notes)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Привет, world".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "Привет, world".encode(), "utf-8"),
        (codecs.BOM_UTF16_LE + "Привет, world".encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + "Привет, world".encode("utf-16-be"), "utf-16"),
    ],
)
def test_unicode_with_and_without_bom(data: bytes, encoding: str) -> None:
    result = decode_bytes(data)
    assert result.text == "Привет, world"
    assert result.encoding == encoding


def test_western_code_page() -> None:
    assert decode_bytes("café au lait, résumé".encode("cp1252")).text == "café au lait, résumé"


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("РњРёРЅРёРјР°Р»СЊРЅР°СЏ", "Минимальная"),
        ("РњРёРЅРёРјР°Р»СЊРЅР°СЏ РґРѕР·Р° dupilumab", "Минимальная доза dupilumab"),
        ("the patientâ€™s hair", "the patient’s hair"),
    ],
)
def test_mojibake_is_repaired_and_noted(broken: str, fixed: str) -> None:
    result = decode_bytes(broken.encode("utf-8"))
    assert result.text == fixed
    assert any("mojibake" in note for note in result.notes)


@pytest.mark.parametrize(
    "clean",
    [
        "Лечение алопеции «и» — “quotes” stay curly",
        "Ligatures ﬁ and full-width ＡＢＣ are not the reader's business",
        "Рост Роста Сила Слова",
    ],
)
def test_clean_text_is_left_alone(clean: str) -> None:
    result = decode_bytes(clean.encode("utf-8"))
    assert result.text == clean
    assert result.notes == ()


@pytest.mark.parametrize(
    ("raw", "text", "note"),
    [
        (b"one\r\ntwo\r\n", "one\ntwo\n", "CRLF"),
        (b"one\rtwo\r", "one\ntwo\n", "CR"),
    ],
)
def test_newlines_are_normalised(raw: bytes, text: str, note: str) -> None:
    result = decode_bytes(raw)
    assert result.text == text
    assert any(note in n for n in result.notes)


def test_empty_input_is_empty_text() -> None:
    result = decode_bytes(b"")
    assert result.text == ""
    assert result.notes == ()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"plain text\x00with a NUL byte", "NUL"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "utf-16"),
        (bytes(range(128, 256)) * 4, "encoding"),
    ],
)
def test_bad_input_is_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data)
    assert message in info.value.one_line()
    assert "\n" not in info.value.one_line()


def test_read_path_names_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "article.txt"
    path.write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.one_line().startswith(str(path))


def test_missing_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")


def test_markdown_format_from_extension(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.md"
    path.write_text("# Title\n\nBody.", encoding="utf-8")
    assert read_path(path).format == "markdown"
