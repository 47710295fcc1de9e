/*
 * The search page (templates/search.html), driven by window.sitegen.search.
 * The search lives in the URL (search.html?q=…&paper=…&from=…&to=…&topic=…
 * &sort=…&page=…), so a search can be bookmarked and shared; the form is a
 * plain GET form, which this script takes over to answer without reloading.
 */
(function () {
  "use strict";

  var PER_PAGE = 20;
  var FIELDS = ["q", "paper", "from", "to", "topic", "sort", "page"];
  var form = document.getElementById("search-form");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var pager = document.getElementById("search-pager");
  if (!form || !window.sitegen || !window.sitegen.search) return;
  var rootMeta = document.querySelector('meta[name="sitegen-root"]');
  var root = (rootMeta && rootMeta.getAttribute("content")) || "./";
  if (root.charAt(root.length - 1) !== "/") root += "/";
  var initialStatus = status.textContent;
  var latest = 0;

  function readState(search) {
    var params = new URLSearchParams(search), state = {};
    FIELDS.forEach(function (name) { state[name] = (params.get(name) || "").trim(); });
    state.page = Math.max(1, parseInt(state.page, 10) || 1);
    return state;
  }

  function queryString(state) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      var v = state[name];
      if (name === "page" && v === 1) return;
      if (name === "sort" && v === "relevance") return;
      if (v) params.set(name, v);
    });
    var s = params.toString();
    return s ? "?" + s : location.pathname.split("/").pop();
  }

  function fillForm(state) {
    var topics = form.elements.topic;
    // A topic the list leaves out (a keyword, from a bookmarked or shared address) gets an entry of its own.
    if (topics && state.topic && !Array.prototype.some.call(topics.options, function (o) { return o.value === state.topic; })) {
      var extra = document.createElement("option");
      extra.value = state.topic;
      extra.textContent = "当前专题：" + state.topic.replace(/^keyword\//, "关键词 ");
      topics.appendChild(extra);
    }
    FIELDS.forEach(function (name) {
      var el = form.elements[name];
      if (el) el.value = state[name] || (name === "sort" ? "relevance" : "");
    });
  }

  function formState(page) {
    var state = {};
    FIELDS.forEach(function (name) {
      var el = form.elements[name];
      state[name] = el ? el.value.trim() : "";
    });
    state.page = page || 1;
    return state;
  }

  function chineseDate(iso) {
    if (!iso) return "日期不详";
    var p = iso.split("-");
    return parseInt(p[0], 10) + "年" + parseInt(p[1], 10) + "月" + parseInt(p[2], 10) + "日";
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text) node.textContent = text;
    return node;
  }

  function renderResult(r) {
    var li = el("li", { "class": "search-result" });
    var h = el("h2");
    h.appendChild(el("a", { href: root + r.url }, r.title));
    li.appendChild(h);
    var meta = [r.newspaper, chineseDate(r.date), r.page ? "第" + r.page + "版" : "版次不详"];
    li.appendChild(el("p", { "class": "meta" }, meta.join(" · ")));
    if (r.snippet) {
      var p = el("p", { "class": "snippet" });
      p.innerHTML = r.snippet; // built by search.js from escaped text and <mark>
      li.appendChild(p);
    }
    return li;
  }

  function pageLink(state, page, label, current) {
    var li = el("li");
    if (current) {
      li.appendChild(el("span", { "aria-current": "page" }, label));
    } else {
      var a = el("a", { href: queryString(Object.assign({}, state, { page: page })), "data-page": String(page) }, label);
      li.appendChild(a);
    }
    return li;
  }

  function renderPager(state, total) {
    pager.textContent = "";
    var pages = Math.ceil(total / PER_PAGE);
    if (pages < 2) return;
    var ul = el("ul");
    if (state.page > 1) ul.appendChild(pageLink(state, state.page - 1, "上一页"));
    var from = Math.max(1, state.page - 4), to = Math.min(pages, from + 8);
    for (var n = from; n <= to; n++) ul.appendChild(pageLink(state, n, String(n), n === state.page));
    if (state.page < pages) ul.appendChild(pageLink(state, state.page + 1, "下一页"));
    pager.appendChild(ul);
  }

  function show(state, focusResults) {
    var run = ++latest;
    list.textContent = "";
    pager.textContent = "";
    status.classList.remove("error");
    if (!state.q) {
      status.textContent = initialStatus;
      return Promise.resolve();
    }
    status.textContent = "正在检索……";
    var start = (state.page - 1) * PER_PAGE;
    return window.sitegen.search(state.q, {
      paper: state.paper, from: state.from, to: state.to, topic: state.topic,
      sort: state.sort || "relevance", snippets: [start, start + PER_PAGE]
    }).then(function (results) {
      if (run !== latest) return;
      if (!results.length) {
        status.textContent = "没有找到包含“" + state.q + "”的文章。" +
          (state.paper || state.from || state.to || state.topic ? "可以放宽筛选条件再试。" : "可以换一个说法，或减少字数再试。");
        return;
      }
      var exact = results.filter(function (r) { return r.exact; }).length;
      var text = "找到 " + results.length + " 篇文章";
      if (exact < results.length) text += "，其中 " + exact + " 篇含完整的“" + state.q + "”";
      var pages = Math.ceil(results.length / PER_PAGE);
      if (state.page > pages) state.page = pages;
      start = (state.page - 1) * PER_PAGE;
      if (pages > 1) text += "（第 " + state.page + "/" + pages + " 页）";
      status.textContent = text + "。";
      var shown = results.slice(start, start + PER_PAGE);
      return window.sitegen.snippets(results, start, start + PER_PAGE).then(function () {
        if (run !== latest) return;
        var noted = false;
        shown.forEach(function (r) {
          if (!r.exact && !noted && exact > 0) {
            list.appendChild(el("li", { "class": "search-parts-note" }, "以下文章含有检索词的各个部分，但不相连："));
            noted = true;
          }
          list.appendChild(renderResult(r));
        });
        renderPager(state, results.length);
        if (focusResults) list.focus();
      });
    }).catch(function (error) {
      if (run !== latest) return;
      status.classList.add("error");
      status.textContent = "检索出错：" + error.message;
    });
  }

  function go(state, focusResults) {
    var target = queryString(state);
    try {
      history.pushState(null, "", target);
    } catch (e) {
      location.href = target; // some browsers refuse pushState on file:// pages
      return;
    }
    show(state, focusResults);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    go(formState(1), false);
  });
  ["paper", "topic", "sort", "from", "to"].forEach(function (name) {
    var field = form.elements[name];
    if (field) field.addEventListener("change", function () { if (form.elements.q.value.trim()) go(formState(1), false); });
  });
  pager.addEventListener("click", function (event) {
    var a = event.target.closest("a[data-page]");
    if (!a) return;
    event.preventDefault();
    go(formState(parseInt(a.getAttribute("data-page"), 10)), true);
  });
  window.addEventListener("popstate", function () {
    var state = readState(location.search);
    fillForm(state);
    show(state, false);
  });

  var initial = readState(location.search);
  fillForm(initial);
  if (initial.q) show(initial, false);
  else form.elements.q.focus();
})();
