"""Building the graph from curated files."""
