// policykg graph page. All graph text comes from the JSON blob and reaches the DOM only
// through textContent / value, never as markup. Exposes window.policykg for tests.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("policykg-data").textContent);

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function nodeTooltip(pk) {
    var box = el("div", "pk-tip");
    box.appendChild(el("div", "pk-tip-label", pk.label));
    if (pk.title && pk.title !== pk.label) box.appendChild(el("div", "pk-tip-text", pk.title));
    var meta = [data.labels.kinds[pk.kind] || pk.kind];
    if (pk.jurisdiction) meta.push(pk.jurisdiction);
    if (pk.side) meta.push(pk.side);
    if (pk.status) meta.push(data.labels.statuses[pk.status] || pk.status);
    box.appendChild(el("div", "pk-tip-meta", meta.join(" · ")));
    return box;
  }

  function edgeTooltip(pk) {
    var box = el("div", "pk-tip");
    box.appendChild(el("div", "pk-tip-label", pk.label));
    if (pk.title) box.appendChild(el("div", "pk-tip-text", pk.title));
    if (pk.detail) box.appendChild(el("div", "pk-tip-meta", pk.detail));
    return box;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return Object.assign({}, n, { title: nodeTooltip(n.pk) });
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return Object.assign({}, e, { title: edgeTooltip(e.pk) });
  }));

  var neighbours = {};
  data.nodes.forEach(function (n) { neighbours[n.id] = [n.id]; });
  data.edges.forEach(function (e) {
    neighbours[e.from].push(e.to);
    neighbours[e.to].push(e.from);
  });

  // The filter state: name -> selected value ("" = no filter); `visible` null = everything.
  var active = {};
  var visible = null;

  function keep(filter, value) {
    var out = new Set();
    if (filter.mode === "neighbourhood") {
      (neighbours[value] || []).forEach(function (id) { out.add(id); });
      return out;
    }
    data.nodes.forEach(function (n) {
      if (n.pk[filter.name] === value) {
        out.add(n.id);
        // Nodes without a value (shared concepts, cited laws) stay beside the matches.
        neighbours[n.id].forEach(function (m) {
          var other = nodes.get(m);
          if (other && !other.pk[filter.name]) out.add(m);
        });
      }
    });
    return out;
  }

  function recompute() {
    var sets = data.filters.filter(function (f) { return active[f.name]; })
      .map(function (f) { return keep(f, active[f.name]); });
    if (!sets.length) { visible = null; return; }
    visible = sets.reduce(function (a, b) {
      return new Set(Array.from(a).filter(function (id) { return b.has(id); }));
    });
  }

  var nodeView = new vis.DataView(nodes, {
    filter: function (n) { return visible === null || visible.has(n.id); }
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return visible === null || (visible.has(e.from) && visible.has(e.to)); }
  });

  var container = document.getElementById("pk-graph");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  var status = document.getElementById("pk-status");

  var api = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    stable: false,
    nodeCount: function () { return nodes.length; },
    edgeCount: function () { return edges.length; },
    visibleNodeIds: function () { return nodeView.getIds(); },
    setFilter: setFilter,
    search: search,
    reset: reset,
  };
  window.policykg = api;

  function showCounts(prefix) {
    status.textContent = (prefix ? prefix + "　" : "") + "显示 " + nodeView.length + " / " +
      nodes.length + " 个节点，" + edgeView.length + " / " + edges.length + " 条关系";
  }

  network.on("stabilizationProgress", function (p) {
    status.textContent = "正在计算布局… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  function frozen() {
    // Freeze the layout: big graphs must not keep moving, filtering must not reshuffle.
    network.setOptions({ physics: { enabled: false } });
    savePositions();
    api.stable = true;
    showCounts("");
  }
  if (data.options.physics && data.options.physics.enabled === false) {
    network.fit({ animation: false });  // positions given: nothing to compute
    frozen();
  } else {
    network.once("stabilizationIterationsDone", frozen);
  }

  // network.storePositions() fails while a filter hides nodes, so keep positions ourselves:
  // nodes that come back reappear where they were.
  function savePositions() {
    var pos = network.getPositions();
    nodes.update(Object.keys(pos).map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
  }

  function applyFilters() {
    if (api.stable) savePositions();
    recompute();
    nodeView.refresh();
    edgeView.refresh();
    network.fit({ animation: false });
    showCounts("");
  }

  // --- filter drop-downs ------------------------------------------------------------------
  var selects = {};
  var filterBox = document.getElementById("pk-filters");
  data.filters.forEach(function (f) {
    var label = el("label", "pk-control", f.label + " ");
    var select = el("select");
    select.id = "pk-filter-" + f.name.replace(/[^A-Za-z0-9_-]/g, "_");
    select.dataset.filter = f.name;
    var all = el("option", null, "全部");
    all.value = "";
    select.appendChild(all);
    f.options.forEach(function (o) {
      var opt = el("option", null, o.count > 1 ? o.text + "（" + o.count + "）" : o.text);
      opt.value = o.value;
      select.appendChild(opt);
    });
    select.addEventListener("change", function () { setFilter(f.name, select.value); });
    label.appendChild(select);
    filterBox.appendChild(label);
    selects[f.name] = select;
  });

  function setFilter(name, value) {
    if (!selects[name]) throw new Error("no filter " + name);
    active[name] = value || "";
    selects[name].value = active[name];
    applyFilters();
  }

  function reset() {
    Object.keys(selects).forEach(function (name) { active[name] = ""; selects[name].value = ""; });
    applyFilters();
    network.unselectAll();
  }
  document.getElementById("pk-reset").addEventListener("click", reset);

  // --- search -------------------------------------------------------------------------------
  var labelList = document.getElementById("pk-labels");
  var seenLabels = new Set();
  data.nodes.forEach(function (n) {
    if (seenLabels.has(n.pk.label)) return;
    seenLabels.add(n.pk.label);
    var opt = el("option");
    opt.value = n.pk.label;
    labelList.appendChild(opt);
  });

  function search(query) {
    var q = (query || "").trim();
    if (!q) return null;
    var hit = data.nodes.find(function (n) { return n.pk.label === q; }) ||
      data.nodes.find(function (n) { return n.pk.label.indexOf(q) >= 0; }) ||
      data.nodes.find(function (n) { return n.pk.title.indexOf(q) >= 0; });
    if (!hit) {
      status.textContent = "未找到：" + q;
      return null;
    }
    if (visible !== null && !visible.has(hit.id)) reset();
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.4, animation: false });
    showCounts("已定位：" + hit.pk.label);
    return hit.id;
  }
  var searchBox = document.getElementById("pk-search");
  searchBox.addEventListener("keydown", function (ev) { if (ev.key === "Enter") search(searchBox.value); });
  searchBox.addEventListener("change", function () { search(searchBox.value); });

  // --- legend -------------------------------------------------------------------------------
  var legend = document.getElementById("pk-legend");
  function section(title, items, draw) {
    if (!items.length) return;
    legend.appendChild(el("h2", null, title));
    var list = el("ul");
    items.forEach(function (item) {
      var li = el("li");
      draw(li, item);
      li.appendChild(el("span", "pk-count", String(item.count)));
      list.appendChild(li);
    });
    legend.appendChild(list);
  }
  function swatch(className, styles) {
    var s = el("span", "pk-swatch " + className);
    Object.keys(styles).forEach(function (k) { s.style[k] = styles[k]; });
    return s;
  }
  section("节点类型（填充色）", data.legend.kinds, function (li, k) {
    li.dataset.kind = k.kind;
    li.appendChild(swatch("", { backgroundColor: k.colour }));
    li.appendChild(el("span", "pk-name", k.label));
  });
  section("对比侧（边框色）", data.legend.sides, function (li, s) {
    li.dataset.side = s.name;
    li.appendChild(swatch("pk-ring", { borderColor: s.colour }));
    li.appendChild(el("span", "pk-name", s.name));
  });
  section(data.legend.sides.length ? "辖区" : "辖区（边框色）", data.legend.jurisdictions, function (li, j) {
    li.dataset.jurisdiction = j.name;
    if (!data.legend.sides.length) li.appendChild(swatch("pk-ring", { borderColor: j.colour }));
    li.appendChild(el("span", "pk-name", j.name));
  });
  section("职责对比（形状）", data.legend.statuses, function (li, s) {
    li.dataset.status = s.status;
    li.appendChild(el("span", "pk-glyph", s.glyph));
    li.appendChild(el("span", "pk-name", s.label));
  });
  section("关系", data.legend.edges, function (li, e) {
    li.dataset.edgeKind = e.kind;
    li.appendChild(swatch("pk-line", { borderTopColor: e.colour, borderTopStyle: e.dashed ? "dashed" : "solid" }));
    li.appendChild(el("span", "pk-name", e.label));
  });
})();
