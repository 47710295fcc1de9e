"""What a single line of a page dump looks like: the parser's vocabulary.

A page dump has no reliable structure beyond its lines: every non-blank line is
a paragraph, a headline line or a piece of furniture, and a paragraph cut by a
column break spans two lines with a blank line between.  This module splits the
text into ``SourceLine`` records (keeping true line numbers and the blank gaps
around each line) and names the patterns a reader recognises at a glance:
bylines, datelines, captions, continuation markers, subtitle lines.  Everything
here looks at one line only; context is the business of ``segment``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Characters that may end a paragraph.  A closing quote or bracket ends one only
#: after one of these (“……。” does, “堡垒” does not).
SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』)）》"
#: Punctuation after which a sentence clearly goes on.  Not ；: items of a list
#: (一是……；/ 二是……；) are printed as paragraphs ending so, far more often than a
#: column break falls just after one.
CLAUSE_GOES_ON = "，、：,“‘「『(（《—·"
#: Punctuation that cannot open a paragraph: a line starting with one continues the line before.
CANNOT_OPEN = "，。、；：！？,.;:!?”’」』)）》〕】］…"
_WHITESPACE = " \t\u3000\xa0\ufeff\r"


@dataclass(frozen=True)
class SourceLine:
    """One non-blank line of the page, as found."""

    number: int
    """Line number in the file, counting from 1."""
    text: str
    """The line without surrounding whitespace and without ``#`` markup."""
    level: int
    """Number of leading ``#`` marks (0 when the line has none): a headline-level hint."""
    gap_before: int
    """Blank lines between this line and the previous non-blank line (a large number at the top)."""
    gap_after: int
    """Blank lines between this line and the next non-blank line (a large number at the end)."""
    indented: bool = False
    """True when the line opens with a paragraph indent (full-width or two plain spaces)."""


_MARKUP = re.compile(r"^(#{1,6})[ \t\u3000]*(?=\S)")


def split_lines(text: str) -> list[SourceLine]:
    """The non-blank lines of ``text`` with their numbers, markup level and blank gaps."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: list[tuple[int, str, int, bool]] = []
    for number, line in enumerate(raw, 1):
        stripped = line.strip(_WHITESPACE)
        if not stripped:
            continue
        indented = line.lstrip("\ufeff").startswith(("\u3000", "  ", "\t", "\xa0\xa0"))
        level = 0
        markup = _MARKUP.match(stripped)
        if markup:
            level = len(markup.group(1))
            stripped = stripped[markup.end() :].strip(_WHITESPACE)
        found.append((number, stripped, level, indented))
    lines = []
    for index, (number, stripped, level, indented) in enumerate(found):
        before = number - found[index - 1][0] - 1 if index else 99
        after = found[index + 1][0] - number - 1 if index + 1 < len(found) else 99
        lines.append(SourceLine(number, stripped, level, before, after, indented))
    return lines


def indents_paragraphs(lines: list[SourceLine]) -> bool:
    """True when the page opens its paragraphs with an indent (　　连日来，…) and so leaves its headlines flush.

    Judged on the lines that are plainly prose (long, punctuated); the second
    half of a paragraph cut by a column break is never indented, so a clear
    majority is enough.
    """
    prose = [line for line in lines if len(line.text) >= 40 and has_sentence_punctuation(line.text)]
    return len(prose) >= 3 and sum(line.indented for line in prose) >= 0.6 * len(prose)


def significant(text: str) -> str:
    """``text`` without any whitespace: what comparisons and character counts use."""
    return "".join(text.split())


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends as a paragraph can: 。！？… or a closing quote after one.

    ``——`` and ``：`` also count, since an introduction (他说：, 沉思——) ends a
    paragraph before a quotation or list.
    """
    text = text.rstrip()
    if not text:
        return False
    if text[-1] in SENTENCE_END or text.endswith("——") or text[-1] in "：:":
        return True
    stripped = text.rstrip(CLOSERS)
    if stripped != text:
        return bool(stripped) and (stripped[-1] in SENTENCE_END or stripped[-1] in "：:" or ends_with_credit(text) is not None)
    return False


def clause_goes_on(text: str) -> bool:
    """True when ``text`` ends in the middle of a sentence's punctuation (，、： or an opening quote)."""
    return bool(text) and text[-1] in CLAUSE_GOES_ON and not text.endswith("——")


_HAN = re.compile(r"[\u4e00-\u9fff]")


def han_count(text: str) -> int:
    """Number of Chinese characters in ``text``."""
    return len(_HAN.findall(text))


_INNER_PUNCT = re.compile(r"[，。；！？,;]")


def has_sentence_punctuation(text: str) -> bool:
    """True when ``text`` holds the punctuation of running prose (，。；！？)."""
    return _INNER_PUNCT.search(text) is not None


# --- Credits -----------------------------------------------------------------

#: A dateline opening a paragraph: 本报讯(记者 刘淑花), 新华社北京11月27日电（记者鲁畅）,
#: 本报北京1月31日电 （记者杜一菲）, a brief's undated 本报电.
DATELINE = re.compile(
    r"^(?:本报讯|本报电|据?(?:新华社|本报|人民日报|中新社|央视新闻|新华网)[^\s，。：:,]{0,14}?\d{1,2}月\d{1,2}日(?:专)?电)"
    r"(?:[ \u3000]*[(（][^()（）]{1,40}[)）])?"
)
#: A closing credit printed at the end of a story: (据新华社), 新华社北京11月27日电, (本报记者),
#: (综合本报记者韩俊杰、王明峰报道), (新华社北京2月25日电 记者李斌、安蓓).
_CLOSING_CREDIT = (
    r"(?:[(（](?:据|综合|来源[：:])?(?:新华社|人民日报|本报|央视|中新社)[^()（）]{0,20}[)）]"
    r"|[(（]综合[^()（）]{2,80}报道[)）]"
    r"|[(（]据?(?:本报|新华社)[^()（）]{0,120}?\d{1,2}月\d{1,2}日电[^()（）]{0,200}[)）]"
    # A joint report from several places names them and its reporters: (本报巴塞罗那、…、华盛顿电　记者姜波、…).
    r"|[(（]据?(?:本报|新华社)[^()（）]{0,120}?电[ \u3000\xa0]+(?:本报)?记者[^()（）]{1,200}[)）]"
    r"|新华社[^\s，。]{0,10}?\d{1,2}月\d{1,2}日电(?:[(（][^()（）]{1,20}[)）])?)"
)
CLOSING_CREDIT = re.compile(rf"^{_CLOSING_CREDIT}$")
_ENDS_WITH_CREDIT = re.compile(rf"{_CLOSING_CREDIT}$")
#: How every closing credit ends: a bracket or 电 (``$`` also matches before a final newline).
_CREDIT_LAST = (")", "）", "电", ")\n", "）\n", "电\n")


def ends_with_credit(text: str) -> re.Match[str] | None:
    """The closing credit that ends ``text``, if any: …。（新华社北京11月27日电）, …（本报记者　王某）.

    The search runs at every character of the text, so a paragraph whose last
    character no credit ends with is ruled out first: most are.
    """
    return _ENDS_WITH_CREDIT.search(text) if text.endswith(_CREDIT_LAST) else None

#: Single-character surnames, the commonest first.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由")
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "宇文", "长孙", "夏侯", "端木", "司徒")


def is_name(token: str) -> bool:
    if token.startswith(_COMPOUND_SURNAMES):
        return 3 <= len(token) <= 4 and han_count(token) == len(token)
    return 2 <= len(token) <= 3 and han_count(token) == len(token) and token[0] in SURNAMES


_BYLINE_PREFIX = re.compile(
    r"^[□■◇◆●○]?\s*(?:(?:文/图|文／图|图/文|文|图)[:：/／]?\s*)?"
    r"(?:(?:新华社|本报|人民日报|中新社)?(?:特约|驻[^\s]{1,6})?(?:记者|通讯员|评论员|特约评论员|见习记者)"
    r"|[^\s，。]{1,16}(?:记者|通讯员))"
)
_FREE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,6}(?:·[\u4e00-\u9fff]{2,6})?$")
_BYLINE_NAMES = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[ \u3000]+[\u4e00-\u9fff]{2,4}){0,5}$")


def _names_spaced_out(text: str) -> str:
    """Two-character names printed with a space between (本报记者 游 仪) closed up (本报记者 游仪)."""
    tokens = text.replace("\xa0", " ").replace("\u3000", " ").split()
    merged: list[str] = []
    for token in tokens:
        if merged and len(token) == 1 and len(merged[-1]) == 1 and han_count(token + merged[-1]) == 2:
            merged[-1] += token
        else:
            merged.append(token)
    return " ".join(merged)


#: Labels printed over a box inside an article, never headlines: 核心阅读, 编者按.
LABELS = ("点评", "核心阅读", "人物小传", "开栏的话", "编者按", "编者的话", "编后", "编后语", "内容提要", "链接", "相关链接", "背景链接", "延伸阅读", "记者手记", "短评")
#: Labels of the box an article opens with, right under its headline (the corpus prints 核心阅读 so 360
#: times and never under a subhead): a heading over one is an article's headline.
OPENING_LABELS = ("核心阅读", "内容提要", "开栏的话", "编者的话")


def is_label(text: str) -> bool:
    """True for a label over a box inside an article, with or without its mark: 核心阅读, ■记者手记."""
    return "".join(text.lstrip("□■◇◆●○").split()) in LABELS


#: The credit over a commentary with its cartoon: 勾  犇图  苏  砥文 (drawing by 勾犇, text by 苏砥), perhaps
#: with the drawing's source: 徐  骏图（新华社发）  苏  砥文.
_DRAWING_AND_TEXT = re.compile(r"^(?P<artist>[\u4e00-\u9fff]{2,4})(?:图|绘|漫画)(?:[(（][^()（）]{2,8}[)）])?[\u4e00-\u9fff]{2,4}文$")
#: An artist's two-character name printed with a space between its characters, as pages print names: a pen
#: name such as 宜　桐 need not open with a surname.
_SPACED_ARTIST = re.compile(r"^[\u4e00-\u9fff][ \u3000\xa0]+[\u4e00-\u9fff](?:图|绘|漫画)")
#: A writer who also took the pictures: 本报驻美国记者 高石文并图; a reporter who wrote down an account:
#: 本报记者　乔　栋整理, 本报记者王锦涛采访整理.
_TEXT_AND_PICTURES = re.compile(r"(?:文并图|文/图|文／图|图文|采访整理|整理)$")


_WIDE_SPACE = re.compile(r"[ \u3000\xa0]{2,}|[\u3000\xa0]")
_SPACED_NAME = re.compile(r"^[\u4e00-\u9fff][ \u3000\xa0]+[\u4e00-\u9fff]$")


_BRACKETED_ASIDE = re.compile(r"[（(][\u4e00-\u9fff]{2,20}[)）]")


def _is_signed_name(text: str) -> bool:
    """A reader's or contributor's signature under a letter or comment: a two-character name
    printed spaced out (何  娟), or a place before a name set off by a wide space (江西南昌　杨铭鸣,
    北京朝阳  施  芳)."""
    if len(text) > 60:
        return False
    if _SPACED_NAME.match(text):
        return is_name(significant(text))
    if not _WIDE_SPACE.search(text):
        return False
    tokens = _names_spaced_out(text).split()
    # A post may list several (科幻作家、新华社对外新闻编辑部副主任　韩　松), or name a body's
    # other name in brackets (国防科工局（国家航天局）新闻办副主任　孟　华).
    posts = [_BRACKETED_ASIDE.sub("", t.replace("、", "")) for t in tokens[:-1]]
    return (
        2 <= len(tokens) <= 3
        and is_name(tokens[-1])
        and all(2 <= len(t) <= 40 and han_count(t) == len(t) and not is_name(t) for t in posts)
        and _PLACE_OR_POST.search("".join(tokens[:-1])) is not None
    )


#: What stands before a contributor's name: a place (江西南昌, 北京朝阳, 山东省…) or a post
#: (…研究院, 北京大学艺术学院院长); 新动能　马力足 is a headline, not a signature.
_PLACE_OR_POST = re.compile(
    r"^(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|"
    r"陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门)"
    r"|(?:省|市|县|区|州|镇|乡|村|旗|院|校|局|委|会|所|中心|大学|公司|厅|部|社|站|馆|集团|银行|长|员|授|任|师|家|生|导演|编剧|主持人)$"
)


#: A contributor's name with the post in brackets, under the headline of a signed piece in a forum:
#: 濮存昕（中国戏剧家协会主席）, 铁　凝（中国作协主席）, 扎西达娃（西藏文联、西藏作协主席）.
_NAME_WITH_POST = re.compile(r"^(?P<name>[\u4e00-\u9fff·][\u4e00-\u9fff· \u3000\xa0]{1,9})[(（](?P<post>[^()（）]{2,40})[)）]$")
_POST_WORD = re.compile(r"(?:长|主席|委员|书记|员|家|者|授|任|师|编|演|生|手|兵|士|官|人|代表)$")


def is_name_with_post(text: str) -> bool:
    """True for a contributor's name with the post in brackets: 濮存昕（中国戏剧家协会主席）."""
    match = _NAME_WITH_POST.match(text)
    if match is None:
        return False
    name = significant(match["name"])
    # A column's name joins its parts with a dot, a post does not: 喜出深山（记录中国·暖暖的新家） is a headline.
    return (
        2 <= len(name) <= 5
        and _POST_WORD.search(match["post"]) is not None
        and "·" not in match["post"]
        and not has_sentence_punctuation(match["post"].replace("，", ""))
    )


def is_byline(text: str) -> bool:
    """True for a line naming the writers: 新华社记者, 本报评论员, 记者 武跃林, □…记者 张晋, 袁兆辉 王荣."""
    if is_name_with_post(text):
        return True
    # (A cartoon's credit ends with 文: other lines are spared being copied without their spaces.)
    drawing = text.rstrip().endswith("文") and _DRAWING_AND_TEXT.match(significant(text))
    if drawing and (is_name(drawing["artist"]) or _SPACED_ARTIST.match(text.strip())):
        return True
    if has_sentence_punctuation(text):
        # Prose, as most lines are: what follows takes nothing but names, titles and places.
        return False
    if _TEXT_AND_PICTURES.search(text) and len(text) > 5:
        text = _TEXT_AND_PICTURES.sub("", text)
    if _is_signed_name(text):
        return True
    text = _names_spaced_out(text)
    if len(text) > 40 or has_sentence_punctuation(text) or text.endswith(("摄", "摄）", "摄)")):
        return False
    if _BYLINE_PREFIX.match(text):
        rest = _BYLINE_PREFIX.sub("", text, count=1).strip(" \u3000")
        # After the title only names may follow (记者 武跃林 通讯员 李明), or nothing.  Set off by
        # a space after the title, a name need not open with a Han surname: minority and
        # transliterated names (本报记者 琼达卓嘎, 记者 阿尔达克·努尔哈孜) are written so too.
        spaced = rest != _BYLINE_PREFIX.sub("", text, count=1)
        return all(
            is_name(t) or t in ("通讯员", "记者", "本报记者") or (spaced and _FREE_NAME.match(t) is not None)
            for t in re.split(r"[ \u3000、]+", rest)
            if t
        )
    if _BYLINE_NAMES.match(text):
        tokens = text.split()
        return len(tokens) >= 2 and all(is_name(t) for t in tokens) or (len(tokens) == 1 and False)
    return False


#: A credit for the page's design, photographs or graphics: 制图：蔡华伟, 摄影：陈广程, 版式设计：沈亦伶.
_CREDIT_LABELS = (
    r"(?:本版制图|制图|摄影|版式设计|版式|稿件统筹|统筹|策划|执笔|整理|设计|图表|漫画|插图|本版编辑|本版责编|责任编辑|责编|编辑|数据来源|资料来源|资料和数据来源|本期统筹|资料整理)"
)
CREDIT_LINE = re.compile(rf"^{_CREDIT_LABELS}[：:]")
_SPACED_CREDIT = re.compile(rf"^{_CREDIT_LABELS}[ \u3000\xa0]+(?P<names>.+)$")


def is_credit_line(text: str) -> bool:
    """True for a credit for the page's design or graphics: 制图：蔡华伟, 版式设计　张丹峰 (a space for the colon)."""
    if CREDIT_LINE.match(text):
        return True
    spaced = _SPACED_CREDIT.match(text)
    return spaced is not None and all(is_name(name) for name in re.split(r"[ 、]+", _names_spaced_out(spaced["names"])) if name)

#: A closing credit naming the reporters in brackets: (本报记者), （记者 李某）.
BRACKETED_BYLINE = re.compile(
    r"^[(（](?:本报|新华社|人民日报)?(?:特约)?(?:记者|通讯员|作者|编者|评论员)"
    # A joint report closes with its reporters' names, sometimes thirty of them: (本报记者刘毅、朱竞若、…、徐靖).
    r"(?:[^()（）]{0,40}|(?:[\s\u3000\xa0]*[\u4e00-\u9fff·]{2,6}[、，,])+[\s\u3000\xa0]*[\u4e00-\u9fff·]{2,6})[)）]$"
)


#: A note closing a signed piece: （作者为…大学教授）, （执笔：阮　青）, （王彦东参与采写）, （参与记者：…）.
_AUTHOR_NOTE = re.compile(
    r"^[(（](?:(?:作者为|作者系|作者单位|执笔[：:]|参与记者|参与采写|本文节选自|本文摘自|原载)(?:[^()（）]|[(（][^()（）]*[)）])*"
    # a place may be bracketed inside: （作者为中国第五批赴南苏丹（朱巴）维和步兵营连长）, （本报…刚果（金）布卡武电…参与采写）
    r"|(?:[^()（）]|[(（][^()（）]*[)）]){2,200}参与采写"
    # an excerpt's source, the end of a series, a source's pseudonym, who wrote an account down, a pointer to
    # the rest: （摘编自1月16日《湖南日报》…）, （本系列评论到此结束）, （应受访者要求，周韵娇为化名）, （文 漪整理）,
    # （实习生李泽文对本文亦有贡献）, （相关报道见第二版）
    r"|(?:摘编自|稿件来源[：:])[^()（）]{2,120}|本系列(?:评论)?(?:到此)?结束|[^()（）]{0,40}为化名|[^()（）]{2,60}整理"
    r"|[^()（）]{2,40}亦有贡献|[^()（）]{1,12}见第[〇零一二两三四五六七八九十\d]{1,3}版)[)）]$"
)
_BRACKETED_NAME = re.compile(r"^[(（](?P<name>[\u4e00-\u9fff][\u4e00-\u9fff \u3000\xa0]{1,5})[)）]$")
#: The formulaic last paragraph of a report on leaders' activities: 丁薛祥、杨洁篪、王毅参加上述活动。,
#: 会议还研究了其他事项。
_CLOSING_SENTENCE = re.compile(
    r"^(?:(?:[\u4e00-\u9fff·]{2,5}[、，])*[\u4e00-\u9fff·]{2,5}等?(?:参加|出席|陪同)(?:上述活动|会见|会谈|活动|考察|调研|会议|座谈会)?"
    r"|会议还(?:研究|审议)了其他事项)。$"
)


def is_closing_note(text: str) -> bool:
    """True for a note that closes a signed piece: （作者为…）, （执笔：…）, （…参与采写）, （…为化名）, （本系列评论到此结束）,
    or the writer's name in brackets (（郭建英）, （嘉　木）)."""
    if _AUTHOR_NOTE.match(text):
        return True
    name = _BRACKETED_NAME.match(text)
    # A pen name printed spaced out need not open with a surname: （嘉　木）, （柯　文）.
    return name is not None and (is_name(significant(name["name"])) or _SPACED_NAME.match(name["name"]) is not None)


def is_closing_sentence(text: str) -> bool:
    """True for the formulaic sentence that ends a report on leaders' activities: 丁薛祥、王毅参加上述活动。"""
    return len(text) <= 120 and _CLOSING_SENTENCE.match(text) is not None


#: The close of a letter printed in full, over the writer's signature: 此致 / 敬礼！, 衷心祝愿祖国繁荣昌盛！
_SIGN_OFF = re.compile(r"^(?:此致|(?:此致)?[ \u3000\xa0]*敬礼[！!]|(?:衷心|真诚|诚挚)?(?:祝|祝愿|祝福|顺祝|恭祝)[^。（）()]{1,40}[！!])$")


def is_sign_off(text: str) -> bool:
    """True for the close of a letter (此致 / 敬礼！, 祝新春快乐、学习进步！): the letter's last words,
    though short and over a name like a headline over its byline.  The corpus prints some thirty
    such lines in letters and no headline built so."""
    return _SIGN_OFF.match(text) is not None


# --- Captions, markers, subtitles --------------------------------------------

_CAPTION_CREDIT = re.compile(r"(?:摄|摄影|摄影报道|供图|制图|新华社发|图片来源[^\s]*)[)）]?(?:[(（][^()（）]{2,8}[)）])?$")


def ends_with_photo_credit(text: str) -> bool:
    """True when ``text`` ends with the credit that closes a photo's caption: …（新华社记者 李安摄）, 庞革平 谭凯兴摄影报道."""
    return _CAPTION_CREDIT.search(text) is not None


def is_photo_credit_line(text: str) -> bool:
    """True for a photographer's credit standing alone, the last line of a photo item:
    本报记者　张武军摄, 罗继胜摄（影像中国）, 蒋云龙　郭　旭摄影报道 (a caption's own credit follows its text)."""
    credit = _CAPTION_CREDIT.search(text)
    if credit is None or len(text) > 40:
        return False
    names = text[: credit.start()].strip(" \u3000\xa0")
    if re.search(r"[(（“”‘’《》，。、：:]", names):
        return False  # the credit after a caption's own text: 东京——塔披中国红（本报记者　张晋摄）
    tokens = _names_spaced_out(names).split()
    if not tokens:
        return text.startswith(("新华社发", "供图", "资料图片", "图片来源"))  # an agency's or contributor's photo: 新华社发, 图片来源：人民视觉
    return (is_byline(names) or all(2 <= len(t) <= 4 and han_count(t) == len(t) for t in tokens))


_CAPTION_OPENING = re.compile(r"(?:^|[。！])\s*(?:图为|上图|下图|左图|右图|图\d|图①|图片)")


def is_caption(text: str) -> bool:
    """True for a photo caption: …(新华社记者 李安/摄), 图为…, 新华社记者 辛悦卫摄.

    A photo column's name, alone or with its series in brackets (图片报道（患难见真情 共同抗疫情）),
    is the headline over the pictures, not a caption, though it opens with 图片.
    """
    if len(text) > 200 or is_story_column(text):
        return False
    # (Every opening names the picture, 图: a line without one is spared the search.)
    return ends_with_photo_credit(text) or "图" in text and _CAPTION_OPENING.search(text) is not None


_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def page_number(word: str) -> str | None:
    """A page number written as 3, 03 or 三/十二/二十四, as two digits; None when unreadable."""
    word = word.strip()
    if word.isdigit():
        return f"{int(word):02d}"
    if not word or any(ch not in _CN_DIGITS and ch != "十" for ch in word):
        return None
    if "十" in word:
        tens, _, ones = word.partition("十")
        value = (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    else:
        value = int("".join(str(_CN_DIGITS[ch]) for ch in word))
    return f"{value:02d}"


#: A continuation marker: (下转第三版), (上接 01 版), （转第5版）, (紧接第一版).
CONTINUATION = re.compile(
    r"[(（]\s*(?P<dir>下转|上接|紧接|接|转|续)\s*(?:第|本报)?\s*(?P<page>[0-9〇零一二两三四五六七八九十]{1,3})\s*(?:版|页)\s*[)）]"
)


def continuation_marker(text: str):
    """The continuation marker in ``text`` when the line is one or ends with one, else None."""
    if not text.rstrip(" \u3000").endswith((")", "）")):
        return None  # a marker ends with its bracket: most lines are ruled out before the search
    match = None
    for match in CONTINUATION.finditer(text):
        pass
    if match is None or text[match.end() :].strip(" \u3000"):
        return None
    return match


def closes_story(text: str) -> bool:
    """True for a line that ends its story: a closing credit ((据新华社布鲁塞尔电 记者潘革平),
    …。（新华社北京11月27日电）) or an onward continuation marker ((下转第三版))."""
    if CLOSING_CREDIT.match(text) or BRACKETED_BYLINE.match(text) or ends_with_credit(text) or is_closing_note(text):
        return True
    marker = continuation_marker(text)
    return marker is not None and marker["dir"] in ("下转", "转")


_ROLES = re.compile(
    r"^(?:[^\s，。]{0,20}?[\u4e00-\u9fff]{2,4}(?:讲话|主持|出席|致辞|发言|参加|会见|看望|作报告|主持会议|出席会议|发表讲话|发表重要讲话|讲话并主持|宣讲|考察|调研)[ \u3000]*)+$"
)


_LONG_ROLES = re.compile(r"(?:讲话|主持|出席|致辞|参加|会见|看望)$")


def is_roles_line(text: str) -> bool:
    """True for a subtitle naming officials' parts: 姜四清讲话 吴秀玲主持 宋红波出席, 冯云龙主持."""
    if "。" in text:
        return False
    if len(text) <= 40 and not has_sentence_punctuation(text) and _ROLES.match(text) is not None:
        return True
    # The long form under a meeting report: 习近平发表讲话代表党中央…拜年李克强主持 栗战书…出席.
    return len(text) <= 160 and _LONG_ROLES.search(text) is not None and len(re.findall(r"讲话|主持|出席|致辞", text)) >= 2


_BRACKETED_DATE = re.compile(r"^[(（][^()（）]*[〇零一二三四五六七八九十0-9]{2,4}年[^()（）]*[)）]$")


def is_bracketed_date(text: str) -> bool:
    """True for the date line under a speech or law: （二〇一九年二月三日）."""
    return len(text) <= 60 and _BRACKETED_DATE.match(text) is not None


def is_dash_subtitle(text: str) -> bool:
    """True for a line opening with a dash: ——党的二十大精神进城乡社区综述."""
    return text.startswith(("——", "—", "--", "－－")) and len(text) > 2


_GENRE = re.compile(r"(?:纪实|综述|侧记|述评|速写|访谈|调查|观察|札记|手记|随笔|短评|评论|见闻)$")


def is_genre_subtitle(text: str) -> bool:
    """True for a line naming the story's genre after its headline: 怀仁市…同心抗疫纪实."""
    return _GENRE.search(text) is not None and not has_sentence_punctuation(text)


#: A column's name in brackets at the end of a headline, perhaps with a number in brackets
#: of its own: （新语）, （感言·岁末年初看经济（11））; a series title may run to 40 characters
#: (（在习近平新时代中国特色社会主义思想指引下——新时代新作为新篇章）).
_COLUMN_TAG = re.compile(r"[(（](?:[^()（）]|[(（][^()（）]{1,6}[)）]){2,40}[)）]$")
#: Column names that head a story of their own, however short it is.
STORY_COLUMNS = ("图片报道", "图片新闻", "新闻图片", "短新闻", "简讯", "快讯", "新闻速览", "今日谈")
_STORY_COLUMN_TITLE = re.compile(rf"^(?:{'|'.join(STORY_COLUMNS)})(?:[(（][^()（）]{{2,40}}[)）])?$")


def is_story_column(text: str) -> bool:
    """True for the name of a column that heads a story of its own, perhaps with its series: 图片报道, 图片报道（一线抗疫群英谱）."""
    return _STORY_COLUMN_TITLE.match(text) is not None


#: Names of a readers' page column printed over a story's headline (建议 / 让基层留住年轻干部), and boxes
#: of news briefs printed over the first brief's headline (速览 / 中国债券纳入彭博巴克莱债券指数): either
#: opens a story and is its kicker.
STORY_LABELS = ("建议", "身边事", "支招", "反馈", "把脉", "预告", "来论")
BRIEF_BOXES = ("速览", "微阅读", "新闻速递", "资讯", "资讯速递", "财经短波", "医学资讯", "简讯", "快讯", "新闻速览", "短新闻", "环球速览", "信息速递", "数读")


#: Bracketed names of boxes inside an article, not of a column: 如何选择满意的盆景（小贴士）.
_BOX_TAGS = ("小贴士", "链接", "相关链接", "背景", "资料", "图解", "数读", "延伸阅读", "背景链接")


#: What opens a line of a list or of an item's particulars, never a headline: （1）歌曲…, 时间：…, 表演：…, 写信人：….
_ITEM_OPENING = re.compile(r"^(?:[(（]\d{1,2}[)）]|(?:时间|地点|地址|电话|表演|演唱|演奏|写信人|收信人)[：:])")


def has_column_tag(text: str) -> bool:
    """True for a headline carrying its column's name in brackets: 讲好文创的时代故事（新语）; the note in brackets
    closing an item of a list or its particulars (（1）歌曲《黄河颂》（节选）, 时间：9：00—17：00（节假日休息）) is none."""
    return column_tag(text) is not None


def column_tag(text: str) -> str | None:
    """The column's name a headline carries in brackets (讲好文创的时代故事（新语） → 新语), or None (``has_column_tag``)."""
    if is_name_with_post(text) or _ITEM_OPENING.match(text):
        return None
    tag = _COLUMN_TAG.search(text)
    if tag is None or _COLUMN_TAG.fullmatch(text) or han_count(text) < 4 or tag.group(0)[1:-1] in _BOX_TAGS + LABELS:
        return None
    return tag.group(0)[1:-1]


def looks_like_heading(text: str) -> bool:
    """True when a line could be a headline, kicker or subhead: short, not prose.

    Headlines may carry a comma (暖冬不在，秒入隆冬) or end in ！/？, but never in 。,
    and they are short.
    """
    if not text or text[-1] in "。；;，,、：:" or "。" in text or _COLUMN_TAG.fullmatch(text):
        return False
    if len(text) > 48 and not (len(text) <= 80 and has_column_tag(text)):
        return False
    if text.count("，") + text.count(",") > 2:
        return False
    return han_count(text) >= 2 or text.isascii() and len(text) >= 4


def is_stray(text: str) -> bool:
    """True for a stray mark on a line of its own: a lone quote, dot or digit left by extraction."""
    return len(text) <= 2 and han_count(text) == 0 or (len(text) == 1)
