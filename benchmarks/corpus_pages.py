"""Assemble newspaper page dumps with known answers from the People's Daily corpus.

The corpus (``../shared/corpus/people-daily``) holds one file per article,
``YYYY-MM/YYYYMMDD/YYYYMMDD-PP-NN.txt``: a kicker line, the headline, a subtitle
line (any of them may be blank), then paragraphs indented with two U+3000.
Gluing the articles of one date and page together, the way an OCR or PDF dump
of that page reads, gives test pages whose true articles are known.  With
``damage=True`` the pages get the extraction damage the seeds show, at rates
chosen to resemble them: paragraphs cut by a column break (a blank line in the
middle of a word), a repeated paragraph or block, stray single characters,
photo captions, ``#``/``##`` headline markup, CRLF line ends, GBK encoding,
full-width indents, and a masthead on front pages stating paper and date.

Everything is decided by a seeded ``random.Random``, so the same corpus, seed
and arguments give byte-identical pages.  Used by ``benchmarks/parse_quality.py``
and by the search and scale benchmarks::

    from benchmarks.corpus_pages import assemble_pages, write_archive
    pages = assemble_pages(CORPUS, seed=0, limit=300)
    write_archive(tmp / "archive", pages)

Articles without body text (advertisement slots printed as 广告, photo-spread
headlines) are left out: they have nothing to segment or retain.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

PAPER = "人民日报"
WEEKDAYS = "一二三四五六日"
_FILE_NAME = re.compile(r"^(\d{4})(\d{2})(\d{2})-(\d{2})-(\d{2})\.txt$")
_SENTENCE_END = "。！？!?；;…”’」』)）"

# Damage rates, per paragraph / article / page as named.
COLUMN_BREAK_RATE = 0.08  # per paragraph of 30 characters or more
REPEAT_RATE = 0.15  # per page: one paragraph or block printed again
STRAY_RATE = 0.10  # per page: a stray single character on its own line
CAPTION_RATE = 0.12  # per article: a photo caption between paragraphs
MARKUP_RATE = 0.15  # per page: # / ## headline markup
CRLF_RATE = 0.30  # per page
GBK_RATE = 0.25  # per page
INDENT_RATE = 0.30  # per page: paragraphs keep their two full-width spaces
MASTHEAD_RATE = 0.90  # per front page
HEADER_RATE = 0.30  # per inner page: a running header with paper and date

_PHOTOGRAPHERS = ("李安", "姜克红", "辛悦卫", "王晓丽", "张晋", "刘淑花", "赵娟娟", "武跃林")
_STRAYS = ("”", "“", "·", "、", "1", "》")


@dataclass(frozen=True)
class TrueArticle:
    """One corpus article as placed on an assembled page."""

    source: str
    """Corpus file it came from, relative to the corpus folder."""
    kicker: str | None
    """The kicker line (引题), None when blank."""
    headline: str
    """The headline line (主题)."""
    subtitle: str | None
    """The subtitle line (副题), None when blank."""
    paragraphs: tuple[str, ...]
    """Body paragraphs, indent removed, in order."""
    paragraph_lines: tuple[tuple[int, int], ...]
    """(first, last) line of each paragraph in the page file, counting from 1; a cut paragraph spans its break."""
    cut: tuple[int, ...]
    """Indexes into ``paragraphs`` of the paragraphs cut by a column break."""
    captions: tuple[str, ...] = ()
    """Photo captions printed with the article (not part of its body)."""
    stories: tuple[int, ...] = ()
    """Indexes into ``paragraphs`` where a story of its own begins inside a package (see ``package_stories``)."""

    @property
    def headline_lines(self) -> tuple[str, ...]:
        """Every headline line the page prints for the article."""
        return tuple(x for x in (self.kicker, self.headline, self.subtitle) if x)


@dataclass(frozen=True)
class PageTruth:
    """What is known to be on an assembled page."""

    newspaper: str
    """Paper the page is from."""
    date: dt.date
    """Publication date."""
    page: str
    """Page number, two digits."""
    states_masthead: bool
    """True when the page itself prints paper name and date (masthead or running header)."""
    articles: tuple[TrueArticle, ...]
    """The articles in page order."""
    repeats: tuple[tuple[int, int], ...] = ()
    """(first, last) lines of repeated copies of a paragraph or block."""


@dataclass(frozen=True)
class AssembledPage:
    """One page dump: where it goes in an archive, its bytes, and the known answer."""

    relpath: str
    """Path inside an archive folder: paper/YYYY-MM-DD/PP.txt."""
    data: bytes
    """The encoded file."""
    encoding: str
    """Encoding of ``data`` (utf-8, gbk or gb18030)."""
    text: str
    """The page as decoded text with ``\\n`` line ends."""
    truth: PageTruth
    """The true articles and metadata."""


@dataclass(frozen=True)
class _CorpusArticle:
    source: str
    kicker: str | None
    headline: str
    subtitle: str | None
    paragraphs: tuple[str, ...]
    stories: tuple[int, ...] = ()


# A package's inner stories, recognised on the corpus side only (never from the parser's rules):
# a credit line under the inner headline (本报记者  常  钦  郁静娴), a contributor's name
# (瞿振元), a dateline opening the first paragraph, or a bracketed credit closing the section
# ((据新华社华盛顿电 记者周舟), (本报记者 王锦涛整理), (作者为…)).
_PACKAGE_CREDIT = re.compile(r"^(?:[□■◇◆●○]\s*)?[^，。！？\s]{0,16}(?:记者|通讯员|评论员)[\s\u3000\xa0]*[\u4e00-\u9fff\s\u3000\xa0、]{0,30}$")
_PACKAGE_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,8}$|^(?:[\u4e00-\u9fff][\s\u3000\xa0]+)+[\u4e00-\u9fff]$")
_PACKAGE_DATELINE = re.compile(r"^(?:本报|新华社|据新华社)(?:[^，。]{0,16}?\d{1,2}月\d{1,2}日)?电")
_PACKAGE_CLOSING = re.compile(r"[（(][^（）()]*(?:记者|新华社|作者|整理|据|通讯员|本报)[^（）()]*[)）]$|^[（(][\u4e00-\u9fff]{2,4}[)）]$")
_ENDS_PIECE = re.compile(r"[。！？!?…”’）)]$")
#: Boxes that belong to the story above them (a reporter's note, a short comment), not stories of their own.
_SIDEBARS = ("记者手记", "短评", "链接", "相关链接", "背景链接", "延伸阅读", "编者按", "编者的话")


def _heading_like(text: str) -> bool:
    return len(text) <= 40 and "。" not in text and text[-1] not in "，、：；,;:"


def package_stories(paragraphs: tuple[str, ...], sections: list[int]) -> tuple[int, ...]:
    """Where the stories of a package begin: sections (after an empty paragraph) that open with their own headline and carry their own credit.

    The People's Daily files some pages' boxes of several stories as one article:
    news briefs (速览, 微阅读, 数读), a page of reports under a series title
    (新春走基层), a forum of signed comments (大家谈).  Each inner story has its own
    headline and byline or dateline, and the file separates them with an empty
    paragraph.  A reader may cut such a package either as one article or as its
    stories; the harness accepts both (``parse_quality``), and says how many there are.
    """
    starts = []
    inline = _inline_stories(paragraphs)
    sections = sorted(set(sections) | set(inline))
    bounds = sections + [len(paragraphs)]
    for number, start in enumerate(sections):
        section = paragraphs[start : bounds[number + 1]]
        if len(section) < 2 or section[0].strip("■●◆") in _SIDEBARS:
            continue
        if len(section) == 2 and _BARE_NAME.match(section[0]):
            continue  # the signature and the note closing the story above (葛作东 / （作者为…，本报记者吕强整理）)
        if start in inline:
            # (Its first line may be a kicker naming the speaker, which ends with a colon: 生态环境部华东督察局督察人员徐锡惠：)
            starts.append(start)
            continue
        if not _heading_like(section[0]):
            continue
        heads = 1
        if len(section) > 2 and _heading_like(section[1]) and len(section[1]) <= 30 and not _PACKAGE_CREDIT.match(section[1]) and not _PACKAGE_NAME.match(section[1]):
            heads = 2  # a kicker and a headline: 北京深化细化服务 / “菜篮子”优字当头
        under = section[heads : heads + 2]
        if (
            any(_PACKAGE_CREDIT.match(x) or _PACKAGE_DATELINE.match(x) for x in under)
            or (under and _PACKAGE_NAME.match(under[0]))
            or _PACKAGE_CLOSING.search(section[-1])
        ):
            starts.append(start)
    return tuple(sorted(set(starts) | set(_signed_siblings(paragraphs, starts))))


#: A writer's name alone under a headline: 熊宣普, 何  娟 (names of two to four characters, perhaps spaced out).
_BARE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff][\s\u3000\xa0]+[\u4e00-\u9fff]$")


def _signed_siblings(paragraphs: tuple[str, ...], starts: list[int]) -> list[int]:
    """The other comments of a forum whose first comment was found signed with a bare name (补齐体育教育短板 /
    熊宣普): later headlines right after a finished paragraph, signed the same way (体育教育不能功利化 / 杨一夫),
    though no empty paragraph sets them apart.  A bare name alone is too weak a sign elsewhere (植绿, 活水).

    The same holds for items signed under a kicker and a headline (湖南省十八洞村 / 第一书记 / 孙中元):
    the later ones signed so at the same depth (云南省景东彝族自治县 / 挂职副县长 / 许亚洲) are stories too."""
    siblings = []
    for depth in (1, 2):
        if not any(start + depth < len(paragraphs) and _BARE_NAME.match(paragraphs[start + depth]) for start in starts):
            continue
        first = min(starts)
        siblings += [
            index
            for index in range(first + 1, len(paragraphs) - depth)
            if _heading_like(paragraphs[index])
            and len(paragraphs[index]) >= 4
            and paragraphs[index][0] not in "（("
            and not _BARE_NAME.match(paragraphs[index])
            and _ENDS_PIECE.search(paragraphs[index - 1])
            and all(_heading_like(x) and not _BARE_NAME.match(x) for x in paragraphs[index + 1 : index + depth])
            and _BARE_NAME.match(paragraphs[index + depth])
        ]
    return siblings


def _inline_stories(paragraphs: tuple[str, ...]) -> list[int]:
    """Stories of a package printed without an empty paragraph before them: a headline line (or a
    kicker and a headline) right after a finished paragraph, with the story's own dateline or
    credit right under it (新闻速递: 我国海上发射火箭模型入驻中国科技馆 / 本报电　日前，… / （刘诗瑶）;
    a page of profiles: “我们越来越有底气了” / 本报记者　智春丽　季觉苏).  A reader takes
    each for a story of its own as readily as for a part of the box."""
    starts = []
    for index in range(1, len(paragraphs) - 1):
        text, before = paragraphs[index], paragraphs[index - 1]
        if _PACKAGE_CLOSING.search(before) and _heading_like(text) and not _is_credit(text) and not _BARE_NAME.match(text):
            # The next item after one closed by its credit (…（本报记者　魏哲哲采访整理） / 全国人大代表、…邱光和 /
            # 民营企业要增强内生动力; …（作者为…，本报记者任彦整理） / 搭建友谊的桥梁 / 亲爱的妈妈：).
            starts.append(index)
            continue
        # A name may stand here (a writer's, over the credit of the next story), but a line of five to eight
        # characters without a dot is a headline (民族团结一家亲 / 平　安（歌唱演员）), and a short line over a
        # headline and its credit is the story's kicker (陕西西安 / 老手艺成“香饽饽” / 本报记者　姜　峰), not a name.
        named = _PACKAGE_NAME.match(text) and (len(text) <= 4 or "·" in text or " " in text or "\u3000" in text or "\xa0" in text)
        kicker = index + 2 < len(paragraphs) and _heading_like(paragraphs[index + 1]) and not _is_credit(paragraphs[index + 1]) and _is_credit(paragraphs[index + 2])
        if not _heading_like(text) or _PACKAGE_CREDIT.match(text) or (named and not kicker):
            continue
        start = index
        if before.endswith("：") and len(before) <= 30 and index >= 2:
            start = index - 1  # a kicker naming the speaker: 生态环境部华东督察局督察人员徐锡惠：
        if start != 0 and not _ENDS_PIECE.search(paragraphs[start - 1]):
            continue
        under = paragraphs[index + 1]
        if start < index and _NAMES_ONLY.match(under):
            starts.append(start)
            continue
        kicked = False
        if _heading_like(under) and len(under) <= 30 and not _is_credit(under) and index + 2 < len(paragraphs):
            under, kicked = paragraphs[index + 2], True  # a kicker over the headline
        # Under a kicker and a headline, reporters' names alone are the credit too (武汉大学人民医院急诊团队 /
        # “关键时刻，这支队伍靠得住” / 白剑峰　杜巍巍　杨　岑).
        if _is_credit(under) or _PACKAGE_DATELINE.match(under) or (kicked and _NAMES_ONLY.match(under)):
            starts.append(start)
    return starts


_ONE_NAME = r"(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff][\s\u3000\xa0]+[\u4e00-\u9fff])"
#: Reporters' names alone, two or more (李　纵　邓铁军): a credit under a speaker's kicker and headline,
#: though elsewhere such a line may as well be a headline of two phrases (守护社区 不遗余力).
_NAMES_ONLY = re.compile(rf"^{_ONE_NAME}(?:[\s\u3000\xa0]+{_ONE_NAME})+$")


#: A contributor's post or place before the name, set off by a space: 北京大学艺术学院院长　王一川, 北京　洪乐风.
_PACKAGE_POST_NAME = re.compile(
    r"^[\u4e00-\u9fff、（）()]{2,40}[\s\u3000\xa0]+(?:[\u4e00-\u9fff·]{2,8}|[\u4e00-\u9fff][\s\u3000\xa0]+[\u4e00-\u9fff])$"
)


#: A contributor's name with the post in brackets: 濮存昕（中国戏剧家协会主席）, 铁　凝（中国作协主席）.
_PACKAGE_NAME_POST = re.compile(r"^[\u4e00-\u9fff·][\u4e00-\u9fff·\s\u3000\xa0]{1,9}[（(][^（）()。]{2,40}[)）]$")


def _is_credit(text: str) -> bool:
    return bool(_PACKAGE_CREDIT.match(text) or _PACKAGE_POST_NAME.match(text) or _PACKAGE_NAME_POST.match(text))


def read_corpus_article(path: Path, source: str) -> _CorpusArticle | None:
    """One corpus file as kicker/headline/subtitle/paragraphs; None when it has no headline or no body."""
    lines = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines += [""] * 3
    kicker, headline, subtitle = (line.strip(" \u3000\t") or None for line in lines[:3])
    paragraphs: list[str] = []
    sections: list[int] = []  # indexes of paragraphs that follow an empty paragraph
    for line in lines[3:]:
        text = line.strip(" \u3000\t\xa0")
        if text:
            paragraphs.append(text)
        elif paragraphs and (not sections or sections[-1] != len(paragraphs)):
            sections.append(len(paragraphs))
    sections = [s for s in sections if s < len(paragraphs)]
    if not headline or not paragraphs:
        return None
    return _CorpusArticle(source, kicker, headline, subtitle, tuple(paragraphs), package_stories(tuple(paragraphs), sections))


def corpus_pages(corpus_dir: Path) -> list[tuple[dt.date, str, list[_CorpusArticle]]]:
    """The corpus grouped by date and page, in date, page and article order."""
    groups: dict[tuple[dt.date, str], list[tuple[int, Path]]] = defaultdict(list)
    for path in sorted(Path(corpus_dir).glob("*/*/*.txt")):
        match = _FILE_NAME.match(path.name)
        if not match:
            continue
        year, month, day, page, order = match.groups()
        groups[(dt.date(int(year), int(month), int(day)), page)].append((int(order), path))
    result = []
    for (date, page), files in sorted(groups.items()):
        articles = [read_corpus_article(p, p.relative_to(corpus_dir).as_posix()) for _, p in sorted(files)]
        articles = [a for a in articles if a is not None]
        if articles:
            result.append((date, page, articles))
    return result


class _PageWriter:
    """Collects the lines of one page, keeping track of line numbers."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def blank(self, count: int = 1) -> None:
        self.lines.extend([""] * count)

    def add(self, text: str) -> int:
        self.lines.append(text)
        return len(self.lines)


def _cut_point(rng: random.Random, paragraph: str) -> int | None:
    """Where a column break falls in ``paragraph``: never right after a sentence end."""
    for _ in range(6):
        at = rng.randint(3, len(paragraph) - 3)
        if paragraph[at - 1] not in _SENTENCE_END and paragraph[at - 1] not in "，、：,:":
            return at
    return None


def _caption(rng: random.Random, article: _CorpusArticle) -> str:
    sentence = rng.choice(article.paragraphs)
    clause = re.split(r"[，。；！？]", sentence)[0][:28] or article.headline
    if rng.random() < 0.5:
        return f"图为{clause}。"
    return f"{clause}（本报记者 {rng.choice(_PHOTOGRAPHERS)}摄）"


def _masthead(date: dt.date, rng: random.Random) -> list[str]:
    weekday = f"星期{WEEKDAYS[date.weekday()]}"
    lines = [PAPER, "中国共产党中央委员会机关报"]
    if rng.random() < 0.5:
        lines.append(f"{date.year}年{date.month}月{date.day}日 {weekday}")
        lines.append("人民网网址：www.people.com.cn")
    else:
        lines.append(f"{date.year}年{date.month}月{date.day}日 {weekday} 今日24版")
    lines.append("国内统一连续出版物号 CN 11-0065 代号1-1")
    return lines


def _assemble_one(date: dt.date, page: str, articles: list[_CorpusArticle], rng: random.Random, damage: bool) -> AssembledPage:
    out = _PageWriter()
    out.blank(rng.choice((0, 1, 2)))
    states = False
    if page == "01" and (not damage or rng.random() < MASTHEAD_RATE):
        for line in _masthead(date, rng):
            out.add(line)
            out.blank()
        states = True
    elif damage and rng.random() < HEADER_RATE:
        out.add(f"{PAPER} {date.year}年{date.month}月{date.day}日 星期{WEEKDAYS[date.weekday()]} 第{int(page)}版")
        out.blank()
        states = True

    markup = damage and rng.random() < MARKUP_RATE
    markup_levels = rng.choice((("## ", "# "), ("### ", "## "))) if markup else ("", "")
    indent = "\u3000\u3000" if damage and rng.random() < INDENT_RATE else ""
    repeat_at = rng.randrange(sum(len(a.paragraphs) for a in articles)) if damage and rng.random() < REPEAT_RATE else None
    stray_at = rng.randrange(sum(len(a.paragraphs) for a in articles)) if damage and rng.random() < STRAY_RATE else None

    truths: list[TrueArticle] = []
    repeats: list[tuple[int, int]] = []
    paragraph_index = 0
    for number, article in enumerate(articles):
        if number:
            out.blank(rng.choice((1, 1, 2, 3)) if damage else 1)
        if article.kicker:
            out.add(markup_levels[0] + article.kicker)
            out.blank()
        out.add(markup_levels[1] + article.headline)
        out.blank()
        if article.subtitle:
            out.add(article.subtitle)
            out.blank()
        spans: list[tuple[int, int]] = []
        cut: list[int] = []
        captions: list[str] = []
        caption_at = rng.randrange(len(article.paragraphs)) if damage and rng.random() < CAPTION_RATE else None
        for index, paragraph in enumerate(article.paragraphs):
            if index:
                out.blank()
            if index == caption_at:
                captions.append(_caption(rng, article))
                out.blank(2)
                out.add(captions[-1])
                out.blank(3)
            at = _cut_point(rng, paragraph) if damage and len(paragraph) >= 30 and rng.random() < COLUMN_BREAK_RATE else None
            if at is None:
                first = last = out.add(indent + paragraph)
            else:
                first = out.add(indent + paragraph[:at])
                out.blank()
                last = out.add(paragraph[at:])
                cut.append(index)
            spans.append((first, last))
            if paragraph_index == repeat_at:
                # The block printed again: this paragraph (and perhaps the one before).
                block = [paragraph] if index == 0 or rng.random() < 0.6 else [article.paragraphs[index - 1], paragraph]
                for _ in range(rng.choice((1, 1, 2))):
                    out.blank()
                    start = out.add(indent + block[0])
                    for extra in block[1:]:
                        out.blank()
                        out.add(indent + extra)
                    repeats.append((start, len(out.lines)))
            if paragraph_index == stray_at:
                out.blank()
                out.add(rng.choice(_STRAYS))
            paragraph_index += 1
        truths.append(
            TrueArticle(
                article.source,
                article.kicker,
                article.headline,
                article.subtitle,
                article.paragraphs,
                tuple(spans),
                tuple(cut),
                tuple(captions),
                article.stories,
            )
        )

    text = "\n".join(out.lines) + "\n"
    newline = "\r\n" if damage and rng.random() < CRLF_RATE else "\n"
    encoding = "utf-8"
    if damage and rng.random() < GBK_RATE:
        encoding = "gbk"
    raw = text.replace("\n", newline)
    try:
        data = raw.encode(encoding)
    except UnicodeEncodeError:
        encoding = "gb18030"
        data = raw.encode(encoding)
    truth = PageTruth(PAPER, date, page, states, tuple(truths), tuple(repeats))
    return AssembledPage(f"{PAPER}/{date.isoformat()}/{page}.txt", data, encoding, text, truth)


def assemble_pages(corpus_dir, *, seed: int = 0, limit: int | None = None, damage: bool = True) -> list[AssembledPage]:
    """Page dumps of the corpus, one per date and page, in date and page order.

    ``limit`` keeps the first pages only (the choice of damage for a page does not
    depend on ``limit``, so the first 30 pages are the same in a run of 300).
    """
    pages = []
    for date, page, articles in corpus_pages(Path(corpus_dir)):
        if limit is not None and len(pages) >= limit:
            break
        rng = random.Random(f"{seed}:{date.isoformat()}:{page}")
        pages.append(_assemble_one(date, page, articles, rng, damage))
    return pages


def write_archive(out_dir, pages: list[AssembledPage]) -> list[Path]:
    """Write ``pages`` as an archive folder (paper/YYYY-MM-DD/PP.txt); returns the paths written."""
    out_dir = Path(out_dir)
    written = []
    for page in pages:
        path = out_dir / page.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(page.data)
        written.append(path)
    return written


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="archive folder to write")
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "people-daily")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--clean", action="store_true", help="no damage")
    args = parser.parse_args()
    pages = assemble_pages(args.corpus, seed=args.seed, limit=args.limit, damage=not args.clean)
    write_archive(args.out_dir, pages)
    print(f"wrote {len(pages)} pages to {args.out_dir}")
