"""``html``: one self-contained review page of the corrected article.

The page fetches nothing: CSS and a few lines of script are inline, fonts are the reader's own.
Every applied fix is an ``<ins>`` (its replaced text in a ``<del>``, hidden until "show replaced
text" is ticked) and every flag left unfixed a ``<mark>``; the details are in the ``title``
(shown on hover) and in a list of flags grouped by rule, which a click on a highlight opens.
Without script the page still works: titles, links from the list to the text, ``<details>``.
All article text is escaped, so a ``<script>`` in the article is only text.

Each block is rendered from its own span; an edit that starts in a block (or in the gap after
it) is drawn whole there, so a removed paragraph shows as a deletion where it was.

Machine translations: an applied one is an edit like any other, its ``<del>`` and ``<ins>``
tagged with their languages; the page and each block say the language they are shown in (the
translation's, after ``translate``). A translation not applied (``clean --translate``) follows
its block in an ``<aside>`` "Machine translation (en, argos): …", with a warning when its
glossary terms could not be verified.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from transclean.model import CleanResult, Edit, Flag, Segment, SegmentKind
from transclean.writers._common import (
    MT_RULE,
    MachineTranslation,
    UnitView,
    flag_detail,
    flag_note,
    languages,
    mt_status,
    translation_summary,
    unit_views,
)

_TAGS = {SegmentKind.TITLE: "h1", SegmentKind.HEADING: "h2", SegmentKind.PARAGRAPH: "p"}

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:52rem;padding:1rem;color:#222}
.meta{color:#555;font-size:.9rem}
article p,article h1,article h2{white-space:pre-wrap}
ins{background:#d8f5d0;text-decoration:none;border-bottom:2px solid #3a3}
del{display:none;background:#fbd8d8;color:#733}
body.show-original del{display:inline}
.fix{cursor:pointer}
.fix.deletion::after{content:"\\232B";color:#a33;font-size:.8em}
mark{cursor:pointer;border-bottom:2px solid}
mark.error{background:#fdd;border-color:#c00}
mark.warning{background:#ffefc2;border-color:#d90}
mark.info{background:#e3eeff;border-color:#58c}
mark.point::after{content:"\\2038";color:#c00}
#flags li{margin:.3rem 0}
#flags li.current{outline:2px solid #58c}
.sev{font-size:.8em;padding:0 .3em;border-radius:.2em;background:#eee}
.sev.error{background:#fdd}
.sev.warning{background:#ffefc2}
"""

# Only pages with translations beside their segments carry this, so other pages do not change.
_COUNTERPART_STYLE = """aside.mt{margin:-.5rem 0 1rem;padding:.3rem .6rem;white-space:pre-wrap;
border-left:3px solid #58c;background:#f3f7ff}
"""

# Progressive enhancement only: reads data attributes, writes no article text.
_SCRIPT = """
document.getElementById("show-original").addEventListener("change", function (e) {
  document.body.classList.toggle("show-original", e.target.checked);
});
document.querySelectorAll("[data-flags]").forEach(function (el) {
  el.addEventListener("click", function () {
    var first = null;
    document.querySelectorAll("#flags li.current").forEach(function (li) {
      li.classList.remove("current");
    });
    el.getAttribute("data-flags").split(" ").forEach(function (id) {
      var item = document.getElementById(id);
      if (!item) { return; }
      item.closest("details").open = true;
      item.classList.add("current");
      first = first || item;
    });
    if (first) { first.scrollIntoView({block: "center"}); }
  });
});
"""


@dataclass(frozen=True, slots=True)
class _Context:
    result: CleanResult
    applied: Callable[[Flag], bool]
    keys: dict[int, str]  # id(flag) -> "f<n>", the flag's anchor in the list
    open_flags: tuple[Flag, ...]  # flags whose fix was not applied, by start
    open_starts: list[int]
    longest: int  # the longest open flag: how far back a flag covering a point can start
    anchored: set[str]  # keys already given an in-text anchor
    units: dict[str, list[UnitView]]  # block id -> its units
    translations: dict[tuple[int, int], MachineTranslation]  # applied ones, by unit span


class HtmlWriter:
    """Write a self-contained HTML review page with fixes and flags highlighted inline."""

    name = "html"
    extension = "html"
    media_type = "text/html; charset=utf-8"
    description = "Self-contained HTML review page: fixes and flags highlighted, list by rule."

    def write(self, result: CleanResult) -> bytes:
        document = result.document
        applied = result.applied
        open_flags = tuple(
            sorted((f for f in result.flags if not applied(f)), key=lambda f: f.start)
        )
        views = unit_views(result)
        units: dict[str, list[UnitView]] = {}
        for view in views:
            units.setdefault(view.segment.parent or view.id, []).append(view)
        ctx = _Context(
            result=result,
            applied=applied,
            keys={id(f): f"f{n}" for n, f in enumerate(result.flags, 1)},
            open_flags=open_flags,
            open_starts=[f.start for f in open_flags],
            longest=max((f.end - f.start for f in open_flags), default=0),
            anchored=set(),
            units=units,
            translations={
                (v.segment.start, v.segment.end): v.translation for v in views if v.translation
            },
        )
        fixed = sum(1 for f in result.flags if applied(f))
        lang = escape(result.target_lang)
        style = _STYLE + (_COUNTERPART_STYLE if any(v.counterpart for v in views) else "")
        body = _article(ctx) or ['<p class="meta">No text.</p>']
        out = [
            "<!DOCTYPE html>",
            f'<html lang="{lang}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="transclean">',
            f"<title>Review: {escape(document.source)}</title>",
            f"<style>{style}</style>",
            "</head>",
            "<body>",
            "<header>",
            f'<p class="meta">{escape(document.source)} · language {escape(languages(result))} · '
            f"encoding {escape(document.encoding)} · {len(result.edits)} edits applied · "
            f"{len(result.flags)} flags ({fixed} fixed){translation_summary(views)}</p>",
            *(f'<p class="meta">Note: {escape(n)}</p>' for n in document.notes),
            '<p class="meta"><label><input type="checkbox" id="show-original"> '
            "show replaced text</label></p>",
            "</header>",
            "<main>",
            f'<article lang="{lang}">',
            *body,
            "</article>",
            *_flag_list(ctx),
            "</main>",
            f"<script>{_SCRIPT}</script>",
            "</body>",
            "</html>",
            "",
        ]
        return "\n".join(out).encode("utf-8")


def _article(ctx: _Context) -> list[str]:
    """One element per block; edits are drawn in the block where they start."""
    document = ctx.result.document
    blocks = document.blocks
    out: list[str] = []
    consumed = 0  # original offset up to which text has been drawn (edits may run past a block)
    all_edits = ctx.result.edits
    starts = [e.start for e in all_edits]
    for index, block in enumerate(blocks):
        region_start = 0 if index == 0 else block.start
        # The last block's region includes an insertion at the very end of the text.
        region_end = blocks[index + 1].start if index + 1 < len(blocks) else len(document.text) + 1
        edits = list(all_edits[bisect_left(starts, region_start) : bisect_left(starts, region_end)])
        block_lang = _shown_lang(ctx, block)
        html = _block_html(ctx, block, block_lang, edits, consumed)
        consumed = max([consumed, *(e.end for e in edits)])
        if html:
            tag = _TAGS[block.kind]
            lang = f' lang="{escape(block_lang)}"' if block_lang != ctx.result.target_lang else ""
            out.append(f'<{tag} id="{escape(block.id)}"{lang}>{html}</{tag}>')
        out += [_counterpart_html(v) for v in ctx.units.get(block.id, ()) if v.counterpart]
    return out


def _shown_lang(ctx: _Context, block: Segment) -> str:
    """The language a block is shown in: its translations' where all of its units have one."""
    units = ctx.units.get(block.id, [])
    if not any(v.translation for v in units):
        return block.lang
    langs = {v.target_lang for v in units}
    return langs.pop() if len(langs) == 1 else block.lang


def _counterpart_html(view: UnitView) -> str:
    """A translation not applied, in a box after its block."""
    mt = view.counterpart
    assert mt is not None
    warning = "" if mt.verified else ' <span class="sev warning">glossary terms not verified</span>'
    return (
        f'<aside class="mt" id="mt-{escape(view.id)}" title="{escape(mt_status(mt))}">'
        f'<span class="meta">Machine translation ({escape(mt.lang)}, {escape(mt.engine)}) '
        f"of {escape(view.id)}:</span> "
        f'<span lang="{escape(mt.lang)}">{escape(mt.text)}</span>{warning}</aside>'
    )


def _block_html(ctx: _Context, block: Segment, lang: str, edits: list[Edit], consumed: int) -> str:
    parts: list[str] = []
    cursor = max(block.start, consumed)
    for edit in edits:
        parts.append(_text_html(ctx, cursor, min(edit.start, block.end)))
        parts.append(_edit_html(ctx, edit, lang))
        cursor = max(cursor, edit.end)
    parts.append(_text_html(ctx, max(cursor, block.start), block.end))
    return "".join(parts)


def _text_html(ctx: _Context, start: int, end: int) -> str:
    """Escaped original text ``[start, end)`` with unfixed flags as marks."""
    if start >= end:
        return ""
    text = ctx.result.document.text
    low = bisect_left(ctx.open_starts, start - ctx.longest)
    high = bisect_right(ctx.open_starts, end)
    flags = [f for f in ctx.open_flags[low:high] if f.end >= start]
    cuts = sorted({start, end, *(p for f in flags for p in (f.start, f.end) if start < p < end)})
    parts: list[str] = []
    for piece_start, piece_end in pairwise(cuts):
        points = [f for f in flags if f.start == f.end == piece_start]
        if points:
            parts.append(_mark(ctx, points, "", point=True))
        covering = [f for f in flags if f.start <= piece_start and piece_end <= f.end != f.start]
        piece = escape(text[piece_start:piece_end])
        parts.append(_mark(ctx, covering, piece) if covering else piece)
    return "".join(parts)


def _mark(ctx: _Context, flags: list[Flag], inner: str, *, point: bool = False) -> str:
    worst = max(flags, key=lambda f: f.severity.rank).severity.value
    classes = f"{worst} point" if point else worst
    title = "\n".join(flag_note(f, False) for f in flags)
    return f"<mark{_anchor_attrs(ctx, flags, classes, title)}>{inner}</mark>"


def _edit_html(ctx: _Context, edit: Edit, block_lang: str) -> str:
    result = ctx.result
    flags = [
        f
        for f in result.flags
        if f.fix == edit or (not ctx.applied(f) and f.start < edit.end and edit.start < f.end)
    ]
    notes = [flag_note(f, ctx.applied(f)) for f in flags]
    title = "\n".join([f"{edit.rule}: “{edit.original}” → “{edit.replacement}”", *notes])
    classes = "fix deletion" if not edit.replacement else "fix"
    old_lang = new_lang = ""
    mt = ctx.translations.get((edit.start, edit.end))
    if mt is not None and edit.rule == MT_RULE:
        # A translation replaces text of one language with another's.
        if mt.source_lang != block_lang:
            old_lang = f' lang="{escape(mt.source_lang)}"'
        if mt.lang != block_lang:
            new_lang = f' lang="{escape(mt.lang)}"'
    return (
        f"<span{_anchor_attrs(ctx, flags, classes, title)}>"
        f"<del{old_lang}>{escape(edit.original)}</del>"
        f"<ins{new_lang}>{escape(edit.replacement)}</ins></span>"
    )


def _anchor_attrs(ctx: _Context, flags: list[Flag], classes: str, title: str) -> str:
    keys = [ctx.keys[id(f)] for f in flags]
    new = next((k for k in keys if k not in ctx.anchored), None)
    ctx.anchored.update(keys)
    anchor = f' id="at-{new}"' if new else ""
    data = f' data-flags="{" ".join(keys)}"' if keys else ""
    return f'{anchor} class="{classes}"{data} title="{escape(title)}"'


def _flag_list(ctx: _Context) -> list[str]:
    result = ctx.result
    if not result.flags:
        return ['<section id="flags"><h2>Flags</h2><p class="meta">No flags.</p></section>']
    out = ['<section id="flags">', "<h2>Flags by rule</h2>"]
    for rule in sorted({f.rule for f in result.flags}):
        flags = [f for f in result.flags if f.rule == rule]
        out.append(f"<details open><summary><code>{escape(rule)}</code> · {len(flags)}</summary>")
        out.append("<ul>")
        for flag in flags:
            key = ctx.keys[id(flag)]
            link = (
                f' <a href="#at-{key}">{escape(flag.segment_id or "text")}</a>'
                if key in ctx.anchored
                else ""
            )
            out.append(
                f'<li id="{key}"><span class="sev {escape(flag.severity.value)}">'
                f"{escape(flag.severity.value)}</span>{link} <q>{escape(flag.text)}</q> — "
                f"{escape(flag_detail(flag, ctx.applied(flag)))}</li>"
            )
        out.append("</ul>")
        out.append("</details>")
    out.append("</section>")
    return out
