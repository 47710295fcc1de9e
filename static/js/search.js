/*
 * sitegen full-text search: window.sitegen.search(query, options)
 *
 * Works from file:// as well as over HTTP: every index file is a script that
 * stores its data in window.sitegenSearchData, loaded with a <script> tag
 * (no fetch, XHR, Worker or WebAssembly).  The index is made by
 * sitegen/search/ (read its docstrings for the file formats).
 *
 * Terms are overlapping character bigrams with positions, so any string of two
 * or more characters is found: the query is cut into the bigrams that cover
 * it, their shards are loaded, the articles holding them are scored as
 * lunr.js would score them (BM25, scoreEntries; no user text is ever read as
 * lunr query syntax), and the positions show which articles hold the exact
 * string.  Those rank first; articles that
 * hold all the parts, but apart, follow.  Words the query separates by spaces
 * are looked for each on its own; parts joined by other characters (1.5万,
 * 46.3%, CN14-0001, 阿卜杜拉·阿齐兹) count as exact only where they stand
 * so in the text: each part ending its run of letters and digits, the next
 * after as many characters as typed between them, and a single joiner typed
 * (. - / : ·) standing there too (the index holds a run's last character with
 * the joiner after it: tokenize.JOINERS).
 *
 * API
 *   sitegen.search(query, options) -> Promise of an array, best first, of
 *     {doc, id, url, title, newspaper, date, page, topics, score, exact, snippet}
 *     for every matching article.  doc is the article's number in the index;
 *     newspaper, date ("YYYY-MM-DD" or null), score and exact (the article
 *     contains the query as typed, up to width and case) are there for every
 *     result, since filters and sorting need them.  What is only shown is
 *     loaded only for the results shown: id, url (relative to the site root),
 *     title, page, topics ([{slug, name}]) and snippet (HTML: text escaped,
 *     matches in <mark>) are filled for the results in options.snippets
 *     (default: the first 20) and null for the others; fill more with
 *     sitegen.snippets(results, start, end), which resolves to the same array.
 *   options: paper (name), from / to ("YYYY-MM-DD", inclusive), topic (slug),
 *     sort ("relevance" | "date" oldest first | "date-desc"),
 *     snippets ([start, end) of the results to fill).
 *   sitegen.searchInfo() -> Promise of {documents, papers, topics} for filters.
 *   sitegen.searchLoadedFiles() -> the index files this page has loaded so far.
 *
 * A query with thousands of hits thus loads the hit data of their chunks
 * (search/d/, some 9 KB per 5,000 articles) and the text files of twenty;
 * a topic filter loads the members of its topic (search/k/).
 */
(function () {
  "use strict";

  var sitegen = (window.sitegen = window.sitegen || {});
  var store = (window.sitegenSearchData = window.sitegenSearchData || {});
  var metaRoot = document.querySelector('meta[name="sitegen-root"]');
  var root = (metaRoot && metaRoot.getAttribute("content")) || document.documentElement.getAttribute("data-root") || "./";
  if (root.charAt(root.length - 1) !== "/") root += "/";

  var FORMAT_VERSION = 3;
  var MATCH = Symbol("sitegen search match"); // a result's hit (where it matched), kept off its public fields
  var SHOWN = Symbol("sitegen search shown"); // whether a result's shown fields are filled
  var SNIPPET_CONTEXT = 36; // code points shown before a match
  var SNIPPET_LENGTH = 110; // code points in a snippet

  /* ---------- loading scripts ---------- */

  var pending = {};
  var loadedFiles = [];

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.async = true;
      tag.onload = function () { tag.remove(); resolve(); };
      tag.onerror = function () { tag.remove(); reject(new Error("无法加载检索文件：" + src)); };
      document.head.appendChild(tag);
    });
  }

  function load(name) {
    if (!pending[name]) {
      var src = root + "search/" + name + ".js";
      pending[name] = loadScript(src).then(function () {
        if (!(name in store)) throw new Error("检索文件内容有误：" + src);
        var value = store[name];
        delete store[name];
        loadedFiles.push("search/" + name + ".js");
        return value;
      });
      pending[name].catch(function () { delete pending[name]; });
    }
    return pending[name];
  }

  var manifestReady = null;
  function manifest() {
    if (!manifestReady) {
      manifestReady = load("manifest").then(function (m) {
        if (m.version !== FORMAT_VERSION) throw new Error("检索索引版本不符，请重新生成网站");
        return m;
      });
      manifestReady.catch(function () { manifestReady = null; });
    }
    return manifestReady;
  }

  /* ---------- text: the same rules as sitegen/search/tokenize.py ---------- */

  var WORD = /^[\p{L}\p{N}\uE000-\uF8FF]$/u;
  var JOINERS = ".-/:\u00b7\u30fb\u2027"; // tokenize.JOINERS
  var foldCache = new Map();

  function cpLength(s) {
    var n = 0;
    for (var _ of s) n++; // eslint-disable-line no-unused-vars
    return n;
  }

  // One character in, one character out: NFKC and lower case, unless that
  // would turn it into several characters (then it stays as it is).
  function fold(c) {
    var code = c.charCodeAt(0);
    if (code >= 0x4e00 && code <= 0x9fff) return c; // CJK ideographs: no width, no case
    if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : c;
    var f = foldCache.get(c);
    if (f === undefined) {
      var n = c.normalize("NFKC");
      if (cpLength(n) !== 1) n = c;
      var l = n.toLowerCase();
      f = cpLength(l) === 1 ? l : n;
      foldCache.set(c, f);
    }
    return f;
  }

  function normalisedChars(text) {
    return Array.from(text, fold);
  }

  // The query as groups of runs of word characters (each run an array of code
  // points).  Runs joined by characters other than spaces (the point of 1.5,
  // the hyphen of CN14-0001) are one group, with the number of joining
  // characters after each run but the last in gaps (and in joins the joiner,
  // when it is one of JOINERS alone, else ""), and the group's text as typed
  // (normalised) in needle, for highlighting.
  function queryGroups(query) {
    var groups = [], run = [], gap = [], spaced = true; // gap: what stands before the run
    function runEnded() {
      var group = groups[groups.length - 1];
      if (spaced) groups.push((group = { segs: [], gaps: [], joins: [], needle: [] }));
      else {
        group.gaps.push(gap.length);
        group.joins.push(gap.length === 1 && JOINERS.indexOf(gap[0]) >= 0 ? gap[0] : "");
        group.needle = group.needle.concat(gap);
      }
      group.segs.push(run);
      group.needle = group.needle.concat(run);
      run = []; gap = []; spaced = false;
    }
    normalisedChars(query).forEach(function (c) {
      if (WORD.test(c)) { run.push(c); return; }
      if (run.length) runEnded();
      gap.push(c);
      if (/\s/u.test(c)) spaced = true;
    });
    if (run.length) runEnded();
    return groups;
  }

  // The bigrams that cover a segment end to end, with their offsets: at
  // 0, 2, 4, … and the last pair.  An article holds the segment exactly when
  // it has each of them at start + offset.
  function cover(seg) {
    if (seg.length === 1) return [{ term: seg[0], offset: 0, prefix: true }];
    var parts = [];
    for (var i = 0; i + 1 < seg.length; i += 2) parts.push(i);
    if (parts[parts.length - 1] !== seg.length - 2) parts.push(seg.length - 2);
    return parts.map(function (i) {
      var term = seg[i] + seg[i + 1];
      return { term: term, offset: i, prefix: false };
    });
  }

  /* ---------- shards ---------- */

  var SAFE = "";
  for (var code = 0x21; code < 0x7f; code++) if (code !== 0x22 && code !== 0x5c) SAFE += String.fromCharCode(code);
  var LAST = SAFE.slice(0, 46), MORE = SAFE.slice(46), BASE = 46;
  var DIGIT = {};
  for (var d = 0; d < BASE; d++) { DIGIT[LAST.charAt(d)] = d; DIGIT[MORE.charAt(d)] = -1 - d; }

  function decodeNumbers(text) {
    var out = [], n = 0;
    for (var i = 0; i < text.length; i++) {
      var v = DIGIT[text.charAt(i)];
      if (v < 0) n = n * BASE + (-1 - v);
      else { out.push(n * BASE + v); n = 0; }
    }
    return out;
  }

  // Which shard holds a term: the number of shard bounds not after it.
  function shardOf(m, term) {
    var lo = 0, hi = m.bounds.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (m.bounds[mid] <= term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function shardsFor(m, part) {
    var first = shardOf(m, part.term);
    var last = part.prefix ? shardOf(m, part.term + "\uffff") : first;
    var out = [];
    for (var s = first; s <= last; s++) out.push(s);
    return out;
  }

  // Raw shards stay in memory (as compact as their files); a query decodes
  // just the terms it needs, so memory does not grow with every shard a
  // reader's queries have touched.
  var shards = {};

  function shard(number) {
    if (!shards[number]) {
      shards[number] = load("s/" + number);
      shards[number].catch(function () { delete shards[number]; });
    }
    return shards[number];
  }

  // The terms of a loaded shard that a query part asks for: the term itself,
  // or for a one-character part every term that starts with it.
  function termsIn(data, part) {
    var terms = data.terms, lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < part.term) lo = mid + 1;
      else hi = mid;
    }
    var out = [];
    for (var i = lo; i < terms.length; i++) {
      if (part.prefix ? terms[i].lastIndexOf(part.term, 0) !== 0 : terms[i] !== part.term) break;
      // A character with the joiner after it (1.) is no more of the text than the character.
      if (part.prefix && terms[i].length > 1 && JOINERS.indexOf(terms[i].charAt(terms[i].length - 1)) >= 0) continue;
      out.push(i);
    }
    return out;
  }

  // A term's postings as stored (sitegen/search/index.py): for each field, the
  // articles holding the term, each with its weight and the term's positions.
  function eachPosting(text, visit) {
    var nums = decodeNumbers(text), i = 0;
    while (i < nums.length) {
      var field = nums[i], count = nums[i + 1], doc = 0;
      i += 2;
      for (var k = 0; k < count; k++) {
        doc += nums[i];
        var weight = nums[i + 1], tf = nums[i + 2], positions = [], p = 0;
        i += 3;
        for (var j = 0; j < tf; j++) { p += nums[i + j]; positions.push(p); }
        i += tf;
        visit(field, doc, weight, positions);
      }
    }
  }

  // Where a term stands, as "field/doc" -> positions (for terms looked up, not scored).
  function placesOf(text) {
    var places = {};
    eachPosting(text, function (field, doc, weight, positions) { places[field + "/" + doc] = positions; });
    return places;
  }

  // The articles holding the query's terms, scored as lunr.Index.query scores
  // optional clauses of boost 1: lunr's BM25, the stored weight times lunr's
  // idf and the field's boost, rounded as lunr.Index.load keeps a field
  // vector; a field's score is its dot product with the query vector (which
  // counts the clauses each term answers) over that vector's length, and an
  // article's score the sum of its fields' in the order lunr meets them.  It
  // is worked out here in typed arrays rather than by loading a lunr index: a
  // one-character query matches most of an archive, and lunr's objects for
  // every match took seconds.
  //   entries: the terms found, {term, postings}; clauses: the query's parts
  //   (a term answers the parts it equals or, for a one-character part,
  //   starts with).  Returns the articles holding a term (docs) and their
  //   scores; whole(n), whether docs[n] holds every part; first(doc, c),
  //   where part c first stands in an article ({field, start}: the first
  //   field holding it, the least position there).  Each entry keeps its
  //   numbers (entry.nums).
  function scoreEntries(m, entries, clauses) {
    var N = m.documents, F = m.fields.length, E = entries.length, C = clauses.length;
    entries.sort(function (a, b) { return a.term < b.term ? -1 : a.term > b.term ? 1 : 0; });
    var query = new Float64Array(E), firstClause = new Int32Array(E).fill(C), answers = [];
    entries.forEach(function (e, t) {
      answers.push([]);
      clauses.forEach(function (part, c) {
        if (part.prefix ? e.term.lastIndexOf(part.term, 0) !== 0 : e.term !== part.term) return;
        query[t] += 1;
        answers[t].push(c);
        firstClause[t] = Math.min(firstClause[t], c);
      });
    });
    var squares = 0;
    for (var t = 0; t < E; t++) squares += query[t] * query[t];
    var magnitude = Math.sqrt(squares);
    var dot = new Float64Array(N * F), met = new Int32Array(N * F), covered = new Uint16Array(N);
    var firstField = new Uint8Array(N * C).fill(255), firstStart = new Int32Array(N * C);
    var touched = new Uint8Array(N), docs = [];
    for (t = 0; t < E; t++) {
      var nums = (entries[t].nums = decodeNumbers(entries[t].postings)), i = 0, df = 0, count, k;
      while (i < nums.length) { // the postings counted first: the idf needs them all
        count = nums[i + 1];
        df += count;
        i += 2;
        for (k = 0; k < count; k++) i += 3 + nums[i + 2];
      }
      var idf = Math.log(1 + Math.abs((N - df + 0.5) / (df + 0.5)));
      var mine = answers[t], meet = (firstClause[t] * E + t) * F + 1; // lunr meets terms by clause, then term
      i = 0;
      while (i < nums.length) {
        var field = nums[i], boost = m.boosts[field], doc = 0;
        count = nums[i + 1];
        i += 2;
        for (k = 0; k < count; k++) {
          doc += nums[i];
          var slot = doc * F + field, start = nums[i + 3];
          if (!touched[doc]) { touched[doc] = 1; docs.push(doc); }
          if (!met[slot] || meet + field < met[slot]) met[slot] = meet + field;
          dot[slot] += query[t] * (Math.round(idf * nums[i + 1] * m.weightScale * boost * 1000) / 1000);
          for (var a = 0; a < mine.length; a++) {
            var at = mine[a] * N + doc, was = firstField[at];
            if (was === 255) covered[doc]++;
            if (was === 255 || field < was || (field === was && start < firstStart[at])) {
              firstField[at] = field;
              firstStart[at] = start;
            }
          }
          i += 3 + nums[i + 2];
        }
      }
    }
    var scores = new Float64Array(docs.length), fields = [];
    for (var n = 0; n < docs.length; n++) {
      var base = docs[n] * F, score = 0;
      fields.length = 0;
      for (var f = 0; f < F; f++) if (met[base + f]) fields.push(f);
      if (fields.length > 1) fields.sort(function (a, b) { return met[base + a] - met[base + b]; });
      for (var j = 0; j < fields.length; j++) {
        var s = dot[base + fields[j]] / magnitude || 0;
        score = j ? score + s : s;
      }
      scores[n] = score;
    }
    return {
      docs: docs,
      scores: scores,
      whole: function (n) { return covered[docs[n]] === C; },
      first: function (doc, c) {
        var field = firstField[c * N + doc];
        return field === 255 ? null : { field: m.fields[field], start: firstStart[c * N + doc] };
      }
    };
  }

  // Where each term stands in the given articles: doc -> {term: {field: [positions]}}.
  function positionsIn(m, entries, wanted) {
    var out = new Map();
    entries.forEach(function (e) {
      var nums = e.nums, i = 0;
      while (i < nums.length) {
        var field = m.fields[nums[i]], count = nums[i + 1], doc = 0;
        i += 2;
        for (var k = 0; k < count; k++) {
          doc += nums[i];
          var tf = nums[i + 2];
          if (wanted.has(doc)) {
            var places = out.get(doc) || {}, positions = [], p = 0;
            out.set(doc, places);
            for (var j = 0; j < tf; j++) { p += nums[i + 3 + j]; positions.push(p); }
            (places[e.term] = places[e.term] || {})[field] = positions;
          }
          i += 3 + tf;
        }
      }
    });
    return out;
  }

  /* ---------- hit data (sitegen/search/results.py) ---------- */

  var chunks = {};

  // A chunk's hit data with its runs spread out: paper number, date and text place of each article.
  function hitChunk(number) {
    if (!chunks[number]) {
      chunks[number] = load("d/" + number).then(function (data) {
        var papers = [], dates = [];
        data.runs.forEach(function (run) {
          for (var k = 0; k < run[0]; k++) { papers.push(run[1]); dates.push(run[2]); }
        });
        return { papers: papers, dates: dates, text: decodeNumbers(data.text) };
      });
      chunks[number].catch(function () { delete chunks[number]; });
    }
    return chunks[number];
  }

  // Each hit's paper, date and text place (-1 until known), from the hit data of
  // its chunk: the chunks are loaded once, the facts kept on the hits.
  function withHitData(m, hits) {
    var per = m.docsPerChunk, wanted = {};
    hits.forEach(function (h) { if (h.text < 0) wanted[Math.floor(h.doc / per)] = true; });
    var numbers = Object.keys(wanted).map(Number);
    return Promise.all(numbers.map(hitChunk)).then(function (list) {
      var chunkOf = {};
      numbers.forEach(function (n, k) { chunkOf[n] = list[k]; });
      hits.forEach(function (h) {
        if (h.text >= 0) return;
        var chunk = chunkOf[Math.floor(h.doc / per)], i = h.doc % per;
        h.newspaper = m.papers[chunk.papers[i]];
        h.date = chunk.dates[i];
        h.text = chunk.text[i];
      });
      return hits;
    });
  }

  var topicsReady = null, members = {};

  function topicList() {
    if (!topicsReady) {
      topicsReady = load("topics").then(function (data) {
        var number = new Map();
        data.topics.forEach(function (t, n) { number.set(t[0], n); });
        return { topics: data.topics, files: data.files, number: number };
      });
      topicsReady.catch(function () { topicsReady = null; });
    }
    return topicsReady;
  }

  // The articles of a topic, as a Set of their numbers (empty for a topic the index does not know).
  function topicMembers(slug) {
    if (!members[slug]) {
      members[slug] = topicList().then(function (list) {
        var n = list.number.get(slug);
        if (n === undefined) return new Set();
        var file = 0;
        while (file + 1 < list.files.length && list.files[file + 1] <= n) file++;
        return load("k/" + file).then(function (gaps) {
          var docs = new Set(), doc = 0;
          decodeNumbers(gaps[n - list.files[file]]).forEach(function (gap) { doc += gap; docs.add(doc); });
          return docs;
        });
      });
      members[slug].catch(function () { delete members[slug]; });
    }
    return members[slug];
  }

  /* ---------- matching ---------- */

  function positionSets(metadata, field, term) {
    return (metadata[term] && metadata[term][field]) || [];
  }

  // Every place where a run of the query stands exactly in one field of an
  // article, in order: the starts where each of its covering bigrams is at its
  // offset (or, for one character, where any term begins with it).
  function segStarts(metadata, field, parts, prefixTerms) {
    var starts;
    if (parts[0].prefix) {
      starts = [];
      prefixTerms.forEach(function (term) { starts = starts.concat(positionSets(metadata, field, term)); });
    } else {
      var sets = parts.slice(1).map(function (part) { return new Set(positionSets(metadata, field, part.term)); });
      starts = positionSets(metadata, field, parts[0].term).filter(function (start) {
        return sets.every(function (set, k) { return set.has(start + parts[k + 1].offset); });
      });
    }
    return starts.sort(function (a, b) { return a - b; });
  }

  // Where a group of the query stands exactly in one field of an article: its
  // start, or -1.  Each run but the last must end its run of word characters
  // there (its last character is then a term on its own at that place, in
  // ends, or with the joiner typed after it) and the next run start after as
  // many joining characters as typed.
  function groupStart(hit, field, fieldNumber, group, plans, prefixes, ends) {
    var firsts = segStarts(hit.metadata, field, plans[0], prefixes[0]);
    if (group.segs.length === 1) return firsts.length ? firsts[0] : -1;
    var later = plans.slice(1).map(function (parts, k) {
      return new Set(segStarts(hit.metadata, field, parts, prefixes[k + 1]));
    });
    var key = fieldNumber + "/" + hit.doc;
    for (var s = 0; s < firsts.length; s++) {
      var at = firsts[s], ok = true;
      for (var k = 0; k < later.length && ok; k++) {
        var seg = group.segs[k], end = at + seg.length - 1, places = ends[seg[seg.length - 1] + group.joins[k]];
        at = end + 1 + group.gaps[k];
        ok = !!places && !!places[key] && places[key].indexOf(end) >= 0 && later[k].has(at);
      }
      if (ok) return firsts[s];
    }
    return -1;
  }

  // The matches of the last few queries, so paging, sorting and filtering a
  // search does not match it again.
  var recent = new Map(), RECENT = 12;

  function runQuery(m, query) {
    var key = queryGroups(query).map(function (group) { return group.needle.join(""); }).join(" ");
    var found = recent.get(key);
    if (found) recent.delete(key);
    else {
      found = matchQuery(m, query);
      found.catch(function () { recent.delete(key); });
    }
    recent.set(key, found);
    if (recent.size > RECENT) recent.delete(recent.keys().next().value);
    return found;
  }

  function matchQuery(m, query) {
    var groups = queryGroups(query), segs = [], endParts = [];
    groups.forEach(function (group) {
      group.segs.forEach(function (seg, k) {
        segs.push(seg);
        if (k + 1 < group.segs.length) {
          endParts.push({ term: seg[seg.length - 1] + group.joins[k], offset: 0, prefix: false, end: true });
        }
      });
    });
    var plan = segs.map(cover), parts = [];
    plan.forEach(function (ps) { ps.forEach(function (p) { parts.push(Array.from(p.term)); }); });
    // What a query found; each hit: {doc, score, exact, where, found} and, once
    // its hit data is loaded, newspaper, date and text (withHitData).
    var found = {
      needles: groups.map(function (group) { return group.needle; }), parts: parts, hits: [],
      shown: new Map(), // doc -> what its result shows (shownFields)
      whereOf: null // where the query stands in an article, when hits leave it undefined
    };
    function hit(doc, score, exact, where) {
      return { doc: doc, score: score, exact: exact, where: where, found: found, newspaper: null, date: null, text: -1 };
    }
    if (!segs.length) return Promise.resolve(found);
    var wanted = {}; // shard number -> list of parts
    function want(part) {
      shardsFor(m, part).forEach(function (s) { (wanted[s] = wanted[s] || []).push(part); });
    }
    plan.forEach(function (parts) { parts.forEach(want); });
    endParts.forEach(want);
    var numbers = Object.keys(wanted).map(Number).sort(function (a, b) { return a - b; });
    return Promise.all(numbers.map(shard)).then(function (datas) {
      var entries = [], taken = {}, ends = {};
      datas.forEach(function (data, n) {
        wanted[numbers[n]].forEach(function (part) {
          termsIn(data, part).forEach(function (i) {
            var term = data.terms[i];
            // Run ends are only looked up, not scored: they are not what was asked for.
            if (part.end) ends[term] = ends[term] || placesOf(data.postings[i]);
            else if (!taken[term]) { taken[term] = true; entries.push({ term: term, postings: data.postings[i] }); }
          });
        });
      });
      var clauses = [].concat.apply([], plan), scored = scoreEntries(m, entries, clauses), whole = [];
      scored.docs.forEach(function (doc, n) { if (scored.whole(n)) whole.push(n); });
      if (plan.every(function (ps) { return ps.length === 1; }) && plan.length === groups.length) {
        // Every group one term (a one- or two-character word): an article holding it holds it as
        // typed, and where it stands is looked up only for the results shown.
        found.whereOf = function (doc) {
          var where = null;
          groups.forEach(function (group, g) {
            var first = scored.first(doc, g);
            if (!where || (where.field !== "body" && first.field === "body")) where = first;
          });
          return where;
        };
        found.hits = whole.map(function (n) { return hit(scored.docs[n], scored.scores[n], true, undefined); });
        return found;
      }
      var places = positionsIn(m, entries, new Set(whole.map(function (n) { return scored.docs[n]; })));
      whole.forEach(function (n) {
        var doc = scored.docs[n], metadata = places.get(doc);
        var terms = Object.keys(metadata), exact = true, where = null, k = 0;
        for (var g = 0; g < groups.length; g++) {
          var group = groups[g], prefixes = [];
          for (var j = 0; j < group.segs.length; j++) {
            var first = plan[k + j][0];
            prefixes.push(first.prefix ? terms.filter(function (t) { return t.lastIndexOf(first.term, 0) === 0; }) : null);
          }
          var plans = plan.slice(k, k + group.segs.length), at = null;
          k += group.segs.length;
          for (var f = 0; f < m.fields.length && !at; f++) {
            var start = groupStart({ doc: doc, metadata: metadata }, m.fields[f], f, group, plans, prefixes, ends);
            if (start >= 0) at = { field: m.fields[f], start: start };
          }
          if (!at) exact = false;
          else if (!where || (where.field !== "body" && at.field === "body")) where = at;
        }
        found.hits.push(hit(doc, scored.scores[n], exact, where));
      });
      return found;
    });
  }

  /* ---------- snippets ---------- */

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Marks every occurrence of the needles (arrays of code points) in the
  // normalised code points of a text.
  function markRanges(norm, needles) {
    var marked = new Uint8Array(norm.length);
    needles.forEach(function (needle) {
      var n = needle.length;
      for (var i = 0; i + n <= norm.length; i++) {
        var k = 0;
        while (k < n && norm[i + k] === needle[k]) k++;
        if (k === n) for (k = 0; k < n; k++) marked[i + k] = 1;
      }
    });
    return marked;
  }

  // Snippet HTML from an article text, sliced by code point (never by UTF-16
  // unit, so a rare character outside the BMP cannot shift the highlight).
  function snippetHtml(chars, start, needles) {
    var from = Math.max(0, start - SNIPPET_CONTEXT);
    var nl = chars.lastIndexOf("\n", start);
    if (nl >= from) from = nl + 1;
    var to = Math.min(chars.length, from + SNIPPET_LENGTH);
    var marked = markRanges(chars.slice(from, to).map(function (c) { return fold(c); }), needles);
    var html = from > 0 ? "…" : "", open = false;
    for (var i = from; i < to; i++) {
      var on = marked[i - from] === 1;
      if (on && !open) { html += "<mark>"; open = true; }
      if (!on && open) { html += "</mark>"; open = false; }
      html += chars[i] === "\n" ? " " : escapeHtml(chars[i]);
    }
    if (open) html += "</mark>";
    if (to < chars.length) html += "…";
    return html;
  }

  // What a result shows, from its article's entry in its text file (results.TEXT_ENTRY):
  // id, url, title, page, topics and the snippet.
  function shownFields(m, entry, hit) {
    var found = hit.found, needles = hit.exact ? found.needles : found.parts;
    var where = hit.where !== undefined ? hit.where : found.whereOf(hit.doc);
    var body = Array.from(entry[m.fields.indexOf("body")]);
    var start = where && where.field === "body" ? where.start : -1;
    if (start < 0) {
      start = markRanges(body.map(function (c) { return fold(c); }), needles).indexOf(1);
      if (start < 0) start = 0;
    }
    var n = m.fields.length;
    return {
      id: entry[n], url: entry[n + 1], title: entry[m.fields.indexOf("title")], page: entry[n + 2] || null,
      topics: entry[n + 3].map(function (t) { return { slug: t[0], name: t[1] }; }),
      snippet: snippetHtml(body, start, needles)
    };
  }

  function fill(r, shown) {
    r.id = shown.id; r.url = shown.url; r.title = shown.title; r.page = shown.page;
    r.topics = shown.topics.map(function (t) { return { slug: t.slug, name: t.name }; });
    r.snippet = shown.snippet;
    r[SHOWN] = true;
  }

  // Fills what results[start:end] show, loading the text files of those results only.
  function fillShown(m, results, start, end) {
    var jobs = [];
    for (var i = Math.max(0, start); i < Math.min(results.length, end); i++) {
      (function (r) {
        var hit = r[MATCH];
        if (!hit || r[SHOWN]) return;
        var cached = hit.found.shown.get(hit.doc);
        if (cached) { fill(r, cached); return; }
        // The article's entry is in the file of the run of articles it belongs to (writer.text_files).
        var first = hit.doc - hit.text;
        jobs.push(load("t/" + Math.floor(first / m.textsPerFolder) + "/" + first).then(function (run) {
          var shown = shownFields(m, run[hit.doc - first], hit);
          hit.found.shown.set(hit.doc, shown);
          fill(r, shown);
        }));
      })(results[i]);
    }
    return Promise.all(jobs).then(function () { return results; });
  }

  /* ---------- the API ---------- */

  function search(query, options) {
    options = options || {};
    return manifest().then(function (m) {
      return runQuery(m, String(query || "")).then(function (found) {
        return Promise.all([withHitData(m, found.hits), options.topic ? topicMembers(options.topic) : null]).then(function (values) {
          var inTopic = values[1], results = [];
          found.hits.forEach(function (h) {
            if (options.paper && h.newspaper !== options.paper) return;
            if (options.from && !(h.date && h.date >= options.from)) return;
            if (options.to && !(h.date && h.date <= options.to)) return;
            if (inTopic && !inTopic.has(h.doc)) return;
            var r = {
              doc: h.doc, id: null, url: null, title: null, newspaper: h.newspaper, date: h.date, page: null,
              topics: null, score: Math.round(h.score * 1000) / 1000, exact: h.exact, snippet: null
            };
            r[MATCH] = h;
            results.push(r);
          });
          var byDate = options.sort === "date" || options.sort === "date-desc";
          var sign = options.sort === "date-desc" ? -1 : 1;
          results.sort(function (a, b) {
            if (a.exact !== b.exact) return a.exact ? -1 : 1;
            if (byDate) {
              if (a.date !== b.date) {
                if (!a.date) return 1;
                if (!b.date) return -1;
                return a.date < b.date ? -sign : sign;
              }
            } else if (a.score !== b.score) return b.score - a.score;
            return a.doc - b.doc;
          });
          var range = options.snippets || [0, 20];
          return fillShown(m, results, range[0], range[1]);
        });
      });
    });
  }

  sitegen.search = search;
  sitegen.snippets = function (results, start, end) {
    return manifest().then(function (m) { return fillShown(m, results, start, end); });
  };
  sitegen.searchInfo = function () {
    return Promise.all([manifest(), topicList()]).then(function (values) {
      return {
        documents: values[0].documents,
        papers: values[0].papers.slice(),
        topics: values[1].topics.map(function (t) { return { slug: t[0], name: t[1] }; })
      };
    });
  };
  // For benchmarks: the index files this page has loaded so far.
  sitegen.searchLoadedFiles = function () { return loadedFiles.slice(); };
})();
