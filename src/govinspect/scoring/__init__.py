"""Frameworks as data (YAML) and pure scoring of findings against them."""
