"""govinspect: open inspection of government websites and new-media accounts."""

__version__ = "0.1.0"
USER_AGENT = f"govinspect/{__version__} (+https://github.com/govinspect/govinspect; site inspection)"
