"""Checks of online services: incomplete service guides."""
