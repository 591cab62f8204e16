"""spaCy's English and Russian abbreviations and sentence openers, copied for the splitter.

The splitter reads two lists from spaCy (see ``abbreviations``): its tokenizer exceptions that
are abbreviations ("Calif.", "д.м.н.") and its stop words, the words that typically open a
sentence. They are copied here so that splitting sentences does not import spaCy: the import
takes about half a second and leaves some 80,000 objects that the garbage collector walks
through again and again while a long document is segmented. The tests check the copy against
the installed spaCy; ``python -m transclean.segment.spacy_lists`` rewrites it from there.
spaCy is MIT-licensed (Explosion AI).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["ABBREVIATIONS", "SPACY_VERSION", "STARTERS", "from_spacy"]

SPACY_VERSION = "3.8.18"


def _unpack(packed: str) -> frozenset[str]:
    return frozenset(packed.strip().replace("\n", "|").split("|"))


# Exceptions that end in a period and hold only letters besides periods, spaces and hyphens.
ABBREVIATIONS = _unpack(
    """
Adm.|Ak.|Ala.|Apr.|Ariz.|Ark.|Aug.|Bros.|Calif.|Co.|Colo.|Conn.|Corp.|D.C.|Dec.|Del.|Dr.|E.G.
E.g.|Feb.|Fla.|Ga.|Gen.|Gov.|I.E.|I.e.|Ia.|Id.|Ill.|Inc.|Ind.|Jan.|Jr.|Jul.|Jun.|Kan.|Kans.|Ky.
La.|Ltd.|Mar.|Mass.|Md.|Messrs.|Mich.|Minn.|Miss.|Mo.|Mont.|Mr.|Mrs.|Ms.|Mt.|N.C.|N.D.|N.H.|N.J.
N.M.|N.Y.|Neb.|Nebr.|Nev.|Nov.|Oct.|Okla.|Ore.|Pa.|Ph.D.|Prof.|Rep.|Rev.|S.C.|Sen.|Sep.|Sept.
St.|Tenn.|Va.|Wash.|Wis.|a.|a.m.|b.|c.|co.|coop.|d.|e.|e.g.|f.|g.|h.|i.|i.e.|j.|k.|l.|m.|n.|o.
p.|p.m.|q.|r.|s.|t.|u.|v.|v.s.|vs.|w.|x.|y.|z.|ä.|ö.|ü.|АВГ.|АПР.|Авг.|Апр.|ВОСКР.|ВС.|ВСКР.|ВТ.
Воскр.|Вс.|Вскр.|Вт.|ДЕК.|Дек.|ИЮЛ.|ИЮН.|Июл.|Июн.|МАР.|МРТ.|Мар.|Мрт.|НБР.|НОЯ.|НОЯБ.|Нбр.|Ноя.
Нояб.|ОКТ.|ОКТБ.|Окт.|Октб.|ПН.|ПТ.|Пн.|Пт.|СБ.|СБТ.|СЕН.|СЕНТ.|СР.|Сб.|Сбт.|Сен.|Сент.|Ср.|ФЕВ.
ФЕВР.|Фев.|Февр.|ЧТ.|ЧТВ.|Чт.|Чтв.|ЯНВ.|Янв.|а.обл.|а.окр.|авг.|ак.|акад.|ал.|апр.|асп.|б.п.
в н.в.|в т.ч.|в.н.с.|вед. науч. сотр.|взв.|взд.|влд.|вн.тер.г.|воскр.|вс.|вскр.|вт.|г.|г.г.|г.о.
г.п.|г.ф.з.|гг.|гл. науч. сотр.|гп.|д.|д.б.н.|д.г.-м.н.|д.г.н.|д.и.н.|д.иск.|д.м.н.|д.п.н.
д.пед.н.|д.полит.н.|д.с.-х.н.|д.социол.н.|д.т.н.|д.ф.-м.н.|д.ф.н.|д.фил.н.|д.филос.н.|д.х.н.
д.э.н.|д.ю.н.|двлд.|дек.|дир.|до н.э.|долл.|дор.|доц.|зав. каф.|зам. дир.|зд.|ззд.|зим.|и др.
и пр.|и т.д.|и т.п.|и.о.|им.|июл.|июн.|к.|к.б.н.|к.воен.н.|к.г.-м.н.|к.г.н.|к.и.н.|к.иск.
к.ист.н.|к.м.н.|к.м.с.|к.п.н.|к.пед.н.|к.полит.н.|к.псх.н.|к.с.-х.н.|к.с.н.|к.соц.н.|к.социол.н.
к.т.н.|к.ф.-м.н.|к.ф.н.|к.фарм.н.|к.фил.н.|к.филос.н.|к.х.н.|к.э.н.|к.ю.н.|кв.|кв.м.|киш.|ком.
кот.|кп.|лн.|м.н.с.|мар.|мгстр.|мкр.|мл. науч. сотр.|мрт.|наб.|наст.|науч. сотр.|нбр.|ноя.|нояб.
обл.|окт.|октб.|оф.|п.|п. ст.|п.г.т.|пав.|пгт.|пер.|пл.|платф.|пн.|по н.в.|подв.|помещ.|пос.
прим.|прим.ред.|проул.|проф.|пт.|р.п.|раб.уч.|респ.|рзд.|рп.|руб.|с.|с.п.|сб.|сбт.|сен.|сент.
сзд.|скл.|сл.|см.|сокр.|ср.|ст.|ст. науч. сотр.|стр.|т.г.|т.д.|т.е.|т.к.|т.н.|т.п.|тер.|тер.ф.х.
тов.|туп.|тыс.|тыс.руб.|у.|ул.|ус.|фев.|февр.|х.|чел.|чл.-к.|чл.-кор.|чл.-корр.|чт.|чтв.|ш.|ю.
янв.
"""
)

# Stop words of two letters or more.
STARTERS = _unpack(
    """
'd|'ll|'m|'re|'s|'ve|about|above|across|after|afterwards|again|against|all|almost|alone|along
already|also|although|always|am|among|amongst|amount|an|and|another|any|anyhow|anyone|anything
anyway|anywhere|are|around|as|at|back|be|became|because|become|becomes|becoming|been|before
beforehand|behind|being|below|beside|besides|between|beyond|both|bottom|but|by|ca|call|can
cannot|could|did|do|does|doing|done|down|due|during|each|eight|either|eleven|else|elsewhere
empty|enough|even|ever|every|everyone|everything|everywhere|except|few|fifteen|fifty|first|five
for|former|formerly|forty|four|from|front|full|further|get|give|go|had|has|have|he|hence|her
here|hereafter|hereby|herein|hereupon|hers|herself|him|himself|his|how|however|hundred|if|in
indeed|into|is|it|its|itself|just|keep|last|latter|latterly|least|less|made|make|many|may|me
meanwhile|might|mine|more|moreover|most|mostly|move|much|must|my|myself|n't|name|namely|neither
never|nevertheless|next|nine|no|nobody|none|noone|nor|not|nothing|now|nowhere|n‘t|n’t|of|off
often|on|once|one|only|onto|or|other|others|otherwise|our|ours|ourselves|out|over|own|part|per
perhaps|please|put|quite|rather|re|really|regarding|same|say|see|seem|seemed|seeming|seems
serious|several|she|should|show|side|since|six|sixty|so|some|somehow|someone|something|sometime
sometimes|somewhere|still|such|take|ten|than|that|the|their|them|themselves|then|thence|there
thereafter|thereby|therefore|therein|thereupon|these|they|third|this|those|though|three|through
throughout|thru|thus|to|together|too|top|toward|towards|twelve|twenty|two|under|unless|until|up
upon|us|used|using|various|very|via|was|we|well|were|what|whatever|when|whence|whenever|where
whereafter|whereas|whereby|wherein|whereupon|wherever|whether|which|while|whither|who|whoever
whole|whom|whose|why|will|with|within|without|would|yet|you|your|yours|yourself|yourselves|авось
ага|агу|аж|ай|али|алло|ау|ах|ая|бац|без|безусловно|бишь|благо|благодаря|ближайшие|близко|более
больше|будем|будет|будете|будешь|будто|буду|будут|будучи|будь|будьте|бы|бывает|бывала|бывали
бываю|бывают|был|была|были|было|бытует|быть|вам|вами|вас|ваш|ваша|ваше|ваши|вдали|вдобавок|вдруг
ведь|везде|вернее|весь|взаимно|взаправду|видно|вишь|включая|вместо|внакладе|вначале|вне|вниз
внизу|вновь|во|вовсе|возможно|воистину|вокруг|вон|вообще|вопреки|вот|вперекор|вплоть|вполне
вправду|вправе|впрочем|впрямь|вресноту|вроде|вряд|все|всегда|всего|всей|всем|всеми|всему|всех
всею|всея|всю|всюду|вся|всякий|всякого|всякой|всячески|всё|всём|вчеред|вы|гав|где|го|гораздо|да
дабы|давайте|давно|давным|даже|далее|далеко|дальше|данная|данного|данное|данной|данном|данному
данные|данный|данных|дану|данунах|даром|де|действительно|для|до|довольно|доколе|доколь|долго
должен|должна|должно|должны|должный|дополнительно|другая|другие|другим|другими|других|другое
другой|его|едва|едим|едят|ее|ежели|ей|ел|ела|еле|ем|ему|емъ|если|ест|есть|ешь|еще|ещё|ею|её|же
за|затем|зато|зачем|здесь|значит|зря|ибо|из|или|иль|им|имеет|имел|имела|имело|именно|иметь|ими
имъ|иначе|иногда|иным|иными|итак|их|ишь|ка|кабы|каждая|каждое|каждые|каждый|кажется|казалась
казались|казалось|казался|казаться|как|какая|какие|каким|какими|каков|какого|какой|какому|какою
касательно|кем|ко|когда|кого|кой|коли|коль|ком|кому|комья|конечно|короче|которая|которого
которое|которой|котором|которому|которою|которую|которые|который|которым|которыми|которых|кроме
кстати|кто|ку|куда|ли|либо|лишь|любая|любого|любое|любой|любом|любую|любыми|любых|мало|меж|между
менее|меньше|меня|мимо|мне|многие|много|многого|многое|многом|многому|мной|мною|мог|моги|могите
могла|могли|могло|могу|могут|мое|моего|моей|моем|моему|моею|можем|может|можете|можешь|можно|мои
моим|моими|моих|мой|мол|мочь|мою|моя|моё|моём|му|мы|на|наверняка|наверху|навряд|навыворот|над
надо|назад|наиболее|наизворот|наизнанку|наипаче|накануне|наконец|нам|нами|наоборот|наперед
наперекор|наподобие|например|напротив|напрямую|нас|наса|насилу|настоящая|настоящее|настоящие
настоящий|насчет|нате|находиться|начала|начале|наш|наша|наше|нашего|нашей|нашем|нашему|нашею
наши|нашим|нашими|наших|нашу|не|неважно|негде|него|недавно|недалеко|нее|незачем|ней|некем
некогда|некому|некоторая|некоторые|некоторый|некоторых|некто|некуда|нельзя|нем|немногие|немногим
немного|нему|необходимо|необходимости|необходимые|необходимым|неоткуда|непрерывно|нередко
несколько|нет|нету|неужели|нечего|нечем|нечему|нечто|нешто|нею|неё|нибудь|нигде|ниже|низко|никак
никакой|никем|никогда|никого|никому|никто|никуда|ним|ними|ниоткуда|нипочем|них|ничего|ничем
ничему|ничто|но|ну|нужная|нужно|нужного|нужные|нужный|нужных|ныне|нынешнее|нынешней|нынешних
нынче|нём|об|оба|общую|обычно|ого|один|одна|однажды|однако|одни|одним|одними|одних|одно|одного
одной|одном|одному|одною|одну|ой|около|ом|он|она|оне|они|оно|оный|оп|опять|особенно|особо|особую
особые|от|откуда|отнелижа|отнелиже|отовсюду|отсюда|оттого|оттот|оттуда|отчего|отчему|ох|очевидно
очень|паче|перед|по|под|подавно|поди|подобная|подобно|подобного|подобные|подобный|подобным
подобных|поелику|пожалуй|пожалуйста|позже|поистине|пока|покамест|поколе|поколь|покуда|покудова
помимо|понеже|поприще|пор|пора|посему|поскольку|после|посреди|посредством|потом|потому|потомушта
похожем|почему|почти|поэтому|прежде|при|притом|причем|про|просто|прочего|прочее|прочему|прочими
проще|прям|пусть|ради|разве|ранее|рано|раньше|рядом|сам|сама|самая|сами|самим|самими|самих|само
самого|самое|самой|самом|самому|саму|самый|самых|сверх|свое|своего|своей|своем|своему|своею|свои
своим|своими|своих|свой|свою|своя|своё|своём|свыше|се|себе|себя|сего|сей|сейчас|сие|сих|сквозь
сколько|скорее|скоро|следует|слишком|смогут|сможет|сначала|снова|со|собой|собою|собственно
совсем|сперва|спокону|спустя|сразу|среди|сродни|стал|стала|стали|стало|стать|суть|сызнова|та|так
такая|также|таки|такие|таким|такими|таких|таков|такова|такого|такое|такой|таком|такому|такою
такую|там|тая|твои|твоим|твоих|твой|твоя|твоё|те|тебе|тебя|тем|теми|теперь|тех|ти|то|тобой|тобою
тогда|того|тоже|той|только|том|томах|тому|тот|тотчас|точно|тою|ту|туда|тут|ты|тьфу|увы|уж|уже
ура|ух|ую|фу|ха|хе|хорошо|хотел|хотела|хотелось|хотеть|хоть|хотя|хочешь|хочу|хуже|часто|чаще
чего|чей|чем|чему|через|что|чтоб|чтобы|чуть|чхать|чьим|чьих|чьё|чё|чём|ша|ща|щас|ые|ый|ых|эдак
эдакий|эй|эка|экий|эта|этак|этакий|эти|этим|этими|этих|это|этого|этой|этом|этому|этот|этою|эту
эх|явно|явных|яко|якобы|якоже|‘d|‘ll|‘m|‘re|‘s|‘ve|’d|’ll|’m|’re|’s|’ve
"""
)


def from_spacy() -> tuple[frozenset[str], frozenset[str]]:
    """Return the abbreviations and the starters as the installed spaCy lists them."""
    from spacy.lang.en.stop_words import STOP_WORDS as english_stop_words
    from spacy.lang.en.tokenizer_exceptions import TOKENIZER_EXCEPTIONS as english
    from spacy.lang.ru.stop_words import STOP_WORDS as russian_stop_words
    from spacy.lang.ru.tokenizer_exceptions import TOKENIZER_EXCEPTIONS as russian

    abbreviations = set()
    for orth in (*english, *russian):
        # Only letters and periods: times and temperatures ("5a.m.", "°C.") hold digits or
        # symbols, and the splitter reads a token with digits as a number, not an abbreviation.
        letters = orth.replace(".", "").replace(" ", "").replace("-", "")
        if orth.endswith(".") and letters.isalpha():
            abbreviations.add(orth)
    starters = (w for w in (*english_stop_words, *russian_stop_words) if len(w) > 1)
    return frozenset(abbreviations), frozenset(starters)


def _pack(words: Iterable[str], width: int = 96) -> str:
    """Write sorted words joined by "|", in lines of at most ``width`` characters."""
    lines: list[str] = []
    for word in sorted(words):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += "|" + word
        else:
            lines.append(word)
    return "\n".join(lines)


def _rewrite() -> None:
    """Rewrite this file with the installed spaCy's lists."""
    from importlib.metadata import version

    path = Path(__file__)
    blocks = iter(_pack(words) for words in from_spacy())
    source = re.sub(
        r'(?<=_unpack\(\n    """\n)[^"]*(?="""\n\))',
        lambda _: next(blocks) + "\n",
        path.read_text(encoding="utf-8"),
    )
    line = f'SPACY_VERSION = "{version("spacy")}"'
    source = re.sub("^SPACY_VERSION = .*$", line, source, count=1, flags=re.MULTILINE)
    path.write_text(source, encoding="utf-8")


if __name__ == "__main__":
    _rewrite()
