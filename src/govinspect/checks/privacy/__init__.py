"""Checks for personal data published without masking, on pages and in attachments."""
