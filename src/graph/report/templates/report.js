// The interactive network of the report. Inlined as it is (no data in it: its hash is in the
// page's Content-Security-Policy); the data comes from the JSON blocks, and a node's panel is a
// <template> rendered and escaped by the server, cloned here: no markup is built from data.
"use strict";
const NODES = JSON.parse(document.getElementById("nodes-data").textContent);
const EDGES = JSON.parse(document.getElementById("edges-data").textContent);
const PANEL = new Map(NODES.map((n, i) => [n.id, i]));  // node id -> its <template id="panel-i">
const palette = ["#4e79a7","#f28e2b","#e15759","#76b7b2","#59a14f","#edc948","#b07aa1","#ff9da7","#9c755f","#bab0ac",
                 "#1f77b4","#aec7e8","#ff7f0e","#98df8a","#d62728","#9467bd","#8c564b","#e377c2","#7f7f7f","#17becf"];
const shapes = {Person: "dot", Organisation: "square", Account: "triangle", Vessel: "diamond"};
const maxSize = Math.max(0.0001, ...NODES.map(n => n.size));
const nodes = new vis.DataSet(NODES.map(n => ({
  id: n.id, label: n.label, title: n.group + " · community " + n.community, community: n.community,
  group_label: n.group, first_seen: n.first_seen, last_seen: n.last_seen,
  shape: shapes[n.group] || "dot", size: 10 + 30 * n.size / maxSize,
  color: palette[((n.community % palette.length) + palette.length) % palette.length],
  font: {face: "DejaVu Sans, Noto Sans Arabic, Arial", size: 14}
})));
const edges = new vis.DataSet(EDGES.map((e, i) => ({id: i, from: e.from, to: e.to, title: e.kinds + " (" + e.weight + ")",
  width: 1 + Math.log(1 + e.weight), color: {color: "#999", opacity: 0.6}})));
function visible(node) {
  const c = document.getElementById("f-community").value;
  const labels = [...document.querySelectorAll(".f-label:checked")].map(x => x.value);
  const from = document.getElementById("f-from").value.trim(), to = document.getElementById("f-to").value.trim();
  if (c !== "" && String(node.community) !== c) return false;
  if (!labels.includes(node.group_label)) return false;
  if (from && (node.last_seen || "") < from) return false;
  if (to && (node.first_seen || "9999") > to + "~") return false;
  return true;
}
const view = new vis.DataView(nodes, {filter: visible});
const network = new vis.Network(document.getElementById("network"), {nodes: view, edges: edges},
  {physics: {stabilization: {iterations: 300}}, interaction: {hover: true}, nodes: {borderWidth: 1}});
window.network = network;
network.once("stabilizationIterationsDone", () => { network.setOptions({physics: false}); document.body.dataset.drawn = "yes"; });
for (const id of ["f-community", "f-from", "f-to"]) document.getElementById(id).addEventListener("input", () => view.refresh());
document.querySelectorAll(".f-label").forEach(x => x.addEventListener("change", () => view.refresh()));
function show(id) {
  const template = document.getElementById("panel-" + PANEL.get(id));
  if (template) document.getElementById("panel").replaceChildren(template.content.cloneNode(true));
}
network.on("click", params => { if (params.nodes.length) show(params.nodes[0]); });
