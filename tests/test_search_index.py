"""The search index as the build writes it: terms, shards and scores."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lunr.builder import Builder

from sitegen.search import SearchDoc, build_search_index
from sitegen.search import shards as shards_mod
from sitegen.search import writer as writer_mod
from sitegen.search.index import BOOSTS, FIELDS, K1, WEIGHT_LEVELS, decode_numbers, encode_numbers
from sitegen.search.tokenize import field_terms, normalise, utf16_key


def doc(n: int, body: str, title: str = "标题", **kw) -> SearchDoc:
    return SearchDoc(id=f"a{n}", url=f"papers/x/2020-01-0{n % 9 + 1}/01/{n:02d}.html", title=title, kicker=None,
                     subtitle=None, body=body, newspaper=kw.get("newspaper", "人民日报"),
                     date=kw.get("date", "2020-01-01"), page="01", topics=kw.get("topics", ()))


def read_js(path: Path):
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("]=") + 2 : -2])


def shards_of(out: Path) -> list[dict]:
    manifest = read_js(out / "manifest.js")
    return [read_js(out / "s" / f"{n}.js") for n in range(manifest["shards"])]


def test_full_width_and_case_fold_to_what_the_reader_types():
    assert normalise("ＣＮ１４") == "cn14"
    assert normalise("２０２２年") == "2022年"


@given(st.text())
def test_normalising_keeps_one_character_for_each_character(text):
    assert len(normalise(text)) == len(text)


@given(st.text(alphabet=st.sampled_from("援朔医疗队中国人民１２ＡB𠀀\ue000，。 \n.．·-"), max_size=40))
def test_every_term_stands_at_its_positions(text):
    terms, _ = field_terms(text)
    folded = normalise(text)
    for term, positions in terms.items():
        for p in positions:
            assert folded[p : p + len(term)] == term


def test_a_run_joined_to_the_next_by_a_point_ends_with_a_term_that_says_so():
    terms, length = field_terms("增长４６．３％，共46，3人")
    assert terms["6."] == [3] and terms["6"] == [3, 10]  # after the 46 of 46.3, not after that of 46，3
    assert "6," not in terms and "3%" not in terms
    assert length == len("增长46") + len("3") + len("共46") + len("3人")


def test_a_word_inside_a_jieba_word_is_indexed():
    terms, _ = field_terms("援朔医疗队")
    assert terms["朔医"] == [1] and terms["医疗"] == [2] and terms["队"] == [4]


@given(st.lists(st.integers(min_value=0, max_value=10**9)))
def test_numbers_survive_the_compact_code(numbers):
    assert decode_numbers(encode_numbers(numbers)) == numbers


def test_every_number_the_code_keeps_ready_made_survives_it():
    # Positions below 46³ take their code from a table made at start-up; the browser decodes each.
    numbers = list(range(46 ** 3 + 100))
    assert decode_numbers(encode_numbers(numbers)) == numbers


def test_terms_are_in_javascript_order_across_shards_with_astral_and_private_use_characters(tmp_path, monkeypatch):
    # lunr.py sorts by code point, where U+E000 (private use, common in OCR) comes
    # before 𠀀 (U+20000); JavaScript compares UTF-16 units, where 𠀀 (D840 DC00)
    # comes first, and lunr.js refuses an index out of its order (lunr.py #144).
    monkeypatch.setattr(shards_mod, "TARGET_SHARD_BYTES", 60)
    bodies = ["𠀀字与\ue000字", "中国１２３，ＡＢ", "援朔医疗队", "﨎字", "abc 𠀁𠀂"]
    build_search_index((doc(i, b) for i, b in enumerate(bodies)), tmp_path)
    manifest = read_js(tmp_path / "manifest.js")
    shards = shards_of(tmp_path)
    assert manifest["shards"] > 3
    terms = [t for s in shards for t in s["terms"]]
    assert terms == sorted(terms, key=utf16_key)
    assert manifest["bounds"] == [s["terms"][0] for s in shards[1:]]
    assert sorted(terms, key=utf16_key) != sorted(terms)  # the trap is really in this index


def test_same_articles_give_the_same_bytes(tmp_path):
    docs = [doc(i, f"第{i}篇：疫情防控措施，援朔医疗队") for i in range(30)]
    build_search_index(iter(docs), tmp_path / "a")
    build_search_index(iter(docs), tmp_path / "b")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.js"))
    assert files_a == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.js"))
    for name in files_a:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def entries_of(out: Path) -> list[list]:
    """Each article's entry in its text file, found as search.js finds it for a result shown."""
    manifest, entries = read_js(out / "manifest.js"), []
    for chunk in range(math.ceil(manifest["documents"] / manifest["docsPerChunk"])):
        offsets = decode_numbers(read_js(out / "d" / f"{chunk}.js")["text"])
        for i, offset in enumerate(offsets):
            first = chunk * manifest["docsPerChunk"] + i - offset  # the run's file is named by its first article
            entries.append(read_js(out / "t" / str(first // manifest["textsPerFolder"]) / f"{first}.js")[offset])
    return entries


def texts_of(out: Path) -> list[list[str]]:
    """Each article's [title, kicker, subtitle, body], as its snippet is made from them."""
    return [entry[: len(FIELDS)] for entry in entries_of(out)]


def test_splitting_the_work_by_issue_and_process_changes_no_index_byte(tmp_path, monkeypatch):
    docs = [doc(i, f"第{i}篇：疫情防控措施，援朔医疗队{i * 7}，𠀀字与\ue000字") for i in range(40)]
    monkeypatch.setattr(shards_mod, "TARGET_SHARD_BYTES", 2000)
    build_search_index(iter(docs), tmp_path / "whole")
    monkeypatch.setattr(writer_mod, "SPOOL_DOCUMENTS", 3)
    build_search_index(iter(docs), tmp_path / "split", jobs=2)
    # The shards and manifest are the same bytes.  Texts (and the hit data that points into
    # them) are grouped within an issue, so their files follow the issues, which in a build are
    # the same whatever the number of processes.
    files = sorted(p.relative_to(tmp_path / "whole") for p in (tmp_path / "whole").glob("s/*.js"))
    files += [Path("manifest.js")]
    assert len(files) > 3
    for name in files:
        assert (tmp_path / "whole" / name).read_bytes() == (tmp_path / "split" / name).read_bytes()
    assert texts_of(tmp_path / "whole") == texts_of(tmp_path / "split") == [["标题", "", "", d.body] for d in docs]


def test_a_text_file_holds_consecutive_articles_up_to_its_size_and_a_long_one_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(writer_mod, "TEXT_FILE_CHARS", 100)
    bodies = ["甲" * 30, "乙" * 30, "丙" * 30, "丁" * 300, "戊" * 10, "己" * 10]
    build_search_index((doc(i, b) for i, b in enumerate(bodies)), tmp_path)
    runs = {p.stem: read_js(p) for p in (tmp_path / "t").rglob("*.js")}
    assert {first: [t[3][0] for t in run] for first, run in runs.items()} == {
        "0": ["甲", "乙", "丙"], "3": ["丁"], "4": ["戊", "己"]}
    assert texts_of(tmp_path) == [["标题", "", "", b] for b in bodies]


def test_encoding_in_small_batches_gives_every_term_the_same_postings(tmp_path, monkeypatch):
    docs = [doc(i, f"第{i}篇：疫情防控措施，援朔医疗队{i * 7}，𠀀字与\ue000字，ＡＢｃ") for i in range(40)]
    build_search_index(iter(docs), tmp_path / "whole")
    spool = shards_mod.Spool(tmp_path)
    spool.add(shards_mod.issue_rows(0, [(d.title, d.kicker, d.subtitle, d.body) for d in docs])[0])
    spool.close()
    assert len(spool.batches(20)) > 3  # small batches really split this index
    monkeypatch.setattr(shards_mod, "BATCH_ROWS", 20)
    build_search_index(iter(docs), tmp_path / "batched", jobs=2)

    def postings(out):
        return {t: p for s in shards_of(out) for t, p in zip(s["terms"], s["postings"])}

    assert postings(tmp_path / "whole") == postings(tmp_path / "batched")


def test_a_run_too_big_to_hold_is_read_in_parts_of_whole_terms_in_term_order(tmp_path, monkeypatch):
    """The bucket of 的 is millions of rows in a big archive; a worker reads it a part at a time."""
    monkeypatch.setattr(shards_mod, "BLOCK_ROWS", 97)
    monkeypatch.setattr(shards_mod, "SAMPLE_EVERY", 3)
    spool = shards_mod.Spool(tmp_path)
    for issue in range(6):  # several issues: a term's rows must stay in document order across them
        docs = [(f"标题{n}", "", "", f"的确的的{n}的话，的士与目的地{issue * n}的") for n in range(issue * 10, issue * 10 + 10)]
        spool.add(shards_mod.issue_rows(issue * 10, docs)[0])
    spool.close()
    (run,) = spool.batches(10**9)
    whole = shards_mod.gather(run)
    parts = list(shards_mod.gather_parts(run, target=40))

    assert len(parts) > 3 and sum(map(len, parts)) == len(whole)
    assert max(map(len, parts)) < 4 * 40
    key_sets = [set(p["key"].tolist()) for p in parts]
    assert all(max(a) < min(b) for a, b in zip(key_sets, key_sets[1:]))  # whole terms, in term order
    by_term = whole[np.argsort(whole["key"], kind="stable")]
    in_parts = np.concatenate([p[np.argsort(p["key"], kind="stable")] for p in parts])
    assert in_parts.tobytes() == by_term.tobytes()  # each term's rows in document order
    assert not list(tmp_path.glob("*.part*"))  # the part files are gone


def _browser_score(shard_postings: str, documents: int, field: int) -> dict[int, float]:
    """What search.js computes from a term's postings: idf * weight * boost per document (one field)."""
    nums = decode_numbers(shard_postings)
    entries, df, i = [], 0, 0
    while i < len(nums):
        f, count = nums[i], nums[i + 1]
        i += 2
        df += count
        d = 0
        for _ in range(count):
            d += nums[i]
            weight, tf = nums[i + 1], nums[i + 2]
            i += 3 + tf
            if f == field:
                entries.append((d, weight))
    idf = math.log(1 + abs((documents - df + 0.5) / (df + 0.5)))
    return {d: idf * w * (K1 + 1) / WEIGHT_LEVELS * BOOSTS[FIELDS[field]] for d, w in entries}


def test_scores_are_lunr_py_bm25(tmp_path):
    bodies = ["中国 中国 人民", "中国 经济", "人民 人民 人民 日报 日报", "经济 日报 中国 发展 发展 发展 发展"]
    build_search_index((doc(i, b, title="日报") for i, b in enumerate(bodies)), tmp_path)
    ours = {t: p for s in shards_of(tmp_path) for t, p in zip(s["terms"], s["postings"])}

    # lunr.py's own builder over the same terms (each bigram here is a whole word, so
    # splitting the bodies on spaces gives lunr.py the same term counts).
    builder = Builder()
    builder.ref("id")
    for name in FIELDS:
        builder.field(name, boost=BOOSTS[name])
    for i, body in enumerate(bodies):
        builder.add({"id": str(i), "title": "日报", "kicker": None, "subtitle": None, "body": body})
    lunr_index = builder.build()
    # Every word is two characters, so field length over average length is the
    # same whether terms are counted as words (lunr.py) or characters (ours).
    for term in ("中国", "人民", "经济"):
        term_index = lunr_index.inverted_index[term]["_index"]
        ours_by_doc = _browser_score(ours[term], len(bodies), FIELDS.index("body"))
        for ref in lunr_index.inverted_index[term]["body"]:
            vector = lunr_index.field_vectors[f"body/{ref}"]
            lunr_score = dict(zip(vector.elements[::2], vector.elements[1::2]))[term_index]
            assert ours_by_doc[int(ref)] == pytest.approx(lunr_score, rel=0.03)


@given(st.lists(st.text(alphabet=st.sampled_from("援朔医疗队中国人民１２ＡBb𠀀𠀁\ue000\uf8ff﨎，。 _\n\x00.．·-:"), max_size=30),
                min_size=4, max_size=8).filter(lambda texts: len(texts) % 4 == 0))
def test_the_issue_wide_term_cutter_finds_the_terms_of_the_one_field_rule(texts):
    # spool_issue cuts a whole issue at once with arrays; field_terms states the rule one field at a time.
    documents = [texts[i : i + 4] for i in range(0, len(texts), 4)]
    rows, lengths = shards_mod.issue_rows(7, documents)
    found: dict[int, dict[str, list[int]]] = {}
    for key, slot, position in rows.tolist():
        found.setdefault(slot, {}).setdefault(shards_mod.term_of(key), []).append(position)
    for n, text in enumerate(texts):
        terms, length = field_terms(text)
        assert found.get(7 * 4 + n, {}) == dict(terms)
        assert lengths[n // 4][n % 4] == length
    keys = [shards_mod.term_of(k) for k in rows["key"].tolist()]
    assert keys == sorted(keys, key=utf16_key)


@given(st.text())
def test_array_normalisation_is_the_character_rule(text):
    from sitegen.search.tokenize import normalised_code_points

    assert "".join(map(chr, normalised_code_points(text).tolist())) == normalise(text)
