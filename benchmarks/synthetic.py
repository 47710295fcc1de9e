"""A deterministic generator of synthetic newspaper archives of any size.

    python -m benchmarks.synthetic OUT --articles 10000 [--papers 3] [--seed 1]

writes ``OUT/<paper>/<YYYY-MM-DD>/<PP>.txt``: several papers publishing daily
from 2015-01-01, each issue 4–8 pages of 3–7 articles.  A page looks like the
sample pages in ``seeds/``: a masthead (paper name, date line, page line), then
for each article an optional kicker (``##``), the headline (``#``), often a byline,
and paragraphs.  Article lengths follow the People's Daily corpus (median about
900 characters, a long tail), and the text is made of sentences and headlines
sampled from ``../shared/corpus`` when it is present, otherwise from a built-in
vocabulary, so segmentation and search see realistic Chinese.

The same arguments always give the same bytes (a seeded ``random.Random``,
corpus files read in sorted order).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "people-daily"

PAPERS = ("朔州日报", "大同日报", "忻州日报", "青岛日报", "晋中日报", "吕梁日报", "长治日报", "阳泉日报")
SECTIONS = ("要闻", "综合", "经济", "社会", "文化", "副刊", "专题", "体育")
WEEKDAYS = "一二三四五六日"
REPORTERS = ("张晋", "王荣", "李安然", "赵波", "刘思远", "陈晓", "袁兆辉", "杨帆", "周明", "郭亮")
KICKERS = ("新时代 新征程 新伟业", "学习贯彻党的二十大精神", "乡村振兴进行时", "奋进新征程 建功新时代", "基层一线")

#: Used when the corpus is absent: enough words for jieba and the search index to
#: see a real vocabulary, joined into sentences of newspaper shape.
WORDS = (
    "社区 群众 生活 发展 建设 服务 工作 基层 治理 乡村 振兴 产业 经济 企业 项目 投资 市场 改革 创新 科技 "
    "教育 学校 学生 医疗 卫生 健康 疫情 防控 文化 旅游 生态 环境 保护 农业 农民 合作社 粮食 交通 道路 "
    "城市 农村 干部 党员 组织 会议 报告 精神 学习 落实 推进 提升 加强 完善 保障 民生 就业 收入 增长 "
    "志愿 活动 老人 儿童 家庭 食堂 居民 街道 村民 村庄 县城 市委 政府 部门 单位 记者 采访 调研 了解 "
    "今年 近年来 目前 同时 此外 全面 持续 积极 有效 重点 主动 稳步 扎实 深入 切实 不断 进一步 "
    "能源 煤炭 电力 新能源 光伏 风电 水利 工程 设施 公园 广场 图书馆 博物馆 体育 比赛 演出 展览"
).split()


@dataclass(frozen=True)
class Vocabulary:
    """What generated text is made of."""

    sentences: tuple[str, ...]
    """Whole sentences, each ending in 。！or？."""
    headlines: tuple[str, ...]
    """Headline lines."""


def corpus_vocabulary(corpus: Path, files: int = 600) -> Vocabulary | None:
    """Sentences and headlines from every n-th corpus article (sorted, so always the same ones)."""
    paths = sorted(corpus.rglob("*.txt")) if corpus.is_dir() else []
    if not paths:
        return None
    step = max(1, len(paths) // files)
    sentences, headlines = [], []
    for path in paths[::step]:
        lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
        body_start = next((i for i, line in enumerate(lines) if not line), len(lines))
        headlines.extend(line for line in lines[:body_start] if 4 <= len(line) <= 40)
        for paragraph in lines[body_start:]:
            sentences.extend(s for s in re.findall(r"[^。！？]+[。！？]", paragraph.strip("\u3000 ")) if len(s) >= 6)
    return Vocabulary(tuple(sentences), tuple(headlines))


def builtin_vocabulary(seed: int) -> Vocabulary:
    rng = random.Random(seed)
    sentences = tuple(
        "，".join("".join(rng.choices(WORDS, k=rng.randint(2, 5))) for _ in range(rng.randint(1, 4))) + rng.choice("。。。。！？")
        for _ in range(4000)
    )
    headlines = tuple("".join(rng.choices(WORDS, k=rng.randint(3, 7))) for _ in range(1000))
    return Vocabulary(sentences, headlines)


def _article(rng: random.Random, vocabulary: Vocabulary) -> list[str]:
    """One article's lines: kicker, headline, byline, paragraphs, with blank lines between."""
    lines = []
    if rng.random() < 0.2:
        lines.append(f"## {rng.choice(KICKERS)}")
    lines.append(f"# {rng.choice(vocabulary.headlines)}")
    if rng.random() < 0.6:
        lines.append(f"本报记者 {rng.choice(REPORTERS)}")
    length = min(int(rng.lognormvariate(6.8, 0.6)), 8000)  # median ≈ 900 characters, as in the corpus
    written = 0
    while written < length:
        paragraph = "".join(rng.choice(vocabulary.sentences) for _ in range(rng.randint(1, 4)))
        lines.append(paragraph)
        written += len(paragraph)
    return lines


def _masthead(paper: str, date: dt.date, number: int, page: int, section: str) -> list[str]:
    return [
        paper,
        f"{date.year}年{date.month}月{date.day}日 星期{WEEKDAYS[date.weekday()]} 第{number}期",
        f"第{page:02d}版 {section}",
    ]


def generate(out: Path, articles: int, *, papers: int = 3, seed: int = 1, corpus: Path = CORPUS) -> dict:
    """Write an archive of exactly ``articles`` articles into ``out``; return counts."""
    rng = random.Random(seed)
    vocabulary = corpus_vocabulary(corpus) or builtin_vocabulary(seed)
    names = PAPERS[: max(1, min(papers, len(PAPERS)))]
    written = pages = issues = 0
    day = dt.date(2015, 1, 1)
    while written < articles:
        for paper_number, paper in enumerate(names):
            if written >= articles:
                break
            issues += 1
            folder = out / paper / day.isoformat()
            folder.mkdir(parents=True, exist_ok=True)
            for page in range(1, rng.randint(4, 8) + 1):
                if written >= articles:
                    break
                count = min(rng.randint(3, 7), articles - written)
                number = (day - dt.date(2015, 1, 1)).days + 1000 * (paper_number + 1)
                lines = _masthead(paper, day, number, page, SECTIONS[(page - 1) % len(SECTIONS)])
                for _ in range(count):
                    lines += _article(rng, vocabulary)
                (folder / f"{page:02d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
                written += count
                pages += 1
        day += dt.timedelta(days=1)
    return {"articles": written, "pages": pages, "issues": issues, "papers": len(names)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the archive into")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--papers", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    counts = generate(args.out, args.articles, papers=args.papers, seed=args.seed)
    print(f"wrote {counts['articles']} articles on {counts['pages']} pages of {counts['issues']} issues "
          f"of {counts['papers']} papers into {args.out}")


if __name__ == "__main__":
    main()
