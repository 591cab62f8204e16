"""Turn an editor's file, in whatever encoding it came, into text plus notes on what was done.

Order matters: byte-order marks are certain, strict UTF-8 is nearly certain, and only then is a
detector asked. charset-normalizer is weakest on short Russian files (a six-letter KOI8-R word
comes back as Big5), so its candidates are limited to the encodings Russian/English editors
actually produce and re-ranked by how plausible the decoded text is as Russian or English.
"""

from __future__ import annotations

import codecs
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from transclean.errors import InputError

# Single-byte encodings a Russian or English editor's file may be in, with a prior penalty:
# Windows-1251 is by far the commonest, DOS and Mac code pages are rare today.
LEGACY_ENCODINGS = {
    "cp1251": 0.0,
    "koi8_r": 0.2,
    "cp1252": 0.2,
    "cp866": 0.5,
    "mac_cyrillic": 0.8,
    "iso8859_5": 0.8,
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# File signatures of formats people mistake for text; named so the error says what the file is.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .odt file?)"),
    (b"\xd0\xcf\x11\xe0", "an MS Office binary document (.doc)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"\x1f\x8b", "a gzip archive"),
)

# Relative frequencies (per mille) of Russian letters in running text.
# Below this, no candidate reads as prose: the bytes are not text in any encoding we know.
# Real Russian or English scores above 0; random high bytes score below -5.
MIN_PLAUSIBILITY = -2.0

_RU_FREQ = dict(
    zip(
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
        (
            110,
            85,
            80,
            74,
            67,
            63,
            55,
            47,
            45,
            44,
            35,
            32,
            30,
            28,
            26,
            20,
            19,
            17,
            17,
            16,
            16,
            14,
            12,
            10,
            9,
            7,
            6,
            5,
            4,
            3,
            3,
            1,
            1,
        ),
        strict=True,
    )
)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_WORD = re.compile(r"[^\W\d_]+")
# Box drawing, and rare symbols stuck to a letter: what a wrong code page makes of letters.
_GLUED_SYMBOL = re.compile(r"[\u2500-\u259f]|[‹›„‡†®©°±µ¶§¤¦¬™ЂђЏџЃѓЋћЉљЊњЌќ](?=[^\W\d_])")


MARKDOWN_SUFFIXES = (".md", ".markdown")
"""Files read as Markdown (``#`` headings); everything else is plain text."""


@dataclass(frozen=True, slots=True)
class ReadResult:
    """Decoded text and how it was obtained."""

    text: str
    encoding: str
    notes: tuple[str, ...]
    format: str  # "text" or "markdown"


def decode_bytes(data: bytes, source: str = "<bytes>", fmt: str = "text") -> ReadResult:
    """Decode ``data`` to text, repair mojibake and normalise newlines.

    Raises InputError for binary or undecodable input; empty input gives empty text.
    """
    notes: list[str] = []
    if not data:
        return ReadResult("", "utf-8", (), fmt)
    text, encoding = _decode(data, source, notes)
    text = text.lstrip("\ufeff")
    text = _repair_mojibake(text, notes)
    text = _normalise_newlines(text, notes)
    return ReadResult(text, encoding, tuple(notes), fmt)


def read_path(path: str | Path) -> ReadResult:
    """Read a file (``-`` for standard input) and decode it with :func:`decode_bytes`."""
    name = str(path)
    if name == "-":
        return decode_bytes(sys.stdin.buffer.read(), "<stdin>")
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except IsADirectoryError:
        raise InputError(
            "is a directory, not a file", hint="use 'transclean batch' for folders", path=name
        ) from None
    except PermissionError:
        raise InputError("permission denied", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None
    fmt = "markdown" if p.suffix.lower() in MARKDOWN_SUFFIXES else "text"
    try:
        return decode_bytes(data, name, fmt)
    except InputError as exc:
        exc.path = name
        raise


def _decode(data: bytes, source: str, notes: list[str]) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"starts with a {encoding} byte-order mark but does not decode as "
                    f"{encoding} (byte {exc.start})"
                ) from None
            notes.append(f"decoded as {encoding.replace('-sig', '')} (byte-order mark)")
            if "\x00" in text:
                raise InputError("contains NUL characters: this looks like a binary file, not text")
            return text, encoding.replace("-sig", "")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(
                f"is {what}, not a text file", hint="save it as plain text (.txt) or Markdown (.md)"
            )
    if b"\x00" in data:
        raise InputError(
            "contains NUL bytes: this looks like a binary file or UTF-16 without a byte-order mark",
            hint="save it as UTF-8 text",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    detected = _detect_legacy(data)
    if detected is None:
        raise InputError(
            "cannot tell the text encoding: not UTF-8 and not a Cyrillic or Western code page",
            hint="save it as UTF-8",
        )
    notes.append(f"decoded as {detected} (not valid UTF-8; detected)")
    return data.decode(detected), detected


def _detect_legacy(data: bytes) -> str | None:
    """Pick the likeliest single-byte encoding: the detector proposes, plausibility decides."""
    from charset_normalizer import from_bytes

    candidates = [m.encoding for m in from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS))]
    # Short Russian text is where detectors fail; always weigh the Cyrillic code pages too.
    for enc in LEGACY_ENCODINGS:
        if enc not in candidates:
            candidates.append(enc)
    best: tuple[float, str] | None = None
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = plausibility(text) - LEGACY_ENCODINGS.get(enc, 1.0)
        if best is None or score > best[0]:
            best = (score, enc)
    if best is None or best[0] < MIN_PLAUSIBILITY:
        return None
    return best[1]


def plausibility(text: str) -> float:
    """Score how much ``text`` looks like real Russian or English prose (higher is likelier).

    Wrong Cyrillic code pages show as words mixing scripts, capitals inside lower-case words
    (KOI8-R's lower case is CP1251's upper case) and rare letters; control characters and
    unassigned symbols count against any candidate.
    """
    score = 0.0
    words = _WORD.findall(text)
    if not words:
        return 0.0
    for word in words:
        cyr = sum(1 for ch in word if "\u0400" <= ch <= "\u04ff")
        if cyr and cyr != len(word):
            score -= 4.0
            continue
        if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
            score -= 3.0
        if cyr and len(word) > 2 and word.isupper():
            score -= 0.5  # all-caps Cyrillic is rare in prose, common in KOI8-R read as CP1251
        if cyr:
            score += sum(math.log(_RU_FREQ.get(ch, 0.5)) for ch in word.lower()) / len(word) - 2.5
        else:
            score += 1.0 if word.isascii() else -1.0
    odd = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or "\x80" <= ch <= "\x9f")
    odd += len(_GLUED_SYMBOL.findall(text))
    return (score - 5.0 * odd) / len(words)


def _repair_mojibake(text: str, notes: list[str]) -> str:
    """Undo UTF-8 read through a wrong code page ("РњРёРЅ…" → "Мин…"), changing nothing else."""
    if not _looks_mojibaked(text):
        return text
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=False,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )
    fixed, explanation = ftfy.fix_and_explain(text, config=config)
    if fixed != text:
        steps = ", ".join(f"{step} {arg}" for step, arg in explanation or [])
        notes.append(f"repaired mojibake ({steps})")
    return fixed


# Cheap pre-filter, because ftfy is slow on megabytes of clean text. UTF-8 Cyrillic read as
# CP1251 turns every letter into "Р" or "С" followed by what CP1251 makes of bytes 0x80-0xBF;
# two such pairs in a row never occur in real Russian. Latin mojibake shows "Ã", "Â" or "â€".
_CP1251_CONTINUATION = re.escape(bytes(range(0x80, 0xC0)).decode("cp1251", errors="ignore"))
# Written to start with one character class so the regex engine can skip ahead quickly.
_MOJIBAKE_HINT = re.compile(
    f"[РСÃÂâ](?:(?<=[РС])[{_CP1251_CONTINUATION}][РС][{_CP1251_CONTINUATION}]"
    "|(?<=Ã)[\u0080-\u00bf]|(?<=Â)[\u00a0-\u00bf]|(?<=â)€)"
)


def _looks_mojibaked(text: str) -> bool:
    return _MOJIBAKE_HINT.search(text) is not None


def _normalise_newlines(text: str, notes: list[str]) -> str:
    if "\r" not in text:
        return text
    crlf = text.count("\r\n")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    notes.append("normalised CRLF newlines to LF" if crlf else "normalised CR newlines to LF")
    return text
