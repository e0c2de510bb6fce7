"""New-media checks (contract §4b): stale, non-interactive, empty, duplicate and unregistered accounts."""
