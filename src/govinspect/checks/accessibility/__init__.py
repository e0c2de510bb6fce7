"""Accessibility checks read from the static HTML, each mapped to WCAG 2.1 and GB/T 37668-2019."""
