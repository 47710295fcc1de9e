"""How reading inputs copes with large and many files: prints time and peak memory.

    python benchmarks/bench_inputs.py            # all cases
    python benchmarks/bench_inputs.py --quick    # smaller sizes

First, decoding accuracy over the ~1,270 page dumps assembled from the
People's Daily corpus (skipped when ../shared/corpus is absent).  Then large
inputs:
the large inputs are generated deterministically into a temporary folder (a paragraph
of 朔州日报 text repeated), so anyone gets the same files.  Each case runs in
a fresh process so that peak memory (ru_maxrss) belongs to that case alone.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARAGRAPH = (
    "党的二十大报告指出，加强基层党组织建设，完善基层直接民主制度体系和工作体系，"
    "增强城乡社区群众自我管理、自我服务、自我教育、自我监督的实效。"
)


def make_inputs(folder: Path, quick: bool) -> dict[str, Path]:
    """The benchmark's input files; returns case name → path (file or archive folder)."""
    big_mb = 10 if quick else 50
    page = ("# 标题\n\n" + (PARAGRAPH + "\n\n") * 1000).encode("utf-8")
    repeats = big_mb * 1024 * 1024 // len(page) + 1
    cases = {}
    cases[f"utf8_{big_mb}mb_page"] = folder / "big_utf8.txt"
    cases[f"utf8_{big_mb}mb_page"].write_bytes(page * repeats)
    cases[f"gbk_{big_mb}mb_page"] = folder / "big_gbk.txt"
    gbk_page = page.decode("utf-8").encode("gbk")
    cases[f"gbk_{big_mb}mb_page"].write_bytes(gbk_page * (big_mb * 1024 * 1024 // len(gbk_page) + 1))
    line = PARAGRAPH * (200_000 // len(PARAGRAPH) + 1)
    cases["one_200000_char_line"] = folder / "one_line.txt"
    cases["one_200000_char_line"].write_text(line, encoding="utf-8")
    many = folder / "many"
    (many / "pages").mkdir(parents=True)
    for n in range(10_000):
        (many / "pages" / f"{n:05d}.txt").write_text(f"# 第{n}篇\n\n{PARAGRAPH}\n", encoding="utf-8")
    cases["10000_files_in_one_folder"] = many
    return cases


def run_case(path: Path) -> dict:
    """Discover (for a folder) and read every file: decode, split front matter, decide metadata."""
    sys.path.insert(0, str(REPO))
    from sitegen.metadata import page_meta, split_front_matter
    from sitegen.sources import discover, read_source

    start = time.perf_counter()
    archive = path if path.is_dir() else path.parent
    files = discover(archive) if path.is_dir() else [path]
    found = time.perf_counter()
    chars = 0
    for file in files:
        source = read_source(file, archive)
        front = split_front_matter(source.text, source.path)
        page_meta(source.path, source.path, front_matter=front.statement)
        chars += len(front.text)
    done = time.perf_counter()
    return {
        "files": len(files),
        "characters": chars,
        "discover_s": round(found - start, 3),
        "read_s": round(done - found, 3),
        "peak_rss_mb": _peak_rss_mb(),
    }


CORPUS = REPO.parent / "shared" / "corpus" / "people-daily"


def corpus_accuracy(short_chars: int = 60) -> None:
    """Decoding and folder-metadata accuracy over the corpus pages of ``benchmarks.corpus_pages``.

    Each page is decoded as generated (utf-8, gbk, gb18030), and again
    re-encoded as UTF-16 with and without a byte-order mark and as Big5 (with
    the simplified characters Big5 lacks left out, so the text stays natural
    but encodable); the first ``short_chars`` characters of each page, in GBK
    and in Big5, test short files, where detection has least to go on.
    """
    sys.path.insert(0, str(REPO))
    from benchmarks.corpus_pages import assemble_pages
    from sitegen.metadata import from_folders
    from sitegen.sources import decode_bytes

    if not CORPUS.is_dir():
        print(f"corpus absent ({CORPUS}); skipped")
        return
    pages = assemble_pages(CORPUS)
    trials: dict[str, list[bool]] = {}

    def check(name: str, data: bytes, text: str, expected: str) -> None:
        decoded = decode_bytes(data)
        ok = not isinstance(decoded, str) and decoded[0].replace("\r\n", "\n") == text and (
            decoded[1].startswith(expected))
        trials.setdefault(name, []).append(ok)

    folder_ok = 0
    for page in pages:
        expected = "gb18030" if page.encoding in ("gbk", "gb18030") else page.encoding
        check("as generated (utf-8/gbk/gb18030)", page.data, page.text, expected)
        check("utf-16 with BOM", page.text.encode("utf-16"), page.text, "utf-16")
        check("utf-16-le without BOM", page.text.encode("utf-16-le"), page.text, "utf-16")
        big5_text = page.text.encode("big5", errors="ignore").decode("big5")
        check("big5", big5_text.encode("big5"), big5_text, "big5")
        head = page.text[:short_chars]
        check(f"gbk, first {short_chars} characters", head.encode("gb18030"), head, "gb18030")
        big5_head = big5_text[:short_chars]
        check(f"big5, first {short_chars} characters", big5_head.encode("big5"), big5_head, "big5")
        stated = from_folders(page.relpath)
        folder_ok += (stated.newspaper, stated.date, stated.page) == (page.truth.newspaper, page.truth.date, page.truth.page)
    for name, results in trials.items():
        print(f"decoded exactly, {name:36} {sum(results):5}/{len(results)}  ({100 * sum(results) / len(results):.1f}%)")
    print(f"paper, date and page from the folder layout {folder_ok:5}/{len(pages)}")


def _peak_rss_mb() -> float:
    """This process's peak resident memory.  /proc's VmHWM starts afresh at exec;
    ru_maxrss on Linux keeps the parent's high-water mark across it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--quick", action="store_true")
    options.add_argument("--case", help=argparse.SUPPRESS)
    args = options.parse_args()
    if args.case:
        print(json.dumps(run_case(Path(args.case))))
        return
    corpus_accuracy()
    with tempfile.TemporaryDirectory() as temp:
        for name, path in make_inputs(Path(temp), args.quick).items():
            size = sum(p.stat().st_size for p in path.rglob("*")) if path.is_dir() else path.stat().st_size
            out = subprocess.run([sys.executable, __file__, "--case", str(path)], capture_output=True, text=True, check=True)
            figures = json.loads(out.stdout)
            print(f"{name:28} {size / 2**20:7.1f} MB  " + "  ".join(f"{k}={v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
