"""Checks about availability: whether the site opens when the public visits it."""
