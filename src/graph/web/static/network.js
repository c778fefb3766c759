/* The network page: draws the nodes the server sends (JSON, read with JSON.parse), grows a
   neighbourhood at a click, filters by label, relationship type and dates, and keeps a legend.
   Markup is never built from data: every name goes in through textContent. */
"use strict";
(function () {
  const config = JSON.parse(document.getElementById("network-config").textContent);
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
                   "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f", "#393b79", "#637939"];
  const SHAPES = {Person: "dot", Organisation: "box", Account: "diamond", Platform: "hexagon",
                  Vessel: "triangle", Equipment: "triangleDown", Payment: "square", Location: "star",
                  Event: "ellipse"};
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const expanded = new Set();
  const state = {labels: new Set(), type: "", from: "", to: ""};
  document.querySelectorAll(".f-label").forEach((box) => { if (box.checked) state.labels.add(box.value); });

  function colour(community) {
    return community === null || community === undefined ? "#b0b0b0" : PALETTE[Number(community) % PALETTE.length];
  }
  function asNode(n) {
    return {id: n.id, label: n.name, title: n.label + ": " + n.name, shape: SHAPES[n.label] || "dot",
            color: colour(n.community), data: n};
  }
  function asEdge(e) {
    return {id: e.id, from: e.from, to: e.to, label: e.type, arrows: "to", data: e};
  }
  function showsEdge(e) {
    const d = e.data;
    if (state.type && d.type !== state.type) return false;
    if (state.from && d.last_seen && d.last_seen < state.from) return false;
    if (state.to && d.first_seen && d.first_seen > state.to) return false;
    return true;
  }
  const nodeView = new vis.DataView(nodes, {filter: (n) => state.labels.has(n.data.label)});
  const edgeView = new vis.DataView(edges, {filter: showsEdge});
  const container = document.getElementById("network");
  const network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, {
    nodes: {size: 14, font: {size: 16, face: "system-ui, sans-serif", strokeWidth: 4, strokeColor: "#ffffff"},
            borderWidth: 1},
    edges: {font: {size: 11, align: "middle", strokeWidth: 3}, color: {color: "#8a8a8a"},
            smooth: {type: "continuous"}},
    physics: {solver: "forceAtlas2Based", stabilization: {iterations: 300}},
    interaction: {hover: true, tooltipDelay: 150},
  });
  window.network = network;
  window.graphData = {nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView};

  function add(graph) {
    nodes.update(graph.nodes.map(asNode));
    edges.update(graph.edges.map(asEdge));
    if (graph.cut) {
      const cut = document.getElementById("cut");
      cut.textContent = graph.cut;
      cut.hidden = false;
    }
    refresh();
  }
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    legend();
    list();
    document.body.dataset.nodes = String(nodeView.length);
  }
  function legend() {
    const ul = document.getElementById("legend");
    ul.replaceChildren();
    const communities = new Map();
    nodes.forEach((n) => {
      const c = n.data.community;
      const key = c === null || c === undefined ? "none" : String(c);
      communities.set(key, (communities.get(key) || 0) + 1);
    });
    const order = (key) => (key === "none" ? Infinity : Number(key));
    [...communities.keys()].sort((a, b) => order(a) - order(b)).forEach((key) => {
      const li = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = colour(key === "none" ? null : key);
      li.append(swatch, document.createTextNode(
        (key === "none" ? "no community" : "community " + key) + " (" + communities.get(key) + ")"));
      ul.append(li);
    });
    Object.entries(SHAPES).forEach(([label, shape]) => {
      const li = document.createElement("li");
      li.textContent = label + ": " + shape;
      ul.append(li);
    });
  }
  function list() {
    const ul = document.getElementById("node-list");
    ul.replaceChildren();
    nodeView.get().forEach((n) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = n.data.href;
      a.dir = "auto";
      a.textContent = n.data.name;
      li.append(a, document.createTextNode(" (" + n.data.label + ")"));
      ul.append(li);
    });
  }
  function select(id) {
    const n = nodes.get(id);
    if (!n) return;
    const p = document.getElementById("selected");
    const a = document.createElement("a");
    a.href = n.data.href;
    a.dir = "auto";
    a.textContent = n.data.name;
    p.replaceChildren(a, document.createTextNode(" — " + n.data.label + (n.data.community === null ||
      n.data.community === undefined ? "" : ", community " + n.data.community) + ". Open its dossier."));
  }
  function expand(ids) {
    const wanted = ids.filter((id) => !expanded.has(id));
    if (!wanted.length) return Promise.resolve();
    wanted.forEach((id) => expanded.add(id));
    const query = wanted.map((id) => "id=" + encodeURIComponent(id)).join("&");
    return fetch(config.neighbours + "?" + query, {credentials: "same-origin"})
      .then((r) => { if (!r.ok) throw new Error("neighbours: " + r.status); return r.json(); })
      .then(add);
  }
  network.on("click", (event) => {
    if (event.nodes.length) {
      select(event.nodes[0]);
      expand([event.nodes[0]]);
    }
  });
  network.on("doubleClick", (event) => {
    if (event.nodes.length) window.location.assign(nodes.get(event.nodes[0]).data.href);
  });
  document.querySelectorAll(".f-label").forEach((box) => box.addEventListener("change", () => {
    if (box.checked) state.labels.add(box.value); else state.labels.delete(box.value);
    refresh();
  }));
  document.getElementById("f-type").addEventListener("change", (e) => { state.type = e.target.value; refresh(); });
  document.getElementById("f-from").addEventListener("change", (e) => { state.from = e.target.value; refresh(); });
  document.getElementById("f-to").addEventListener("change", (e) => { state.to = e.target.value; refresh(); });
  network.once("stabilizationIterationsDone", () => { document.body.dataset.drawn = "yes"; });
  const first = config.ids.length ? expand(config.ids)
    : fetch(config.whole, {credentials: "same-origin"}).then((r) => r.json()).then(add);
  first.then(() => {
    if (!nodes.length) document.body.dataset.drawn = "yes";
    setTimeout(() => { document.body.dataset.drawn = "yes"; }, 4000);
  }).catch((error) => {
    const cut = document.getElementById("cut");
    cut.textContent = String(error);
    cut.hidden = false;
  });
})();
