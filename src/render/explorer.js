// The loop explorer (src/render/html.c embeds it in the page; the page's
// CSP allows it by its SHA-256). It reads the JSON of #rt-data, whose shape
// html.c's header describes, and only shows and hides: every loop of every
// date was found by the library. No text of the data is ever parsed as
// HTML: the DOM is built with createElement and textContent, and links are
// made only from http(s) URLs.
(function () {
  "use strict";

  var source = document.getElementById("rt-data");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  var svg = document.querySelector("#rt-diagram svg");
  var list = document.getElementById("rt-loops");
  var panel = document.getElementById("rt-panel");
  var slider = document.getElementById("rt-as-of");
  var sliderText = document.getElementById("rt-as-of-text");
  var summary = document.getElementById("rt-summary");
  var last = data.snapshots.length - 1;
  var TIERS = { confirmed: 0, reported: 1, talks: 2 };

  var state = { snap: last, loop: null, entity: null, sort: "rank", tier: "all", member: "" };
  var edges = {}; // relationship index -> <g class="edge">
  var nodes = {}; // entity index -> <g class="node">

  // Characters a reader would not see, or that would reorder the text
  // around them (controls, zero-width and non-breaking spaces, the soft
  // hyphen, direction marks, embeddings, overrides and isolates, line
  // separators, the byte order mark), shown as "\u{202e}" as the text
  // reports show them.
  var HIDDEN = /[\u0000-\u001f\u007f-\u00a0\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]/g;
  function show(text) {
    return String(text).replace(HIDDEN, function (c) {
      return "\\u{" + c.charCodeAt(0).toString(16) + "}";
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = show(text);
    return e;
  }

  function textNode(text) {
    return document.createTextNode(show(text));
  }

  function isWeb(url) {
    return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url);
  }

  function link(url, text) {
    if (!isWeb(url)) return el("span", null, text);
    var a = el("a", null, text);
    a.href = url;
    a.rel = "noopener noreferrer";
    return a;
  }

  function name(entity) {
    return data.entities[entity].name;
  }

  function snapshot() {
    return data.snapshots[state.snap];
  }

  function asOfText(snap) {
    return snap.as_of === null ? "latest" : snap.as_of;
  }

  function membersText(entry) {
    var names = entry.members.map(name);
    names.push(names[0]);
    return names.join(" \u2192 ");
  }

  function ratioText(entry) {
    if (entry.ratio === null) return null;
    if (entry.kind === "direct") return "round trip " + entry.ratio.toFixed(2) + "x";
    return "returns up to " + Math.round(entry.ratio * 100) + "% of the stake";
  }

  function factsText(entry) {
    var parts = [entry.kind, entry.status];
    parts.push(entry.circulating === null ? "circulating unknown"
      : entry.circulating + " circulating");
    var r = ratioText(entry);
    if (r) parts.push(r);
    return parts.join(" \u00b7 ");
  }

  function weak(status) {
    return status === "talks" || status === "proposed" || status === "rumored";
  }

  // The SVG's ids ("rN", "eN") tie it to the data.
  function mapDiagram() {
    if (!svg) return;
    svg.querySelectorAll("g.edge").forEach(function (g) {
      var m = /^r(\d+)$/.exec(g.id);
      if (m) edges[m[1]] = g;
    });
    svg.querySelectorAll("g.node").forEach(function (g) {
      var m = /^e(\d+)$/.exec(g.id);
      if (!m) return;
      nodes[m[1]] = g;
      g.setAttribute("data-entity", name(+m[1]));
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", show(name(+m[1])));
      g.addEventListener("click", function (ev) {
        ev.preventDefault();
        selectEntity(+m[1]);
      });
      g.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          selectEntity(+m[1]);
        }
      });
    });
  }

  var XLINK = "http://www.w3.org/1999/xlink";

  // An edge's tooltip as of the snapshot, as the drawing writes it: the
  // claims that hold then, each with its status then.
  function evidence(rel, snap) {
    var lines = [show(name(rel.from)) + " \u2192 " + show(name(rel.to)) + ": " + rel.kind];
    rel.claims.forEach(function (c) {
      var claim = data.claims[c], status = snap.claims[c];
      if (status === null) return;
      lines.push((claim.amount === null ? "amount unknown" : claim.amount) + ", " +
        data.statuses[status] + (claim.date === null ? "" : ", " + claim.date) + ", " +
        (claim.source === null ? "no source" : show(claim.source)) + " (line " + claim.line + ")");
    });
    return lines.join("\n");
  }

  // The entity a cluster of the drawing stands for ("cluster_e4": 4).
  function rootOf(e) {
    while (data.entities[e].parent !== null) e = data.entities[e].parent;
    return e;
  }

  // The drawing as of the snapshot. Each edge carries the ranks of the
  // loops it lies on then; an edge not drawn then is hidden (rt-gone), and
  // one drawn takes that date's label, a dotted line for a deal in talks
  // (rt-weak) and grey off every loop (rt-off); a node or cluster with no
  // edge shown is hidden.
  function markEdges() {
    var on = {}, snap = snapshot(), seen = {};
    snap.loops.forEach(function (entry) {
      entry.hops.forEach(function (hop) {
        hop.forEach(function (r) {
          (on[r] = on[r] || []).push(entry.rank);
        });
      });
    });
    Object.keys(edges).forEach(function (r) {
      var g = edges[r], edge = snap.edges[r], rel = data.relationships[r];
      var label = g.querySelector("text");
      g.setAttribute("data-loops", (on[r] || []).join(" "));
      g.classList.toggle("rt-gone", edge === null);
      if (edge === null) return;
      seen[rel.from] = seen[rel.to] = true;
      if (label) label.textContent = edge[1];
      g.querySelectorAll("a").forEach(function (a) {
        a.setAttributeNS(XLINK, "xlink:title", evidence(rel, snap));
      });
      if (rel["class"] !== "link") {
        var dotted = weak(data.statuses[edge[0]]);
        g.classList.toggle("rt-weak", dotted);
        g.classList.toggle("rt-firm", !dotted);
      }
      g.classList.toggle("rt-off", !on[r]);
    });
    var shownRoots = {};
    Object.keys(nodes).forEach(function (e) {
      nodes[e].classList.toggle("rt-gone", !seen[e]);
      if (seen[e]) shownRoots[rootOf(+e)] = true;
    });
    if (!svg) return;
    svg.querySelectorAll("g.cluster").forEach(function (g) {
      var m = /^cluster_e(\d+)$/.exec((g.querySelector("title") || {}).textContent || "");
      if (m) g.classList.toggle("rt-gone", !shownRoots[+m[1]]);
    });
  }

  function entryOfRank(rank) {
    var loops = snapshot().loops;
    return rank >= 1 && rank <= loops.length ? loops[rank - 1] : null;
  }

  // Whether a loop goes through entity e, or through the group it is part of.
  function through(entry, e) {
    for (var x = e; x !== null; x = data.entities[x].parent)
      if (entry.members.indexOf(x) >= 0) return true;
    return false;
  }

  function shown(entry) {
    if (state.tier !== "all" && !(data.statuses.indexOf(entry.status) <= TIERS[state.tier]))
      return false;
    return state.member === "" || through(entry, +state.member);
  }

  function low(entry) {
    return entry.circulating_usd === null ? -1 : entry.circulating_usd.low;
  }

  function sorted(entries) {
    var by = {
      rank: function (a, b) { return a.rank - b.rank; },
      status: function (a, b) {
        return data.statuses.indexOf(a.status) - data.statuses.indexOf(b.status) || a.rank - b.rank;
      },
      amount: function (a, b) { return low(b) - low(a) || a.rank - b.rank; },
      length: function (a, b) { return a.members.length - b.members.length || a.rank - b.rank; }
    }[state.sort];
    return entries.slice().sort(by);
  }

  function renderList() {
    var entries = sorted(snapshot().loops.filter(shown));
    list.replaceChildren();
    entries.forEach(function (entry, i) {
      var li = el("li");
      li.setAttribute("role", "option");
      li.setAttribute("data-loop", entry.rank);
      li.setAttribute("data-status", entry.status);
      if (weak(entry.status)) li.classList.add("rt-weak");
      var selected = state.loop === entry.rank;
      li.setAttribute("aria-selected", selected ? "true" : "false");
      li.tabIndex = selected || (state.loop === null && i === 0) ? 0 : -1;
      li.appendChild(el("div", "rt-members", entry.rank + ". " + membersText(entry)));
      li.appendChild(el("div", "rt-facts", factsText(entry)));
      list.appendChild(li);
    });
    if (entries.length === 0)
      list.appendChild(el("li", "rt-empty", "No loop as of " + asOfText(snapshot()) + "."));
    else if (!list.querySelector('[tabindex="0"]'))
      list.firstChild.tabIndex = 0;
    var n = snapshot().loops.length;
    summary.textContent = n + (n === 1 ? " loop" : " loops") + " as of " +
      asOfText(snapshot()) + (entries.length < n ? " (" + entries.length + " shown)" : "") +
      (data.max_len ? "; loops of up to " + data.max_len + " hops" : "") + ".";
  }

  function highlight(entry) {
    if (!svg) return;
    svg.querySelectorAll(".highlight, .rt-near, .rt-member, .rt-chosen").forEach(function (g) {
      g.classList.remove("highlight", "rt-near", "rt-member", "rt-chosen");
    });
    svg.classList.toggle("rt-dim", entry !== null || state.entity !== null);
    if (state.entity !== null && nodes[state.entity]) {
      nodes[state.entity].classList.add("rt-chosen", "rt-member");
    }
    var on = [];
    if (entry) {
      entry.hops.forEach(function (hop) { on = on.concat(hop); });
    } else if (state.entity !== null) {
      // An entity: its own relationships.
      data.relationships.forEach(function (rel, r) {
        if (rel.from === state.entity || rel.to === state.entity) on.push(r);
      });
    }
    var shownEdges = [], members = [];
    on.forEach(function (r) {
      var rel = data.relationships[r];
      if (edges[r]) {
        edges[r].classList.add(entry ? "highlight" : "rt-near");
        shownEdges.push(edges[r]);
      }
      [rel.from, rel.to].forEach(function (e) {
        if (nodes[e]) {
          nodes[e].classList.add("rt-member");
          members.push(nodes[e]);
        }
      });
    });
    zoom(entry ? shownEdges.concat(members) : []);
    reveal(shownEdges);
  }

  // On a narrow screen the whole drawing is too small to read: a chosen
  // loop is drawn alone at the width of the screen (the drawing's viewBox
  // set to the box around its edges and members), the whole again when
  // none is chosen.
  var NARROW = window.matchMedia ? window.matchMedia("(max-width: 50rem)") : null;
  var wholeView = svg ? svg.getAttribute("viewBox") : null;
  function zoom(gs) {
    if (!svg || !wholeView) return;
    if (!gs.length || !NARROW || !NARROW.matches) {
      svg.setAttribute("viewBox", wholeView);
      return;
    }
    var toUser = svg.getScreenCTM().inverse(), pt = svg.createSVGPoint();
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    gs.forEach(function (g) {
      var r = g.getBoundingClientRect();
      [[r.left, r.top], [r.right, r.bottom]].forEach(function (c) {
        pt.x = c[0];
        pt.y = c[1];
        var p = pt.matrixTransform(toUser);
        x0 = Math.min(x0, p.x);
        y0 = Math.min(y0, p.y);
        x1 = Math.max(x1, p.x);
        y1 = Math.max(y1, p.y);
      });
    });
    var pad = 12;
    svg.setAttribute("viewBox", [x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad]
      .map(function (v) { return v.toFixed(1); }).join(" "));
  }

  // Scroll the drawing (not the page) to what is highlighted.
  function reveal(gs) {
    var fig = svg.parentNode;
    if (!gs.length) return;
    var box = fig.getBoundingClientRect();
    var top = Infinity, left = Infinity, bottom = -Infinity, right = -Infinity;
    gs.forEach(function (g) {
      var r = g.getBoundingClientRect();
      top = Math.min(top, r.top);
      left = Math.min(left, r.left);
      bottom = Math.max(bottom, r.bottom);
      right = Math.max(right, r.right);
    });
    fig.scrollTop += (top + bottom) / 2 - (box.top + box.bottom) / 2;
    fig.scrollLeft += (left + right) / 2 - (box.left + box.right) / 2;
  }

  function claimItem(c, status) {
    var claim = data.claims[c];
    var li = el("li", "rt-status-" + status);
    var parts = [claim.amount === null ? "amount unknown" : claim.amount, status];
    if (claim.date !== null) parts.push(claim.date);
    li.appendChild(textNode(parts.join(", ") + " ("));
    li.appendChild(link(claim.url, claim.source === null ? "no source" : claim.source));
    li.appendChild(textNode("; line " + claim.line + ")"));
    return li;
  }

  function relationshipText(r, hopFrom, hopTo) {
    var rel = data.relationships[r];
    var text = rel.kind;
    if (rel.from !== hopFrom || rel.to !== hopTo)
      text += " as " + name(rel.from) + " \u2192 " + name(rel.to);
    return text;
  }

  function showLoop(entry) {
    var snap = snapshot();
    panel.replaceChildren();
    panel.appendChild(el("h2", null, "Loop " + entry.rank + ": " + membersText(entry)));
    panel.appendChild(el("p", "rt-facts", factsText(entry) + " \u00b7 as of " + asOfText(snap)));
    entry.hops.forEach(function (hop, i) {
      var from = entry.members[i], to = entry.members[(i + 1) % entry.members.length];
      panel.appendChild(el("h3", null, name(from) + " \u2192 " + name(to)));
      hop.forEach(function (r) {
        panel.appendChild(el("p", null, relationshipText(r, from, to)));
        var ul = el("ul");
        data.relationships[r].claims.forEach(function (c) {
          var s = snap.claims[c];
          if (s !== null) ul.appendChild(claimItem(c, data.statuses[s]));
        });
        panel.appendChild(ul);
        if (!edges[r])
          panel.appendChild(el("p", "rt-facts", "(not in the diagram, which shows " +
            asOfText(data.snapshots[last]) + ")"));
      });
    });
    if (entry.links.length) {
      panel.appendChild(el("h3", null, "Also linked"));
      var ul = el("ul");
      entry.links.forEach(function (r) {
        var rel = data.relationships[r];
        ul.appendChild(el("li", null, name(rel.from) + " \u2192 " + name(rel.to) + " " + rel.kind));
      });
      panel.appendChild(ul);
    }
  }

  function showEntity(e) {
    var ent = data.entities[e];
    panel.replaceChildren();
    panel.appendChild(el("h2", null, ent.name));
    var facts = [ent.kinds.length ? ent.kinds.join(", ") : "kind unknown"];
    if (ent.country !== null) facts.push(ent.country);
    if (ent.parent !== null) facts.push("part of " + name(ent.parent));
    panel.appendChild(el("p", "rt-facts", facts.join(" \u00b7 ")));
    if (ent.url !== null) {
      var p = el("p");
      p.appendChild(link(ent.url, ent.url));
      panel.appendChild(p);
    }
    var exposure = snapshot().exposures[e];
    if (exposure) {
      var dl = el("dl", "rt-figures");
      [["stakes out", "stakes_out"], ["stakes in", "stakes_in"], ["spend paid", "spend_paid"],
        ["spend received", "spend_received"], ["recapture", "recapture"],
        ["stakes that can come back", "returns"]].forEach(function (f) {
        dl.appendChild(el("dt", null, f[0]));
        dl.appendChild(el("dd", null, exposure[f[1]] === null ? "none known" : exposure[f[1]]));
      });
      if (exposure.recapture_ratio !== null) {
        dl.appendChild(el("dt", null, "recapture ratio"));
        dl.appendChild(el("dd", null, Math.round(exposure.recapture_ratio * 100) + "%"));
      }
      panel.appendChild(dl);
      panel.appendChild(el("p", "rt-facts", snapshot().as_of === null ? "Figures of the latest view."
        : "Figures as of " + snapshot().as_of + "."));
    }
    var loops = snapshot().loops.filter(function (entry) { return through(entry, e); });
    panel.appendChild(el("h3", null, loops.length + (loops.length === 1 ? " loop" : " loops") +
      " through it as of " + asOfText(snapshot())));
    var ul = el("ul");
    loops.forEach(function (entry) {
      var li = el("li");
      var b = el("button", "rt-link", entry.rank + ". " + membersText(entry));
      b.type = "button";
      b.addEventListener("click", function () { selectLoop(entry.rank, true); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    panel.appendChild(ul);
  }

  function writeHash() {
    var parts = [];
    if (state.snap !== last) parts.push("as-of=" + encodeURIComponent(snapshot().as_of));
    if (state.loop !== null) parts.push("loop=" + state.loop);
    else if (state.entity !== null) parts.push("entity=" + state.entity);
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (location.hash !== hash)
      history.replaceState(null, "", hash || location.pathname + location.search);
  }

  function update(focus) {
    slider.value = String(state.snap);
    sliderText.textContent = asOfText(snapshot());
    markEdges();
    renderList();
    var entry = state.loop === null ? null : entryOfRank(state.loop);
    if (state.loop !== null && !entry) state.loop = null;
    highlight(entry);
    if (entry) showLoop(entry);
    else if (state.entity !== null) showEntity(state.entity);
    else panel.replaceChildren(el("p", "rt-empty",
      "Choose a loop in the list, or an entity in the diagram."));
    if (focus) {
      var item = list.querySelector('li[aria-selected="true"]');
      if (item) item.focus();
    }
    writeHash();
  }

  function selectLoop(rank, focus) {
    state.loop = rank;
    state.entity = null;
    update(focus);
  }

  function selectEntity(e) {
    state.entity = e;
    state.loop = null;
    update(false);
  }

  // The snapshot of a date: that date's, or the latest before it.
  function snapOf(date) {
    if (date === "" || date === "latest") return last;
    var best = 0;
    for (var i = 0; i < last; i++)
      if (data.snapshots[i].as_of <= date) best = i;
    return data.snapshots[last].as_of !== null && data.snapshots[last].as_of <= date ? last : best;
  }

  function readHash() {
    var params = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) params[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1));
    });
    state.snap = params["as-of"] !== undefined ? snapOf(params["as-of"]) : last;
    state.loop = /^\d+$/.test(params.loop || "") ? +params.loop : null;
    state.entity = /^\d+$/.test(params.entity || "") && +params.entity < data.entities.length
      ? +params.entity : null;
    update(false);
  }

  function controls() {
    var box = el("div", "rt-controls");
    function select(label, options, key) {
      var l = el("label", null, label);
      var s = el("select");
      options.forEach(function (o) {
        var opt = el("option", null, o[1]);
        opt.value = o[0];
        s.appendChild(opt);
      });
      s.addEventListener("change", function () {
        state[key] = s.value;
        update(false);
      });
      l.appendChild(s);
      box.appendChild(l);
    }
    select("Sort by", [["rank", "rank"], ["status", "status"], ["amount", "amount"],
      ["length", "length"]], "sort");
    select("Status", [["all", "every status"], ["confirmed", "confirmed"],
      ["reported", "+ reported"], ["talks", "+ talks"]], "tier");
    var members = [["", "every entity"]];
    data.entities.map(function (e, i) { return [String(i), e.name]; })
      .sort(function (a, b) { return a[1].localeCompare(b[1]); })
      .forEach(function (o) { members.push(o); });
    select("Through", members, "member");
    list.parentNode.insertBefore(box, list);
  }

  list.addEventListener("click", function (ev) {
    var li = ev.target.closest("li[data-loop]");
    if (li) selectLoop(+li.getAttribute("data-loop"), true);
  });
  list.addEventListener("keydown", function (ev) {
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-loop]"));
    var at = items.indexOf(document.activeElement);
    if (at < 0) return;
    var next = null;
    if (ev.key === "ArrowDown") next = Math.min(at + 1, items.length - 1);
    else if (ev.key === "ArrowUp") next = Math.max(at - 1, 0);
    else if (ev.key === "Home") next = 0;
    else if (ev.key === "End") next = items.length - 1;
    else if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      selectLoop(+items[at].getAttribute("data-loop"), true);
      return;
    } else if (ev.key === "Escape") {
      state.loop = null;
      update(false);
      return;
    }
    if (next === null) return;
    ev.preventDefault();
    items[at].tabIndex = -1;
    items[next].tabIndex = 0;
    items[next].focus();
  });

  slider.max = String(last);
  slider.addEventListener("input", function () {
    // The same loop, if it holds then, keeps its selection under its new rank.
    var before = state.loop === null ? null : entryOfRank(state.loop);
    state.snap = +slider.value;
    state.loop = null;
    if (before) {
      snapshot().loops.forEach(function (entry) {
        if (entry.loop === before.loop) state.loop = entry.rank;
      });
    }
    update(false);
  });
  document.getElementById("rt-time").hidden = last === 0;
  window.addEventListener("hashchange", readHash);
  if (NARROW && NARROW.addEventListener)
    NARROW.addEventListener("change", function () { update(false); });

  mapDiagram();
  controls();
  readHash();
})();
