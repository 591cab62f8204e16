"""boilerplate patterns: the merged regexes that make the check fast match what the lists say.

A section's entries are merged into a few trie-shaped regexes, and all chrome sections (and all
vocabularies) are screened by one union each before any is read on its own. These tests hold the
merged forms to the plain reading of the syntax: each entry on its own, in list order.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transclean.checks.boilerplate.patterns import (
    Pattern,
    Probe,
    Section,
    _trie,
    default_pattern_files,
    load_patterns,
    normalize,
    parse_patterns,
)

PATTERNS = load_patterns(default_pattern_files())
SECTIONS = [*PATTERNS.chrome, *PATTERNS.vocab.values()]


def reference_score(patterns: tuple[Pattern, ...], unit: str) -> int:
    """Score ``unit`` entry by entry, as the syntax in glossaries/boilerplate.en.txt reads."""
    head = re.sub(r"^[\W_]+", "", unit)
    whole = re.sub(r"^[\W_]+|[\W_]+$", "", unit)
    for p in patterns:
        if (
            (p.kind == "start" and p.regex.match(head))
            or (p.kind == "whole" and p.regex.fullmatch(whole))
            or (p.kind == "regex" and p.anchored and p.regex.search(unit))
        ):
            return 3
    if any(p.kind in ("free", "regex") and p.regex.search(unit) for p in patterns):
        return 2
    return 0


def reference_first(patterns: tuple[Pattern, ...], unit: str) -> tuple[int, int] | None:
    """The leftmost match of a free or regex entry; of equals, the free one listed first."""
    ordered = [p for p in patterns if p.kind == "free"] + [p for p in patterns if p.kind == "regex"]
    found = [m for p in ordered if (m := p.regex.search(unit))]
    return min(found, key=lambda m: m.start()).span() if found else None


@pytest.mark.parametrize(
    ("sources", "merged"),
    [
        (["add", "admin"], "ad(?:d|min)"),
        (["our", "us"], "(?:our|us)"),
        (["post", "posts"], "post(?:s|)"),  # a shorter entry ends where the longer goes on
        (["\\.jpg", "\\.png"], "\\.(?:jpg|png)"),  # escaped characters are shared whole
        # Only leading literal characters are shared; each entry keeps its own rest.
        (["sign[\\s-]+up(?![\\w-])", "sign(?![\\w-])"], "sign(?:[\\s-]+up(?![\\w-])|(?![\\w-]))"),
        (["стат[\\w-]*", "статья"], "стат(?:ья|[\\w-]*)"),
    ],
)
def test_entries_are_merged_on_their_leading_characters(sources: list[str], merged: str) -> None:
    assert _trie(sources) == merged


def _words() -> list[str]:
    """Words of every shipped entry and a few of articles, to build units from."""
    words = {"the", "patients", "treatment", "дерматит", "лечение", "1", "2024", "12", "©", "|"}
    for section in SECTIONS:
        for p in section.patterns:
            # The regex without its escapes and classes ("\\s", "[\\w-]") leaves the words.
            source = re.sub(r"\\.|\[[^\]]*\]", " ", p.regex.pattern)
            words.update(re.findall(r"[\w'’-]+", source))
    return sorted(words)


def _phrases() -> list[str]:
    """Every phrase entry of the shipped lists as a text would write it."""
    phrases = []
    for path in default_pattern_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and line[0] not in "#[" and not line.startswith("re:"):
                phrases.append(line.lstrip("^=").replace(" * ", " new ").replace("*", "s"))
    return phrases


_UNIT = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(_words()), st.sampled_from(_phrases())),
        st.sampled_from([" ", " ", " ", "-", "", ". ", ": ", ", ", "\n", " » ", ".jpg "]),
    ),
    max_size=9,
).map(lambda parts: normalize("".join(w + s for w, s in parts)).strip())
_LEAD = st.sampled_from(["", "• ", "- ", '"', "_"])


@settings(max_examples=250, deadline=None)
@given(_LEAD, _UNIT)
def test_merged_sections_score_as_their_entries_do(lead: str, text: str) -> None:
    unit = lead + text
    probe = Probe.of(unit)
    scores = {s.name: reference_score(s.patterns, unit) for s in SECTIONS}
    for section in SECTIONS:
        assert section.score(probe) == section.score(unit) == scores[section.name], section.name
        assert section.matches(probe) is (scores[section.name] > 0)
        first = section.first(probe)
        assert (first.span() if first else None) == reference_first(section.patterns, unit)
    expected = [(s.name, scores[s.name]) for s in PATTERNS.chrome if scores[s.name]]
    assert PATTERNS.chrome_scores(probe) == expected
    assert PATTERNS.uses_vocabulary(probe) == any(scores[name] for name in PATTERNS.vocab)
    assert PATTERNS.matches(probe) == any(scores.values())


def test_a_unit_is_read_as_the_syntax_says_whatever_its_edges() -> None:
    """Probe.of skips the edge regexes where str.isalnum() says there are no edges: that holds
    only if isalnum() is true exactly for the characters outside [\\W_], checked on the BMP."""
    edge = re.compile(r"[\W_]")
    assert all(chr(c).isalnum() is (edge.match(chr(c)) is None) for c in range(0x10000))
    for unit in ["Share", "Share.", "• Share ›", "_x_", "«»", "", "Read also: x", "1 min read"]:
        head, whole = re.sub(r"^[\W_]+", "", unit), re.sub(r"^[\W_]+|[\W_]+$", "", unit)
        assert Probe.of(unit) == (unit, head, whole)


@pytest.mark.parametrize(
    ("entries", "unit", "score"),
    [
        # Entries of different sections screened together still score apart.
        ("^read also\nread more", "Read also: more", 3),
        ("^read also\nread more", "Please read more", 2),
        ("=share\nshare this", "• Share ›", 3),
        ("=share\nshare this", "Share this story", 2),
        ("поделитесь\nподелиться", "Поделиться", 2),
        ("поделитесь\nподелиться", "Поделись", 0),
    ],
)
def test_section_scores_on_small_lists(entries: str, unit: str, score: int) -> None:
    section = Section("test", parse_patterns(f"[test]\n{entries}\n", "test.txt"))
    assert section.score(normalize(unit)) == score
