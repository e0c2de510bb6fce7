"""The ``govinspect`` command line (Typer): one module per command."""
