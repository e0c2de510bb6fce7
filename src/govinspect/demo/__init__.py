"""The demo estate: imitation government websites with planted problems and their ground truth.

``govinspect demo`` shows it to a new user; the test suite crawls it as its
fixture. :func:`generate_estate` writes the sites, a registry and the ground
truth; :class:`EstateServer` serves them on loopback by host name.
"""

from govinspect.demo.estate import Estate, generate_estate, load_planted
from govinspect.demo.server import EstateServer, bind_free_port
from govinspect.demo.truth import PlantedProblem

__all__ = ["Estate", "EstateServer", "PlantedProblem", "bind_free_port", "generate_estate", "load_planted"]
