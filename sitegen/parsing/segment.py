"""Cutting a page into stories: which short lines open an article, which are subheads.

A page reads as a sequence of units (paragraphs after repair).  Runs of short,
unpunctuated lines are *heading groups*.  A heading group opens a new story when
the page gives a reason to believe so:

* ``#``/``##`` markup (``###`` only when set apart by blank lines or sitting
  above a stronger heading, as in ``### 慎终如始 精准防控`` over ``## 北京：…``);
* a byline under it (新华社记者, 记者 武跃林, a letter writer's 江西南昌　杨铭鸣)
  or a dateline under it or opening the next paragraph (本报讯, 新华社北京11月27日电);
* a column name in brackets after the headline (讲好文创的时代故事（新语）) or a
  column that always heads its own story (图片报道);
* on a page that indents its paragraphs, the group standing flush above an
  indented paragraph (an indented group is a subhead);
* two or more blank lines above it (not those under a photo caption set apart
  itself), or the story before it has ended with a
  closing credit ((据新华社), 新华社北京11月27日电, （作者为…）, （柯　文）), the
  formulaic last sentence of a leaders' report (王毅、何立峰参加上述活动。), a
  photographer's credit standing alone (罗继胜摄（影像中国）) or a (下转第三版) marker;
* a box of briefs' name over it (速览, 新闻速递, 数读) or a readers' column's (建议, 来论);
* the box an article opens with under it (核心阅读, 内容提要);
* a photo item under it: a paragraph or three closed by the photographer's
  credit on a line of its own (喜上枝头 / 1月1日，一名工人在… / 秦廷富摄（影像中国）);
* the text under it sharing almost no words with the story so far, or, under a
  dated news report that had no subheads, moving to another subject.

A figure printed large (17万人次, 10.5%) in a story whose last lines already
showed one is the next entry of its data box, not a headline, whatever follows.
The close of a letter (此致 / 敬礼！) is text, and a notice's signature (issuer
and date) closes it: the heading lines under them are the next story's.

A heading with nothing under it but the next story's headline (新春走基层) is
that story's series title and becomes its kicker.

Several signed stories under one title are one article, as the paper files
them (a package): under a title with at most a short introduction and no
credit of its own (回家过年  团团圆圆 / 春节临近… over three reports, each with
its headline and reporter), or under a series title (新春走基层) standing alone
over them.  Their headlines become the article's subheads, their bylines stand
under them, and a series title becomes the headline.

Some heading groups open no story whatever the blank lines and closings above
say: the next couplet of a collection signed one by one (庚子山河秀 / 春风福寿多
/ （丁潭清）), a question a commentary puts as a sentence (为什么…？), and the
lines under a headline while the story has nothing under it but summary lines
(■…), one of them perhaps cut by a column break.  A line printed twice inside a
heading group is kept as a duplicate and does not cut the group.

In a heading group the line carrying a column name is the headline, or else the
line over a ——subtitle, whatever follows it; otherwise
slogans and lines ending in —— are kickers and ——lines, officials' roles and
summary lines are subtitles (a summary point set with a bullet and written in clauses,
●避开点火源，不在厨房等…使用, is text of the story).

Otherwise the group is read as the current story's subheads: two-line section
heads (立即响应 靠前指挥 下沉一线 / ——织密…, 甘肃定西元古堆村 / 旱塬有了“解渴水”)
are as common inside articles as bare kicker-and-headline pairs between them.  Text after an
(上接 01 版) marker belongs to an article from another page and is kept as a
fragment; a heading that follows such a fragment resumes the story it interrupted,
and a cut paragraph left hanging at the end of the fragment is re-joined with its
continuation when that turns up after the interrupted story's closing credit.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field, replace

from sitegen.model import Block, Story
from sitegen.parsing.lines import (
    BRACKETED_BYLINE,
    BRIEF_BOXES,
    CLOSING_CREDIT,
    OPENING_LABELS,
    STORY_LABELS,
    STORY_COLUMNS,
    DATELINE,
    continuation_marker,
    ends_sentence,
    ends_with_credit,
    has_column_tag,
    is_byline,
    is_closing_note,
    is_closing_sentence,
    is_credit_line,
    is_dash_subtitle,
    is_label,
    is_bracketed_date,
    is_genre_subtitle,
    has_sentence_punctuation,
    is_name,
    is_photo_credit_line,
    is_roles_line,
    is_sign_off,
    is_story_column,
    looks_like_heading,
    page_number,
    significant,
)
from sitegen.parsing.repair import DANGLING_END, SENTENCE_END_OPENING, Unit, dictionary, join_reason, person_names, seam_inside_word


@dataclass
class _StoryDraft:
    """A story being read: its heading group, credits and body blocks so far."""

    index: int
    heads: list[Unit]
    series: list[Unit] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    dateline: str | None = None
    body: list[Block] = field(default_factory=list)
    closed_by: str | None = None
    line_end: int = 0
    opened_by: str = ""
    """Why the story was opened (one of ``_Page.opens_story``'s reasons)."""
    signed: bool = False
    """True when the writer's name stands under the story's heading (not only in a closing credit)."""


# --- Reading one unit ---------------------------------------------------------------


def _kind(unit: Unit) -> str:
    """What a text unit is on its own: heading, byline, closing, continuation or body."""
    text = unit.text
    marker = continuation_marker(text)
    if marker is not None and marker.start() == 0:
        return "continuation"
    dateline = DATELINE.match(text)
    if dateline and dateline.end() == len(text):
        # A dateline on a line of its own: under a headline it opens the story
        # (据新华社北京1月14日电), after the text it closes it (新华社北京11月27日电).
        return "dateline"
    if dateline:
        # A paragraph opening with its dateline, however short (新华社北京2月18日电  2月).
        return "body"
    if CLOSING_CREDIT.match(text) or BRACKETED_BYLINE.match(text) or is_closing_note(text):
        return "closing"
    if unit.level:
        return "heading"
    if is_credit_line(text) and len(text) <= 40:
        return "credit"
    if is_label(text):
        return "label"
    if is_sign_off(text):
        return "body"
    # A kicker leading into its headline: 广州医科大学附属第一医院国家呼吸系统疾病临床医学研究中心原主任钟南山——,
    # or three short phrases: 拆塘还湖，生态修复，海南儋州——
    if text.endswith("——") and len(text) <= 48 and "。" not in text and (text.count("，") <= 1 or text.count("，") == 2 and len(text) <= 20):
        return "heading"
    if is_byline(text) or _EDITORS_SIGNATURE.match(text):
        return "byline"
    if is_roles_line(text) or is_bracketed_date(text):
        return "heading"
    if text[0] in _SUMMARY_MARKS and len(text) >= 20 and has_sentence_punctuation(text):
        # A summary point in clauses (●避开点火源，不在厨房等…使用，喷酒精时不抽烟) is text, however short.
        return "body"
    if is_dash_subtitle(text) and len(text) <= 40 and text[-1] not in "。；;，," and text.count("，") <= 1:
        return "heading"
    if looks_like_heading(text) and (not ends_sentence(text) or text[-1] in "！？!?") and not _is_lead_sentence(text):
        return "heading"
    if is_figure(text):
        # A figure printed large in a data box, however few its characters (83.9分).
        return "heading"
    return "body"


def _is_lead_sentence(text: str) -> bool:
    """True for a sentence of more than forty characters in clauses, printed without its full stop under a
    headline as the item's lead (截至2019年1月末，我国外汇储备规模为30879亿美元，较2018年12月末上升152亿美元):
    text of the item, not a subtitle."""
    return len(text) > 40 and "，" in text and not has_column_tag(text)


_AUTHOR_NOTE_OPENING = re.compile(r"^[(（](?:作者|执笔|参与)|参与采写[)）]$")
#: The signature closing an editor's note (编者按) at the head of a feature: ——编者, ——编  者.
_EDITORS_SIGNATURE = re.compile(r"^[—－-]{1,2}[ \u3000\xa0]*编[ \u3000\xa0]*者$")
_FIGURE = re.compile(r"^[0-9.,，—~\-]+(?:[%％]|多?[\u4e00-\u9fff]{1,4})$")


def is_figure(text: str) -> bool:
    """True for a figure printed large over its explanation in a data box: 11.73亿人, 96.98%, 8—10架次飞机."""
    return _FIGURE.match(text) is not None


def is_signature(text: str) -> bool:
    """True for a writer's bare name on a line of its own: 陈志文, 储朝晖, 瞿振元 (a word of the dictionary
    such as 高质量 is not, unless the dictionary knows it for a person's name)."""
    return is_name(text) and (text not in dictionary() or text in person_names())


def _asks(heads: list[Unit]) -> bool:
    """True for a heading that is one question put as a sentence (为什么有的领域追求快，有的建设却并不急于出效果？):
    a commentary asks it of its own subject, and the answer under it may use words of its own."""
    return len(heads) == 1 and heads[0].text.endswith(("？", "?")) and "，" in heads[0].text


def _is_colon_kicker(units: list[Unit], kinds: list[str], index: int) -> bool:
    """True for a kicker naming who or where the story is about, ending with a colon, set close over a
    headline line and the text (拉萨： / 民生物资供应充足 / 随着藏历新年的临近，…); a numbered scene
    (镜头一：) or a paragraph introducing a list (专家建议：) is not one."""
    text = units[index].text
    if not text.endswith(("：", ":")) or len(text) > 24 or any(mark in text for mark in "，。；,;") or _NUMBERED_HEADING.match(text):
        return False
    if index + 2 >= len(units) or kinds[index + 1] != "heading" or units[index + 1].first.gap_before >= 2:
        return False
    return kinds[index + 2] == "body" and not re.search(r"[一二三四五六七八九十\d][：:]$", text)


_COUPLET_MARKS = re.compile(r"[，,、；;]")
#: A writer's name or pen name in brackets under a couplet or a poem: （丁潭清）, （荷　砚）.
_BRACKETED_SIGNATURE = re.compile(r"^[（(][\u4e00-\u9fff][\u4e00-\u9fff \u3000\xa0]{1,5}[)）]$")


def is_couplet(lines: list[str]) -> bool:
    """True for the two halves of a couplet (对联): two lines of four to twenty-four characters, of the same
    length, with their commas in the same places (福瑞启春，感恩天地迎新岁 / 吉祥行世，着意江山续化年)."""
    if len(lines) != 2:
        return False
    first, second = ("".join(line.split()) for line in lines)
    if first == second or len(first) != len(second) or not 4 <= len(first) <= 24 or ends_sentence(first) or ends_sentence(second):
        return False
    if any(mark in first + second for mark in "。！？!?：:“”《》（）()"):
        return False
    return [m.start() for m in _COUPLET_MARKS.finditer(first)] == [m.start() for m in _COUPLET_MARKS.finditer(second)]


def _is_slogan(text: str) -> bool:
    """A series slogan of short phrases: 新时代 新征程 新伟业, 慎终如始 精准防控."""
    chunks = text.split()
    return len(chunks) >= 2 and all(len(c) <= 5 for c in chunks)


def _is_marked_subtitle(text: str, position: int) -> bool:
    if is_dash_subtitle(text) or is_roles_line(text) or is_genre_subtitle(text) or is_bracketed_date(text):
        return True
    # A long summary line under the headline: 听取…汇报 研究部署…措施.
    return position > 0 and len(text) >= 20 and (" " in text or "，" in text)


def _headline_parts(heads: list[Unit]) -> tuple[list[str], str, list[str]]:
    """Split a heading group into kicker lines, the headline and subtitle lines."""
    texts = [u.text for u in heads]
    levels = [u.level for u in heads]
    if any(levels):
        strongest = min(level for level in levels if level)
        at = levels.index(strongest)
        if texts[at] in BRIEF_BOXES + STORY_LABELS and at + 1 < len(texts):
            at += 1  # a box's name marked up over its first item's headline (# 速览 / 加强绿色数据中心建设) is its kicker
        return texts[:at], texts[at], texts[at + 1 :]
    decree = next((i for i in range(1, len(texts) - 1) if texts[i].endswith("令") and _DECREE_NUMBER.match(texts[i + 1])), None)
    if decree is not None:
        # The decree's own header under the title it enacts: 保障农民工工资支付条例 /
        # 中华人民共和国国务院令 / 第724号.
        return [], texts[0], texts[1:]
    tagged = [i for i, text in enumerate(texts) if has_column_tag(text)]
    if tagged:
        # The line carrying its column's name is the headline; a summary line under it
        # (民俗用好 治村有招（民生观） / 在乡村治理的过程中，用好民俗，事半功倍) is not.
        return texts[: tagged[0]], texts[tagged[0]], texts[tagged[0] + 1 :]
    dash = next((i for i in range(1, len(texts) - 1) if is_dash_subtitle(texts[i])), None)
    if dash is not None:
        # A ——subtitle names the line above it the headline, whatever stands under it: the lines of a
        # data box (参与全球经济治理体系变革 / ——把握…述评之五 / 93个　75亿 / 亚投行持续扩容…) or a
        # first item's kicker and headline are set under the story's own.
        return texts[: dash - 1], texts[dash - 1], texts[dash:]
    end = len(texts)
    # A line under a kicker that leads into it (钟南山—— / “科学只能实事求是，不能明哲保身”) or
    # carrying its column's name is the headline, however long.
    while (
        end > 1
        and _is_marked_subtitle(texts[end - 1], end - 1)
        and not (texts[end - 2].endswith("——") and not is_dash_subtitle(texts[end - 1]))
        and not has_column_tag(texts[end - 1])
    ):
        end -= 1
    subtitles = texts[end:]
    rest = texts[:end]
    kickers: list[str] = []
    while len(rest) > 1 and (_is_slogan(rest[0]) or rest[0].endswith("——")):
        kickers.append(rest.pop(0))
    if len(rest) == 1:
        return kickers, rest[0], subtitles
    if len(rest) == 2:
        return kickers + rest[:1], rest[1], subtitles
    return kickers + rest[:-2], rest[-2], rest[-1:] + subtitles


_INSTALMENT = re.compile(r"[\u4e00-\u9fff][①-⑳]$")
_QUOTED_HEADLINE = re.compile(r"^[“‘][^“”‘’。]{2,28}[！？!?。]?[”’]$")
_DECREE_NUMBER = re.compile(r"^第[0-9〇零一二两三四五六七八九十百千]+号$")
_SUBTITLE_OPENING = re.compile(r"^——(?:记|写在|访|专访|来自)")
_INLINE_DASH = re.compile(r"^(?P<head>[^“”《》（）()]{4,}?)(?P<sub>——[^“”《》（）()]{6,})$")


def _story(draft: _StoryDraft) -> Story:
    kickers, headline, subtitles = _headline_parts(draft.heads)
    kickers = [u.text for u in draft.series] + kickers
    inline = _INLINE_DASH.match(headline)
    # Only a dash that opens a subtitle's own words splits the line (…——党的二十大精神进城乡社区综述,
    # …——记…, …——写在…); in 习近平向中国——东盟媒体交流年开幕式致贺信 it joins two names.
    if inline and not subtitles and (is_genre_subtitle(inline["sub"]) or _SUBTITLE_OPENING.match(inline["sub"])):
        headline, subtitles = inline["head"], [inline["sub"]]
    byline = " ".join(b.lstrip("□■◇◆●○ ") for b in draft.bylines) or None
    dateline = draft.dateline
    credit = re.search(r"[ \u3000]*[(（]([^()（）]*(?:记者|通讯员)[^()（）]*)[)）]$", dateline or "")
    if credit:
        # 本报讯(记者 刘淑花): the place and wire are the dateline, the names the byline.
        byline = byline or credit.group(1).strip()
        dateline = dateline[: credit.start()]
    start = (draft.series or draft.heads)[0].line_start
    return Story(
        headline=headline,
        kicker="\n".join(kickers) or None,
        subtitle="\n".join(subtitles) or None,
        byline=byline,
        dateline=dateline,
        body=tuple(draft.body),
        line_start=start,
        line_end=max(draft.line_end, max(u.line_end for u in draft.heads)),
    )


# --- Reasons a story opens that the package test reads --------------------------------

BYLINE_UNDER_HEADLINE = "byline under the headline"
CREDIT_CLOSED_THE_STORY_BEFORE = "the story before ended with a credit"
DATELINE_OPENS_TEXT = "dateline opens the next paragraph"
NO_SHARED_WORDS = "the text under it shares almost no words with the story before"
NEW_SUBJECT_AFTER_PLAIN_RUN = "first heading after a run of paragraphs without subheads, on a new subject"


# --- Topic shift -----------------------------------------------------------------------

_FUNCTION_CHARS = set("的了在是和与及等中上为对有也这就都而以将把被从到向一我们他她它说年月日个不人要地会大")
_HAN_ONLY = re.compile(r"[^\u4e00-\u9fff]")
#: Below this share of shared character pairs, the text under a heading is taken for a new subject.
TOPIC_SHIFT = 0.01
#: The same for the first heading after a run of paragraphs without subheads (see ``new_subject_after_plain_run``).
PLAIN_RUN_TOPIC_SHIFT = 0.04
#: The same for a heading under a dated news report without subheads (see ``news_report_ended``).
NEWS_ITEM_TOPIC_SHIFT = 0.2
#: From this share of its character pairs found in the report above, a single heading line under a dated
#: news report is taken for the first piece of a sentence cut by a column break (see ``news_report_ended``).
NEWS_ITEM_OWN_WORDS = 0.5


_FUNCTION_PAIRS = frozenset(a + b for a in _FUNCTION_CHARS for b in _FUNCTION_CHARS)


def _pairs(text: str) -> set[str]:
    return set(_each_pair(text)) - _FUNCTION_PAIRS


def _each_pair(text: str):
    """The pairs of adjacent Chinese characters of ``text``, one by one (repeats and function words included)."""
    text = _HAN_ONLY.sub("", text)
    return map(operator.add, text, text[1:])


def _found_in(pairs: set[str], text: str) -> int:
    """How many of ``pairs`` occur in ``text``.

    The text's pairs are looked up one by one rather than gathered into a set
    first: the text is a story's last 800 characters, read again at every heading.
    """
    return len(pairs.intersection(_each_pair(text)))


def _shared_share(heading: str, story: str) -> float:
    """The share of the heading's character pairs that the story's text already holds."""
    own = _pairs(heading)
    return _found_in(own, story) / len(own) if own else 0.0


def topic_shift(before: str, after: str, threshold: float = TOPIC_SHIFT) -> bool:
    """True when ``after`` (the text under a heading) shares almost no character pairs with ``before``.

    A subhead opens a section on the story's subject, whose names and terms
    recur; an unmarked headline opens another article on another subject.
    """
    if len(before) < 100:
        return False
    ahead = _pairs(after[:300])
    if len(ahead) < 20:
        return False
    return _found_in(ahead, before[-800:]) < threshold * len(ahead)


#: Numbered section heads and questions of an interview, the subheads a report or a document does carry.
_NUMBERED_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十百\d]+[章节条部篇]|\d+[.、．]|[①-⑳]|[问答][：:]|目[ \u3000\xa0]*录)"
)
#: The marks that open a summary line set under a headline: ■学校派出慰问家访组前往学生家中开展新春慰问家访.
_SUMMARY_MARKS = "■●◆□"
_DATE_LINE = re.compile(r"^[（(]?\d{4}年\d{1,2}月\d{1,2}日[)）]?$")
#: The rest of a sentence: a short run up to a list comma (薛祥、黄坤明…), a speaker's verb (表示，…) or the verb
#: of a source named above (据叙利亚国家电视台 / 报道，…); see also ``SENTENCE_END_OPENING``, its last word and
#: full stop (于心。…).
_SENTENCE_TAIL = re.compile(r"^(?:[^，。、；：,]{1,4}、|[^，。、；：,]{0,6}(?:说|表示|指出|认为|称)[，：:,]|(?:报道|消息|介绍|透露)[，：:,])")


#: At most this many paragraphs of a photo item's text stand between its headline and the photographer's credit.
PHOTO_ITEM_PARAGRAPHS = 3
_SET_ASIDE = ("caption", "stray", "duplicate", "furniture")


def photo_item_under(units: list[Unit], kinds: list[str], start: int) -> bool:
    """True when the text from ``start`` is a photo item's: one to three paragraphs describing the
    picture, then the photographer's credit on a line of its own, then the next headline or the
    page's end (喜上枝头 / 1月1日，一名工人在重庆市北碚区正码头广场悬挂灯笼… / 秦廷富摄（影像中国）).

    The corpus prints a credit so, a few paragraphs under a heading, almost only under the headline
    of a photo item (some 400 times) and hardly ever under a subhead (4 times, none of them a real
    section head): a picture inside an article carries its credit at the end of its caption.
    """
    paragraphs = 0
    for at in range(start, len(units)):
        kind, text = kinds[at], units[at].text
        if kind == "caption" and is_photo_credit_line(text):
            rest = next((k for k in kinds[at + 1 :] if k not in _SET_ASIDE), None)
            return paragraphs >= 1 and rest in (None, "heading")
        if kind in ("body", "caption"):
            paragraphs += 1
            if paragraphs > PHOTO_ITEM_PARAGRAPHS:
                return False
        elif kind not in _SET_ASIDE:
            return False
    return False


# --- The page walk ------------------------------------------------------------------------


class _Page:
    """The walk over one page's units, collecting blocks and story drafts."""

    def __init__(self, markup_page: bool, indented_page: bool = False) -> None:
        self.markup_page = markup_page
        self.indented_page = indented_page
        self.blocks: list[Block] = []
        self.drafts: list[_StoryDraft] = []
        self.current: _StoryDraft | None = None
        self.in_fragment = False
        self.dangling: int | None = None  # index in blocks of a fragment paragraph cut at its end
        self.dangling_unit: Unit | None = None

    # Blocks ------------------------------------------------------------------------
    def add(self, role: str, unit: Unit, *, text: str | None = None, ref: str | None = None, note: str | None = None) -> Block:
        in_story = self.current is not None and not self.in_fragment and role not in ("masthead", "furniture", "fragment", "duplicate")
        article = self.current.index if in_story else None
        block = Block(role, unit.text if text is None else text, unit.line_start, unit.line_end, article, ref, unit.note if note is None else note)
        self.blocks.append(block)
        if in_story:
            if role in ("body", "subhead", "caption", "continuation") or (role in ("byline", "dateline") and self.current.body and not self.credited(block.text)):
                # (A credit after the story's text has begun that is not the story's byline or dateline —
                # a section's writer under its subhead, a letter's signature, a note on the writer — is
                # shown in the text, where the page prints it.)
                self.current.body.append(block)
            self.current.line_end = max(self.current.line_end, block.line_end)
        return block

    def credited(self, text: str) -> bool:
        """True when ``text`` is the current story's byline or dateline (a closing credit read as its byline)."""
        draft = self.current
        return text == draft.dateline or text in draft.bylines or text.strip("()（）") in draft.bylines

    def fragment(self, unit: Unit, note: str = "") -> None:
        notes = "; ".join(n for n in (unit.note, note) if n)
        self.blocks.append(Block("fragment", unit.text, unit.line_start, unit.line_end, None, None, notes))
        if not ends_sentence(unit.text):
            self.dangling, self.dangling_unit = len(self.blocks) - 1, unit
        else:
            self.dangling = self.dangling_unit = None

    def story_text(self) -> str:
        """The current story's text so far (headline lines and body), for the topic test."""
        if self.current is None:
            return ""
        text = ""
        for block in reversed(self.current.body):
            text = block.text + text
            if len(text) >= 800:
                return text
        return "".join(u.text for u in self.current.heads) + text

    # Decisions ---------------------------------------------------------------------------
    def opens_story(
        self,
        heads: list[Unit],
        has_byline: bool,
        opening: list[Unit],
        following: str = "",
        photo_item: bool = False,
        after_caption: bool = False,
    ) -> str | None:
        """Why the heading group opens a new story, or None when it is a subhead of the current one."""
        if self.current is None:
            return "first headline on the page"
        if self.current.closed_by is not None:
            return f"the story before ended with a {self.current.closed_by}"
        if self.announces_full_text():
            # A document printed in full under the report on it opens with its own title, often over two
            # lines and a date (《规则》全文如下。 / 纪检监察机关处理 / 检举控告工作规则 / （2020年1月2日…发布）):
            # the report goes on.
            return None
        if self.in_summary() and not has_byline:
            # More of the summary lines under the headline (■国家融资担保基金… / ■重点支持单户担保金额…),
            # or the rest of one cut by a column break (■原则上国 / 家融资担保基金…): the story's text,
            # which its dateline may open, has not begun.
            return None
        if is_figure(heads[0].text) and self.in_data_box() and not any(has_column_tag(u.text) or u.text in STORY_COLUMNS for u in heads):
            # The next figure of a data box (13.95亿人次 / … / 17万人次 / 春节期间全国日均出动警力…),
            # though a dateline follows the box.
            return None
        # A line leading into what follows (——) inside a story's text, over a section's heading or a quotation
        # (站在欢乐的人群中，习近平送上最美好的祝愿—— / “在这里，我给大家拜年…” / 新华社记者  张晓松), is the report's:
        # the names under it close the report rather than open a story.
        if has_byline and not (heads[0].text.endswith("——") and self.current.body and (len(heads) >= 2 or "，" in heads[0].text)):
            return BYLINE_UNDER_HEADLINE
        if any(DATELINE.match(u.text) for u in opening):
            return DATELINE_OPENS_TEXT
        if any(is_roles_line(u.text) or is_bracketed_date(u.text) for u in heads[1:]):
            return "officials' roles or a date under the headline"
        if heads[0].text in BRIEF_BOXES + STORY_LABELS:
            return "a column label or a box of news briefs over the headline"
        if any(has_column_tag(u.text) or u.text in STORY_COLUMNS for u in heads):
            return "headline carries a column name"
        if len(heads) >= 2 and (_INSTALMENT.search(heads[0].text) or is_genre_subtitle(heads[0].text)):
            # A kicker naming a series' instalment or the story's genre over its headline
            # (解读中央纪委三次全会精神① / 抓住主线强化思想武装, …慰问帮扶全国道德模范活动综述 / 关爱模范…).
            return "a kicker naming a series' instalment or the story's genre"
        if opening and is_label(opening[0].text) and significant(opening[0].text.lstrip("□■◇◆●○")) in OPENING_LABELS:
            return "the box an article opens with (核心阅读) under it"
        if self.markup_page:
            levels = [u.level for u in heads]
            if any(level in (1, 2) for level in levels):
                return "# or ## markup"
            if 3 in levels and (heads[0].first.gap_before >= 2 or any(level and level < 3 for level in levels)):
                return "### markup set apart or above a stronger heading"
            return None
        if self.indented_page and opening and opening[0].first.indented:
            # Paragraphs indented, headlines flush: the indent tells them apart, and an
            # indented heading is a line of the running text (　　落实德者有得).
            if not any(u.first.indented for u in heads):
                return "headline set flush above an indented paragraph"
            return None
        if heads[0].first.gap_before >= 2 and not after_caption:
            # (A photo's caption is set apart by blank lines of its own: those under it say nothing of the heading.)
            return "two or more blank lines above"
        if photo_item:
            return "a photo item under it: a few paragraphs closed by the photographer's credit"
        if len(heads) >= 2 and is_dash_subtitle(heads[-1].text) and heads[-1].first.gap_before >= 1:
            return "headline with a ——subtitle under it"
        if following and not self.in_fragment and not _asks(heads) and topic_shift(self.story_text(), following):
            return NO_SHARED_WORDS
        if following and not self.in_fragment and self.news_report_ended(heads, following):
            return "a dated news report had no subheads so far: a plain heading after it opens the next item"
        if following and not self.in_fragment and self.new_subject_after_plain_run(heads, following):
            return NEW_SUBJECT_AFTER_PLAIN_RUN
        # Several headline lines alone are not enough: articles carry in-text section
        # heads of two lines (甘肃定西元古堆村 / 旱塬有了“解渴水”) as often as pages
        # print a kicker over a headline without a byline or dateline.
        return None

    def announces_full_text(self) -> bool:
        """True when the story's last paragraph announces the text of a document printed in full under it:
        《规则》全文如下。, …发表了二〇二〇年新年贺词。全文如下："""
        body = self.current.body
        return bool(body) and body[-1].role == "body" and body[-1].text.rstrip().endswith(("全文如下。", "全文如下：", "全文如下:"))

    def in_summary(self) -> bool:
        """True when all the story has under its headline so far is summary lines (■…), and the rests of
        any of them cut by a column break, read as heading lines."""
        body = self.current.body

        def marked(block: Block) -> bool:
            return block.text.lstrip("\u3000 ")[:1] in _SUMMARY_MARKS

        return bool(body) and marked(body[0]) and all(marked(b) or b.role == "subhead" for b in body)

    def in_data_box(self) -> bool:
        """True when one of the story's last few lines is a figure printed large (52402亿, 20.7%): a data box is being read."""
        recent = [b.text for b in self.current.body[-8:]] + [u.text for u in self.current.heads]
        return any(is_figure(text) for text in recent)

    def new_subject_after_plain_run(self, heads: list[Unit], following: str) -> bool:
        """True when a heading follows several paragraphs that had no subhead, and neither it nor the text
        under it picks up the story's words.

        An article that uses subheads starts them early and keeps them alike; a
        heading after a run of plain paragraphs is as often the next article's
        headline.  Here the topic test may be looser (4 % of character pairs
        shared instead of 2 %) provided the heading's own words are new too
        (麻糍的滋味 under a story about 芸豆饼).
        """
        body = self.current.body
        if sum(b.role == "body" for b in body) < 4 or any(b.role == "subhead" for b in body):
            return False
        if not topic_shift(self.story_text(), following, threshold=PLAIN_RUN_TOPIC_SHIFT):
            return False
        heading = "".join(u.text for u in heads)
        story = "".join(u.text for u in self.current.heads) + "".join(b.text for b in body)
        return bool(_pairs(heading)) and _shared_share(heading, story) <= 0.1

    def news_report_ended(self, heads: list[Unit], following: str) -> bool:
        """True when the story is a dated news report (本报北京2月11日电 …, 新华社…电) with no subhead
        yet, and the heading group under its paragraphs reads as the next item's headline.

        A report opened by its dateline is a news item: a brief, a wire story.  Such
        items seldom carry subheads, and those they do carry have a shape of their
        own: numbered (一、总体要求, 第一章　总则, （一）), a question (问：…), a
        signature or date under a letter quoted in full (习近平 / 2019年1月21日), or a
        heading announced by the paragraph before (…全文如下：), or the two-line
        section head of a feature.  A plain heading
        after the paragraphs of such a report is the next item's headline
        (年收入12万元以上个人无须办理自行纳税申报 / 本报北京2月11日电 … / 节后开工　全力投入).
        The text under it must also move to another subject, more loosely than the
        general topic test asks (a fifth of its character pairs shared, not a fiftieth):
        a short line over text that goes on with the report's own words, or reads as
        the rest of its sentence (科特迪瓦总统瓦塔拉 / 表示，…), is a paragraph cut by a
        column break, not a heading; so is a single line made mostly of the report's own
        words (胡春华先 under a report on 胡春华's visit), where an item's headline names
        a subject of its own.
        """
        story = self.current
        body = [b for b in story.body if b.role == "body"]
        if story.dateline is None or not body or any(b.role == "subhead" for b in story.body):
            return False
        if body[-1].text.endswith(("：", ":")):
            return False
        texts = [u.text for u in heads]
        if any(_NUMBERED_HEADING.match(t) or is_signature(t) or _DATE_LINE.match(t) for t in texts):
            return False
        if len(heads) >= 2 and len(body) == 1:
            # A heading of two lines right under the lead paragraph (新华社乌鲁木齐1月31日电 … / 社会稳定文化多元 /
            # 充分保护信仰自由) is the first section head of a feature: a news item is not over after its lead.
            return False
        if len(heads) >= 2 and is_dash_subtitle(texts[-1]) and heads[-1].first.gap_before == 0:
            # A section head with its ——line printed tight under it is a feature's subhead
            # (立即响应　靠前指挥　下沉一线 / ——织密织牢疫情防控“安全网”), come into the report's column.
            return False
        last = texts[-1]
        if last[-1] in DANGLING_END or _SENTENCE_TAIL.match(following) or SENTENCE_END_OPENING.match(following):
            return False
        if len(heads) == 1 and _shared_share(last, self.story_text()) >= NEWS_ITEM_OWN_WORDS:
            # A single line made mostly of the report's own words (胡春华先 under a report on 胡春华's
            # visit, 当前结构性去杠杆达到预期 under one on leverage) is the first piece of a sentence cut
            # by a column break, not the next item's headline, which names a subject of its own.
            return False
        return topic_shift(self.story_text(), following, threshold=NEWS_ITEM_TOPIC_SHIFT)

    def indent_changes(self, above: Unit, below: Unit) -> bool:
        """True when, on a page whose headlines stand flush, one heading line is indented and the next not:
        a subhead of the running text (　　盼望今年春节满眼绿！) over the next story's flush headline."""
        return self.indented_page and above.first.indented != below.first.indented

    # The walk -------------------------------------------------------------------------------
    def walk(self, units: list[Unit], kinds: list[str]) -> None:
        index = 0
        while index < len(units):
            unit, kind = units[index], kinds[index]
            if kind == "heading":
                members, end = self.heading_group(units, kinds, index)
                named = next(
                    (
                        at
                        for at in range(1, len(members) - 1)
                        if is_signature(units[members[at]].text)
                        and not is_signature(units[members[at - 1]].text)
                        and all(units[k].text[0] in _SUMMARY_MARKS for k in members[at + 1 :])
                    ),
                    None,
                )
                if named is not None:
                    # A writer's bare name between the headline and the summary lines set under it
                    # (精准走访送慰问 / 李玉荣 / ■学校派出慰问家访组…) is its byline; the summary follows.
                    end = members[named]
                    members = members[:named]
                    kinds[end] = "byline"
                if len(members) >= 2 and is_signature(units[members[-1]].text) and not is_signature(units[members[-2]].text):
                    # A writer's bare name under the headline of a signed comment
                    # (提升教育水平仍需反求诸己 / 陈志文) is its byline.
                    end = members.pop()
                    kinds[end] = "byline"
                signed = next((k for k in members[: min(len(members) - 1, 2)] if _DATE_LINE.match(units[k].text)), None)
                if signed is not None and self.current is not None and not self.in_fragment and self.current.body:
                    # A notice's signature, the issuer and the date (全国人民代表大会常务委员会 / 2019年2月27日),
                    # closes the text above; the heading lines under it are the next story's.
                    for k in range(index, signed + 1):
                        self.add("byline", units[k], note="; ".join(n for n in (units[k].note, "signature under the text") if n))
                    index = signed + 1
                    continue
                heads = [units[k] for k in members]
                repeats = [units[k] for k in range(index, end) if k not in members]
                credits = end
                while credits < len(units) and kinds[credits] in ("byline", "dateline"):
                    credits += 1
                after = credits
                while after < len(units) and kinds[after] in ("caption", "stray", "duplicate", "furniture"):
                    after += 1
                # The first paragraph, or the second under a summary line printed like one.
                opening = units[after : after + 1]
                if opening and not ends_sentence(opening[0].text) and after + 1 < len(units):
                    opening.append(units[after + 1])
                following = "".join(u.text for u, k in zip(units[after : after + 4], kinds[after : after + 4]) if k == "body")
                after_caption = index > 0 and kinds[index - 1] == "caption" and units[index - 1].first.gap_before >= 2
                if (
                    self.current is not None
                    and self.current.closed_by == "credit"
                    and is_couplet([u.text for u in heads])
                    and credits == end
                    and end < len(units)
                    and (kinds[end] == "closing" or _BRACKETED_SIGNATURE.match(units[end].text))
                ):
                    # The next couplet of a collection, signed as the one before it was (庚子山河秀 /
                    # 春风福寿多 / （丁潭清）): the signature closed a couplet, not the collection.
                    self.current.closed_by = None
                reason = self.opens_story(heads, credits > end, opening, following, photo_item_under(units, kinds, credits), after_caption)
                if reason:
                    self.open_story(heads, units[end:credits], reason)
                else:
                    self.subheads(heads, units[end:credits])
                self.put_back(repeats)
                index = credits
                continue
            self.one(unit, kind)
            index += 1

    def heading_group(self, units: list[Unit], kinds: list[str], index: int) -> tuple[list[int], int]:
        """Indexes of the heading lines that read as one group from ``index`` (lines set close under one
        another), and the index just past the group.

        A line printed twice inside the group or under it (湖南省张庄村 / 村民 / 村民 / 闫春光)
        is a repeat the damage put there: it does not cut the group, and the byline
        under it stays the group's.  So is a stray mark between the headline and its byline
        (我们众志成城 / 、 / 吕继宏（…副团长）).
        """
        members = [index]
        end = index + 1
        while end < len(units):
            if (
                kinds[end] in ("duplicate", "stray")
                and units[end].first.gap_before < 2
                and end + 1 < len(units)
                and kinds[end + 1] in ("heading", "byline", "duplicate")
                and units[end + 1].first.gap_before < 2
            ):
                end += 1
                continue
            if kinds[end] != "heading" or not (
                # A box of briefs names itself over the first brief's headline, however set (速览 / 中国债券纳入…).
                (end == index + 1 and units[index].text in BRIEF_BOXES + STORY_LABELS)
                or (units[end].first.gap_before < 2 and not is_figure(units[end].text) and not self.indent_changes(units[members[-1]], units[end]))
            ):
                break
            members.append(end)
            end += 1
        if end < len(units) and kinds[end] == "byline":
            return members, end  # the repeats over the byline are the group's
        return members, members[-1] + 1

    def put_back(self, repeats: list[Unit]) -> None:
        """Keep the repeats and stray marks found inside a heading group (as duplicates and fragments), each in its place by line."""
        for unit in repeats:
            if unit.kind == "stray":
                block = Block("fragment", unit.text, unit.line_start, unit.line_end, None, None, "stray character")
            else:
                block = Block("duplicate", unit.text, unit.line_start, unit.line_end, None, unit.ref, unit.note)
            at = len(self.blocks)
            while at and self.blocks[at - 1].line_start > unit.line_start:
                at -= 1
            self.blocks.insert(at, block)

    def open_story(self, heads: list[Unit], bylines: list[Unit], reason: str) -> None:
        if self.title_only():
            # The story open so far is only a heading (新春走基层, 社区防控，我们在行动): a series
            # title over the story that opens now, which becomes its kicker.
            draft = self.current
            for at, block in enumerate(self.blocks):
                if block.article == draft.index and block.role in ("headline", "subtitle"):
                    self.blocks[at] = replace(block, role="kicker")
            draft.series, draft.heads = draft.series + draft.heads, heads
            reason = "a heading under the series title above"
        else:
            draft = _StoryDraft(len(self.drafts), heads)
            self.drafts.append(draft)
        draft.opened_by = reason
        self.current, self.in_fragment = draft, False
        self.dangling = self.dangling_unit = None
        parts = _headline_parts(heads)
        roles = ["kicker"] * len(parts[0]) + ["headline"] + ["subtitle"] * len(parts[2])
        for role, unit in zip(roles, heads):
            note = f"article starts: {reason}" if unit is heads[0] and not draft.series else ""
            self.add(role, unit, note="; ".join(n for n in (unit.note, note) if n))
        for unit in bylines:
            if DATELINE.fullmatch(unit.text):
                draft.dateline = draft.dateline or unit.text
                self.add("dateline", unit)
            else:
                draft.bylines.append(unit.text)
                draft.signed = True
                self.add("byline", unit)

    def title_only(self) -> bool:
        """True when the current story has nothing yet but its heading lines, right above."""
        draft = self.current
        if draft is None or self.in_fragment or draft.body or draft.bylines or draft.dateline is not None:
            return False
        return bool(self.blocks) and self.blocks[-1].article == draft.index and self.blocks[-1].role in ("kicker", "headline", "subtitle")

    def subheads(self, heads: list[Unit], bylines: list[Unit]) -> None:
        resumed = ""
        if self.in_fragment and self.current is not None:
            self.in_fragment = False
            resumed = f"resumes the story at line {self.current.heads[0].line_start} after text from another article"
        elif self.current is None:
            for unit in heads + bylines:
                self.fragment(unit)
            return
        for unit in heads:
            self.add("subhead", unit, note="; ".join(n for n in (unit.note, resumed) if n))
            resumed = ""
        for unit in bylines:
            self.add("byline", unit)

    def one(self, unit: Unit, kind: str) -> None:
        if kind == "caption":
            if self.current is None or self.in_fragment:
                self.blocks.append(Block("caption", unit.text, unit.line_start, unit.line_end, None, None, unit.note))
            else:
                self.add("caption", unit)
                if is_photo_credit_line(unit.text) and any(b.role in ("body", "caption") for b in self.current.body[:-1]):
                    # A photographer's credit alone after the text ends a photo item (风驰 / … / 王　正摄（人民视觉）),
                    # and so it does after a description read as a caption (…图为胜营镇农户在收获莲藕。 / 程学虎摄（影像中国）).
                    self.current.closed_by = "photographer's credit"
            return
        if kind == "stray":
            self.blocks.append(Block("fragment", unit.text, unit.line_start, unit.line_end, None, None, "stray character"))
            return
        if kind == "duplicate":
            self.blocks.append(Block("duplicate", unit.text, unit.line_start, unit.line_end, None, unit.ref, unit.note))
            return
        if kind in ("masthead", "furniture"):
            self.blocks.append(Block(kind, unit.text, unit.line_start, unit.line_end, None, None, unit.note))
            return
        if kind == "byline":
            if self.current is not None and not self.in_fragment and not self.current.body and not self.current.bylines:
                self.current.bylines.append(unit.text)
            if self.current is None or self.in_fragment:
                self.fragment(unit)
            else:
                self.add("byline", unit)
            return
        if kind == "dateline":
            if self.current is not None and not self.in_fragment and not any(b.role == "body" for b in self.current.body):
                self.current.dateline = self.current.dateline or unit.text
                self.add("dateline", unit)
                return
            kind = "closing"
        if kind == "closing":
            if self.current is None or self.in_fragment:
                self.fragment(unit, "closing credit")
                return
            if "电" in unit.text and self.current.dateline is None:
                self.current.dateline = unit.text
            # A note on the writer (（作者为…教授）, （王彦东参与采写）) closes the piece but names no byline.
            if "电" not in unit.text and not self.current.bylines and not _AUTHOR_NOTE_OPENING.match(unit.text):
                self.current.bylines.append(unit.text.strip("()（）"))
            self.add("dateline" if "电" in unit.text else "byline", unit, note="; ".join(n for n in (unit.note, "closing credit") if n))
            self.current.closed_by = "credit"
            return
        if kind == "continuation":
            self.continuation(unit, unit.text)
            return
        if kind == "label":
            if self.current is None or self.in_fragment:
                self.fragment(unit, "label")
            else:
                self.add("subhead", unit, note="; ".join(n for n in (unit.note, "label over a box in the article") if n))
            return
        if kind == "credit":
            if self.current is None or self.in_fragment:
                self.fragment(unit, "credit line")
            else:
                # 版式设计：蔡华伟 closes the piece it credits.
                self.add("byline", unit, note="; ".join(n for n in (unit.note, "credit line") if n))
                self.current.closed_by = "credit"
            return
        self.body(unit)

    def continuation(self, unit: Unit, text: str) -> None:
        marker = continuation_marker(text)
        ref = page_number(marker["page"]) if marker else None
        onward = marker is not None and marker["dir"] in ("下转", "转")
        note = f"continued on page {ref}" if onward else f"continued from page {ref}"
        note = "; ".join(n for n in (unit.note if text == unit.text else "", note) if n)
        if onward:
            if self.current is not None and not self.in_fragment:
                self.add("continuation", unit, text=text, ref=ref, note=note)
                self.current.closed_by = "continuation"
            else:
                self.blocks.append(Block("continuation", text, unit.line_start, unit.line_end, None, ref, note))
            return
        # (上接 01 版): what follows belongs to an article printed on another page.
        self.in_fragment = True
        self.dangling = self.dangling_unit = None
        self.blocks.append(Block("continuation", text, unit.line_start, unit.line_end, None, ref, note))

    def body(self, unit: Unit) -> None:
        text, marker = unit.text, continuation_marker(unit.text)
        if self.current is None:
            self.fragment(unit, "text before the first headline")
            return
        if self.dangling_unit is not None and self.current.closed_by == "credit" and not self.in_fragment:
            reason = join_reason(self.dangling_unit, unit)
            if reason:
                self.rejoin_fragment(unit, reason)
                return
        if self.in_fragment or self.current.closed_by == "continuation":
            self.in_fragment = True
            self.fragment(unit, "" if self.dangling is not None else "text after the story's end")
            return
        if marker is not None and marker.start() > 0:
            self.add("body", unit, text=text[: marker.start()].rstrip())
            self.continuation(unit, text[marker.start() :])
        else:
            # The first paragraph's dateline, though a photo caption may stand above it.
            if self.current.dateline is None and not any(b.role == "body" for b in self.current.body):
                opening = DATELINE.match(text)
                if opening:
                    self.current.dateline = opening.group(0).strip()
            self.add("body", unit)
        if is_closing_sentence(text):
            self.current.closed_by = "closing sentence"
        credit = ends_with_credit(text)
        if credit and credit.start() > 0:
            if "电" in credit.group(0) and self.current.dateline is None:
                self.current.dateline = credit.group(0).strip()
            self.current.closed_by = "credit"

    def rejoin_fragment(self, unit: Unit, reason: str) -> None:
        """Join the cut paragraph left hanging in an interleaved fragment with its continuation."""
        old = self.blocks[self.dangling]
        note = f"joined across column break with line {unit.line_start} (text between belongs to another article): {reason}"
        self.blocks[self.dangling] = Block(
            "fragment", old.text + unit.text, old.line_start, unit.line_end, None, None, "; ".join(n for n in (old.note, note) if n)
        )
        self.in_fragment = True
        if ends_sentence(unit.text):
            self.dangling = self.dangling_unit = None
        else:
            self.dangling_unit = Unit(self.dangling_unit.lines + unit.lines, old.text + unit.text, "text")


_TAIL_OPENING = re.compile(r"^[^，。、；：,;:]{1,2}[，、；,;]")


# --- Packages --------------------------------------------------------------------------

#: A package's title has at most this much text of its own over its stories: an introduction of a
#: few paragraphs (回家过年  团团圆圆 / 春节临近，返乡的人们…), in significant characters.
PACKAGE_INTRO_CHARS = 450
PACKAGE_INTRO_PARAGRAPHS = 5
#: The same for a title carrying its column's name in brackets (…（人民眼·疫情防控）).
PACKAGE_TAGGED_INTRO_CHARS = 800
PACKAGE_TAGGED_INTRO_PARAGRAPHS = 10
#: A series title over the first story names a package when it is a short rubric without
#: punctuation (新春走基层, 新春走基层 人和家顺事事兴), at most this many characters.
PACKAGE_RUBRIC_CHARS = 16
#: The rubrics of reporting campaigns the papers print over a package of their reporters' stories,
#: whatever is set under them: 新春走基层 (every paper's Spring Festival reports from the grassroots).
PACKAGE_RUBRICS = ("新春走基层",)
_RUBRIC_PUNCTUATION = re.compile(r"[，。！？：；—、]")
_HEAD_ROLES = ("kicker", "headline", "subtitle")


def _package_story(draft: _StoryDraft) -> bool:
    """A story of a package: opened by the writer's name under its own headline (坐着高铁到九龙 /
    本报记者 李 刚), or signed so after a story closed by its credit or on another subject than the
    story above; no dateline."""
    if draft.dateline is not None or not draft.bylines:
        return False
    if draft.opened_by == CREDIT_CLOSED_THE_STORY_BEFORE:
        # (The story above closed with its credit; this one is signed under its own headline.)
        return draft.signed
    return draft.opened_by in (BYLINE_UNDER_HEADLINE, NO_SHARED_WORDS, NEW_SUBJECT_AFTER_PLAIN_RUN)


def _text_size(draft: _StoryDraft) -> tuple[int, int]:
    """The story's paragraphs of text (role body): how many, and their significant characters."""
    paragraphs = [b for b in draft.body if b.role == "body"]
    return len(paragraphs), sum(len(significant(b.text)) for b in paragraphs)


def _package_title(draft: _StoryDraft) -> bool:
    """True when the story is a title with at most a short introduction and no credit of its own."""
    if draft.bylines or draft.dateline is not None:
        return False
    headline = _headline_parts(draft.heads)[1]
    if is_story_column(headline):
        return False  # (图片报道 heads a story of its own)
    if has_column_tag(headline):
        # A title naming its column (同时间赛跑 与病魔较量（人民眼·疫情防控）) introduces its reports at more length.
        most, count = PACKAGE_TAGGED_INTRO_CHARS, PACKAGE_TAGGED_INTRO_PARAGRAPHS
    else:
        most, count = PACKAGE_INTRO_CHARS, PACKAGE_INTRO_PARAGRAPHS
    paragraphs, chars = _text_size(draft)
    return paragraphs <= count and chars <= most


def _package_rubric(draft: _StoryDraft) -> Unit | None:
    """The rubric over a signed story that names the package it opens (新春走基层), if any.

    A short title without punctuation standing alone over the story's heading
    counts, and so does a campaign's rubric (``PACKAGE_RUBRICS``) set as the
    first line of its kickers.  Another kicker set with the headline
    (天津港集装箱码头 / 别样“春运”一样忙) is that story's own: a story with a kicker
    followed by signed stories without one is as often a page of articles as a
    package."""
    if draft.dateline is not None or not draft.bylines:
        return None
    if not draft.series:
        # A campaign's rubric set as the first kicker line (新春走基层 人和家顺事事兴 / 毛里湖水 又见清澈).
        line = draft.heads[0]
        named = line.text.startswith(PACKAGE_RUBRICS) and _headline_parts(draft.heads)[0]
        return line if named and len(line.text) <= PACKAGE_RUBRIC_CHARS else None
    line = draft.series[0]
    return line if len(line.text) <= PACKAGE_RUBRIC_CHARS and not _RUBRIC_PUNCTUATION.search(line.text) else None


#: A box of briefs holds short items: at most this much text each, in significant characters.
BOX_ITEM_CHARS = 500


def _box_name(draft: _StoryDraft) -> Unit | None:
    """The name of a box of briefs or a readers' column over the story's headline (速览, 微阅读, 来论), if any."""
    first = (draft.series or draft.heads)[0]
    if first.text not in BRIEF_BOXES + STORY_LABELS:
        return None
    return first if draft.series or _headline_parts(draft.heads)[0] else None  # (a kicker, not the headline)


def _box_item(draft: _StoryDraft) -> bool:
    """A further item of a box of briefs: a short credited story with no kicker and no column of its own."""
    kickers, headline, _ = _headline_parts(draft.heads)
    if draft.series or kickers or has_column_tag(headline):
        return False
    signed_below = any(b.role in ("byline", "dateline") for b in draft.body)  # a letter's 江西新余市  廖海金
    if not (draft.bylines or draft.dateline is not None or signed_below or draft.opened_by == DATELINE_OPENS_TEXT):
        return False
    return _text_size(draft)[1] <= BOX_ITEM_CHARS


def _speaker(draft: _StoryDraft) -> bool:
    """A statement under its speaker's name and country (为全球化进程注入新动力 / （印度）狄伯杰): one voice
    of the package above it, never an article of its own."""
    if draft.series or not any(_SPEAKER.match(u.text) for u in draft.heads):
        return False  # (most stories: no line of the heading is shaped so, and its parts need not be worked out)
    return _SPEAKER.match(_headline_parts(draft.heads)[1]) is not None


_SPEAKER = re.compile(r"^[（(][\u4e00-\u9fff]{1,8}[)）][\u4e00-\u9fff·—]{2,16}$")


def _opens_own_package(draft: _StoryDraft) -> bool:
    """True when the story stands under a box's name or a series title of its own (来论, 新春走基层)."""
    return _box_name(draft) is not None or _package_rubric(draft) is not None


def _package_at(drafts: list[_StoryDraft], at: int) -> tuple[int, Unit | None]:
    """Where the package opened by ``drafts[at]`` ends (``at + 1`` when it opens none), and the rubric
    that is its headline, if any (None: the story's own headline is the package's)."""
    draft = drafts[at]
    end = at + 1
    rubric = _box_name(draft)
    if rubric is not None:
        while end < len(drafts) and _box_item(drafts[end]):
            end += 1
        if end > at + 1:
            return end, rubric
    while end < len(drafts) and _speaker(drafts[end]):
        end += 1
    if end > at + 1:
        return end, None
    while end < len(drafts) and _package_story(drafts[end]) and not _opens_own_package(drafts[end]):
        end += 1
    if end - at - 1 >= 2 and _package_title(draft):
        return end, None
    rubric = _package_rubric(draft)
    if rubric is not None and (end > at + 1 or _holds_signed_sections(draft)):
        # (A page that indents its paragraphs and its stories' headings alike reads the stories
        # as the first one's subheads: the rubric heads them all the same.)
        return end, rubric
    return at + 1, None


def _holds_signed_sections(draft: _StoryDraft) -> bool:
    """True when the story's text holds a subhead with a writer's name under it (琼州海峡… / 本报记者  罗艾桦)."""
    return any(a.role == "subhead" and b.role == "byline" for a, b in zip(draft.body, draft.body[1:]))


def _gather_packages(blocks: list[Block], drafts: list[_StoryDraft]) -> tuple[list[Block], list[_StoryDraft]]:
    """Read a package of stories under one title as one article, as the paper files it.

    Papers print some reports together under one title: 新春走基层 over three
    reports, each with its headline and its reporter's name; 回家过年 团团圆圆
    and a line of introduction over the stories of three travellers; 微阅读 over
    three briefs; a page of foreign guests' statements.  The stories are cut at
    their credits first; here a run of them becomes one article (``_package_at``)
    when it hangs under
    - a title with no story of its own (no credit, at most a short
      introduction) over two or more signed stories;
    - a series title standing alone over the first signed story, or a
      campaign's rubric (``PACKAGE_RUBRICS``) set as its first kicker line;
    - the name of a box of briefs or a readers' column (速览, 微阅读, 来论) over
      short credited items without kickers of their own;
    - or when the stories are statements under their speakers' names.
    The stories' headlines become the article's subheads and their credits
    stand under them; a rubric or a box's name becomes the article's headline.
    Signed stories with nothing over them stay apart: a page of reports each
    under its reporter's name is a page of articles.
    """
    role_of: dict[int, str] = {}
    note_of: dict[int, str] = {}
    kept: list[_StoryDraft] = []
    index_of: dict[int, int] = {}  # a story's index before → after
    at = 0
    while at < len(drafts):
        draft = drafts[at]
        index_of[draft.index] = len(kept)
        end, rubric = _package_at(drafts, at)
        if end == at + 1 and rubric is None:
            kept.append(draft)
            at += 1
            continue
        stories = drafts[at + 1 : end]
        body = list(draft.body)
        if rubric is not None:
            # The rubric is the package's headline; the first story's own headline lines and credits
            # stand in the text, as the others' do.
            body = []
            for block in blocks:
                if block.article != draft.index:
                    continue
                if block.role in _HEAD_ROLES:
                    role_of[id(block)] = "headline" if block.line_start == rubric.line_start else "subhead"
                if role_of.get(id(block)) != "headline":
                    body.append(block)
            draft.series, draft.heads, draft.bylines, draft.dateline = [], [rubric], [], None
        for story in stories:
            members = [b for b in blocks if b.article == story.index]
            for block in members:
                if block.role in _HEAD_ROLES:
                    role_of[id(block)] = "subhead"
                if "article starts: " in block.note:
                    note_of[id(block)] = block.note.replace("article starts: ", "a story inside the package, under its own headline; alone it would open an article: ")
            body += members
            draft.line_end = max(draft.line_end, story.line_end)
        first = next(b for b in blocks if b.article == draft.index)
        why = f"a package: {'a title over' if rubric is None else repr(rubric.text) + ' over'} {'its' if not stories else len(stories) + (rubric is not None)} stories"
        note_of[id(first)] = "; ".join(n for n in (note_of.get(id(first), first.note), why) if n)
        draft.body = body
        for story in stories:
            index_of[story.index] = len(kept)  # its blocks are the package's now
        kept.append(draft)
        at = end
    if not role_of and not note_of:
        return blocks, drafts
    renumbered: dict[int, Block] = {}
    new_blocks = []
    for block in blocks:
        if block.article is None:
            new_blocks.append(block)
            continue
        new = replace(
            block,
            article=index_of[block.article],
            role=role_of.get(id(block), block.role),
            note=note_of.get(id(block), block.note),
        )
        renumbered[id(block)] = new
        new_blocks.append(new)
    for number, draft in enumerate(kept):
        draft.body = [renumbered.get(id(b), b) for b in draft.body]
        draft.index = number
    return new_blocks, kept


def _rethread_tails(blocks: list[Block], drafts: list[_StoryDraft]) -> None:
    """Join a story's last paragraph, cut off at its end, with its tail printed elsewhere on the page.

    The tail is recognised on both sides: the story's last paragraph stops
    mid-sentence (…短时7至9级西北), and a paragraph of another story opens with a
    one- or two-character scrap that completes a word across the cut (风，市区气温…),
    right after a paragraph that ended a sentence.
    """
    for draft in drafts:
        body = [b for b in draft.body if b.role == "body"]
        if not body or draft.body[-1] is not body[-1] or ends_sentence(body[-1].text):
            continue
        cut = body[-1]
        for other in drafts:
            if other is draft:
                continue
            paragraphs = [b for b in other.body if b.role == "body"]
            for previous, tail in zip(paragraphs, paragraphs[1:]):
                if not (ends_sentence(previous.text) and _TAIL_OPENING.match(tail.text) and seam_inside_word(cut.text, tail.text)):
                    continue
                note = f"joined with its tail at line {tail.line_start}, printed inside another article: the break falls inside a word"
                joined = Block(
                    "body",
                    cut.text + tail.text,
                    min(cut.line_start, tail.line_start),
                    max(cut.line_end, tail.line_end),
                    cut.article,
                    None,
                    "; ".join(n for n in (cut.note, note) if n),
                )
                blocks[blocks.index(cut)] = joined
                blocks.remove(tail)
                draft.body[-1] = joined
                other.body.remove(tail)
                other.line_end = max(b.line_end for b in blocks if b.article == other.index)
                break
            else:
                continue
            break


def segment(units: list[Unit], *, indented_page: bool = False) -> tuple[tuple[Block, ...], tuple[Story, ...]]:
    """Cut repaired units into blocks with roles and the stories they form.

    ``indented_page``: the page indents its paragraphs.  When it also sets some
    heading flush, a flush heading over an indented paragraph is a headline and
    an indented one a subhead; a page that indents its headlines too gets no
    help from the indent.
    """
    kinds = [_kind(u) if u.kind == "text" else u.kind for u in units]
    for index, unit in enumerate(units):
        if kinds[index] == "body" and _QUOTED_HEADLINE.match(unit.text):
            # A headline may be a quotation that ends like a sentence (“这个假期，很开心！”): it is one
            # when a kicker leading into it stands above (张黎明天天早起——) or a byline below.
            above = kinds[index - 1] == "heading" and units[index - 1].text.endswith("——") if index else False
            below = index + 1 < len(units) and (
                kinds[index + 1] == "byline" or (kinds[index + 1] == "heading" and is_signature(units[index + 1].text))
            )
            # Or when two blank lines set it apart above (not those under a photo's caption) and prose
            # follows: “此刻，我们也是战士！” over 2月2日下午，坐上北京西站至长沙南站的G503列车…
            set_apart = (
                index > 0
                and unit.first.gap_before >= 2
                and kinds[index - 1] != "caption"
                and index + 1 < len(units)
                and kinds[index + 1] == "body"
                and ends_sentence(units[index + 1].text)
            )
            if above or below or set_apart:
                kinds[index] = "heading"
        elif kinds[index] == "body" and _is_colon_kicker(units, kinds, index):
            kinds[index] = "heading"
        elif kinds[index] == "heading" and index and is_sign_off(units[index - 1].text) and is_signature(unit.text):
            # The writer's name under the close of a letter (敬礼！ / 米秀刚) signs it.
            kinds[index] = "byline"
    flush_headings = indented_page and any(k == "heading" and not u.first.indented for u, k in zip(units, kinds))
    page = _Page(markup_page=any(u.level for u in units), indented_page=flush_headings)
    page.walk(units, kinds)
    blocks, drafts = _gather_packages(page.blocks, page.drafts)
    _rethread_tails(blocks, drafts)
    return tuple(blocks), tuple(_story(d) for d in drafts)
