"""Drawing the graph: what to show of it (focus, merged lines, communities) and the browser component."""
