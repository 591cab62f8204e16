"""Measure glossary protection through machine translation; prints every figure in one run.

Run from the repository root, with the venv active::

    python benchmarks/translate.py            # 600 Russian sentences, 200 English ones
    python benchmarks/translate.py --quick    # 100 and 40
    python benchmarks/translate.py --sentences 2000 --seed 7

1. Term preservation ru→en on generated Russian sentences (seeded): one to three terms of the
   shipped glossary each, Russian preferred or admitted terms put by pymorphy3 into the case
   their carrier sentence governs and into a random number, in random letter case (sentence
   start, ALL CAPS words and sentences). Each is translated by the tiny test model
   (tests/mt_model.py, packed as a real ``.argosmodel`` and run through the real ArgosEngine)
   with ``translate_protected``. A term occurrence is preserved when its concept's preferred
   English term is in the output (whole words, any letter case). A sentence that lost a term
   must be flagged (status UNVERIFIED), else its failure is *silent*; "needless" counts whole
   sentences flagged all the same. Beside it, two peers on the same sentences and engine: no
   protection at all, and plain string masking (the glossary's terms as written, any letter
   case, no morphology: placeholder protection without a morphological matcher).
2. The time masking, restoring and verifying add to the engine's own time in that batch
   (``TranslationBatch.protect_seconds`` / ``engine_seconds``; word caches start cold, as for
   any new document), and with the set-up a process does once (pymorphy3, the glossary matcher).
3. en→ru: the same copy weights packed as an en→ru package; English sentences with English
   terms (singular or plural, some in capitals); preserved when each word of the Russian
   preferred term has a reading (pymorphy3 lemma or stem) in common with the next output word.

The tiny model copies its source piece by piece and translates only a few word forms of three
concepts, so the peers' figures show what protection buys, not what a real model would keep.
Writes only to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))  # tests.mt_model builds the tiny model

from tests import mt_model  # noqa: E402

from transclean.glossary.io import default_glossary  # noqa: E402
from transclean.glossary.model import Concept, Glossary, Term  # noqa: E402
from transclean.glossary.morphology import (  # noqa: E402
    analyzer,
    en_plurals,
    match_case,
    normalise,
    ru_stem,
)
from transclean.translate.argos import ArgosEngine  # noqa: E402
from transclean.translate.engine import Engine  # noqa: E402
from transclean.translate.protect import UNVERIFIED, TranslationBatch, mask  # noqa: E402
from transclean.translate.protect import translate_protected as protected  # noqa: E402

SEED = 20240620
FULL, QUICK = (600, 200), (100, 40)
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_SLOT = re.compile(r"\{(\w+)\}")
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_VOWELS = "аеёиоуыэюя"

# --- Russian noun groups in any case and number -------------------------------------------------
#
# A glossary term is a noun group in its dictionary form: adjectives, a head noun, dependents
# ("дибутиловый эфир скваровой кислоты"), sometimes a genitive name first ("клобетазола
# пропионат") or a hyphenated prefix ("генно-инженерный"). The adjectives before and after the
# head agree with it; the rest stays as written. Dictionary words are inflected by pymorphy3;
# drug names it does not know are inflected by the regular paradigm of their ending, because
# pymorphy3 guesses their forms by analogy with surnames and plurals ("циклоспориным").

_NOUN_ENDINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # ending: (singular nomn gent datv accs ablt loct, plural likewise)
    "": (("", "а", "у", "", "ом", "е"), ("ы", "ов", "ам", "ы", "ами", "ах")),
    "ия": (("ия", "ии", "ии", "ию", "ией", "ии"), ("ии", "ий", "иям", "ии", "иями", "иях")),
    "а": (("а", "ы", "е", "у", "ой", "е"), ("ы", "", "ам", "ы", "ами", "ах")),
    "ь": (("ь", "я", "ю", "ь", "ем", "е"), ("и", "ей", "ям", "и", "ями", "ях")),
    "ость": (
        ("ость", "ости", "ости", "ость", "остью", "ости"),
        ("ости", "остей", "остям", "ости", "остями", "остях"),
    ),
}
_HUSHING = "гкхжшщч"  # after these letters ы is written и
_SOFT_O = "жшщчц"  # after these an unstressed о is written е
_ADJ_ENDS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")


def _regular_forms(word: str) -> tuple[dict[str, str] | None, dict[str, str]]:
    """Return a word unknown to pymorphy3 in every case, singular (None: plural only) and plural."""
    lower = word.lower()
    plural_only = lower[-1:] in "ыи" and lower[-2:-1] not in _VOWELS
    if lower.endswith("ия"):
        stem, ending = word[:-2], "ия"
    elif lower[-1:] in "ая" and lower[-2:-1] not in _VOWELS:
        stem, ending = word[:-1], "а"
    elif lower.endswith("ость"):
        stem, ending = word[:-4], "ость"
    elif plural_only or lower[-1:] == "ь":
        stem, ending = word[:-1], "" if plural_only else "ь"
    elif lower[-1:] in _VOWELS:  # розацеа, витилиго, акне: indeclinable
        same = dict.fromkeys(CASES, word)
        return same, same
    else:
        stem, ending = word, ""
    singular, plural = _NOUN_ENDINGS[ending]

    def spell(suffix: str) -> str:
        if stem[-1:].lower() in _HUSHING and suffix.startswith("ы"):
            suffix = "и" + suffix[1:]
        if stem[-1:].lower() in _SOFT_O and suffix == "ой":
            suffix = "ей"
        return stem + suffix

    plurals = {case: spell(s) for case, s in zip(CASES, plural, strict=True)}
    if plural_only:
        return None, plurals
    return {case: spell(s) for case, s in zip(CASES, singular, strict=True)}, plurals


@dataclass
class _Word:
    index: int  # in the list of words and gaps
    role: str  # "adjective", "head", or "apposition" (a plural noun before a hyphen)
    parse: Any  # pymorphy3 Parse; None for a head inflected by its regular paradigm


def _nominative(word: str, parts: tuple[str, ...]) -> list[Any]:
    """Return the nominative readings of ``word`` as one of ``parts``, common nouns first."""
    readings = [p for p in analyzer().parse(word.lower()) if p.tag.case == "nomn"]
    readings = [p for p in readings if p.tag.POS in parts]
    common = [p for p in readings if not {"Surn", "Name", "Patr"} & p.tag.grammemes]
    return common or readings


def _known(word: str) -> bool:
    return bool(analyzer().word_is_known(word.lower()))


def _nominative_noun(word: str) -> bool:
    """Tell whether ``word`` can be a noun in the nominative (an unknown one: by its ending)."""
    if _known(word):
        return bool(_nominative(word, ("NOUN",)))
    return word[-1:].lower() not in _VOWELS


def _agrees(adjective: Any, head: _Word, parts: list[str]) -> bool:
    """Tell whether a nominative adjective reading agrees with the group's dictionary form."""
    if head.parse is not None:
        number, gender = head.parse.tag.number, head.parse.tag.gender
    else:
        word = parts[head.index].lower()
        number = "plur" if _regular_forms(word)[0] is None else "sing"
        gender = "femn" if word.endswith(("а", "ия", "ость")) else "masc"
    if number == "plur":
        return "plur" in adjective.tag
    return gender in adjective.tag and "sing" in adjective.tag


def _group(parts: list[str]) -> list[_Word]:
    """Find the words of a noun group that agree: adjectives around the head, and the head."""
    words: list[_Word] = []
    head_seen = False
    for index in range(1, len(parts), 2):
        word, after = parts[index], parts[index + 1]
        following = parts[index + 2] if index + 2 < len(parts) else ""
        cyrillic_next = bool(_CYRILLIC.search(following))
        hyphen_prefix = after == "-" and cyrillic_next
        if not _CYRILLIC.search(word) or (word.isupper() and len(word) > 1):
            if head_seen:
                break
            continue  # "ИЛ-4", "JAK-", "Th2-" do not decline
        if len(word) == 1 and not hyphen_prefix:
            break  # a preposition ("к", "в") ends the group
        known = _known(word)
        if hyphen_prefix:
            plural = [p for p in _nominative(word, ("NOUN",)) if "plur" in p.tag] if known else []
            if plural:  # "лимфоциты-хелперы": both parts decline
                words.append(_Word(index, "apposition", plural[0]))
            continue  # "генно-", "альфа-", "Т-": only the part after the hyphen declines
        adjective = _nominative(word, ("ADJF", "PRTF"))
        regular = known or word.lower()[-2:] in _ADJ_ENDS
        if head_seen:  # "алопеция тотальная", not "заболевание глазной поверхности"
            adjective = [p for p in adjective if _agrees(p, words[-1], parts)]
            if adjective and regular:
                words.append(_Word(index, "adjective", adjective[0]))
                continue
            break
        if adjective and regular and cyrillic_next:
            words.append(_Word(index, "adjective", adjective[0]))
            continue
        # "клобетазола пропионат": a drug name in the genitive before the noun it names.
        genitive_name = (
            not words
            and cyrillic_next
            and _nominative_noun(following)
            and (
                (not known and word.lower().endswith("а"))
                or (known and not _nominative(word, ("NOUN",)))
            )
        )
        if genitive_name:
            continue
        nouns = _nominative(word, ("NOUN",)) if known else []
        if known and not nouns:
            if words:
                continue  # "богатая тромбоцитами плазма": the adjective's own dependent
            break
        words.append(_Word(index, "head", nouns[0] if nouns else None))
        head_seen = True
    return words if head_seen else []


def inflect_term(term: str, case: str, number: str) -> str | None:
    """Return ``term`` (a dictionary-form noun group) in ``case`` and ``number``.

    None when the group has no such number (a plural-only or a singular-only noun); a group
    without a declinable head ("ИЛ-4", "МКБ") is returned as written.
    """
    parts = re.split(r"(\w+)", term)
    group = _group(parts)
    if not group:
        return term
    head = next(w for w in group if w.role == "head")
    word = parts[head.index]
    if head.parse is None:
        singular, plural = _regular_forms(word)
        forms = plural if number == "plur" else singular
        if forms is None:
            return None
        parts[head.index] = forms[case]
        feminine = number == "sing" and word.lower().endswith(("а", "ия", "ость"))
        gender, animacy = "femn" if feminine else "masc", "inan"
    else:
        if number == "sing" and "plur" in head.parse.tag:
            return None  # "волосы", "тучные клетки": the glossary names them in the plural
        inflected = head.parse.inflect({case, number})
        if inflected is None or number not in inflected.tag:
            return None
        parts[head.index] = match_case(word, inflected.word)
        gender, animacy = head.parse.tag.gender or "masc", head.parse.tag.animacy or "inan"
    for other in group:
        if other.role == "head":
            continue
        wanted = {case, number}
        if other.role == "adjective" and number == "sing":
            wanted.add(gender)
        if other.role == "adjective" and case == "accs" and (number == "plur" or gender == "masc"):
            wanted.add(animacy)
        inflected = other.parse.inflect(wanted)
        if inflected is None:
            return None
        parts[other.index] = match_case(parts[other.index], inflected.word)
    return "".join(parts)


# --- generated sentences -------------------------------------------------------------------------

# Carrier sentences written for this benchmark. A slot names the case its context governs;
# no carrier word is a glossary term (checked at start-up) and no adjective stands right before
# a slot, where it could join the term into a longer one.
RU_FRAMES = (
    "{nomn} — тема отдельного раздела обзора.",
    "В центре внимания авторов — {nomn}.",
    "Ключевые слова: {nomn}, {nomn}, {nomn}.",
    "Таблица 2. {nomn} и {nomn}: сводные данные.",
    "{nomn}, {nomn} и {nomn} упомянуты в приложении.",
    "{nomn}: что известно к 2024 году?",
    "Для {gent} характерно волнообразное течение.",
    "У пациентов без {gent} подобных изменений не наблюдали.",
    "После отмены {gent} состояние больных оставалось стабильным.",
    "Назначение {gent} обсуждали с каждым пациентом.",
    "Частота {gent} среди участников составила 12 %.",
    "Из-за {gent} часть больных выбыла из наблюдения.",
    "Авторы не нашли различий в уровне {gent} и {gent} между группами.",
    "Роль {gent} в развитии {gent} изучена недостаточно.",
    "Помимо {gent}, в протокол включили {accs}.",
    "Выбор между {ablt} и {ablt} зависит от {gent}.",
    "Сочетание {gent} и {gent} требует осторожности при {loct}.",
    "Внимание к {datv} за последние годы заметно выросло.",
    "Благодаря {datv} удалось сократить сроки госпитализации.",
    "Согласно {datv}, подобные случаи редки.",
    "Интерес к {datv} и {datv} объясняется новыми данными.",
    "Подход к {datv} изменился после 2019 года.",
    "Пациенты получали {accs} в течение 16 недель.",
    "Исследователи сравнивали {accs} и {accs}.",
    "Авторы описывают {accs} как частую находку.",
    "Переход на {accs} занял две недели.",
    "Врачи рекомендовали заменить {accs} на {accs}.",
    "Наряду с {ablt} авторы рассматривают {accs}.",
    "Связь между {ablt} и {ablt} подтверждена в нескольких работах.",
    "По сравнению с {ablt} результаты оказались скромнее.",
    "Пациенты с {ablt} составили треть выборки.",
    "Вместе с {ablt} назначали {accs}.",
    "Контроль над {ablt} достигнут у половины больных.",
    "Перед {ablt} проводили стандартное обследование.",
    "У пациентов с {ablt} на фоне {gent} отмечали {accs}.",
    "О {loct} известно немного.",
    "При {loct} такие изменения встречаются часто.",
    "В работе о {loct} приведены данные 40 пациентов.",
    "Сведения о {loct} и {loct} собраны в таблице 3.",
    "Данные о {loct} опубликованы в 2021 году.",
    "В разделе о {loct} авторы ссылаются на {accs}.",
    "Речь идёт о {loct}, а не о {loct}.",
    "Вопрос о {loct} остаётся открытым; ответ даст {nomn}?",
)
EN_FRAMES = (
    "Patients with {x} were enrolled in 2021.",
    "The review covers {x} and {x}.",
    "Data on {x} are limited.",
    "{x}: a summary of the evidence.",
    "Treatment with {x} lasted 16 weeks.",
    "The role of {x} in {x} is unclear.",
    "We compared {x}, {x} and {x}.",
    "In our cohort, {x} was recorded twice.",
)
ADJECTIVE_HEADS = {"treatment-resistant": "течение"}  # an adjective term needs a noun to agree
ADJECTIVE_HEAD = "исследование"
EN_ADJECTIVE_HEAD = "study"


@dataclass(frozen=True)
class Case:
    """A generated sentence and the concepts of the terms put into it, in order."""

    text: str
    concepts: tuple[Concept, ...]
    forms: tuple[str, ...]  # the terms as written in the sentence
    grammar: tuple[str, ...]  # "gent plur" for each


def ru_terms(concept: Concept) -> list[Term]:
    return [t for t in concept.terms_in("ru") if not t.status.is_forbidden]


def generate_ru(glossary: Glossary, count: int, rng: random.Random) -> list[Case]:
    """Return ``count`` Russian sentences with one to three glossary terms each."""
    concepts = [c for c in glossary.concepts if c.preferred("en") and ru_terms(c)]
    cases: list[Case] = []
    while len(cases) < count:
        frame = rng.choice(RU_FRAMES)
        slots = _SLOT.findall(frame)
        chosen = rng.sample(concepts, len(slots))
        forms, grammar = [], []
        upper_sentence = rng.random() < 0.08
        for concept, case in zip(chosen, slots, strict=True):
            term = rng.choice(ru_terms(concept)).text
            pos = next((t.part_of_speech for t in concept.terms_in("ru")), None)
            if pos == "adjective":  # "двойное слепое исследование", "течение, резистентное к ..."
                noun = ADJECTIVE_HEADS.get(concept.id, ADJECTIVE_HEAD)
                plain = all(_nominative(w, ("ADJF", "PRTF")) for w in re.findall(r"\w+", term))
                term = f"{term} {noun}" if plain else f"{noun}, {term}"
            number = "plur" if pos != "properNoun" and rng.random() < 0.3 else "sing"
            form = inflect_term(term, case, number)
            if form is None:  # no such number: take the other one
                number = "sing" if number == "plur" else "plur"
                form = inflect_term(term, case, number)
            assert form is not None, term
            roll = rng.random()
            if roll < 0.08:
                form = form.upper()
            elif roll < 0.12:
                form = form[:1].upper() + form[1:]
            forms.append(form)
            grammar.append(f"{case} {number}")
        text = fill(frame, forms)
        text = re.sub(r"(?<!\w)([Оо]) (?=[аоуэиАОУЭИ])", r"\1б ", text)  # "об алопеции"
        text = text[:1].upper() + text[1:]
        if upper_sentence:
            text = text.upper()
        cases.append(Case(text, tuple(chosen), tuple(forms), tuple(grammar)))
    return cases


def generate_en(glossary: Glossary, count: int, rng: random.Random) -> list[Case]:
    """Return ``count`` English sentences with one to three glossary terms each."""
    concepts = [c for c in glossary.concepts if c.preferred("ru") and c.terms_in("en")]
    cases: list[Case] = []
    while len(cases) < count:
        frame = rng.choice(EN_FRAMES)
        chosen = rng.sample(concepts, frame.count("{x}"))
        forms = []
        for concept in chosen:
            term = rng.choice([t for t in concept.terms_in("en") if not t.status.is_forbidden])
            text = term.text
            if term.part_of_speech == "adjective":
                text += " " + EN_ADJECTIVE_HEAD
            last = text.rsplit(" ", 1)[-1]
            plurals = en_plurals(last)
            regular = plurals[:1] if plurals and plurals[0] == last + "s" else ()
            if regular and term.part_of_speech == "noun" and rng.random() < 0.3:
                text = text[: -len(last)] + regular[0]
            if rng.random() < 0.08:
                text = text.upper()
            forms.append(text)
        text = fill(frame, forms)
        cases.append(Case(text[:1].upper() + text[1:], tuple(chosen), tuple(forms), ()))
    return cases


def fill(frame: str, forms: Sequence[str]) -> str:
    """Put ``forms`` into the frame's slots, in order."""
    pieces = iter(forms)
    return _SLOT.sub(lambda _: next(pieces), frame)


def check_frames(glossary: Glossary) -> None:
    """Refuse carrier sentences that hold a glossary term of their own."""
    for frames, src, tgt in ((RU_FRAMES, "ru", "en"), (EN_FRAMES, "en", "ru")):
        for frame in frames:
            found = mask(_SLOT.sub("zzz", frame), src, tgt, glossary).terms
            if found:
                raise SystemExit(f"carrier {frame!r} holds the term {found[0].source!r}")


# --- scoring -------------------------------------------------------------------------------------


def english_found(output: str, expected: Sequence[str]) -> list[bool]:
    """Tell for each expected English term whether the output holds an occurrence of it.

    Whole words, any letter case; longer terms are looked for first and each occurrence counts
    once, so "dermatitis" is not found inside "atopic dermatitis".
    """
    text = output
    found = [False] * len(expected)
    for index in sorted(range(len(expected)), key=lambda i: -len(expected[i])):
        pattern = re.compile(rf"(?<!\w){re.escape(expected[index])}(?!\w)", re.IGNORECASE)
        hit = pattern.search(text)
        if hit:
            found[index] = True
            text = text[: hit.start()] + "\0" * len(hit.group()) + text[hit.end() :]
    return found


def _lemma_sets(text: str) -> list[frozenset[str]]:
    """Return, per word, every lemma pymorphy3 reads it as and its stem (lowercase, ё as е)."""
    sets = []
    for word in re.findall(r"\w+", normalise(text).lower()):
        if _CYRILLIC.search(word):
            lemmas = {normalise(p.normal_form) for p in analyzer().parse(word)}
            sets.append(frozenset({*lemmas, ru_stem(word)}))
        else:
            sets.append(frozenset({word}))
    return sets


def russian_found(output: str, expected: Sequence[str]) -> list[bool]:
    """Tell for each expected Russian term whether its words' readings follow one another."""
    words = _lemma_sets(output)
    found = [False] * len(expected)
    for index in sorted(range(len(expected)), key=lambda i: -len(expected[i])):
        want = _lemma_sets(expected[index])
        for start in range(len(words) - len(want) + 1):
            if all(a & b for a, b in zip(want, words[start : start + len(want)], strict=True)):
                found[index] = True
                words[start : start + len(want)] = [frozenset()] * len(want)
                break
    return found


@dataclass
class Score:
    """Preservation of one run: per term occurrence, per sentence, and how failures ended."""

    name: str
    terms: int = 0
    kept: int = 0
    sentences: int = 0
    whole: int = 0
    flagged: int = 0  # failed sentences marked UNVERIFIED
    needless: int = 0  # whole sentences marked UNVERIFIED all the same
    silent: list[tuple[Case, str]] = field(default_factory=list)
    flagged_cases: list[tuple[Case, str, tuple[str, ...]]] = field(default_factory=list)
    seconds: float = 0.0


def score(
    name: str,
    cases: Sequence[Case],
    outputs: Sequence[str],
    tgt: str,
    statuses: Sequence[str] | None = None,
    problems: Sequence[tuple[str, ...]] = (),
) -> Score:
    result = Score(name)
    finder: Callable[[str, Sequence[str]], list[bool]] = (
        english_found if tgt == "en" else russian_found
    )
    for index, (case, output) in enumerate(zip(cases, outputs, strict=True)):
        expected = [c.preferred(tgt).text for c in case.concepts]  # type: ignore[union-attr]
        found = finder(output, expected)
        result.terms += len(found)
        result.kept += sum(found)
        result.sentences += 1
        if all(found):
            result.whole += 1
            result.needless += statuses is not None and statuses[index] == UNVERIFIED
        elif statuses is not None and statuses[index] == UNVERIFIED:
            result.flagged += 1
            result.flagged_cases.append((case, output, problems[index]))
        else:
            result.silent.append((case, output))
    return result


# --- runs ----------------------------------------------------------------------------------------


def build_models(folder: Path) -> None:
    """Build the tiny ru→en package, and the same copy weights packed as en→ru."""
    mt_model.build_package(folder)
    name = "translate-en_ru-tiny-copy"
    with (
        zipfile.ZipFile(folder / "translate-ru_en-tiny-copy.argosmodel") as source,
        zipfile.ZipFile(folder / f"{name}.argosmodel", "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.namelist():
            data = source.read(member)
            if member.endswith("metadata.json"):
                metadata = json.loads(data) | {"from_code": "en", "to_code": "ru", "code": name}
                data = json.dumps(metadata).encode()
            target.writestr(name + member[member.index("/") :], data)


def plain_masking(engine: Engine, texts: Sequence[str], glossary: Glossary) -> list[str]:
    """Peer: mask the Russian terms as the glossary writes them (any case), restore in English."""
    terms = sorted(
        {(t.text, c.preferred("en").text) for c in glossary.concepts for t in ru_terms(c)},  # type: ignore[union-attr]
        key=lambda pair: -len(pair[0]),
    )
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(text)}(?!\w)" for text, _ in terms), re.IGNORECASE
    )
    english = {text.lower(): target for text, target in terms}
    masked, targets = [], []
    for text in texts:
        found: list[str] = []

        def hide(match: re.Match[str], found: list[str] = found) -> str:
            found.append(english[match.group().lower()])
            return f"⟦{len(found)}⟧"

        masked.append(pattern.sub(hide, text))
        targets.append(found)
    outputs = engine.translate(masked, "ru", "en")
    return [
        re.sub(r"⟦\s*(\d+)\s*⟧", lambda m, t=t: t[int(m.group(1)) - 1], output)  # type: ignore[misc]
        for output, t in zip(outputs, targets, strict=True)
    ]


def run_protected(
    engine: Engine, cases: Sequence[Case], src: str, tgt: str, glossary: Glossary
) -> tuple[Score, TranslationBatch]:
    """Translate the cases with protection; score them with the status of each."""
    batch = protected(engine, [c.text for c in cases], src, tgt, glossary)
    outputs = [s.text for s in batch.segments]
    statuses = [s.status for s in batch.segments]
    problems = [s.problems for s in batch.segments]
    result = score("ours: translate_protected", cases, outputs, tgt, statuses, problems)
    result.seconds = batch.protect_seconds + batch.engine_seconds
    return result, batch


def run(sentences: int, seed: int, model_dir: Path, cache: Path) -> Score:
    """Translate ``sentences`` generated Russian sentences with protection; return the score.

    The core of section 1, for the smoke test: ``model_dir`` holds the tiny ru→en package,
    ``cache`` is where the engine unpacks it.
    """
    glossary = default_glossary()
    check_frames(glossary)
    cases = generate_ru(glossary, sentences, random.Random(seed))
    engine = ArgosEngine(model_dir, cache=cache)
    return run_protected(engine, cases, "ru", "en", glossary)[0]


def peer(name: str, cases: Sequence[Case], tgt: str, call: Callable[[], list[str]]) -> Score:
    """Score a peer's outputs, timed."""
    start = time.perf_counter()
    outputs = call()
    result = score(name, cases, outputs, tgt)
    result.seconds = time.perf_counter() - start
    return result


# --- report --------------------------------------------------------------------------------------


def describe(cases: Sequence[Case]) -> None:
    """Print what the generated sentences hold."""
    concepts = {c.id for case in cases for c in case.concepts}
    forms = [f for case in cases for f in case.forms]
    grammar = Counter(g for case in cases for g in case.grammar)
    per_sentence = Counter(len(case.forms) for case in cases)
    print(
        f"   {len(cases)} sentences, {len(forms)} term occurrences of {len(concepts)} concepts; "
        f"{sum(' ' in f for f in forms)} multi-word; {sum(f.isupper() for f in forms)} in capitals "
        f"({sum(c.text.isupper() for c in cases)} whole sentences)"
    )
    print(
        "   terms per sentence: " + ", ".join(f"{k}: {n}" for k, n in sorted(per_sentence.items()))
    )
    if grammar:
        print("   case and number: " + ", ".join(f"{g} {n}" for g, n in sorted(grammar.items())))


def table(rows: Sequence[Score]) -> None:
    print(
        f"   {'method':<30} {'terms kept':>16} {'sentences whole':>17} {'flagged':>8} "
        f"{'SILENT':>7} {'needless':>9} {'seconds':>8}"
    )
    for row in rows:
        print(
            f"   {row.name:<30} {row.kept:>6}/{row.terms:<5} {row.kept / row.terms:>4.0%}"
            f" {row.whole:>5}/{row.sentences:<5} {row.whole / row.sentences:>5.0%}"
            f" {row.flagged:>8} {len(row.silent):>7} {row.needless:>9} {row.seconds:>8.2f}"
        )


def show_failures(result: Score, limit: int = 5) -> None:
    for case, output in result.silent[:limit]:
        print(f"   SILENT  {case.text!r}\n        -> {output!r} (terms {case.forms})")
    for case, output, problems in result.flagged_cases[:limit]:
        print(f"   flagged {case.text!r}\n        -> {output!r}: {'; '.join(problems)}")


def overhead(batch: TranslationBatch) -> float:
    return batch.protect_seconds / batch.engine_seconds


def section_ru(engine: Engine, glossary: Glossary, cases: Sequence[Case], setup: float) -> Score:
    """Sections 1 and 2: preservation ru→en beside the peers, and protection's time."""
    print(f"\n1. Term preservation ru→en, shipped glossary ({len(glossary)} concepts)")
    describe(cases)
    texts = [c.text for c in cases]
    ours, batch = run_protected(engine, cases, "ru", "en", glossary)
    bare = peer("peer: no protection", cases, "en", lambda: engine.translate(texts, "ru", "en"))
    plain = peer(
        "peer: plain string masking", cases, "en", lambda: plain_masking(engine, texts, glossary)
    )
    table([ours, bare, plain])
    retried = sum(s.attempts == 2 for s in batch.segments)
    print(
        f"   ours: {ours.kept / ours.terms:.2%} of term occurrences kept (target 100%); failed "
        f"sentences: {ours.flagged} flagged {UNVERIFIED}, {len(ours.silent)} silent (target 0); "
        f"{retried} retried"
    )
    show_failures(ours)

    print("\n2. Time protection adds to the engine's (the ru→en batch above)")
    print(
        f"   engine {batch.engine_seconds:.2f} s; masking + restoring + verifying "
        f"{batch.protect_seconds:.3f} s ({batch.protect_seconds / len(cases) * 1000:.2f} ms "
        f"per sentence) = {overhead(batch):.1%} of the engine's time (target <= 10%)"
    )
    print(
        f"   with the set-up a process does once (pymorphy3, glossary matcher: "
        f"{setup:.2f} s): {(batch.protect_seconds + setup) / batch.engine_seconds:.1%}"
    )
    return ours


def section_en(engine: Engine, glossary: Glossary, cases: Sequence[Case]) -> Score:
    """Section 3: preservation en→ru with the copy weights packed as en→ru."""
    print("\n3. Term preservation en→ru (the copy weights packed as an en→ru package)")
    describe(cases)
    texts = [c.text for c in cases]
    ours, batch = run_protected(engine, cases, "en", "ru", glossary)
    bare = peer("peer: no protection", cases, "ru", lambda: engine.translate(texts, "en", "ru"))
    table([ours, bare])
    print(f"   protection: {overhead(batch):.1%} of the engine's time")
    show_failures(ours)
    return ours


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK[0]} + {QUICK[1]} sentences")
    parser.add_argument("--sentences", type=int, help=f"Russian sentences (default {FULL[0]})")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    ru_count, en_count = QUICK if args.quick else FULL
    if args.sentences:
        ru_count, en_count = args.sentences, max(args.sentences // 3, 1)
    started = time.perf_counter()
    glossary = default_glossary()
    setup = time.perf_counter()
    for src, tgt in (("ru", "en"), ("en", "ru")):
        mask("", src, tgt, glossary)  # loads pymorphy3, builds the glossary matcher
    setup = time.perf_counter() - setup
    check_frames(glossary)
    rng = random.Random(args.seed)
    ru_cases = generate_ru(glossary, ru_count, rng)
    en_cases = generate_en(glossary, en_count, rng)
    print(f"seed {args.seed}; engine: the tiny copy model of tests/mt_model.py via ArgosEngine")
    with tempfile.TemporaryDirectory(prefix="transclean-bench-") as tmp:
        folder = Path(tmp)
        build_models(folder)
        engine = ArgosEngine(folder, cache=folder / "cache")
        for pair in (("ru", "en"), ("en", "ru")):
            engine.translate(["Лечение.", "Treatment."], *pair)  # load outside every timing
        results = [section_ru(engine, glossary, ru_cases, setup)]
        results.append(section_en(engine, glossary, en_cases))
    print(f"\nwhole run: {time.perf_counter() - started:.0f} s")
    return 1 if any(r.silent for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
