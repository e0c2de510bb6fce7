"""Pure checks over a stored crawl, one module per check; the docstring is the check's documentation."""
