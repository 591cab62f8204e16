"""Reading editors' files into text: encodings, mojibake, newlines, formats."""

from transclean.io.reader import ReadResult, decode_bytes, read_path

__all__ = ["ReadResult", "decode_bytes", "read_path"]
