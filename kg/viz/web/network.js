// The network component: speaks Streamlit's component protocol (postMessage) by hand, so no
// build step or npm package is needed. Python sends the nodes, lines, options and legend; a
// click on a node or line is sent back as the component's value.
(function () {
  "use strict";
  var container = document.getElementById("mynetwork");
  var network = null;
  var drawn = null;
  var clicks = 0;

  function send(type, fields) {
    window.parent.postMessage(Object.assign({isStreamlitMessage: true, type: type}, fields), "*");
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function drawLegend(spec) {
    var legend = document.getElementById("legend");
    legend.replaceChildren();
    (spec.sections || []).forEach(function (section) {
      legend.appendChild(element("b", "", section.title));
      section.items.forEach(function (item) {
        var row = element("div");
        if (item.symbol) {
          row.appendChild(element("span", "sym", item.symbol));
        } else if (item.fill) {
          var dot = element("span", "dot");
          dot.style.background = item.fill;
          row.appendChild(dot);
        } else {
          var line = element("span", "line");
          line.style.borderTopWidth = item.width + "px";
          line.style.borderTopStyle = item.style;
          line.style.borderColor = item.colour;
          row.appendChild(line);
          if (item.head) row.appendChild(element("span", "head", item.head));
        }
        row.appendChild(document.createTextNode(item.text));
        legend.appendChild(row);
      });
    });
    legend.appendChild(element("div", "hint", spec.hint));
  }

  function clicked(params) {
    var value;
    if (params.nodes.length) value = {node: params.nodes[0]};
    else if (params.edges.length) value = {edge: params.edges[0]};
    else return;
    clicks += 1;
    value.n = clicks;
    send("streamlit:setComponentValue", {value: value, dataType: "json"});
  }

  function draw(args) {
    if (args.version === drawn) return;
    drawn = args.version;
    document.documentElement.lang = args.lang;
    container.style.height = args.height + "px";
    container.setAttribute("aria-label", args.alt);
    drawLegend(args.legend);
    document.body.removeAttribute("data-drawn");
    if (network === null) {
      network = new vis.Network(container, {nodes: [], edges: []}, args.options);
      network.on("click", clicked);
      window.network = network;  // read by the browser tests and the benchmark
    } else {
      network.setOptions(args.options);
    }
    network.once("afterDrawing", function () {
      window.__drawnMs = performance.now();
      document.body.setAttribute("data-drawn", "1");
      document.body.setAttribute("data-version", args.version);
    });
    network.setData({nodes: new vis.DataSet(args.nodes), edges: new vis.DataSet(args.edges)});
    network.fit({animation: false});
    send("streamlit:setFrameHeight", {height: document.body.scrollHeight + 4});
  }

  window.addEventListener("message", function (event) {
    var message = event.data;
    if (event.source !== window.parent) return;
    if (message && message.type === "streamlit:render") draw(message.args);
  });
  send("streamlit:componentReady", {apiVersion: 1});
})();
