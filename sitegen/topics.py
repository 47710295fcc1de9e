"""Topics: subjects from a taxonomy, series from repeated kickers, and keywords.

Topics are worked out in two steps so the expensive one can run in worker
processes and be cached with the page it came from:

1. ``text_signals(story, taxonomy)`` — per article, pure, from its text
   alone: how its headline and opening score for each subject, its keywords,
   and a fingerprint of its text for finding the same story in other papers
   (``sitegen.related``).  It runs where the page is parsed, for the page's
   stories together (``stories_signals``), and is cached with it.
2. ``placed(signals, page_name, taxonomy)`` — the subjects, once the page's
   name (体育 is evidence on its own) is known from its metadata; cheap.
   ``signals_of`` is the two together.
3. ``build_topics(articles, signals, taxonomy)`` — archive-wide and cheap: the
   subject, series and keyword topics with their articles, newest first.

Subjects are scored by counting the taxonomy's signal terms, headline hits
three times, e.g. 29日至30日我市将出现强寒潮天气 hits 寒潮 and 天气 in the
headline and 气温 in the body, far above the threshold for 天气与环境.  An
article gets every subject within ``relative`` of its best score (at most
``max_subjects``), or the fallback subject when none reaches ``threshold``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.util
import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import numpy as np

from sitegen import urls
from sitegen.parsing import lines
from sitegen.search import tokenize
from sitegen.model import Article, Story, Topic, record

DEFAULT_TAXONOMY = Path(__file__).with_name("default_topics.toml")
TOPICS_FILE = "topics.toml"

#: How much of the body counts for subjects and keywords: the opening carries
#: what an article is about, and scoring all of a long report costs time.
OPENING_CHARS = 1200
#: Keywords per article, and how many articles share a keyword before it gets a page.
KEYWORDS_PER_ARTICLE = 5
KEYWORD_PAGE_MIN = 3
#: Words too common in newspaper prose to say what an article is about, and the paper's words
#: for its own items (图片报道 heads every photo report: 报道, 图片).
STOP_WORDS = frozenset(
    """我们 他们 你们 今年 去年 目前 记者 本报 新华社 表示 工作 进行 开展 推进 推动 加强 坚持 全面 进一步
    一个 一些 这个 这些 没有 已经 通过 发展 建设 实现 提高 提升 同时 以及 还是 就是 不是 可以 需要 要求
    问题 方面 情况 有关 相关 其中 主要 重要 积极 不断 持续 深入 全市 全省 全国 各地 各级 日电 月份 时间
    大家 自己 今天 昨天 明天 当前 近日 日前 以来 之一 更加 更好 为了 因为 所以 如果 但是 而且 以上 以下
    习近平 中国 人民 我国 我市 我省 新时代 服务 社会 群众 部门 单位 地方 活动 领导 干部 会议 同志
    报道 图片 总书记 主席 中方 国家 时代 世界 做好 抓好 落实 部署 确保 支持 出席 印发 有序 累计 助力
    措施 意见 应对 优势 关系 力量 亿元 版式 做到 召开 贯彻 集中 推出 成立 投入 探索 书写 当好 奋力 共同
    一起 行动 要素 特点 任务 那些 哪些 各项 各类 每天 此刻 本版 有人 如何 哪里""".split()
)


class TopicsError(Exception):
    """A taxonomy file that cannot be used; the message names the file and key."""


@dataclass(frozen=True)
class Subject:
    """One subject of the taxonomy."""

    name: str
    """Display name (疫情防控)."""
    slug: str
    """ASCII slug, its URL segment."""
    description: str
    """One sentence saying what belongs here."""
    terms: tuple[tuple[str, float], ...]
    """Signal terms with their weights."""
    pages: tuple[str, ...] = ()
    """Page or section names that are evidence on their own (体育)."""
    genre: bool = False
    """A kind of writing (commentary) rather than a subject: given on its own evidence,
    beside the article's subjects, not weighed against them."""


@dataclass(frozen=True)
class Taxonomy:
    """The subjects and the rules for giving them to articles."""

    subjects: tuple[Subject, ...]
    """Every subject, in the file's order."""
    threshold: float = 4.0
    """Least score for a subject."""
    relative: float = 0.45
    """A subject must score at least this share of the article's best score."""
    max_subjects: int = 3
    """Most subjects an article gets."""
    fallback: str = "综合"
    """Subject of articles that match none."""
    fallback_slug: str = "general"
    """Slug of the fallback subject."""
    fallback_description: str = "未归入其他主题的文章。"
    """Description of the fallback subject."""
    words: tuple[str, ...] = ()
    """Words the segmenter keeps whole when it draws keywords: names of the day that
    jieba's dictionary splits into pieces meaning something else (一带一路 → 一带 / 一路,
    新冠肺炎 → 新 / 冠 / 肺炎), or a region's own names."""

    _hash: int = field(init=False, repr=False, compare=False)
    """The hash of the other fields, worked out once: scoring looks its patterns up by the taxonomy
    for every article, and hashing its hundreds of terms each time cost more than the lookup."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash(tuple(getattr(self, f.name) for f in fields(self) if f.compare)))

    def __hash__(self) -> int:
        return self._hash

    def fingerprint(self) -> str:
        """Changes whenever the taxonomy does, for caching signals."""
        return hashlib.sha256(repr(self).encode("utf-8")).hexdigest()[:16]

    def subject(self, slug: str) -> Subject:
        if slug == self.fallback_slug:
            return Subject(self.fallback, self.fallback_slug, self.fallback_description, ())
        return next(s for s in self.subjects if s.slug == slug)


def _checked(cls, data: dict, file: Path, where: str, skip: tuple[str, ...] = ()) -> dict:
    known = {f.name for f in fields(cls)} - set(skip)
    for key in data:
        if key not in known and key not in skip:
            raise TopicsError(f"{file}: unknown key '{where}{key}' (known: {', '.join(sorted(known | set(skip)))})")
    return data


def load_taxonomy(archive_dir: Path | None = None) -> Taxonomy:
    """The archive's ``topics.toml`` if it has one, else the default taxonomy."""
    file = archive_dir / TOPICS_FILE if archive_dir and (archive_dir / TOPICS_FILE).is_file() else DEFAULT_TAXONOMY
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise TopicsError(f"{file}: {error}") from error
    top = _checked(Taxonomy, data, file, "", skip=("subject", "subjects"))
    if "subjects" in top:
        raise TopicsError(f"{file}: unknown key 'subjects' (write each subject as a [[subject]] table)")
    subjects = []
    for n, entry in enumerate(data.get("subject", []), 1):
        where = f"subject[{n}]."
        _checked(Subject, entry, file, where)
        for key in ("name", "slug", "terms"):
            if key not in entry:
                raise TopicsError(f"{file}: '{where}{key}' is missing")
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", entry["slug"]):
            raise TopicsError(f"{file}: '{where}slug' must be lower-case ASCII letters, digits and hyphens")
        if not isinstance(entry["terms"], dict) or not all(isinstance(w, (int, float)) for w in entry["terms"].values()):
            raise TopicsError(f"{file}: '{where}terms' must be a table of term = weight")
        if any(not term.strip() for term in entry["terms"]):
            raise TopicsError(f"{file}: '{where}terms' has an empty term (it would match everywhere)")
        subjects.append(Subject(
            name=str(entry["name"]), slug=entry["slug"], description=str(entry.get("description", "")),
            terms=tuple((unicodedata.normalize("NFKC", t), float(w)) for t, w in entry["terms"].items()),
            pages=tuple(entry.get("pages", ())), genre=bool(entry.get("genre", False)),
        ))
    slugs = [s.slug for s in subjects]
    if len(set(slugs)) != len(slugs):
        raise TopicsError(f"{file}: two subjects share the slug '{Counter(slugs).most_common(1)[0][0]}'")
    rules = {k: v for k, v in top.items() if k not in ("subject",)}
    if "words" in rules:
        words = rules["words"]
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise TopicsError(f"{file}: 'words' must be a list of words (strings, none empty)")
        rules["words"] = tuple(unicodedata.normalize("NFKC", w.strip()) for w in words)
    return Taxonomy(subjects=tuple(subjects), **rules)


@record
class ArticleSignals:
    """What one article contributes to topics and related articles."""

    subjects: tuple[str, ...]
    """Slugs of its subjects, best first (the fallback slug when none matched); empty until ``placed``."""
    keywords: tuple[str, ...]
    """Its keywords, most telling first."""
    fingerprint: tuple[int, ...]
    """The smallest hashes of its text's character 8-grams (a bottom-k sketch), for reprints."""
    summary: str = ""
    """Its opening words, one line for topic lists."""
    scores: tuple[tuple[str, float], ...] = ()
    """(slug, score) of every subject its text scored for, best first, before the page's name counts."""


@functools.lru_cache(maxsize=4)
def _pattern(taxonomy: Taxonomy) -> tuple[re.Pattern, dict[str, list[tuple[int, float]]]]:
    """One regular expression matching every signal term, longest first, and each term's subjects."""
    owners: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, subject in enumerate(taxonomy.subjects):
        for term, weight in subject.terms:
            owners[term].append((index, weight))
    return re.compile(_trie_pattern(sorted(owners)) or "(?!)"), dict(owners)


def _trie_pattern(terms: list[str], group: int | None = None) -> str:
    """A regular expression matching the longest of ``terms`` at each place, as a trie.

    It finds what the plain alternation of the terms, longest first, finds,
    but the engine follows one branch per character instead of trying a few
    hundred terms at every place where one might start: scoring is 4 times faster.
    A lookahead first asks whether the place's two characters could open a term
    at all (one of the terms' first characters, then one of their second ones):
    two quick set lookups turn away most places where the trie would try its
    two hundred first characters one by one (regular expression 0.43 -> 0.22 s
    over the corpus's articles).  Where a term could open, the first characters
    are tried in groups (of ``group``, by default ``FIRST_CHARS_A_GROUP``), each
    behind a set lookup of its own, rather than all in a row (0.22 -> 0.17 s).
    """
    trie: dict = {}
    for term in terms:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a term ends here: take the longer ones if they match, else this one
            return "(?:" + body + ")?"
        return body

    if not trie:
        return ""

    def one_of(chars) -> str:
        return "[" + "".join(map(re.escape, sorted(set(chars)))) + "]"

    pairs = [term for term in terms if len(term) > 1]
    singles = [term for term in terms if len(term) == 1]
    could_open = []
    if pairs:
        could_open.append(one_of(t[0] for t in pairs) + one_of(t[1] for t in pairs))
    if singles:
        could_open.append(one_of(singles))
    firsts, group = sorted(trie), group or FIRST_CHARS_A_GROUP
    groups = [firsts[start:start + group] for start in range(0, len(firsts), group)]
    grouped = "|".join(f"(?={one_of(chars)})" + pattern({char: trie[char] for char in chars}) for chars in groups)
    return f"(?={'|'.join(could_open)})(?:{grouped})"


#: How many of the terms' first characters the subject pattern tries behind one set lookup
#: (measured over the corpus: 8 slower than none, 30 to 50 best).
FIRST_CHARS_A_GROUP = 40


def score_subjects(headline: str, text: str, taxonomy: Taxonomy) -> list[tuple[str, float]]:
    """(slug, score) for every subject the text scored for, best first; headline and text NFKC-normalised."""
    pattern, owners = _pattern(taxonomy)
    scores = [0.0] * len(taxonomy.subjects)
    for weight_of_place, part in ((3.0, headline), (1.0, text)):
        hits = Counter(pattern.findall(part))
        for term, count in hits.items():
            for index, weight in owners[term]:
                # A term repeated ten times says little more than one said three times.
                scores[index] += weight * weight_of_place * min(count, 3)
    return _ranked(scores, taxonomy)


def _ranked(scores: list[float], taxonomy: Taxonomy) -> list[tuple[str, float]]:
    ranked = sorted(((s, i) for i, s in enumerate(scores) if s > 0), key=lambda x: (-x[0], x[1]))
    return [(taxonomy.subjects[i].slug, s) for s, i in ranked]


def with_page_name(scored: tuple[tuple[str, float], ...], page_name: str | None, taxonomy: Taxonomy) -> list[tuple[str, float]]:
    """The text's scores with the page's name counted: a page named 体育 is evidence of sport on its own."""
    if not page_name:
        return list(scored)
    by_slug = dict(scored)
    scores = [by_slug.get(subject.slug, 0.0) for subject in taxonomy.subjects]
    for index, subject in enumerate(taxonomy.subjects):
        if any(name in page_name for name in subject.pages):
            scores[index] += taxonomy.threshold
    return _ranked(scores, taxonomy)


def choose_subjects(scored: list[tuple[str, float]], taxonomy: Taxonomy) -> tuple[str, ...]:
    genres = {s.slug for s in taxonomy.subjects if s.genre}
    kinds = [slug for slug, s in scored if slug in genres and s >= taxonomy.threshold]
    scored = [(slug, s) for slug, s in scored if slug not in genres]
    if not scored or scored[0][1] < taxonomy.threshold:
        return tuple(kinds) or (taxonomy.fallback_slug,)
    best = scored[0][1]
    chosen = [slug for slug, s in scored if s >= taxonomy.threshold and s >= taxonomy.relative * best]
    return tuple(chosen[: taxonomy.max_subjects]) + tuple(kinds)


#: How much of the opening the keywords are drawn from: segmentation is the
#: costliest step of topics, and an article's opening names what it is about.
KEYWORD_CHARS = 300
_NUMERALS = "零一二三四五六七八九十百千万亿两几多"
_UNITS = "美元|元|千瓦时|人次|平方米|立方米|公里|公斤|斤|户|条|项|次|号|个|名|吨|倍|天|批"
#: Not keywords: numbers and Latin letters, punctuation, ordinals (第四次, 第二节) and counts
#: (三次, 亿美元, 万人次), which jieba gives as words of their own.  (A congress's term, 十九届,
#: is a keyword.)
_NOT_A_KEYWORD = re.compile(
    rf"[\d.%a-zA-Z]+|\W+|第[{_NUMERALS}\d]+(?:{_UNITS}|[届节道期轮章部场])?|[{_NUMERALS}]+(?:{_UNITS})?")


def load_segmenter(taxonomy: Taxonomy | None = None) -> None:
    """Load the word list (with the taxonomy's own words) and IDF table now: worker processes
    forked afterwards share them instead of each loading its own (a second per process)."""
    _cut(taxonomy.words if taxonomy else ())
    _idf()
    _letters_and_digits()


@functools.cache
def _idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table (word → inverse document frequency) and its median, the weight of
    words the table lacks.

    Read from jieba's ``analyse/idf.txt`` as ``jieba.analyse`` reads it, but without
    importing ``jieba.analyse``, which also loads its part-of-speech tagger's tables:
    0.3 s instead of 1.4 s, in the main process while the workers wait.
    """
    file = Path(importlib.util.find_spec("jieba").origin).parent / "analyse" / "idf.txt"
    parts = file.read_text(encoding="utf-8").split()  # "word idf" lines
    table = dict(zip(parts[::2], map(float, parts[1::2])))
    return table, sorted(table.values())[len(table) // 2]


@functools.lru_cache(maxsize=4)
def _cut(words: tuple[str, ...] = ()) -> Callable[[str], list[str]]:
    """jieba's cut with its dictionary, and ``words`` added as ``jieba.add_word`` adds them
    (each with the frequency that keeps it whole), no HMM: by rjieba (jieba-rs, the same
    dictionary and algorithm, 15 times faster; ``tests/test_topics.py`` checks that they
    agree) where it is installed, else by jieba itself."""
    try:
        import rjieba
    except ImportError:
        import jieba

        jieba.setLogLevel(60)  # its dictionary-loading chatter is not the archivist's business
        if not words:
            return functools.partial(jieba.lcut, HMM=False)
        tokenizer = jieba.Tokenizer()
        for word in words:
            tokenizer.add_word(word)
        return functools.partial(tokenizer.lcut, HMM=False)
    if not words:
        return functools.partial(rjieba.cut, hmm=False)
    segmenter = rjieba.Jieba()
    for word in words:
        segmenter.add_word(word, None, None)
    return functools.partial(segmenter.cut, hmm=False)


def keywords_of(headline: str, opening: str, words: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The article's keywords by TF-IDF (jieba's words, with ``words`` kept whole, and IDF table)
    over its headline (twice) and opening (its first ``KEYWORD_CHARS``); both NFKC-normalised."""
    opening = f"{headline}。{headline}。{opening}"
    counts = Counter([w for w in _cut(words)(opening) if len(w) >= 2])
    idfs = list(map(_keyword_idf.get, counts))
    if None in idfs:
        if len(_keyword_idf) > 200_000:  # bounded, whatever the archive's vocabulary
            _keyword_idf.clear()
        idfs = [_keyword_idf.setdefault(word, _idf_if_keyword(word)) if idf is None else idf
                for word, idf in zip(counts, idfs)]
    # Ties broken by the word itself, so rebuilds agree.
    ranked = sorted((-count * idf, word) for (word, count), idf in zip(counts.items(), idfs) if idf >= 0)
    return tuple(word for _, word in ranked[:KEYWORDS_PER_ARTICLE])


#: Each word met so far: its IDF, or -1 when it cannot be a keyword (a word is
#: met again and again; checking it once makes keywords twice as fast).
_keyword_idf: dict[str, float] = {}


def _idf_if_keyword(word: str) -> float:
    """The word's IDF, or -1 when it is not a keyword.

    A word the IDF table lacks weighs as the most telling of its pieces as jieba's
    own dictionary cuts it (新冠肺炎 as 肺炎, 一带一路 as 一带 rather than the common
    一路): a taxonomy's word then names the keyword its pieces made rather than
    outweighing every other word; a word with no such piece gets, as in jieba,
    the median.
    """
    if word in STOP_WORDS or _NOT_A_KEYWORD.fullmatch(word):
        return -1.0
    idf, median_idf = _idf()
    if word in idf:
        return idf[word]
    pieces = [idf[piece] for piece in _cut()(word) if len(piece) >= 2 and piece in idf]
    return max(pieces, default=median_idf)


SKETCH_SIZE = 32
SHINGLE = 8
#: How much of the body the fingerprint is taken from (the most any signal reads).
FINGERPRINT_CHARS = 2000


#: The characters of newspaper prose that NFKC changes, most frequent first (measured
#: on People's Daily: these are 99.9 % of them), each with what NFKC makes of it.
_COMMON_FOLDS = tuple((char, unicodedata.normalize("NFKC", char)) for char in "，\xa0；：（）…！？\u3000％［］")


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, ten times faster on Chinese prose.

    NFKC decomposes and recomposes every character, ideographs included, which
    made it the costliest step of topics.  Here the common full-width
    punctuation is replaced by its NFKC form first (``str.replace`` is a
    memory scan); each replacement is compatibility-equivalent to what it
    replaces, so when the result is already in NFKC it *is* the NFKC form of
    the text (the normal form is unique), and otherwise the full normaliser runs.
    On the corpus article bodies: 0.73 s → 0.06 s.
    """
    folded = text
    for char, fold in _COMMON_FOLDS:
        if char in folded:
            folded = folded.replace(char, fold)
    return folded if unicodedata.is_normalized("NFKC", folded) else unicodedata.normalize("NFKC", folded)


def text_fingerprint(text: str) -> tuple[int, ...]:
    """A bottom-k sketch of the text's character 8-grams, blind to punctuation, width and spacing.

    Two papers' copies of one story (one with ，the other with ,) share most of it.
    """
    return _sketch(nfkc(text[:FINGERPRINT_CHARS]))


@functools.cache
def _letters_and_digits() -> np.ndarray:
    """Over all code points: True for a letter or digit (``str.isalnum``), the search index's
    word characters without the private-use area."""
    table = tokenize.word_characters().copy()
    table[0xE000:0xF900] = False
    return table


def _sketch(text: str) -> tuple[int, ...]:
    """``text_fingerprint`` of NFKC-normalised text.

    Each 8-gram is hashed from its code points (a polynomial, then the
    splitmix64 finaliser to spread similar 8-grams apart), all at once with numpy.
    """
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # Letters and digits only (what ``[^\W_]`` matches), by table lookup rather than a regex pass.
    points = points[_letters_and_digits()[points]][:1500].astype(np.uint64)
    if len(points) < SHINGLE * 4:
        return ()
    count = len(points) - SHINGLE + 1
    with np.errstate(over="ignore"):
        h = np.zeros(count, dtype=np.uint64)
        for j in range(SHINGLE):
            h = h * np.uint64(0x100000001B3) + points[j : j + count]
        h ^= h >> np.uint64(30)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(27)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
    # The smallest distinct hashes: sorted, then each kept unless it repeats the one before
    # (np.unique does the same with a hash table first, four times slower on 1,500 values).
    h.sort()
    distinct = h[np.concatenate(([True], h[1:] != h[:-1]))]
    return tuple(distinct[:SKETCH_SIZE].tolist())


def signals_of(story: Story, page_name: str | None, taxonomy: Taxonomy) -> ArticleSignals:
    """Subjects, keywords and fingerprint of one article on a page named ``page_name``."""
    return placed(text_signals(story, taxonomy), page_name, taxonomy)


def placed(signals: ArticleSignals, page_name: str | None, taxonomy: Taxonomy) -> ArticleSignals:
    """``signals`` with the subjects chosen, now that the page's name is known."""
    return replace(signals, subjects=choose_subjects(with_page_name(signals.scores, page_name, taxonomy), taxonomy))


def text_signals(story: Story, taxonomy: Taxonomy) -> ArticleSignals:
    """Subject scores, keywords and fingerprint of one article, from its text alone (pure)."""
    return stories_signals((story,), taxonomy)[0]


def stories_signals(stories: Sequence[Story], taxonomy: Taxonomy) -> tuple[ArticleSignals, ...]:
    """``text_signals`` of each of a page's stories (pure; runs in worker processes).

    Each step is taken for all the stories before the next (the subjects of
    each, then the keywords of each, then the fingerprints): each keeps its
    tables (the pattern, jieba's dictionary, the IDF words met) in the processor's
    caches from one story to the next, where parsing comes between one page and
    the next: assignment's CPU time in a build of the corpus pages 1.81 -> 1.61 s
    (medians of 6, alternated; ``python -m benchmarks.topics_quality --assignment``).
    """
    texts = []
    for story in stories:
        body = "\n".join(b.text for b in story.body if b.role in ("body", "subhead", "caption"))
        # The byline counts with the headline: 本报评论员 says "commentary" as loudly as a headline.
        headline = " ".join(t for t in (story.kicker, story.headline, story.subtitle, story.byline) if t)
        # Normalising (NFKC: ，and ０-９ as , and 0-9) is the costliest string step, so each
        # stretch of the body is normalised once and the three windows are joined from them.
        # (Cut before normalising, as NFKC lengthens text: …… becomes ......)
        first, middle, last = (nfkc(body[start:end]) for start, end in (
            (0, KEYWORD_CHARS), (KEYWORD_CHARS, OPENING_CHARS), (OPENING_CHARS, FINGERPRINT_CHARS)))
        texts.append((nfkc(headline), nfkc(headline_without_column(story.headline)), first, middle, last))
    scores = [score_subjects(headline, first + middle, taxonomy) for headline, _, first, middle, _ in texts]
    keywords = [keywords_of(headline, first, taxonomy.words) for _, headline, first, _, _ in texts]
    sketches = [_sketch(first + middle + last) for _, _, first, middle, last in texts]
    return tuple(
        ArticleSignals(subjects=(), keywords=words, fingerprint=sketch, summary=one_line(story), scores=tuple(scored))
        for story, scored, words, sketch in zip(stories, scores, keywords, sketches, strict=True))


#: Length of the one-line summary in topic lists.
SUMMARY_CHARS = 70


def one_line(story: Story) -> str:
    """The subtitle, or the opening words of the body, as one line for a list of articles."""
    if story.subtitle:
        return story.subtitle
    first = next((b.text for b in story.body if b.role == "body"), "")
    text = " ".join(first.split())
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS] + "…"


def newest_first(articles: list[Article]) -> tuple[str, ...]:
    """Ids newest first; one day's articles in page order; undated ones last."""
    ordered = sorted(articles, key=lambda a: (-(a.date or dt.date.min).toordinal(), a.id))
    return tuple(a.id for a in ordered)


def normalised_kicker(kicker: str) -> str:
    """新时代  新征程 新伟业 and 新时代 新征程 新伟业 name one series; the dash or colon that leads a
    kicker into its headline (外交部发言人——, 商务部：) is no part of the series' name."""
    return " ".join(unicodedata.normalize("NFKC", kicker).split()).rstrip("—-:").rstrip()


def build_topics(articles: list[Article], signals: dict[str, ArticleSignals], taxonomy: Taxonomy) -> tuple[Topic, ...]:
    """Subject, series and keyword topics over the whole archive, each listing its articles newest first."""
    by_subject: dict[str, list[Article]] = defaultdict(list)
    by_kicker: dict[str, list[Article]] = defaultdict(list)
    by_keyword: dict[str, list[Article]] = defaultdict(list)
    kickers: set[str] = set()  # the series names some article has as its kicker (the others are columns)
    for article in articles:
        signal = signals.get(article.id)
        if signal:
            for slug in signal.subjects:
                by_subject[slug].append(article)
            for word in signal.keywords:
                by_keyword[word].append(article)
        kicker = (normalised_kicker(article.story.kicker) or None) if article.story.kicker else None
        if kicker is not None:
            by_kicker[kicker].append(article)
            kickers.add(kicker)
        column = headline_column(article.story.headline)
        if column and column != kicker:
            by_kicker[column].append(article)

    topics = []
    order = [s.slug for s in taxonomy.subjects] + [taxonomy.fallback_slug]
    for slug in order:
        if by_subject.get(slug):
            subject = taxonomy.subject(slug)
            topics.append(Topic(slug, "subject", subject.name, subject.description, newest_first(by_subject[slug])))
    series_slugs: set[str] = set()
    for kicker, members in sorted(by_kicker.items()):
        # A series runs across issues (or papers): one issue's two pieces under one kicker are one
        # event's report, or one story continued on another page (习近平将对缅甸进行国事访问).
        # A speaker named over what was said (——习近平, 胡春华强调) recurs, but is no column.
        if len({(a.newspaper, a.date) for a in members}) >= 2 and not _SPEAKER.search(kicker):
            slug = _unique(urls.slugify(kicker), series_slugs)
            description = f"以“{kicker}”为引题的系列报道。" if kicker in kickers else f"标题后注明栏目“{kicker}”的文章。"
            topics.append(Topic(slug, "series", kicker, description, newest_first(members)))
    keyword_slugs: set[str] = set()
    for word, members in sorted(by_keyword.items()):
        if len(members) >= KEYWORD_PAGE_MIN:
            slug = _unique(urls.slugify(word), keyword_slugs)
            topics.append(Topic(slug, "keyword", word, f"关键词包含“{word}”的文章。", newest_first(members)))
    return tuple(topics)


def headline_column(headline: str) -> str | None:
    """The column a headline names in brackets at its end (只争朝夕，不负韶华（人民论坛） → 人民论坛), without
    a number of the series (春节返乡看新风② → 春节返乡看新风); None when it names none.

    People's Daily prints its columns so rather than as kickers; across issues they are its series.
    """
    tag = lines.column_tag(headline)
    if tag is None:
        return None
    return normalised_kicker(_NUMBERED.sub("", tag)) or None


def headline_without_column(headline: str) -> str:
    """The headline without the column it names in brackets at its end (讲好文创的时代故事（新语） →
    讲好文创的时代故事): the column is the article's series, and its words (新语, 时评) no keywords of it."""
    tag = lines.column_tag(headline)
    return headline if tag is None else headline[: len(headline) - len(tag) - 2]


#: A series' number after its name: ②, ⑫, 之三.
_NUMBERED = re.compile(r"(?:[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]|之[一二三四五六七八九十]+)$")


#: A kicker that names who speaks in the piece: ——习近平 over a quotation, 胡春华强调 over a report of a speech.
_SPEAKER = re.compile(r"^[—－-]{1,2}\s*\S|(?:强调|指出|表示|要求)$")


def _unique(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate
