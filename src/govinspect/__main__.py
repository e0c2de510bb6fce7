"""``python -m govinspect`` is the ``govinspect`` command."""

from govinspect.cli.main import main

main()
