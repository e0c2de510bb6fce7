"""Availability monitoring: scheduled visits to every registered homepage, and their history.

``govinspect monitor`` visits each homepage in fixed, per-site jittered slots (schedule.py),
classifies each visit (probe.py), stores one row per (site, slot) (store.py), and runs as a
long-lived service that stops cleanly (service.py). The ``site-unreachable`` check reads the
stored slots of its window (:func:`load_probe_window`); reports draw them (chart.py).
"""

from govinspect.monitor.chart import availability_chart
from govinspect.monitor.store import load_probe_window

__all__ = ["availability_chart", "load_probe_window"]
