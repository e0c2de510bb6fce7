"""Checks of the public message board: unanswered and late replies, a missing channel."""
