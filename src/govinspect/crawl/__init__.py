"""The only place that opens sockets: frontier, fetch, politeness, robots, safety, resolve."""
