"""Government new media (政务新媒体): the account registry, the collectors and the stored posts."""
