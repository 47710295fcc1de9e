"""Undoing extraction damage: paragraphs cut by column breaks, repeated blocks.

Both repairs are conservative, because a wrong repair hides text in the wrong
place while a missed one only leaves a seam:

* Two pieces are joined only when the first cannot end a paragraph (no 。！？ at
  its end) *and* the second reads as its continuation: it opens with
  punctuation, the seam falls inside a dictionary word (渠 / 道 → 渠道), a
  number, a date, a dateline or a dash, the second opens with the last word of a
  sentence (…最大 / 短板。山东…), or the first piece is plainly running
  prose and the second ends like a paragraph without opening like one (连日来，…
  opens a paragraph; 道”……推进… does not).  On a page that indents its
  paragraphs, the indent decides.  Headlines, subheads and list items look
  like cut paragraphs too, so a short line standing apart like a headline, a
  line ending in ；, a paragraph opening with a quotation and a pair of
  balanced phrases (提高科技含量，重在解决问题) need plainer evidence; two lines
  of a verse (科技花开醉人眼， / 消费升级新气象。), an item's number opening the
  second piece (（四）…) and a word only the seam makes under a heading
  (六、强化组织实施 / 加强… makes 施加) are none.
* A block is a repeat when its text already stands, whole, in an earlier block
  (or as part of, or nearly word for word, one of the last few); a short line
  or caption only when it comes right after itself.  A paragraph that holds a
  shorter block above it whole is not a near repeat of it: that block is a
  pull quote taken from the paragraph.  The copy is kept as a
  ``duplicate`` block pointing at the original, never dropped.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from dataclasses import dataclass, replace
from pathlib import Path

from sitegen.parsing.lines import (
    CANNOT_OPEN,
    SURNAMES,
    CLOSERS,
    DATELINE,
    SourceLine,
    clause_goes_on,
    closes_story,
    has_column_tag,
    ends_sentence,
    han_count,
    has_sentence_punctuation,
    is_byline,
    is_caption,
    is_credit_line,
    is_dash_subtitle,
    LABELS,
    is_label,
    is_roles_line,
    is_sign_off,
    looks_like_heading,
    significant,
)


@dataclass(frozen=True)
class Unit:
    """A paragraph-sized piece of the page: one line, or several joined across column breaks."""

    lines: tuple[SourceLine, ...]
    """The source lines it was made of, in reading order."""
    text: str
    """Its text (pieces of a joined paragraph are concatenated without a gap)."""
    kind: str
    """What the line-level reading made of it: text, caption, stray, furniture, masthead or duplicate."""
    note: str = ""
    """Why it was read so (joined across a column break, repeat of …), for ``sitegen inspect``."""
    ref: str | None = None
    """For duplicates, "L<start>-<end>" of the kept copy."""

    @property
    def first(self) -> SourceLine:
        return self.lines[0]

    @property
    def last(self) -> SourceLine:
        return self.lines[-1]

    @property
    def line_start(self) -> int:
        return min(line.number for line in self.lines)

    @property
    def line_end(self) -> int:
        return max(line.number for line in self.lines)

    @property
    def level(self) -> int:
        return self.first.level


# --- Column breaks -------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _jieba_words() -> tuple[frozenset[str], frozenset[str]]:
    """Two- to four-character words of jieba's dictionary seen at least three times, and those of them
    it tags as people's names (nr).

    The dictionary's lines are ``word count tag``; each list is taken by one regular-expression
    search of the whole file (0.15 s in all, where reading it line by line took 0.3 s of the build's
    start, before its workers can begin).
    """
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return frozenset(), frozenset()
    text = (Path(spec.origin).parent / "dict.txt").read_text(encoding="utf-8")
    return (frozenset(re.findall(rf"^(\S{{2,4}}) {_THREE_OR_MORE}(?= |$)", text, re.M)),
            frozenset(re.findall(rf"^(\S{{2,4}}) {_THREE_OR_MORE} nr$", text, re.M)))


#: A count of three or more, as the dictionary writes counts (no leading zeros).
_THREE_OR_MORE = r"(?:[3-9]|[1-9]\d+)"


def dictionary() -> frozenset[str]:
    """Two- to four-character words of jieba's dictionary, to tell a cut word (渠 / 道)."""
    return _jieba_words()[0]


def person_names() -> frozenset[str]:
    """The people's names among ``dictionary()`` (瞿振元): a signature may be one."""
    return _jieba_words()[1]


def seam_inside_word(before: str, after: str) -> bool:
    """True when the last characters of ``before`` and the first of ``after`` make one word (渠|道)."""
    words = dictionary()
    for k in range(1, 4):
        for m in range(1, 4):
            if 2 <= k + m <= 4 and len(before) >= k and len(after) >= m:
                if before[-k:] + after[:m] in words:
                    return True
    return False


def _opens_with_a_short_clause(text: str) -> bool:
    """True when ``text`` opens with three characters or fewer before its first punctuation: 面罩，…, 受益者。…"""
    clause = _FIRST_CLAUSE.match(text)
    return clause is not None and len(clause.group(1)) <= 3


def _chance_word_across(before: str, after: str) -> bool:
    """True when the only words across the seam are of two characters, one from each side, while ``before``
    ends on a word of its own and ``after`` opens with one: the seam's word may well be chance."""
    words = dictionary()
    if not (any(before[-n:] in words for n in (2, 3, 4)) and any(after[:n] in words for n in (2, 3, 4))):
        return False
    return not any(
        before[-k:] + after[:m] in words
        for k in range(1, 4)
        for m in range(1, 4)
        if 3 <= k + m <= 4 and len(before) >= k and len(after) >= m
    )


#: Words a paragraph typically opens with; a piece opening so is taken for a new paragraph.
_PARAGRAPH_OPENING = re.compile(
    r"^(?:连日来|近日|近期|近年来|今年以来|日前|目前|当前|此外|另外|同时|与此同时|据了解|据悉|据介绍|记者(?![，,])|"
    r"对此|为此|因此|然而|但是|首先|其次|最后|一是|二是|三是|第[一二三四五六七八九十]|"
    r"当天|当时|那天|随后|此后|后来|其中|不过|可见|总之|现在|此前|近年|其实|显然|当然|比如|例如|事实上|实际上|"
    r"最近[，,]|这几天|这些年|前不久|不久前|又是一年|"
    r"\d{1,4}年|\d{1,2}月\d{1,2}日[，,]|今年|去年|明年|如今|眼下|截至|[\u4e00-\u9fff]{2,4}期间[，,]|"
    r"在[^，。,\s]{4,14}[，,])"
)
#: A paragraph opening with the place it tells of: 丰台区在…, 河北省阜平县骆驼湾村….
_PLACE_OPENING = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,5}(?:省|市|区|县)[\u4e00-\u9fff]{1,6}(?:街道|村|社区|镇|乡)"
    r"|[\u4e00-\u9fff]{1,5}(?:省|市|区|县|镇|乡|街道|村|社区)[是在，,])"
)
#: A paragraph opening with someone speaking: 习近平总书记指出，….
_SPEAKER_OPENING = re.compile(r"^[^，。,]{2,12}(?:指出|表示|强调|认为|介绍|说道|坦言|提出)[，：:,]")
#: Characters that do not open a sentence; a piece opening with one continues the piece before.
_NOT_AN_OPENING = set("的了着们吗呢吧么")
#: Of those, the ones that open no headline either (着力…, 了解…, 的哥… do): 无数的人 / 们联系在一起.
_NEVER_OPENS = set("们吗呢吧")
#: Characters a headline does not end with; a short piece ending with one is a cut sentence (…与其他).
DANGLING_END = set("的和与及在对把被从向将为是这那其各每该此给让使于以并而或但")
#: Words that need what follows them, so no headline or paragraph ends with one (…么学成告诉 / 记者，…).
_DANGLING_WORDS = (
    "告诉", "通过", "随着", "根据", "按照", "关于", "对于", "由于", "为了", "以及", "并且", "而且", "因为", "所以", "其他", "其它",
    # adverbs and modals that wait for their verb: …已经连续 / 工作了6个多月, …要基本 / 建成…
    "已经", "正在", "仍然", "依然", "逐步", "进一步", "必须", "应当", "能够", "务必", "尚未", "一直", "始终", "连续", "基本",
)


def is_prose(text: str) -> bool:
    """Running prose rather than a headline: long, or punctuated like a sentence."""
    return len(text) >= 40 or (len(text) >= 20 and has_sentence_punctuation(text))


def _can_continue(text: str) -> bool:
    """False for lines that are never the second half of a paragraph (bylines, datelines, subtitles)."""
    return not (
        DATELINE.match(text)
        or is_byline(text)
        or is_caption(text)
        or is_dash_subtitle(text)
        or is_roles_line(text)
        or text.startswith(("□", "■", "(上接", "（上接"))
        or _LABEL_OPENING.match(text) is not None
        or _LIST_ITEM_OPENING.match(text) is not None
    )


#: An item's number opening a line: （四）其他需要督办的情形, 二、主要任务, 第九条 ….
_LIST_ITEM_OPENING = re.compile(
    r"^(?:[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）]|[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十百]{1,4}[章节条])"
)


#: A paragraph that opens with a box's label and a colon: 编者按：…, 核心阅读：….
_LABEL_OPENING = re.compile(r"^[□■◇◆●○]?(?:" + "|".join(LABELS) + r")[：:]")


def join_reason(first: Unit, second: Unit, *, indented_page: bool = False, set_apart: bool = False) -> str | None:
    """Why ``second`` continues the paragraph cut at the end of ``first``; None when it does not.

    ``indented_page``: the page opens its paragraphs with an indent, so an
    indented ``second`` is a paragraph of its own.  ``set_apart``: ``first``
    stands apart from the text above it (blank lines, the top of the page, the
    masthead, a closing credit), as headlines do; a short line so placed is joined only on the
    plainest evidence, since a headline over a first paragraph (边疆有我，安心团聚 /
    春节前夕，…) reads exactly like a paragraph cut after its first words.
    """
    a, b = first.text, second.text
    if first.level or second.level or ends_sentence(a):
        # (A piece that ends a sentence, as most paragraphs do, is joined to nothing: asked first,
        # this spares them the tests below.)
        return None
    if len(significant(b)) >= 4 and significant(b) in significant(a):
        # The same words printed again (a repeated block) are a repeat, not the rest of the paragraph.
        return None
    if a.endswith("—") and not a.endswith("——") and b.startswith("—") and not b.startswith("——"):
        return "the break falls inside a dash"
    if not _can_continue(b) or has_column_tag(a) or is_label(a) or is_sign_off(a):
        return None
    if len(a) <= 40 and (is_byline(a) or is_credit_line(a)) and not _unclosed(a):
        # A byline or a credit is a line of its own (本报记者 靳 博 / 大年三十，…; 制图：蔡华伟 /
        # 王贵武照顾烈士母亲二十年——), though a name may end on a character that opens a
        # word with the next line (博大).
        return None
    if has_column_tag(b) and looks_like_heading(b):
        # A headline carrying its column's name, under its kicker: 一个纪检室、四位小年轻…斗勇 /
        # “只要案情需要，什么知识都得学”（新时代·面孔）.
        return None
    if b[0] in _NEVER_OPENS:
        return "the second piece opens inside a word"
    if b[0] == "·" and _HAN.match(a[-1]) and _HAN.match(b[1:2]):
        return "the break falls inside a foreign name"
    if indented_page and second.first.indented:
        return None
    if _name_cut_after_its_surname(a, b):
        return "the break falls inside a name, after the surname"
    if _BODY_END.search(a) and _POST_NAME_AND_VERB.match(b):
        # A body, then its officer's post and name and what he said (北京市委市政府京津冀协同办 / 副主任刘伯正介绍，…):
        # no paragraph opens with a post that does not say whose it is.
        return "the break falls between a body and the post of its officer"
    b_ends = ends_sentence(b) or is_prose(b)
    if b[0] in CANNOT_OPEN:
        return "the second piece opens with punctuation"
    if clause_goes_on(a) and not _verse_lines(a, b):
        return "the first piece ends inside a sentence"
    if a[-1] in _DIGITS and (b[0] in _DIGITS or b[0] in "年月日号时点分秒%％万亿元个人名家位条项件次岁米多余") and not _YEAR_OPENING.match(b):
        # (A year of four digits opening the second piece is a number of its own: a figure of a data box over the
        # paragraph explaining it, 229 / 2017年2月，上海宣布对229名领导干部…)
        return "the break falls inside a number"
    if (cut := _DATE_OR_TIME_CUT.search(a)) and _NEXT_UNIT_OPENING[cut["unit"]].match(b):
        # A date or a time cut between its parts: 2019年 / 2月…, 2020年1月 / 2日，…, 18时 / 20分左右，….
        return "the break falls inside a date"
    dateline = DATELINE.match(a + b[:24])
    if dateline and dateline.end() > len(a):
        return "the break falls inside a dateline"
    if _COUNTRY_AND_NAME.match(a):
        # A contributor's name after the country in brackets ((日本)新田嘉一, (巴基斯坦)纳格玛纳·哈什米) signs the
        # comment under it on a line of its own.
        return None
    if (_parallel_phrases(a) or _spaced_phrases(a)) and not SENTENCE_END_OPENING.match(b):
        # Three phrases or more of one length, as a headline or a slogan is built (从规范入手，从治理发力，从斗争严起;
        # 整治一村，修复一村，建强一村), or two set apart by a space as headlines are set (沧海长风 把舵定向): a line of
        # its own, whatever the seam makes, unless the next piece opens with the last word of a sentence
        # (…要靠变革体制，也要靠完善机 / 制。近年来，…).
        return None
    if (
        indented_page
        and first.first.indented
        and not second.first.indented
        # The rest of a cut paragraph may look like a headline (…提高文明素质和自我保护能力，是千 /
        # 家万户抵御疫情的最佳方式) when the paragraph is a summary line without a full stop.
        and (ends_sentence(b) or is_prose(b) or is_prose(a))
        and a[-1] not in CLOSERS
        and not (b.endswith("——") and looks_like_heading(b))  # a kicker leading into its headline: 外交部发言人——
    ):
        # Paragraphs open with an indent: a flush piece of prose after an indented one is its rest.
        return "the second piece is not indented: the paragraph goes on"
    if (
        indented_page
        and first.first.indented
        and not second.first.indented
        and has_sentence_punctuation(a)
        and a[-1] not in CLOSERS
        and seam_inside_word(a, b)
    ):
        # An indented sentence broken off inside a word goes on in the flush piece under it, short as that is
        # (回应：天气系统上游地区人工增雪，对下 / 游地区降雪量不会产生影响).
        return "the break falls inside a word and the second piece is not indented"
    if DATELINE.match(a) and (b_ends or not looks_like_heading(b)):
        # 新华社北京2月18日电  2月 / 18日，…: a paragraph's dateline (and its first words) open
        # the paragraph; they are not a line of their own.
        return "the first piece is the dateline opening its paragraph"
    if _numbered_heading(a) and (_chance_word_across(a, b) or not seam_inside_word(a, b)):
        # A numbered heading over its section (一、构建中缅命运共同体，中缅关系迈入新时代 / 王毅说，…;
        # （九）发挥群团组织政治作用 / 工会、…) is joined only on the plainest evidence above, or a word only
        # the seam makes (（一）实事 / 求是。).
        return None
    if set_apart and (looks_like_heading(a) and not is_prose(a) or _long_title(a)):
        return None
    if (
        seam_inside_word(a, b)
        and (b_ends or not looks_like_heading(b))
        # A headline over a paragraph opening as paragraphs do may make a word across the seam by chance
        # (确保居民生活必需品供应 / 当前，… makes 应当).
        # A place opening the next piece is no such evidence: the word across the seam is more likely the
        # place's own (作为镇上唯 / 一的贫困村，…; 我国西 / 部地区是…).
        and not (looks_like_heading(a) and not has_sentence_punctuation(a) and _PARAGRAPH_OPENING.match(b))
        # Nor is a two-character word across the seam when the heading ends on a word and the paragraph opens
        # with one and a clause of its own (六、强化组织实施 / 加强党的政治建设，… makes 施加; 7.重点区域管控系统 /
        # 通过地理信息、… makes 统通), unlike the rest of a clause (隔着厚厚的口罩 / 面罩，…).
        and not (
            looks_like_heading(a)
            and not is_prose(a)
            and not has_sentence_punctuation(a)
            and _chance_word_across(a, b)
            and not _opens_with_a_short_clause(b)
        )
    ):
        return "the break falls inside a word"
    if a.endswith("；"):
        # An item of a list (see ``CLAUSE_GOES_ON``): only the plain evidence above joins it to what follows.
        return None
    if _last_sentence_cut_short(a) and b_ends:
        # Opening words in the second piece prove nothing here: the first has stopped a few words into a
        # new sentence (…看得很长远。建设自贸 / 试验区，不仅有助于…; …肖亚琪说。2018年下半年，随着 / 最后一批…).
        return "the first piece breaks off a few words into a sentence"
    if SENTENCE_END_OPENING.match(b) and is_prose(b):
        # No paragraph of prose opens with a sentence of three characters or fewer: they are the last word
        # of the sentence the first piece broke off (…制约乡村发展的最大 / 短板。山东聚焦…).
        return "the second piece opens with the last word of a sentence"
    if _PARAGRAPH_OPENING.match(b) or _PLACE_OPENING.match(b):
        return None
    if _unclosed(a):
        return "the first piece leaves a quotation or bracket open"
    if _MEASURE_END.search(a) and b_ends:
        # A number and its measure word wait for their noun (…扔垃圾是一件 / “天大的事”…; “珠三角”一张 / 蓝图…).
        return "the first piece ends on a measure word that needs its noun"
    # Below, weaker evidence.  A piece opening with a quotation that runs on (“我们必须…) is far
    # more often a new paragraph than the rest of a sentence cut before a quoted term (…变成 /
    # “空城”。), and a line that is a whole quotation (“中国技术员真心帮我们建设家园…”) is a
    # pull quote or subhead, not the first half of a paragraph.
    if _QUOTATION_OPENING.match(b) or a.endswith("”"):
        return None
    if _summary_line_over_paragraph(a, b) or _whole_clause_over_a_new_sentence(a, b):
        return None
    if is_prose(a) and b_ends and ("。" in a or ends_sentence(b) or b.endswith("；")):
        # A piece of one sentence with no full stop under a piece with none either is two summary lines,
        # not one cut in two.
        return "the first piece is cut mid-sentence"
    # Two balanced phrases either side of a comma are a subhead when the next piece opens with
    # a short clause of its own (提高科技含量，重在解决问题 / 新的一年里，…).
    subhead = _balanced_phrases(a) and _CLAUSE_OPENING.match(b) is not None
    # Two phrases built like a headline (疫情面前，于平凡中书写不凡) are one, unless the next piece opens
    # with the few characters that finish the sentence (…暴饮暴食会增加肠胃 / 负担。让人不解的是…).
    first_clause = _FIRST_CLAUSE.match(b)
    subhead = subhead or (_headline_phrases(a) and not (first_clause and len(first_clause.group(1)) <= 3))
    if has_sentence_punctuation(a) and len(a) >= 8 and is_prose(b) and ends_sentence(b) and not _SPEAKER_OPENING.match(b) and not subhead:
        return "the first piece breaks off after a comma"
    if b[0] in _NOT_AN_OPENING and b_ends:
        return "the second piece opens mid-sentence"
    if (a[-1] in DANGLING_END or a.endswith(_DANGLING_WORDS)) and b_ends:
        return "the first piece ends on a word that needs more"
    if _unclosed(a):
        return "the first piece leaves a quotation or bracket open"
    if b_ends and is_prose(b):
        first_clause = _FIRST_CLAUSE.match(b)
        if first_clause and len(first_clause.group(1)) <= 4 and has_sentence_punctuation(a) and not _headline_phrases(a):
            return "the second piece opens with the tail of a clause"
        if a[0] in "■●◆▲" and len(a) >= 8 and first_clause and (len(first_clause.group(1)) <= 2 or b[0] in _DIGITS):
            # A summary point is as often a subhead set with a bullet (●增绿，促生态修复 / 溯江而上，…): only the
            # last word or two of a clause, or a figure, shows it cut (■中国互联网经济快速 / 发展，…; …桥梁占 / 62公里，…).
            return "the first piece is a summary point cut mid-sentence"
    if not b_ends and is_prose(a) and _rest_of_a_line_cut_short(a, b):
        return _REST_OF_A_LINE
    if _opens_a_sentence(a) and has_sentence_punctuation(a) and is_prose(b) and ends_sentence(b) and not _opens_a_sentence(b):
        # A piece opening as a paragraph's sentence does, with its time, scene or speaker and a comma, is no
        # headline, however short (当前，新冠 / 肺炎疫情防控工作牵动所有人的心。…; 邹志武表示，全国海关将继续 /
        # 优化口岸营商环境。…): the prose under it that opens no sentence of its own is its rest.
        return "the first piece is the opening words of a paragraph's sentence"
    return None


def _opens_a_sentence(text: str) -> bool:
    """True for text opening as a paragraph's sentence does: with its time or a linking word (当前，…, 连日来，…),
    its place (丰台区在…), its scene (得知武汉疫情后，…) or its speaker (邹志武表示，…)."""
    return any(p.match(text) for p in (_PARAGRAPH_OPENING, _PLACE_OPENING, _SCENE_OR_SPEAKER_OPENING))


_REST_OF_A_LINE = "the second piece is the last words of a line of prose cut inside a word or on a word that needs more"


def _rest_of_a_line_cut_short(first: str, second: str) -> bool:
    """True when ``second``, a few words without a full stop, finishes the line of prose ``first`` that a column
    break cut (a summary line or a paragraph printed without its full stop): ``first`` stops on a word that needs
    more (…抓好企业领导班子建设和 / 干部队伍、人才队伍建设；) or inside a word that ``second`` finishes
    without opening a word of its own (…中国经济保持了平 / 稳向好的发展态势), or ``second`` opens with a particle
    (…转化为微观市场主体 / 的获得感).

    A headline under a line of prose looks much the same, so ``second`` must be short (sixteen characters at most
    unless punctuated), not built of two phrases as headlines are (送完最后一个包裹，就回家过年), and make no
    word across the seam only by chance (…充满信心 / 中国为…); a line ending on a figure and its unit
    (…惠及职工6445万人 / 为61.4万人次…) and one ending on a whole word (…担当作为) are whole.
    """
    if not (has_sentence_punctuation(second) or len(second) <= 16) or _headline_phrases(second) or _balanced_phrases(second):
        return False
    if _chance_word_across(first, second):
        return False
    words = dictionary()
    # A word that needs more may close a line over a subhead of a story interleaved with it (…坚持把发展经济的 /
    # 创新服务模式): the rest must run on in clauses (…抓好企业领导班子建设和 / 干部队伍、人才队伍建设；).
    dangling = first[-1] in DANGLING_END and first[-2:] not in words and has_sentence_punctuation(second)
    inside_word = (
        seam_inside_word(first, second)
        and not any(second[:n] in words for n in (2, 3, 4))
        and _FIGURE_END.search(first) is None
    )
    return dangling or inside_word or second[0] in _NOT_AN_OPENING


#: A figure and its unit closing a line: …6445万人, …9.8亿元.
_FIGURE_END = re.compile(r"\d[万亿]?[\u4e00-\u9fff]?$")


#: A post or title closing a piece, then one character that may be a surname: …党委书记高, …领导小组成员丁.
_POST_AND_SURNAME = re.compile(
    r"(?P<post>书记|主任|局长|部长|处长|科长|司长|厅长|县长|市长|省长|乡长|镇长|村长|院长|校长|所长|站长|队长|组长|"
    r"社长|会长|厂长|经理|主席|委员|成员|代表|教授|老师|医生|记者|同志)(?P<surname>[\u4e00-\u9fff])$"
)


#: A line ending on the name of a body (…史志办, …工信局, …研究中心), and a piece opening with a post, a name and a
#: speech verb (副主任刘伯正介绍，…, 主任谢俊清说，…).
_BODY_END = re.compile(r"(?:办|局|委|部|院|所|会|厅|处|署|室|中心|公司|集团|政府|大学|银行)$")
_POST_NAME_AND_VERB = re.compile(
    r"^(?:副|常务副)?(?:主任|局长|部长|书记|主席|院长|所长|校长|董事长|总经理|经理|会长|秘书长|司长|处长|科长|厅长|行长|总监)"
    r"[\u4e00-\u9fff·]{2,6}(?:介绍|表示|说|指出|认为|告诉|坦言|强调)"
)


def _name_cut_after_its_surname(first: str, second: str) -> bool:
    """True when the break falls inside the name of someone introduced by post, after the surname
    (三涧溪村党委书记高 / 淑贞说，…; 领导小组成员丁 / 薛祥、黄坤明…): no line ends on a post and a lone surname.
    A post and the character after it may make a word of their own (主席国, 委员会, 代表团): then nothing is cut."""
    match = _POST_AND_SURNAME.search(first)
    return (
        match is not None
        and match["surname"] in SURNAMES
        and match["post"] + match["surname"] not in dictionary()
        and _HAN.match(second) is not None
        and (ends_sentence(second) or is_prose(second))
    )


_DIGITS = "0123456789０１２３４５６７８９"
#: A number or demonstrative and its measure word, waiting for their noun: …是一件 / “天大的事”.  After 有, 上, 下 or 第
#: the phrase may be whole (技术路径有三种, 着手准备下一场).
_MEASURE_END = re.compile(r"(?<![有上下第前后])[一二两三四五六七八九十几每这那该某][个张件位名项条种次场家座所只双份篇本部台辆艘架批支套片道]$")
#: A sentence of three characters or fewer opening a piece of text: the last word of a sentence cut above (短板。…).
SENTENCE_END_OPENING = re.compile(r"^[\u4e00-\u9fff]{1,3}。")
_YEAR_OPENING = re.compile(r"^\d{4}年")
#: A line ending on a year, a month or an hour written with its number, and what may open the rest of that date or time.
_DATE_OR_TIME_CUT = re.compile(r"[0-9０-９〇零一二三四五六七八九十](?P<unit>[年月时])$")
_NEXT_UNIT_OPENING = {
    "年": re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,2})月"),
    "月": re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号]"),
    "时": re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})分"),
}
_HAN = re.compile(r"[\u4e00-\u9fff]")
_QUOTATION_OPENING = re.compile(r"^[“‘「][^”’」]{12}")
_CLAUSE_OPENING = re.compile(r"^[^，。；：、,;:！？!?“”]{1,8}[，,]")


def _headline_phrases(text: str) -> bool:
    """Two phrases of three characters or more either side of one comma, as headlines are built
    (不图虚名，增收谋长远; 送完最后一个包裹，就回家过年), unlike a paragraph's opening cut
    after a name (离开杨岭村时，马生 / …)."""
    halves = text.split("，")
    return (
        len(halves) == 2
        and len(text) <= 24
        and all(len(half) >= 3 and han_count(half) >= len(half) - 2 for half in halves)
        and text[-1] not in DANGLING_END
        and not any(ch in text for ch in _DIGITS)
        and not (_PARAGRAPH_OPENING.match(text) or _PLACE_OPENING.match(text))  # 近年来，我和同事 / …: a paragraph's opening words
    )


def _numbered_heading(text: str) -> bool:
    """True for a short line opening with a section's number, holding no full stop and ending on no word
    that needs more, as a numbered heading is printed (一、…, （九）…, 第四节 …); an article of a law
    (第九条 …) is a paragraph."""
    return (
        _SECTION_NUMBER.match(text) is not None
        and len(text) <= 40
        and "。" not in text
        and text[-1] not in DANGLING_END
        and not text.endswith(_DANGLING_WORDS)
        and not _MEASURE_END.search(text)  # （四）财产租赁所得，每次 / 收入不超过四千元的，…
    )


#: A section's number opening a heading: 二、, （九）, 第四节.
_SECTION_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[章节])")


def _summary_line_over_paragraph(first: str, second: str) -> bool:
    """True for a summary line printed whole without a full stop over the paragraph under it
    (…表明地区经济面临动力严重不足的困境 / 欧委会去年12月底发布的…报告…), which reads like a paragraph
    cut at a word's end.

    A column break falls anywhere in a clause, so the two parts of a truly cut clause make one clause of
    ordinary length; here the seam would make one of twenty-two characters or more out of a whole clause
    of six or more closing ``first`` and one of four or more opening ``second``.  The seam must fall
    between two words and make no longer one, and ``first`` must hold no full stop, end on no word that
    needs more (…与其他) and not open as a paragraph's sentence or a photo's caption does (据了解，…;
    1月26日，…; 沃泽尔表示，…; 图③：…).
    """
    closing = _CLAUSE_MARK.split(first)[-1]
    opening = _CLAUSE_MARK.split(second)[0]
    return (
        "。" not in first
        and len(closing) >= 6
        and len(opening) >= 4
        and len(closing) + len(opening) >= 22
        and first[-1] not in DANGLING_END
        and not first.endswith(_DANGLING_WORDS)
        and not any(p.match(first) for p in (_PARAGRAPH_OPENING, _PLACE_OPENING, _SPEAKER_OPENING, _NUMBERED_PHOTO))
        and _chance_word_across(first, second)
    )


#: The first clause of a sentence that sets its scene or names its speaker or source, closed by a comma: 新冠肺炎疫情发生后，…,
#: 公交车上，…, 春节将至，…, 欧委会报告认为，…, 据报道，…; such a clause begins a sentence and finishes none cut above it.  (A speaker of two
#: characters or fewer may be the rest of a name the break cut: …党委书记高 / 淑贞说，….)
_SCENE_OR_SPEAKER_OPENING = re.compile(
    r"^(?:[^，。、；：,“”\d]{2,10}(?:中|后|以来|期间|之际|前夕|时|上|里|之后|之前|前|当前|伊始|将至|临近|之余)"
    r"|[^，。、；：,“”]{3,12}(?:指出|表示|强调|认为|介绍|说道|坦言|提出|说)|据[^，。、；：,“”]{1,6})[，,]"
)


def _whole_clause_over_a_new_sentence(first: str, second: str) -> bool:
    """True for a line printed whole without a full stop (a summary line: …细心呵护他们的尊严，是助人的正确方式)
    over a paragraph opening a sentence of its own with its scene or its speaker (公交车上，乘客不多。…;
    欧委会报告认为，…) or with a question of its own (70岁的生活怎么过？…).  The line must hold no full stop and close on a clause of seven characters or more ending
    on no word that needs more: a clause cut short by the break (…在这种 / 人文知识的学习中，…) is no whole line.
    """
    closing = _CLAUSE_MARK.split(first)[-1]
    return (
        "。" not in first
        and len(closing) >= 7
        and first[-1] not in DANGLING_END
        and not first.endswith(_DANGLING_WORDS)
        and second[0] not in _NOT_AN_OPENING  # …海拔3000多米 / 的高原上，…
        and (_SCENE_OR_SPEAKER_OPENING.match(second) is not None or _OWN_QUESTION_OPENING.match(second) is not None)
    )


#: A paragraph opening with a question that carries its own question word (农村改革千头万绪，从何处发力？;
#: 延长休假能否抵消年假？…): a sentence of its own.  A question mark closing words without one (…是否会对金融安全 /
#: 产生不利影响？) closes a question begun above it.
_OWN_QUESTION_OPENING = re.compile(r"^[^。！？!?]{0,30}(?:吗|呢|何|哪|怎|什么|谁|多少|能否|是否|可否|是不是|有没有)[^。！？!?]{0,20}[？?]")


#: Marks that end a clause (a decimal point does not).
_CLAUSE_MARK = re.compile(r"[，。；：、,;:！？!?“”‘’（）()《》—…]")
#: A numbered photo's caption (图③：2月12日，工作人员在搬运…), cut as running text is, though without a full stop.
_NUMBERED_PHOTO = re.compile(r"^图[①②③④⑤⑥⑦⑧⑨⑩\d]")


def _verse_lines(first: str, second: str) -> bool:
    """True for two lines of a verse or a rhymed slogan, each printed on a line of its own: short and of
    one length, the first ending with a comma (科技花开醉人眼， / 消费升级新气象。)."""
    return first.endswith("，") and len(first) <= 16 and len(second) <= 16 and abs(len(first) - len(second)) <= 1


def _last_sentence_cut_short(text: str) -> bool:
    """True for running prose whose last sentence has only just begun: a few words after its last full
    stop (…看得很长远。建设自贸).  A paragraph printed without its full stop ends a whole sentence, and a
    note in brackets after the full stop (…增长5.4%。（见图13）) ends nothing."""
    if not is_prose(text) or text.endswith("；") or _CLOSED_BY_NOTE.search(text):
        return False
    stop = max(text.rfind(mark) for mark in "。！？")
    return stop > 0 and len(text) - stop - 1 <= 14


_CLOSED_BY_NOTE = re.compile(r"[。！？](?:[（(][^（）()]*[)）])+$")


def _long_title(text: str) -> bool:
    """True for a line of forty to sixty characters with no punctuation at all, as a document's or a
    leader's article's long title is printed (国务院应对新型冠状病毒感染肺炎疫情联防联控机制关于印发…的通知,
    深入学习贯彻习近平总书记重要讲话和指示精神 推动京津冀协同发展…): a paragraph runs that long only in clauses."""
    return 40 <= len(text) <= 60 and _ANY_PUNCTUATION.search(text) is None


_ANY_PUNCTUATION = re.compile(r"[，。、；：！？,.;:!?“”‘’（）()《》—…]")


_COUNTRY_AND_NAME = re.compile(r"^[（(][\u4e00-\u9fff]{2,8}[)）][\u4e00-\u9fff·]{2,10}$")


def _parallel_phrases(text: str) -> bool:
    """Three to five phrases of three to eight characters, all of one length, either side of commas: 开展大排查，出台硬举措，实行严督查."""
    phrases = text.split("，")
    return 3 <= len(phrases) <= 5 and len({len(p) for p in phrases}) == 1 and 3 <= len(phrases[0]) <= 8 and han_count(text) == len(text) - len(phrases) + 1


def _spaced_phrases(text: str) -> bool:
    """Two phrases of four to eight characters and near one length, set apart by a space as a headline is set:
    脚步不停 柜台不空, 赓续红色基因 立法大有可为 (an article's number and its text, 第九条 纪检监察机关…, are no such line)."""
    phrases = text.split()
    return (
        len(phrases) == 2
        and all(4 <= len(p) <= 8 and han_count(p) == len(p) for p in phrases)
        and abs(len(phrases[0]) - len(phrases[1])) <= 2
        and not text.startswith("第")
    )


def _balanced_phrases(text: str) -> bool:
    """Two short phrases either side of one comma, as headlines are built: 不等不靠，致富凭双手."""
    halves = text.split("，")
    return len(halves) == 2 and all(2 <= len(half) <= 12 for half in halves) and text[-1] not in DANGLING_END
_FIRST_CLAUSE = re.compile(r"^([^，。；：、,;:！？!?]{1,12})[，。；：、,;:！？!?]")
_PAIRS = ("“”", "（）", "()", "《》", "「」", "『』", "‘’")


def _unclosed(text: str) -> bool:
    """True when ``text`` opens a quotation or bracket it does not close: 他说：“小区老人."""
    return any(text.count(left) > text.count(right) for left, right in _PAIRS)


def _joined(first: Unit, second: Unit, reason: str, skipped: list[Unit]) -> Unit:
    between = f" (skipping {', '.join(_span(u) for u in skipped)})" if skipped else ""
    note = f"joined across column break at lines {first.last.number}/{second.first.number}{between}: {reason}"
    notes = "; ".join(n for n in (first.note, note, second.note) if n)
    return Unit(first.lines + second.lines, first.text + second.text, "text", notes)


def _span(unit: Unit) -> str:
    return f"line {unit.line_start}" if unit.line_start == unit.line_end else f"lines {unit.line_start}-{unit.line_end}"


def _set_apart(unit: Unit, previous: Unit | None) -> bool:
    """True when ``unit`` stands apart from what is above it, as a headline does (not merely under a caption).

    A ——line right under a headline is its subtitle (让公众感受历史的魅力 / ——从历史中汲取…),
    while in running text it may open a paragraph (——坚持全面深化改革开放，…).
    """
    if previous is None or previous.kind == "masthead":
        return True
    if previous.kind == "text" and closes_story(previous.text):
        return True
    if is_dash_subtitle(unit.text) and previous.kind == "text" and looks_like_heading(previous.text) and not ends_sentence(previous.text):
        return True
    return unit.first.gap_before >= 2 and previous.kind not in ("caption", "stray")


def join_column_breaks(units: list[Unit], *, indented_page: bool = False) -> list[Unit]:
    """Join paragraphs cut by column breaks; captions and stray marks between the pieces are skipped over.

    The skipped units keep their place in the list (after the joined paragraph).
    ``indented_page`` says the page indents its paragraphs (see ``join_reason``).
    """
    result: list[Unit] = []
    printed_whole: set[str] = set()  # lines left as they were printed, not joined to the next
    index = 0
    while index < len(units):
        unit = units[index]
        index += 1
        if unit.kind != "text":
            result.append(unit)
            continue
        key = significant(unit.text)
        above = significant(result[-1].text) if result and result[-1].kind == "text" else None  # the line above, as compared
        if key == above:
            result.append(unit)  # a line printed again: a repeat for ``mark_duplicates``, not a paragraph's first half
            continue
        if key in printed_whole:
            # A line printed again word for word is as whole as its first printing, which was not joined onwards.
            result.append(unit)
            continue
        set_apart = _set_apart(unit, result[-1] if result else None)
        joined = False
        while True:
            look = index
            skipped: list[Unit] = []
            while look < len(units) and units[look].kind in ("caption", "stray") and len(skipped) < 3:
                skipped.append(units[look])
                look += 1
            if look >= len(units) or units[look].kind != "text":
                break
            if above is not None and significant(units[look].text) == above:
                # The line above this one printed again under it: a block printed twice begins there
                # (信息“障碍”有哪些？ / 底层设计不足… / 信息“障碍”有哪些？ / 底层设计不足…), no paragraph's rest.
                break
            reason = join_reason(unit, units[look], indented_page=indented_page, set_apart=set_apart)
            if reason is None:
                break
            unit = _joined(unit, units[look], reason, skipped)
            joined = True
            set_apart = False
            del units[look]
            if reason == _REST_OF_A_LINE:
                # Those few words end the line, printed without its full stop (…保持了平 / 稳向好的发展态势): the
                # paragraph under it is one of its own, though the line now reads as a sentence cut short.
                break
            # Skipped captions stay where they are and are emitted after the paragraph.
        if not joined:
            printed_whole.add(key)
        result.append(unit)
    return result


# --- Repeated blocks -----------------------------------------------------------------

_MIN_REPEAT = 16
_NEAR_WINDOW = 8
_QUOTE_WINDOW = 12
_SHORT_WINDOW = 4


def _bigrams(text: str) -> set[str]:
    return {a + b for a, b in zip(text, text[1:])}


def _probes(key: str) -> list[str]:
    """Three runs of six characters from a paragraph's middle: a near repeat of it holds some of them."""
    return [key[i : i + 6] for i in (len(key) // 4, len(key) // 2, 3 * len(key) // 4)]


def _adjacent_repeat_of(readable: list[int], keys: dict[int, str], n: int) -> int | None:
    """The line that line ``n`` repeats right after it, if any (indexes into ``readable``).

    This is how short lines (a subhead, a byline, a photo credit) are found
    repeated: they recur legitimately (同志们、朋友们！ before each part of a speech),
    so one counts only right after itself (“母亲的艺术” / “母亲的艺术”), or as the
    first or last line of a repeated block of two: the line two above is the same
    and so is the line after (or before) each.
    """
    key = keys[readable[n]]
    if len(key) < 2 or n == 0:
        return None
    if keys[readable[n - 1]] == key:
        # A short exclamation or question may be said twice (“加油！” / “加油！”); a heading, a credit or a
        # statement is not printed twice, though a closing credit ends like a sentence ((本报金边电) / (本报金边电))
        # and a line of verse like a statement (按劳取酬乐开怀。 / 按劳取酬乐开怀。).
        return None if ends_sentence(key) and not closes_story(key) and not key.endswith("。") else readable[n - 1]
    if n >= 2 and n + 1 < len(readable) and keys[readable[n - 2]] == key and keys[readable[n + 1]] == keys[readable[n - 1]]:
        return readable[n - 2]
    if n >= 3 and keys[readable[n - 2]] == key and keys[readable[n - 1]] == keys[readable[n - 3]]:
        # The last line of a repeated block: the paragraph and the subhead under it, printed again.
        return readable[n - 2]
    return None


def _as_duplicate(unit: Unit, original: Unit, how: str) -> Unit:
    ref = f"L{original.line_start}-{original.line_end}"
    return replace(unit, kind="duplicate", note=f"{how} lines {original.line_start}-{original.line_end}", ref=ref)


def mark_duplicates(units: list[Unit]) -> list[Unit]:
    """Mark text units that repeat an earlier one (whole, as a part of it, or nearly word for word)."""
    kept: list[tuple[Unit, str, set[str] | None]] = []
    kept_keys: list[str] = []  # the keys of ``kept``, in order
    first_printed: dict[str, Unit] = {}
    readable = [i for i, unit in enumerate(units) if unit.kind in ("text", "caption")]
    keys = {i: significant(units[i].text) for i in readable}
    result = []
    place = {i: n for n, i in enumerate(readable)}
    for at, unit in enumerate(units):
        if unit.kind not in ("text", "caption"):
            result.append(unit)
            continue
        key = keys[at]
        original = None
        how = ""
        adjacent = _adjacent_repeat_of(readable, keys, place[at])
        if adjacent is not None:
            original, how = units[adjacent], "repeat of"
        elif unit.kind == "caption":
            result.append(unit)
            continue
        elif len(key) >= _MIN_REPEAT:
            # A paragraph printed again word for word is a repeat wherever it stands; one that
            # is only part of a paragraph far above may be a quotation (a speech printed on a
            # page whose report quotes it), so a part counts only near its original.
            original = first_printed.get(key)
            # Keys hold no whitespace, so the last few joined by newlines are searched at once: a run
            # of characters found there stands whole in one of them.  Most paragraphs repeat none.  (The
            # last twelve, searched for a part, hold the last eight, searched for a near repeat.)
            nearby = "\n".join(kept_keys[-_QUOTE_WINDOW:])
            if original is None and key in nearby:
                original = next((other for other, other_key, _ in kept[-_QUOTE_WINDOW:] if key in other_key), None)
            how = "repeat of"
            if original is None and len(key) >= 30 and any(probe in nearby for probe in _probes(key)):
                grams: set[str] | None = None
                probes = _probes(key)
                recent = {other_key for _, other_key, _ in kept[-_NEAR_WINDOW - 1 :]}
                for index in range(len(kept) - 1, max(-1, len(kept) - 1 - _NEAR_WINDOW), -1):
                    other, other_key, other_grams = kept[index]
                    # A near repeat shares long runs with its original; skip the rest cheaply.
                    if len(other_key) < 0.8 * len(key) or not any(probe in other_key for probe in probes):
                        continue
                    if len(other_key) < len(key) and other_key in key and key.replace(other_key, "", 1) not in recent:
                        # The earlier block is a pull quote taken from this paragraph (面对…疫情 / 习近平指出，面对…疫情…):
                        # the paragraph in full is text of its own, not a repeat.  (A paragraph printed whole
                        # again after its first printing was cut in two pieces, the other piece near by, is one.)
                        continue
                    if grams is None:
                        grams = _bigrams(key)
                    if other_grams is None:
                        other_grams = _bigrams(other_key)
                        kept[index] = (other, other_key, other_grams)
                    if len(grams & other_grams) >= 0.9 * len(grams):
                        original, how = other, "near repeat of"
                        break
        if original is not None:
            result.append(_as_duplicate(unit, original, how))
        else:
            if unit.kind == "text":
                kept.append((unit, key, None))
                kept_keys.append(key)
                first_printed.setdefault(key, unit)
            result.append(unit)
    return result
