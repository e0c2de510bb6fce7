"""Checks of identity and compliance marks: site code, filings, badges, domain, search, annual report."""
