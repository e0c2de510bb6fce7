"""Checks comparing a crawl with the previous crawl of the same site: what changed in its columns.

The previous crawl's columns and items reach the checks through the context
(``previous_items``, ``previous_columns``, ``previous_crawl_at``), loaded by the engine from the
store; without a previous crawl these checks find nothing. Their findings are ``review``: a
change is a question for the site's editors, not a failed rule.
"""
