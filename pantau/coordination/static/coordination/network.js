// Draws a cluster's accounts and their coordination edges; data comes from a json_script block.
(function () {
  function draw() {
    var holder = document.getElementById("cluster-network");
    var source = document.getElementById("cluster-graph");
    if (!holder || !source || typeof cytoscape === "undefined") return;
    var graph = JSON.parse(source.textContent);
    var maxWeight = 1;
    graph.edges.forEach(function (e) { maxWeight = Math.max(maxWeight, e.data.weight); });
    var colours = { co_similar: "#c0392b", co_link: "#2471a3", co_group: "#7d8a96" };
    var cy = cytoscape({
      container: holder,
      elements: graph.nodes.concat(graph.edges),
      layout: { name: graph.nodes.length > 60 ? "circle" : "cose", animate: false },
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": "#1f4e79", width: 18, height: 18 } },
        {
          selector: "edge",
          style: {
            width: function (e) { return 1 + 5 * e.data("weight") / maxWeight; },
            "line-color": function (e) { return colours[e.data("kind")] || "#999"; },
            opacity: 0.7
          }
        }
      ]
    });
    cy.on("tap", "node", function (event) { window.location.href = event.target.data("href"); });
    holder.dataset.ready = "1";
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
