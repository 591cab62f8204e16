"""What the review page draws: the article cut into pieces at flag and edit boundaries.

Notation in the tables: ``[ab]`` is a piece covered by flags, ``-ab-`` removed text, ``+ab+``
inserted text, ``^`` a flag on no characters (an insertion point)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transclean.edits import apply_edits
from transclean.model import Edit, Flag, Severity
from transclean.review.view import Piece, pieces


def flag(start: int, end: int, text: str, rule: str = "qa.x", fid: str | None = None) -> Flag:
    return Flag(fid or f"F{start}-{end}-{rule}", rule, Severity.WARNING, start, end,
                text[start:end], "m", "")


def edit(start: int, end: int, text: str, replacement: str, rule: str = "qa.x") -> Edit:
    return Edit(rule, start, end, text[start:end], replacement)


def notation(cut: list[Piece]) -> str:
    marks = {"del": "-{}-", "ins": "+{}+", "point": "^"}
    out = []
    for piece in cut:
        shown = marks.get(piece["k"], "{}").format(piece["t"])
        out.append(f"[{shown}]" if piece["f"] and piece["k"] != "point" else shown)
    return "".join(out)


TEXT = "the the rash"


@pytest.mark.parametrize(("flags", "edits", "expected"), [
    ([], [], "the the rash"),
    ([(4, 7)], [], "the [the] rash"),
    ([(3, 7)], [(3, 7, "")], "the[- the-] rash"),  # an applied deletion
    ([(8, 12)], [(8, 12, "scalp")], "the the [-rash-][+scalp+]"),
    ([(0, 7), (4, 12)], [], "[the ][the][ rash]"),  # overlapping flags: three pieces
    ([(7, 7)], [], "the the^ rash"),  # a flag on no characters
    ([(7, 7)], [(7, 7, ",")], "the the[+,+] rash"),  # ... whose insertion is applied
    ([(0, 12)], [(4, 7, "a")], "[the ][-the-][+a+][ rash]"),  # an edit inside a wide flag
])
def test_pieces_cut_at_every_boundary(
    flags: list[tuple[int, int]], edits: list[tuple[int, int, str]], expected: str
) -> None:
    made_flags = [flag(a, b, TEXT) for a, b in flags]
    made_edits = [edit(a, b, TEXT, r) for a, b, r in edits]
    assert notation(pieces(TEXT, made_flags, made_edits)) == expected


def test_an_inserted_piece_belongs_to_the_flag_that_made_it_first() -> None:
    owner = flag(8, 12, TEXT, rule="term.deprecated", fid="Fowner")
    other = flag(8, 12, TEXT, rule="qa.spacing", fid="Fother")
    cut = pieces(TEXT, [owner, other], [edit(8, 12, TEXT, "scalp", rule="term.deprecated")])
    assert [p for p in cut if p["k"] == "ins"] == [
        {"t": "scalp", "k": "ins", "f": ["Fowner", "Fother"]}
    ]
    assert [p["f"] for p in cut if p["k"] == "del"] == [["Fowner", "Fother"]]


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, list[Flag], list[Edit]]:
    text = draw(st.text(alphabet="ab сы\n", max_size=30))
    points = st.integers(0, len(text))
    flags = []
    for _ in range(draw(st.integers(0, 6))):
        a, b = sorted((draw(points), draw(points)))
        flags.append(flag(a, b, text, fid=f"F{len(flags)}"))
    edits: list[Edit] = []
    cuts = sorted(draw(st.lists(points, max_size=6)))
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if not edits or a > edits[-1].end or (a == edits[-1].end and a < b):
            edits.append(edit(a, b, text, draw(st.text(alphabet="xy", max_size=3))))
    return text, flags, edits


@given(cases())
def test_pieces_give_back_the_text_and_the_corrected_text(
    case: tuple[str, list[Flag], list[Edit]]
) -> None:
    text, flags, edits = case
    cut = pieces(text, flags, edits)
    assert "".join(p["t"] for p in cut if p["k"] in ("text", "del")) == text
    assert "".join(p["t"] for p in cut if p["k"] in ("text", "ins")) == apply_edits(text, edits)
    shown = {i for p in cut for i in p["f"]}
    assert {f.id for f in flags} <= shown  # every flag can be clicked somewhere
