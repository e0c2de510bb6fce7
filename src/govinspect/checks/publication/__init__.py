"""Checks of policy publication: interpretations that copy their document, no interpretation column."""
