"""Checks about links: whether what a page points to can be opened."""
