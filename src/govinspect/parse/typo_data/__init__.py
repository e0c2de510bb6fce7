"""Data of the serious-typo matcher: the important terms and the character confusion sets."""
