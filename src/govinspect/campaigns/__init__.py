"""Spot-check campaigns: drawing the sample, running it, aggregating, rectification."""
