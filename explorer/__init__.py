"""The explorer's pages (one file each) and what they share (common.py)."""
