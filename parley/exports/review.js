/* parley review page: filters, search and problem navigation. The rows are rendered
   server-side. A long document's page holds its first part; the table's data-flags gives every
   bead's problems (one digit: 1 low + 2 unaligned + 4 findings), so filters, counts and j/k
   cover all beads, and the other parts' rows come from bead files (NAME.review/beads-0001.js,
   calling parleyReview.rows) added as script elements when the reader nears them; search
   reads the smaller text files (text-0001.js, parleyReview.texts). */
(function () {
  "use strict";
  var FLAG = { all: 0, low: 1, unaligned: 2, findings: 4 };
  var LABELS = { all: "all", low: "low confidence", unaligned: "unaligned", findings: "with findings" };
  var root = document.documentElement;
  var bar = document.querySelector(".toolbar");
  var status = document.getElementById("status");
  var empty = document.getElementById("empty");
  var find = document.getElementById("find");
  var table = document.querySelector("table.beads");
  var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  var flags = table.getAttribute("data-flags") || "";
  var n = flags.length;
  var size = Math.max(1, +table.getAttribute("data-chunk") || n || 1);
  var dir = table.getAttribute("data-dir");
  var token = table.getAttribute("data-token");
  var parts = [];
  var filter = "all";
  var query = "";
  var hits = null;        // with a query: 1 per matching bead, 0 otherwise (or not searched yet)
  var pending = 0;        // parts still to search for the query
  var current = -1;
  var rowH = 84;
  var failed = null;
  var timer = 0;
  var lastView = "";

  function Part(k) {
    this.k = k; this.beads = null; this.ph = null; this.rows = null; this.texts = null;
    this.loading = {}; this.want = false; this.waiters = []; this.searched = null;
  }
  for (var k = 0; k * size < n; k++) parts.push(new Part(k));

  function partOf(i) { return parts[Math.floor(i / size)]; }
  function flagOf(i) { return flags.charCodeAt(i) - 48; }
  function inView(i) {
    var f = FLAG[filter];
    return (!f || (flagOf(i) & f) !== 0) && (!query || (hits !== null && hits[i] === 1));
  }
  function collect(p) {
    var els = [];
    for (var i = p.k * size, end = Math.min(n, i + size); i < end; i++) {
      els.push(document.getElementById("u" + (i + 1)));
    }
    p.beads = els;
  }

  function setBarHeight() {
    root.style.setProperty("--bar-h", bar.offsetHeight + "px");
  }

  function say(text) {
    if (failed) text = failed;
    if (status.textContent !== text) status.textContent = text;
  }

  /* Show what the filter and query select: hidden on loaded rows, sized placeholders for the
     parts not loaded (so the scrollbar is about right and the observer finds them). */
  function apply(force) {
    var shown = 0;
    parts.forEach(function (p) {
      var a = p.k * size, b = Math.min(n, a + size), c = 0, i;
      if (p.beads) {
        for (i = a; i < b; i++) {
          var ok = inView(i), el = p.beads[i - a];
          if (el.hidden === ok) el.hidden = !ok;
          if (ok) c++;
        }
      } else {
        for (i = a; i < b; i++) if (inView(i)) c++;
        p.ph.hidden = c === 0;
        p.ph.style.height = c * rowH + "px";
      }
      shown += c;
    });
    root.setAttribute("data-filter", filter);
    empty.hidden = shown > 0 || pending > 0;
    var what = [];
    if (filter !== "all") what.push(LABELS[filter]);
    if (query) what.push("containing “" + find.value.trim() + "”");
    var text = (pending ? "Searching… " : "") + "Showing " + shown + " of " + n + " beads" +
        (what.length ? " (" + what.join(", ") + ")" : "");
    // the same view again (a part drawn as the reader scrolls): keep what j/k said
    if (text !== lastView || force) say(text);
    lastView = text;
    return shown;
  }

  function later() {
    if (!timer) timer = setTimeout(function () { timer = 0; apply(); }, 30);
  }

  function load(p, kind) {
    kind = kind || "beads";
    if (p.loading[kind] || !dir || (kind === "beads" ? p.beads : p.texts)) return;
    p.loading[kind] = true;
    var s = document.createElement("script");
    s.src = dir + "/" + kind + "-" + ("000" + p.k).slice(-4) + ".js";
    s.charset = "utf-8";
    s.onload = function () { s.remove(); };
    s.onerror = function () {
      s.remove();
      p.loading[kind] = false;
      failed = "Beads " + (p.k * size + 1) + "–" + Math.min(n, (p.k + 1) * size) +
        " could not be read: keep the folder " + decodeURIComponent(dir) + " beside this page";
      say(failed);
    };
    document.head.appendChild(s);
  }

  function materialize(p) {
    var ph = p.ph;
    observer && observer.unobserve(ph);
    ph.insertAdjacentHTML("beforebegin", p.rows);
    ph.remove();
    p.rows = null;
    p.ph = null;
    collect(p);
    var w = p.waiters;
    p.waiters = [];
    apply();
    w.forEach(function (f) { f(); });
  }

  function partFor(tok, k, kind) {
    var p = parts[k];
    if (tok !== token || !p) {
      failed = "The bead files in " + decodeURIComponent(dir) + " belong to another version " +
        "of this page: write the page again";
      say(failed);
      return null;
    }
    p.loading[kind] = false;
    return p;
  }

  /* Called by the bead files: a part's rows for the table, its texts for search. */
  window.parleyReview = {
    rows: function (tok, k, rows) {
      var p = partFor(tok, k, "beads");
      if (p && !p.beads) { p.rows = rows; materialize(p); }
    },
    texts: function (tok, k, texts) {
      var p = partFor(tok, k, "text");
      if (!p) return;
      p.texts = texts.map(function (t) { return t.toLowerCase(); });
      if (query && p.searched !== query) search(p);
    }
  };

  function want(p) {
    if (p.beads) return Promise.resolve();
    return new Promise(function (resolve) {
      p.want = true;
      p.waiters.push(resolve);
      load(p);
    });
  }

  var observer = null;
  if ("IntersectionObserver" in window) {
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) {
          var p = parts[+e.target.getAttribute("data-k")];
          if (p && !p.beads) want(p);
        }
      });
    }, { rootMargin: "1500px 0px" });
  }

  function textsOf(p) {
    if (!p.texts && p.beads) {
      p.texts = p.beads.map(function (el) {
        var cells = el.querySelectorAll("td.src:not(.empty), td.tgt:not(.empty)");
        return Array.prototype.map.call(cells, function (c) { return c.textContent; })
          .join("\n").toLowerCase();
      });
    }
    return p.texts;
  }

  function search(p) {
    var t = textsOf(p), a = p.k * size;
    for (var j = 0; j < t.length; j++) hits[a + j] = t[j].indexOf(query) >= 0 ? 1 : 0;
    p.searched = query;
    pending--;
    later();
  }

  function setQuery(q) {
    query = q;
    hits = q ? new Uint8Array(n) : null;
    pending = 0;
    if (q) {
      pending = parts.length;
      parts.forEach(function (p) {
        p.searched = null;
        if (textsOf(p)) search(p); else load(p, "text");
      });
    }
    apply(true);
  }

  function choose(name) {
    if (!Object.prototype.hasOwnProperty.call(FLAG, name)) name = "all";
    filter = name;
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-filter") === name ? "true" : "false");
    });
    apply(true);
  }

  function fromHash() {
    var m = /(?:^#|&)filter=([a-z]+)/.exec(location.hash);
    return m ? m[1] : null;
  }

  function pick(name) {
    choose(name);
    try {
      history.replaceState(null, "", name === "all" ? location.pathname + location.search : "#filter=" + name);
    } catch (e) { /* file:// in some browsers: the filter still applies */ }
  }

  /* The bead at the top of the view (below the toolbar), or -1 above the first. */
  function topBead() {
    var y = bar.offsetHeight + 40;
    var el = document.elementFromPoint(Math.max(10, table.getBoundingClientRect().left + 10), y);
    var tb = el && el.closest ? el.closest("tbody") : null;
    if (tb && tb.hasAttribute("data-i")) return +tb.getAttribute("data-i");
    if (tb && tb.classList.contains("ph")) return +tb.getAttribute("data-k") * size;
    return table.getBoundingClientRect().top > y ? -1 : n;
  }

  function problems() {
    var list = [];
    for (var i = 0; i < n; i++) if (flagOf(i) !== 0 && inView(i)) list.push(i);
    return list;
  }

  function jump(dir) {
    var list = problems();
    if (!list.length) {
      say("No problems in this view");
      return;
    }
    var at = current, target = -1, j;
    if (at < 0) {
      var top = topBead();
      at = dir > 0 ? top - 1 : top;
    }
    if (dir > 0) {
      for (j = 0; j < list.length && target < 0; j++) if (list[j] > at) target = list[j];
      if (target < 0) target = list[0];
    } else {
      for (j = list.length - 1; j >= 0 && target < 0; j--) if (list[j] < at) target = list[j];
      if (target < 0) target = list[list.length - 1];
    }
    var rank = list.indexOf(target) + 1, total = list.length;
    goTo(target, function () {
      say("Problem " + rank + " of " + total + " (bead " + (target + 1) + ")");
    });
  }

  function goTo(i, done) {
    var old = current >= 0 ? document.getElementById("u" + (current + 1)) : null;
    if (old) old.classList.remove("current");
    current = i;
    function show() {
      if (current !== i) return;
      var el = document.getElementById("u" + (i + 1));
      el.classList.add("current");
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: "center" });
      if (done) done();
    }
    if (partOf(i).beads) show(); else want(partOf(i)).then(show);
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () { pick(b.getAttribute("data-filter")); });
  });
  document.getElementById("next").addEventListener("click", function () { jump(1); });
  document.getElementById("prev").addEventListener("click", function () { jump(-1); });
  var typing = 0;
  find.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () { setQuery(find.value.trim().toLowerCase()); }, 200);
  });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (e.key === "j") { jump(1); e.preventDefault(); }
    else if (e.key === "k") { jump(-1); e.preventDefault(); }
    else if (e.key === "/") { find.focus(); e.preventDefault(); }
  });
  window.addEventListener("hashchange", function () {
    var f = fromHash();
    if (f && f !== filter) choose(f);
    var m = /^#u(\d+)$/.exec(location.hash);
    if (m && +m[1] >= 1 && +m[1] <= n) goTo(+m[1] - 1);
  });
  window.addEventListener("resize", setBarHeight);

  Array.prototype.forEach.call(document.querySelectorAll("tbody.ph"), function (ph) {
    var p = parts[+ph.getAttribute("data-k")];
    if (p) p.ph = ph;
  });
  parts.forEach(function (p) { if (!p.ph) collect(p); });
  bar.hidden = false;
  setBarHeight();
  if (parts.length > 1 && parts[0].beads) {
    // a placeholder's height: the first part's rows on average (rows vary with text length)
    var first = parts[0].beads, a = first[0], z = first[first.length - 1];
    var h = z.getBoundingClientRect().bottom - a.getBoundingClientRect().top;
    if (h > 0) rowH = h / first.length;
  }
  choose(fromHash() || "all");
  parts.forEach(function (p) { if (p.ph && observer) observer.observe(p.ph); });
  var m0 = /^#u(\d+)$/.exec(location.hash);
  if (m0 && +m0[1] > size && +m0[1] <= n) goTo(+m0[1] - 1);
  root.setAttribute("data-review-ready", "1");
})();
