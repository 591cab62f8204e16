"""Word keys and inflection for term matching: Russian case and number, English plurals.

A *key* is what a word is compared by. Two written forms of the same word get the same key, so
"дупилумабом", "Дупилумаба" and "дупилумаб" all match the glossary term "дупилумаб", and
"dupilumab's" matches "dupilumab". Keys are computed once per distinct word (cached).

Russian keys are the pymorphy3 lemma for dictionary words and, for words pymorphy3 does not
know, the word with its case endings stripped: pymorphy3 guesses lemmas of unknown drug names
by analogy and often guesses differently for different forms of one name ("алопеции" comes out
as an indeclinable abbreviation, "алопеция" as a noun), whereas stripping endings maps every
form to one stem. Glossary terms are keyed by the same function, so both sides always agree.

Three choices keep a term's forms on one key and other words off it:

- A word with readings of several lemmas is keyed by its likely noun or adjective lemma
  (readings' probabilities summed per lemma), as glossary terms are noun groups: "угрей" is
  "угорь", not the verb "угреть". Where such readings are unlikely ("стали" is "стать" 97% of
  the time), the likeliest lemma of any part of speech is the key.
- A word the dictionary knows only as a surname is keyed like an unknown word: the surname
  paradigm ("Азелаинова", "Азелаиновой") spells some forms of unknown adjectives, and their
  other forms ("азелаиновая") are unknown.
- A stem is marked (:data:`STEM_MARK`), so that an unknown word never takes a dictionary word's
  key ("дерматовенерология" and "дерматовенеролога", lemma "дерматовенеролог"); and the "и"
  of the "-ия"/"-ие"/"-ий" nouns stays in the stem, so that "эозинофилия" and "эозинофилы"
  keep apart.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse

# Characters that may sit inside a word without being part of it: soft hyphen, zero-width
# (non-)joiners and spaces, word joiner, BOM, and the combining acute used as a stress mark.
IGNORABLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u0301"
_IGNORABLE_RE = re.compile(f"[{IGNORABLE}]")
APOSTROPHES = "'’ʼ‘"
DASHES = "-‐‑‒–—―−"

# Case endings of Russian nouns and adjectives, longest first so that "-ами" wins over "-и".
_RU_ENDINGS: tuple[str, ...] = tuple(
    sorted(
        re.findall(
            r"\w+",
            """ого его ому ему ыми ими ами ями ией иям иями иях ием ой ей ый ий ая яя ое ее ую юю
            ым им ых их ые ою ею ом ем ам ям ах ях ов ев ью ия ие ии ию а я у ю е ы и о ь й""",
        ),
        key=len,
        reverse=True,
    )
)
RU_ENDINGS = frozenset(_RU_ENDINGS)
_RU_MIN_STEM = 3
# Endings of the nouns in "-ия", "-ие" and "-ий" after their "и" ("алопеци-я", "алопеци-ей",
# "тиотропи-ем"), longest first (see ru_stem). "-ие" and "-ий" are also adjective endings, and
# are taken as such after the consonants that hard adjectives write "и" after
# ("атопическ-ие", "атопическ-ий"), except "-гий"/"-хий" that pymorphy3 reads as the genitive
# plural of a noun in "-гия"/"-хия" (see _genitive_plural_of_ia_noun).
_SOFT_ENDINGS = ("ями", "ей", "ею", "ем", "ям", "ях", "ев", "я", "и", "ю", "е", "й")
_ADJECTIVE_AFTER = (frozenset("кгхжшщч"), frozenset({"е", "й"}))
# Nouns in "-гия"/"-хия" are many and productive ("-логия", "-алгия", "-ррагия", "-рхия"),
# adjectives in "-гий"/"-хий" few ("строгий", "тихий"); "-кий" is left an adjective ending
# unasked: "-ический" adjectives are everywhere and nouns in "-кия" rare.
_NOUN_OR_ADJECTIVE_AFTER = frozenset("гх")
STEM_MARK = "~"
"""Ends the key of a word that is keyed by its stem, so that it never equals a lemma."""
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_LATIN = re.compile("[a-z]", re.IGNORECASE)
_VOWELS_BEFORE_Y = frozenset("aeiou")
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")


@cache
def analyzer() -> MorphAnalyzer:
    """Return the one pymorphy3 analyzer of the process (loading it takes ~0.1 s and 15 MB)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def normalise(word: str) -> str:
    """Return ``word`` without invisible characters, with ё→е and uniform apostrophes/dashes."""
    word = _IGNORABLE_RE.sub("", word)
    return word.translate(_NORMALISE_TABLE)


_NORMALISE_TABLE = str.maketrans(
    {"ё": "е", "Ё": "Е"} | dict.fromkeys(APOSTROPHES, "'") | dict.fromkeys(DASHES, "-")
)


def script(word: str) -> str:
    """Return "cyrl", "latn" or "" (digits and signs only) for ``word``."""
    if _CYRILLIC.search(word):
        return "cyrl"
    if _LATIN.search(word) or any(ch.isalpha() for ch in word):
        return "latn"
    return ""


def possessive_length(word: str) -> int:
    """Return how many trailing characters of an English word are a possessive "'s"."""
    if len(word) > 2 and word[-2] in APOSTROPHES and word[-1] in "sS":
        return 2
    return 0


def strip_ending(word: str) -> tuple[str, str]:
    """Split a lowercase Russian word into (stem, case ending), keeping at least 3 stem letters."""
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _RU_MIN_STEM:
            return word[: -len(ending)], ending
    return word, ""


def stem_levels(word: str) -> list[tuple[str, str]]:
    """Return (stem, suffix) pairs of ``word`` as endings are stripped again and again.

    The first pair is the word itself. Unknown drug names end in letters that look like case
    endings ("диазепам" looks like a dative plural), so stripping once gives "диазеп" for the
    name but "диазепам" for "диазепамом"; stripping until nothing is left to strip brings
    every form to the same last stem.
    """
    levels = [(word, "")]
    stem = word
    while True:
        shorter, _ = strip_ending(stem)
        if shorter == stem:
            return levels
        stem = shorter
        levels.append((stem, word[len(stem) :]))


def _soft_split(word: str) -> tuple[str, str] | None:
    """Split a form of a noun in "-ия", "-ие" or "-ий" after its "и", or return None."""
    consonants, adjectival = _ADJECTIVE_AFTER
    for ending in _SOFT_ENDINGS:
        cut = len(word) - len(ending)
        if cut - 1 < _RU_MIN_STEM or not word.endswith(ending) or word[cut - 1] != "и":
            continue
        if ending in adjectival and word[cut - 2] in consonants:
            if not (ending == "й" and word[cut - 2] in _NOUN_OR_ADJECTIVE_AFTER):
                return None  # "атопически-й" is "атопическ-ий"
            if not _genitive_plural_of_ia_noun(word):
                return None  # "строги-й" is "строг-ий"
        return word[:cut], ending
    return None


def _genitive_plural_of_ia_noun(word: str) -> bool:
    """Tell whether pymorphy3 reads ``word`` ("-ий") as the genitive plural of its "-ия" noun.

    Only the likeliest common noun or adjective reading counts: "дерматовенерологий" is
    "дерматовенерология" 98% of the time, whereas "строгий" is an adjective, and "пологий",
    a genitive plural only of the name "Пология", is one too.
    """
    for parse in analyzer().parse(word):
        grammemes = parse.tag.grammemes
        if {"NOUN", "ADJF"}.isdisjoint(grammemes) or not _PROPER.isdisjoint(grammemes):
            continue
        return bool({"NOUN", "gent", "plur"} <= grammemes and parse.normal_form == word[:-1] + "я")
    return False


@lru_cache(maxsize=200_000)
def ru_stem(word: str) -> str:
    """Return the stem a lowercase Russian word is keyed by: its last (:func:`stem_levels`).

    A noun in "-ия", "-ие" or "-ий" keeps its "и" ("алопеци", "тиотропи"): the "и" is no case
    ending, and stripping it would make "эозинофилия" a form of "эозинофилы". (The speller
    strips it all the same: it asks whether a word is spelled as a form of a term, and
    "эозинофилов" is spelled right whichever noun it is.)
    """
    soft = _soft_split(word)
    return soft[0] if soft is not None else stem_levels(word)[-1][0]


@lru_cache(maxsize=200_000)
def ru_key(word: str) -> str:
    """Return the matching key of a lowercase, normalised Russian word (see the module doc)."""
    if not _CYRILLIC.search(word):
        return word
    morph = analyzer()
    # One dictionary lookup tells whether the word is known and lists its readings; when they
    # all share one lemma (most words), that is the answer without pymorphy3 building and
    # ranking full parses, which halves the cost of loading a large glossary.
    dictionary = morph.dictionary
    readings = [
        (para_id, index, fixed)
        for fixed, paradigms in dictionary.words.similar_items(word, morph.char_substitutes)
        for para_id, index in paradigms
    ]
    tag = dictionary.build_tag_info
    if all("Surn" in tag(para_id, index).grammemes for para_id, index, _ in readings):
        return ru_stem(word) + STEM_MARK  # unknown, or known only as a surname
    lemmas = {dictionary.build_normal_form(*reading) for reading in readings}
    if len(lemmas) == 1:
        return normalise(lemmas.pop())
    return _likeliest_lemma(morph.parse(word))


# Parts of speech of the readings a term's word is taken in: nouns, adjectives, and pronouns and
# numerals, the other nominal words (left out, "им" would be keyed "имя", not "они").
# Participles are left out: pymorphy3 gives them the verb's infinitive as lemma, and weighing
# them with the adjective readings of the same word ("выраженной") would split its forms
# between "выраженный" and "выразить". Names are left out too: keys ignore case, and a proper
# name's reading of a common word ("иду": "Ида", "данной": "Данна") is not what a text means.
_NOMINAL = frozenset({"NOUN", "ADJF", "NPRO", "NUMR"})
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_LIKELY_NOMINAL = 0.1
"""Least share of a word's probability its noun and adjective readings need to give its key."""


def _likeliest_lemma(parses: list[Parse]) -> str:
    """Return the lemma of a word's likely noun or adjective readings, else its likeliest lemma.

    Probabilities are summed per lemma, and ties go to the lemma pymorphy3 lists first. For a
    word pymorphy3 has no statistics for, it spreads the probability evenly over the readings;
    summed, that would count how many cases of a lemma share the form ("зуде": one of "зуд",
    two of "зуда"), which says nothing of its likelihood, so there each lemma weighs the same.
    """
    estimated = len({parse.score for parse in parses}) > 1
    nominal: dict[str, float] = {}
    every: dict[str, float] = {}
    for parse in parses:
        lemma = normalise(parse.normal_form)
        every[lemma] = (every.get(lemma, 0.0) + parse.score) if estimated else 1.0
        grammemes = parse.tag.grammemes  # a set, quicker to ask than the tag's properties
        if not _NOMINAL.isdisjoint(grammemes) and _PROPER.isdisjoint(grammemes):
            nominal[lemma] = (nominal.get(lemma, 0.0) + parse.score) if estimated else 1.0
    likely = sum(nominal.values()) >= _LIKELY_NOMINAL * sum(every.values())
    weights = nominal if likely else every
    return max(weights, key=weights.__getitem__)  # the first of equals: max() keeps it


def en_key(word: str) -> str:
    """Return the matching key of a normalised English word: lowercase, possessive dropped."""
    return word[: len(word) - possessive_length(word)].lower()


def word_key(word: str, lang: str) -> str:
    """Return the key of a normalised word in ``lang``; other languages compare lowercase.

    Keys ignore case; the matcher checks case-sensitive terms against the surface afterwards.
    """
    if lang == "ru":
        return ru_key(word.lower())
    if lang == "en":
        return en_key(word)
    return word.lower()


def en_plurals(word: str) -> tuple[str, ...]:
    """Return plural forms of an English (or Latin-derived medical) noun, regular ones first.

    Over-generation is harmless here: the forms are only matched as the last word of a
    glossary term, where an unlikely form simply never occurs.
    """
    lower = word.lower()
    if len(lower) < 3 or not lower.isalpha():
        return ()
    forms: list[str] = []
    if lower.endswith("y") and lower[-2] not in _VOWELS_BEFORE_Y:
        forms.append(word[:-1] + "ies")
    elif lower.endswith(_SIBILANT_ENDINGS):
        forms.append(word + "es")
    else:
        forms.append(word + "s")
    # Greek and Latin plurals of medical nouns.
    if lower.endswith("itis"):
        forms.append(word[:-1] + "des")  # dermatitis → dermatitides
    if lower.endswith("is"):
        forms.append(word[:-2] + "es")  # diagnosis → diagnoses
    elif lower.endswith("us"):
        forms.append(word[:-2] + "i")  # naevus → naevi
    elif lower.endswith(("um", "on")):
        forms.append(word[:-2] + "a")  # criterion → criteria
    elif lower.endswith("a"):
        forms.append(word + "e")  # alopecia → alopeciae
    elif lower.endswith(("ex", "ix")):
        forms.append(word[:-2] + "ices")  # appendix → appendices
    return tuple(dict.fromkeys(forms))


def match_case(original: str, suggestion: str, written: str = "") -> str:
    """Give ``suggestion`` the capitalisation of ``original`` (Dumilumab → Dupilumab).

    ``written`` is how the glossary writes the matched term: capitals it already has ("IL-4")
    are not the writer's, so they are not carried over. Only raises case: a proper name in the
    suggestion keeps its capitals after a lowercase original.
    """
    if all_capitals(original) and not all_capitals(written):
        return suggestion.upper()
    starts_upper = original.lstrip()[:1].isupper() and not written.lstrip()[:1].isupper()
    if starts_upper and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def all_capitals(text: str) -> bool:
    """Tell whether ``text`` has two letters or more and they are all capitals ("IL-4", "ВОЗ")."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


_WORD_OR_GAP = re.compile(r"(\w+)")


def inflect_ru(phrase: str, matched_words: list[str]) -> str:
    """Put a Russian phrase in its lemma form into the case and number of ``matched_words``.

    Russian terms are noun groups "[adjectives] noun [dependents]"; only the words up to and
    including the first noun agree with the context, so the rest ("волосистой части головы")
    is left as written.
    """
    target = _case_number(matched_words)
    if target is None or target == ("nomn", "sing"):
        return phrase
    parts = _WORD_OR_GAP.split(phrase)
    for index in range(1, len(parts), 2):
        word = parts[index]
        if not _CYRILLIC.search(word):
            continue
        parse = _nominative_parse(word.lower())
        if parse is None:
            break
        inflected = parse.inflect(set(target)) or parse.inflect({_BASE_CASE[target[0]], target[1]})
        if inflected is not None:
            parts[index] = match_case(word, inflected.word)
        if "NOUN" in parse.tag:
            break
    return "".join(parts)


# Second genitive and locative ("чаю", "в лесу") fall back to the ordinary case when a word
# has no such form.
_BASE_CASE = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "gen1": "gent", "loc1": "loct"}
_BASE_CASE |= {c: c for c in ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")}


def _nominative_parse(word: str) -> Parse | None:
    """The best parse of a lemma-form word as a nominative noun or adjective."""
    for parse in analyzer().parse(word):
        if parse.tag.case == "nomn" and ({"NOUN", "ADJF"} & parse.tag.grammemes):
            return parse
    return None


def _case_number(words: list[str]) -> tuple[str, str] | None:
    """The (case, number) that all Cyrillic ``words`` can share, best-scored reading first."""
    readings: list[list[tuple[str, str]]] = []
    for word in words:
        if not _CYRILLIC.search(word):
            continue
        options = [
            (str(p.tag.case), str(p.tag.number))
            for p in analyzer().parse(normalise(word).lower())
            if p.tag.case and p.tag.number
        ]
        if options:
            readings.append(list(dict.fromkeys(options)))
        if options and any("NOUN" in p.tag for p in analyzer().parse(normalise(word).lower())[:1]):
            break  # the head noun closes the agreeing group
    if not readings:
        return None
    for option in readings[-1]:
        if all(option in other for other in readings):
            return option
    return readings[-1][0]


# Nominative endings of regular declension: after them comes the stem every form keeps. A
# paradigm whose nominative ends otherwise changes its stem ("сон"/"сна", "отец"/"отца").
_REGULAR_NOMINATIVES = frozenset(
    {"", "а", "я", "о", "е", "ь", "й", "ий", "ый", "ой", "ая", "яя", "ое", "ее"}
)
_IRREGULAR = frozenset({"Surn", "Poss", "Fixd", "Abbr"})
_ANALOGY_SUFFIX = 5
"""Longest ending an unknown word is compared with dictionary words by (pymorphy3's own)."""


def regular_form(word: str, case: str, number: str) -> tuple[str, str] | None:
    """Decline an unknown lowercase Russian word regularly: (form, "NOUN" or "ADJF"), or None.

    pymorphy3 guesses an unknown word's paradigm from the dictionary words sharing its longest
    ending, whatever they are, so "дапсон" declines like "сон" ("дапсна") and "циклоспорин"
    like a surname ("циклоспориным"). Its first guess that is a noun or adjective of regular
    declension, no surname, is taken ("тиотропий" like "калий"); failing that, such dictionary
    words vote, those sharing the longest ending first, so every form is the written word's
    stem and a case ending ("дапсона", "циклоспорином"). None when no such word is found.
    """
    morph = analyzer()
    for parse in morph.parse(word):
        # The paradigm's forms are the written word's stem and its suffixes, whatever word
        # pymorphy3 read it by analogy with ("тиотр-опий").
        _, _, para_id, index = parse.methods_stack[0]
        if form := _regular_paradigm_form(word, para_id, index, case, number):
            return form
    suffixes = morph.dictionary.prediction_suffixes_dawgs[0]  # paradigms without a prefix
    for length in range(min(_ANALOGY_SUFFIX, len(word) - 1), 0, -1):
        votes: dict[tuple[str, str], int] = {}
        for _, parses in suffixes.similar_items(word[-length:], morph.char_substitutes):
            for count, para_id, index in parses:
                form = _regular_paradigm_form(word, para_id, index, case, number)
                if form is not None:
                    votes[form] = votes.get(form, 0) + count
        if votes:
            return max(votes, key=votes.__getitem__)  # the first of equals: max() keeps it
    return None


def _regular_paradigm_form(
    word: str, para_id: int, index: int, case: str, number: str
) -> tuple[str, str] | None:
    """The ``case`` and ``number`` form of ``word`` declined as paradigm ``para_id``, if regular."""
    paradigm = analyzer().dictionary.build_paradigm_info(para_id)
    prefix, tag, suffix = paradigm[index]
    grammemes = tag.grammemes
    pos = "NOUN" if "NOUN" in grammemes else "ADJF" if "ADJF" in grammemes else ""
    if (
        not pos
        or tag.case != "nomn"
        or prefix
        or suffix not in _REGULAR_NOMINATIVES
        or not word.endswith(suffix)
        # surnames ("-иным") and possessives ("мамин", "лисий") decline apart, abbreviations
        # and "хаки" not at all; other names decline as common nouns ("дупилумаб" as "Глеб")
        or not _IRREGULAR.isdisjoint(grammemes)
        or (pos == "ADJF" and not suffix)
    ):
        return None
    stem = word[: len(word) - len(suffix)]
    for form_prefix, form_tag, form_suffix in paradigm:
        form_grammemes = form_tag.grammemes
        if (
            not form_prefix
            and {pos, case, number} <= form_grammemes
            # an adjective's singular keeps its gender; an accusative its animacy ("-ий", not
            # "-ого" for an inanimate noun's adjective)
            and (number == "plur" or form_tag.gender == tag.gender)
            and ("anim" not in form_grammemes or "anim" in grammemes)
        ):
            return stem + form_suffix, pos
    return None
