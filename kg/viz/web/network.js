// The network component: speaks Streamlit's component protocol (postMessage) by hand, so no
// build step or npm package is needed. Python sends the drawing as columns (kg/viz/compact.py),
// a focus and how many lines away to look, the options and legend; a click on a node or line is
// sent back as the component's value. A new focus on the same drawing is drawn here, from the
// items already built, without Python recomputing or resending a drawing of its own.
(function () {
  "use strict";
  var container = document.getElementById("mynetwork");
  var network = null;
  var drawn = null;  // the view on screen: data version, focus and hops
  var built = null;  // the drawing's items, rebuilt from the columns once per data version
  var drawnOptions = null;
  var clicks = 0;
  var reported = null;  // the data version Python was last told this frame holds

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

  // The value sent back: a click, and which drawing this frame holds (Python then sends a new focus
  // on it without the drawing's data, which on a big graph is most of what a rerun would send).
  function report(value) {
    clicks += 1;
    value.n = Date.now() + "." + clicks;  // unique, so a new frame's first value is never the last one seen
    value.have = built === null ? null : built.version;
    send("streamlit:setComponentValue", {value: value, dataType: "json"});
  }

  function clicked(params) {
    if (params.nodes.length) report({node: params.nodes[0]});
    else if (params.edges.length) report({edge: params.edges[0]});
  }

  function build(data, version) {
    var strings = data.strings, columns = data.nodes, lines = data.edges, nodes = [], edges = [];
    var font = {size: data.font, strokeWidth: 5, strokeColor: "#ffffff"};
    columns.id.forEach(function (id, i) {
      var fill = strings[columns.fill[i]], type = columns.type[i], name = columns.name[i];
      nodes.push({id: id, name: name, title: type >= 0 ? strings[type] + name : strings[~type],
                  shape: strings[columns.shape[i]], size: columns.size[i], x: columns.x[i], y: columns.y[i],
                  color: {background: fill, border: "#263238", highlight: {background: fill, border: "#000000"}},
                  labelled: columns.labelled[i] === 1, label: columns.labelled[i] === 1 ? name : "", font: font});
    });
    lines.from.forEach(function (from, i) {
      var edge = Object.assign({}, data.styles[lines.style[i]]);
      edge.from = columns.id[from];
      edge.to = columns.id[lines.to[i]];
      edge.id = lines.id[i] === null ? "merged:" + edge.from + "|" + edge.to : lines.id[i];
      edge.title = lines.title[i].map(function (s) { return strings[s]; }).join("\n");
      edge.text = lines.label[i] >= 0 ? strings[lines.label[i]] : "";
      edge.count = lines.count[i];
      if (data.labelEdges && edge.text) edge.label = edge.text;
      edges.push(edge);
    });
    return {version: version, data: data, nodes: nodes, edges: edges};
  }

  // The same choice as kg.viz.view: neighbourhood, then label_largest and merge_parallel's labels.
  function focused(whole, centre, hops) {
    var data = whole.data, adjacent = {}, reached = {}, frontier = [centre];
    whole.edges.forEach(function (e) {
      (adjacent[e.from] = adjacent[e.from] || []).push(e.to);
      (adjacent[e.to] = adjacent[e.to] || []).push(e.from);
    });
    reached[centre] = true;
    for (var hop = 0; hop < hops; hop++) {
      var next = [];
      frontier.forEach(function (f) {
        (adjacent[f] || []).forEach(function (n) { if (!reached[n]) { reached[n] = true; next.push(n); } });
      });
      frontier = next;
    }
    var nodes = whole.nodes.filter(function (n) { return reached[n.id]; });
    var edges = whole.edges.filter(function (e) { return reached[e.from] && reached[e.to]; });
    var degree = {}, count = 0;
    edges.forEach(function (e) {
      degree[e.from] = (degree[e.from] || 0) + 1;
      degree[e.to] = (degree[e.to] || 0) + 1;
      count += e.count;
    });
    var top = {};
    top[centre] = true;
    if (nodes.length > data.labelAll) {
      nodes.slice().sort(function (a, b) {
        return (degree[b.id] || 0) - (degree[a.id] || 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      }).slice(0, data.labelTop).forEach(function (n) { top[n.id] = true; });
    }
    var font = {size: fontSize(nodes), strokeWidth: 5, strokeColor: "#ffffff"};
    var labelEdges = count <= data.labelEdgesMax;
    return {
      nodes: nodes.map(function (n) {
        var label = nodes.length <= data.labelAll || top[n.id];
        return Object.assign({}, n, {label: label ? n.name : "", font: label ? font : n.font});
      }),
      edges: edges.map(function (e) {
        var out = Object.assign({}, e);
        if (labelEdges && e.text) out.label = e.text; else delete out.label;
        return out;
      })
    };
  }

  function fontSize(nodes, frame, base) {
    frame = frame || 600.0;
    base = base || 14;
    if (!nodes.length) return base;
    var xs = nodes.map(function (n) { return n.x; }), ys = nodes.map(function (n) { return n.y; });
    var extent = Math.max(Math.max.apply(null, xs) - Math.min.apply(null, xs),
                          Math.max.apply(null, ys) - Math.min.apply(null, ys));
    return Math.round(base * Math.max(1.0, extent / frame));
  }

  function plain(items) {  // only what vis-network reads
    return items.map(function (item) {
      var out = Object.assign({}, item);
      delete out.name; delete out.labelled; delete out.text; delete out.count;
      return out;
    });
  }

  function draw(args) {
    var view = args.version + "/" + (args.focus || "") + "/" + (args.focus ? args.hops : "");
    if (view === drawn) return;
    var fresh = built === null || built.version !== args.version;
    if (fresh && !args.data) {  // a new frame (the page was laid out anew) without the data: ask for it
      built = null;
      report({});
      return;
    }
    drawn = view;
    if (fresh) built = build(args.data, args.version);
    var shown = args.focus ? focused(built, args.focus, args.hops) : built;
    document.documentElement.lang = args.lang;
    container.style.height = args.height + "px";
    container.setAttribute("aria-label", args.alt);
    drawLegend(args.legend);
    document.body.removeAttribute("data-drawn");
    var items = {nodes: new vis.DataSet(plain(shown.nodes)), edges: new vis.DataSet(plain(shown.edges))};
    var options = JSON.stringify(args.options);
    if (network === null) {
      network = new vis.Network(container, {nodes: [], edges: []}, args.options);
      network.on("click", clicked);
      window.network = network;  // read by the browser tests and the benchmark
      drawnOptions = options;
    }
    network.once("afterDrawing", function () {
      window.__drawnMs = performance.now();
      document.body.setAttribute("data-drawn", "1");
      document.body.setAttribute("data-version", view);
      if (fresh) setTimeout(holding, 0);
    });
    network.setData(items);
    if (options !== drawnOptions) network.setOptions(args.options);  // after: else applied to every old item
    drawnOptions = options;
    network.fit({animation: false});
    send("streamlit:setFrameHeight", {height: document.body.scrollHeight + 4});
    if (fresh) setTimeout(holding, 2000);  // in case nothing is painted (a frame out of sight)
  }

  // Once a new drawing is on screen, Python is told this frame holds it (the page then sends what it
  // left for later, and a new focus without the data). After the drawing: that run's widgets would
  // otherwise be built by the browser while it draws.
  function holding() {
    if (built !== null && reported !== built.version) {
      reported = built.version;
      report({});
    }
  }

  window.addEventListener("message", function (event) {
    var message = event.data;
    if (event.source !== window.parent) return;
    if (message && message.type === "streamlit:render") draw(message.args);
  });
  send("streamlit:componentReady", {apiVersion: 1});
})();
