/* parley review: the alignment editor's page. Beads come a page at a time from the local server
   (already escaped and highlighted there); every operation is one POST, journaled on disk before
   the server answers, so what this page shows as done is on disk. No network beyond 127.0.0.1. */
(function () {
  "use strict";
  var token = document.querySelector('meta[name="parley-token"]').getAttribute("content");
  var root = document.documentElement;
  var list = document.getElementById("beads");
  var toast = document.getElementById("toast");
  var q = document.getElementById("q");
  var regex = document.getElementById("regex");
  var help = document.getElementById("help");
  var editbox = document.getElementById("editbox");
  var editText = document.getElementById("edit-text");
  var LIMIT = 100;
  var st = {
    filter: "all", query: "", regex: false, offset: 0, total: 0, beads: [],
    cur: null, side: "src", sent: 0, busy: 0, meta: null, editing: null, version: -1
  };

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function setBusy(d) {
    st.busy += d;
    root.setAttribute("data-busy", st.busy > 0 ? "1" : "0");
  }

  function say(msg, bad) {
    toast.textContent = msg;
    toast.className = "toast" + (bad ? " bad" : "") + (msg ? " on" : "");
  }

  function api(method, path, body) {
    setBusy(1);
    var opts = { method: method, headers: { "X-Parley-Token": token } };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return fetch(path, opts).then(function (r) {
      return r.json().then(function (data) {
        setBusy(-1);
        if (!r.ok || data.ok === false) throw new Error(data.error || ("HTTP " + r.status));
        return data;
      }, function () { setBusy(-1); throw new Error("HTTP " + r.status); });
    }, function (e) { setBusy(-1); throw new Error("the editor is not running (" + e.message + ")"); });
  }

  // ------------------------------------------------------------------ loading

  function viewParams(offset) {
    return "filter=" + encodeURIComponent(st.filter) + "&q=" + encodeURIComponent(st.query) +
      "&regex=" + (st.regex ? "1" : "0") + "&limit=" + LIMIT + "&offset=" + offset;
  }

  function load(opts) {
    opts = opts || {};
    var params = viewParams(opts.offset !== undefined ? opts.offset : st.offset);
    if (opts.around !== undefined && opts.around !== null) params += "&around=" + opts.around;
    return api("GET", "/api/beads?" + params).then(function (data) { return show(data, opts); });
  }

  function show(data, opts) {
    {
      st.total = data.total;
      st.offset = data.offset;
      st.beads = data.beads;
      st.version = data.version;
      render(data);
      var uids = st.beads.map(function (b) { return b.uid; });
      if (opts.focus !== undefined && opts.focus !== null && uids.indexOf(opts.focus) >= 0) st.cur = opts.focus;
      else if (opts.last && uids.length) st.cur = uids[uids.length - 1];
      else if (st.cur === null || uids.indexOf(st.cur) < 0) st.cur = uids.length ? uids[0] : null;
      mark(opts.keepSent);
      root.setAttribute("data-version", String(data.version));
      return data;
    }
  }

  function sideHtml(b, side) {
    var sents = b[side];
    if (!sents.length) {
      return '<span class="gap">— ' + (side === "tgt" ? "not in the translation" : "not in the original") + " —</span>";
    }
    return sents.map(function (h, k) {
      return '<span class="sent" data-k="' + k + '">' + h + "</span>";
    }).join(" ");
  }

  function rowHtml(b) {
    var cls = "bead c-" + b.band + " st-" + b.status;
    var open = b.findings.filter(function (f) { return f.state === "open"; }).length;
    if (open) cls += " has-findings";
    var status = { "machine-aligned": "", "reviewed": "✓ reviewed", "edited": "✎ edited" }[b.status] || "";
    var meta = '<span class="conf" title="alignment confidence">' + (b.conf === null ? "–" : b.conf.toFixed(2)) +
      '</span><span class="kind" title="bead type">' + esc(b.kind) + "</span>" +
      (status ? '<span class="status-badge">' + status + "</span>" : "") +
      (open ? '<span class="badge b-qa">' + open + " QA</span>" : "");
    var html = '<div class="' + cls + '" role="listitem" data-uid="' + b.uid + '" id="b' + b.uid + '">' +
      '<div class="n">' + b.n + "</div>" +
      '<div class="side src" data-side="src" lang="' + esc(st.meta.src_lang) + '" dir="auto">' + sideHtml(b, "src") + "</div>" +
      '<div class="side tgt" data-side="tgt" lang="' + esc(st.meta.tgt_lang) + '" dir="auto">' + sideHtml(b, "tgt") + "</div>" +
      '<div class="meta">' + meta + "</div>";
    if (b.findings.length) {
      html += '<ul class="findings">' + b.findings.map(function (f) {
        var details = f.details.map(function (kv) {
          return '<span class="detail"><span class="k">' + kv[0] + "</span> " + kv[1] + "</span>";
        }).join("");
        var acts = f.state === "open"
          ? '<button type="button" data-act="accepted" data-fid="' + esc(f.id) + '">Accept</button>' +
            '<button type="button" data-act="ignored" data-fid="' + esc(f.id) + '">Ignore</button>'
          : '<span class="fstate">' + esc(f.state) + '</span><button type="button" data-act="open" data-fid="' + esc(f.id) + '">Reopen</button>';
        return '<li class="finding sev-' + esc(f.severity) + " fs-" + esc(f.state) + '" data-fid="' + esc(f.id) + '">' +
          '<span class="sev">' + esc(f.severity) + '</span> <code class="rule">' + esc(f.rule) + "</code> " +
          '<span class="msg">' + f.message + "</span>" + details + '<span class="facts">' + acts + "</span></li>";
      }).join("") + "</ul>";
    }
    return html + "</div>";
  }

  function sigOf(b) {
    var n = b.n;
    b.n = 0;
    var sig = JSON.stringify(b);
    b.n = n;
    return sig;
  }

  function makeRow(b, sig) {
    var tpl = document.createElement("template");
    tpl.innerHTML = rowHtml(b);
    var el = tpl.content.firstElementChild;
    el._sig = sig;
    return el;
  }

  /* Only rows whose bead changed are rebuilt (an edit redraws one or two rows, not the page):
     rows are keyed by bead id, and bead ids keep their order. */
  function renderRows() {
    var keep = {};
    st.beads.forEach(function (b) { keep[b.uid] = 1; });
    Array.prototype.slice.call(list.children).forEach(function (el) {
      if (!keep[el.getAttribute("data-uid")]) list.removeChild(el);
    });
    var child = list.firstElementChild;
    st.beads.forEach(function (b) {
      var sig = sigOf(b);
      if (child && +child.getAttribute("data-uid") === b.uid) {
        if (child._sig !== sig) {
          var fresh = makeRow(b, sig);
          list.replaceChild(fresh, child);
          child = fresh;
        }
        var n = child.querySelector(".n");
        if (n.textContent !== String(b.n)) n.textContent = b.n;
        child = child.nextElementSibling;
      } else {
        list.insertBefore(makeRow(b, sig), child);
      }
    });
    while (child) {
      var next = child.nextElementSibling;
      list.removeChild(child);
      child = next;
    }
  }

  function render(data) {
    renderRows();
    document.getElementById("empty").hidden = st.beads.length > 0;
    var a = st.total ? st.offset + 1 : 0;
    var z = Math.min(st.offset + st.beads.length, st.total);
    document.getElementById("range").textContent = a + "–" + z + " of " + st.total;
    var c = data.counts;
    Object.keys(c).forEach(function (k) {
      var el = document.querySelector('[data-count="' + k + '"]');
      if (el) el.textContent = c[k];
    });
    document.querySelectorAll("[data-filter]").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-filter") === st.filter ? "true" : "false");
    });
    document.getElementById("summary").textContent = c.all + " beads · " + c.confirmed + " confirmed · " +
      c.low + " low confidence · " + c.unaligned + " unaligned · " + c.findings + " with open findings" +
      (data.dirty ? " · unsaved changes (journaled)" : " · saved");
    document.getElementById("undo").disabled = !data.undo;
    document.getElementById("redo").disabled = !data.redo;
  }

  function curRow() { return st.cur === null ? null : document.getElementById("b" + st.cur); }
  function curBead() {
    for (var i = 0; i < st.beads.length; i++) if (st.beads[i].uid === st.cur) return st.beads[i];
    return null;
  }

  function mark(keepSent) {
    var old = list.querySelectorAll(".current, .cur-side, .cur-sent");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("current", "cur-side", "cur-sent");
    var row = curRow();
    var b = curBead();
    if (!row || !b) return;
    if (!keepSent) st.sent = Math.min(st.sent, Math.max(b[st.side].length - 1, 0));
    st.sent = Math.max(0, Math.min(st.sent, b[st.side].length - 1));
    row.classList.add("current");
    var sideEl = row.querySelector(".side." + st.side);
    sideEl.classList.add("cur-side");
    var s = sideEl.querySelector('.sent[data-k="' + st.sent + '"]');
    if (s) s.classList.add("cur-sent");
    var r = row.getBoundingClientRect();
    if (r.top < 120 || r.bottom > window.innerHeight) row.scrollIntoView({ block: "center" });
    root.setAttribute("data-current", String(st.cur));
  }

  // ------------------------------------------------------------------ operations

  function op(body, focusFallback) {
    if (st.busy) return Promise.resolve(null);
    // the answer carries the redrawn page: one round trip per edit
    return api("POST", "/api/op?" + viewParams(st.offset), body).then(function (res) {
      say(res.message || "done");
      var focus = res.focus !== null && res.focus !== undefined ? res.focus : (focusFallback !== undefined ? focusFallback : st.cur);
      st.cur = focus;
      return show(res.page, { focus: focus, keepSent: true });
    }).catch(function (e) { say(e.message, true); });
  }

  function move(dir) {
    var uids = st.beads.map(function (b) { return b.uid; });
    var i = uids.indexOf(st.cur);
    var j = i + dir;
    if (j >= 0 && j < uids.length) { st.cur = uids[j]; st.sent = 0; mark(); return; }
    if (dir > 0 && st.offset + st.beads.length < st.total) { st.cur = null; load({ offset: st.offset + LIMIT }); }
    else if (dir < 0 && st.offset > 0) { load({ offset: Math.max(0, st.offset - LIMIT), last: true }); }
  }

  function page(dir) {
    var off = st.offset + dir * LIMIT;
    if (off < 0 || off >= st.total) return;
    st.cur = null;
    load({ offset: off });
  }

  function setFilter(name) {
    st.filter = name;
    st.offset = 0;
    load({ around: st.cur, offset: 0 });
  }

  function firstOpenFinding() {
    var b = curBead();
    if (!b) return null;
    for (var i = 0; i < b.findings.length; i++) if (b.findings[i].state === "open") return b.findings[i];
    return null;
  }

  function finding(state, fid) {
    if (!fid) {
      var f = firstOpenFinding();
      if (!f) { say("no open QA finding in this bead", true); return; }
      fid = f.id;
    }
    op({ op: "finding", id: fid, state: state });
  }

  function confirmBead() {
    var b = curBead();
    if (!b) return;
    var value = b.status === "machine-aligned";
    var uid = b.uid;
    if (st.busy) return;
    api("POST", "/api/op?" + viewParams(st.offset), { op: "confirm", beads: [uid], value: value }).then(function (res) {
      say(res.message);
      var uids = st.beads.map(function (x) { return x.uid; });
      var next = uids[uids.indexOf(uid) + 1];
      return show(res.page, { focus: next !== undefined ? next : uid });
    }).catch(function (e) { say(e.message, true); });
  }

  function confirmAbove() {
    var v = window.prompt("Confirm every aligned bead at or above this confidence:", "0.8");
    if (v === null) return;
    var x = parseFloat(v);
    if (!(x >= 0 && x <= 1)) { say("give a confidence between 0 and 1", true); return; }
    op({ op: "confirm_above", min: x });
  }

  function startEdit() {
    var b = curBead();
    if (!b) return;
    var row = curRow();
    var sideEl = row.querySelector(".side." + st.side);
    st.editing = { uid: b.uid, side: st.side };
    var texts = Array.prototype.map.call(sideEl.querySelectorAll(".sent"), function (s) { return s.textContent; });
    editText.value = texts.join("\n");
    document.getElementById("edit-label").textContent = "Edit the " + (st.side === "src" ? "source" : "target") + " of bead " + b.n;
    sideEl.appendChild(editbox);
    editbox.hidden = false;
    editText.rows = Math.max(2, texts.length + 1);
    editText.focus();
  }

  function endEdit(commit) {
    var e = st.editing;
    if (!e) return;
    st.editing = null;
    editbox.hidden = true;
    document.body.appendChild(editbox);
    if (!commit) { mark(true); return; }
    op({ op: "edit", bead: e.uid, side: e.side, sents: editText.value.split("\n") });
  }

  function sideOp(name) {
    var b = curBead();
    if (!b) return;
    if (name === "split") {
      var n = b[st.side].length;
      var cut = st.sent + 1;
      var other = st.side === "src" ? "tgt" : "src";
      var ocut = Math.min(cut, b[other].length);
      if (cut >= n && ocut >= b[other].length) { say("nothing after this sentence to split off", true); return; }
      var body = { op: "split", bead: b.uid };
      body[st.side] = cut;
      body[other] = ocut;
      op(body);
    } else if (name === "up" || name === "down") {
      op({ op: "move", bead: b.uid, side: st.side, dir: name === "up" ? "prev" : "next" });
    } else if (name === "detach") {
      op({ op: "detach", bead: b.uid, side: st.side, sent: st.sent });
    }
  }

  function save(quit) {
    return api("POST", quit ? "/api/quit" : "/api/save", {}).then(function (res) {
      say(res.message);
      if (quit) { root.setAttribute("data-stopped", "1"); return null; }
      st.cur = null;
      return load({ offset: st.offset });
    }).catch(function (e) { say(e.message, true); });
  }

  function toggleHelp(show) {
    help.hidden = show === undefined ? !help.hidden : !show;
    if (!help.hidden) help.querySelector(".help-box").focus();
  }

  // ------------------------------------------------------------------ keyboard and mouse

  var KEYS = {
    "j": function () { move(1); }, "ArrowDown": function () { move(1); },
    "k": function () { move(-1); }, "ArrowUp": function () { move(-1); },
    "h": function () { st.side = "src"; mark(); }, "ArrowLeft": function () { st.side = "src"; mark(); },
    "l": function () { st.side = "tgt"; mark(); }, "ArrowRight": function () { st.side = "tgt"; mark(); },
    "[": function () { st.sent = Math.max(0, st.sent - 1); mark(true); },
    "]": function () { st.sent += 1; mark(true); },
    "m": function () { var b = curBead(); if (b) op({ op: "merge", bead: b.uid, dir: "next" }); },
    "M": function () { var b = curBead(); if (b) op({ op: "merge", bead: b.uid, dir: "prev" }); },
    "s": function () { sideOp("split"); },
    "u": function () { sideOp("up"); }, "d": function () { sideOp("down"); },
    "x": function () { sideOp("detach"); },
    "e": startEdit, "Enter": startEdit, "F2": startEdit,
    "c": confirmBead, " ": confirmBead, "C": confirmAbove,
    "a": function () { finding("accepted"); }, "i": function () { finding("ignored"); },
    "z": function () { op({ op: "undo" }); }, "y": function () { op({ op: "redo" }); },
    "Z": function () { op({ op: "redo" }); },
    "/": function () { q.focus(); q.select(); },
    "n": function () { page(1); }, "PageDown": function () { page(1); },
    "p": function () { page(-1); }, "PageUp": function () { page(-1); },
    "q": function () { if (window.confirm("Save and stop the editor?")) save(true); },
    "?": function () { toggleHelp(); }
  };

  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (st.editing) {
      if (e.key === "Escape") { e.preventDefault(); endEdit(false); }
      else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); endEdit(true); }
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey) {
      var k = e.key.toLowerCase();
      if (k === "s") { e.preventDefault(); save(false); }
      else if (k === "z" && !e.shiftKey && t !== q) { e.preventDefault(); op({ op: "undo" }); }
      else if ((k === "y" || (k === "z" && e.shiftKey)) && t !== q) { e.preventDefault(); op({ op: "redo" }); }
      return;
    }
    if (e.altKey) return;
    if (!help.hidden) {
      if (e.key === "Escape" || e.key === "?") { e.preventDefault(); toggleHelp(false); }
      return;
    }
    if (t === q || t === regex) {
      if (e.key === "Escape") { e.preventDefault(); t.blur(); }
      return;
    }
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (/^[1-5]$/.test(e.key)) {
      e.preventDefault();
      setFilter(["all", "low", "unaligned", "findings", "unconfirmed"][+e.key - 1]);
      return;
    }
    var f = KEYS[e.key];
    if (f) { e.preventDefault(); f(); }
  });

  list.addEventListener("click", function (e) {
    var btn = e.target.closest("button[data-act]");
    var row = e.target.closest(".bead");
    if (row) {
      st.cur = +row.getAttribute("data-uid");
      var side = e.target.closest(".side");
      if (side) st.side = side.getAttribute("data-side");
      var s = e.target.closest(".sent");
      if (s) st.sent = +s.getAttribute("data-k");
      mark(true);
    }
    if (btn) finding(btn.getAttribute("data-act"), btn.getAttribute("data-fid"));
  });
  list.addEventListener("dblclick", function (e) {
    if (e.target.closest(".side") && !st.editing) startEdit();
  });
  document.querySelectorAll("[data-filter]").forEach(function (b) {
    b.addEventListener("click", function () { setFilter(b.getAttribute("data-filter")); });
  });
  document.getElementById("search").addEventListener("submit", function (e) {
    e.preventDefault();
    st.query = q.value;
    st.regex = regex.checked;
    st.offset = 0;
    st.cur = null;
    load({ offset: 0 }).then(function () {
      say(st.total + " bead" + (st.total === 1 ? "" : "s") + " match");
      q.blur();
    }).catch(function (err) { say(err.message, true); });
  });
  regex.addEventListener("change", function () {
    if (q.value) document.getElementById("search").requestSubmit();
  });
  document.getElementById("undo").addEventListener("click", function () { op({ op: "undo" }); });
  document.getElementById("redo").addEventListener("click", function () { op({ op: "redo" }); });
  document.getElementById("confirm-above").addEventListener("click", confirmAbove);
  document.getElementById("save").addEventListener("click", function () { save(false); });
  document.getElementById("quit").addEventListener("click", function () { save(true); });
  document.getElementById("help-btn").addEventListener("click", function () { toggleHelp(); });
  document.getElementById("prev-page").addEventListener("click", function () { page(-1); });
  document.getElementById("next-page").addEventListener("click", function () { page(1); });
  help.addEventListener("click", function (e) { if (e.target === help) toggleHelp(false); });

  // test hook: the page's own API, so browser tests drive what a user drives
  window.parleyEditor = { state: st, op: op, load: load, save: save, setFilter: setFilter };

  setBusy(0);
  api("GET", "/api/meta").then(function (meta) {
    st.meta = meta;
    var notes = document.getElementById("notes");
    notes.innerHTML = meta.notes.map(function (n) { return "<li>" + esc(n) + "</li>"; }).join("");
    return load({ offset: 0 });
  }).then(function () {
    root.setAttribute("data-ready-ms", String(Math.round(performance.now())));
    root.setAttribute("data-editor-ready", "1");
  }).catch(function (e) { say(e.message, true); });
})();
