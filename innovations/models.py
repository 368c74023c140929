from .cycles import Cycle  # noqa: F401
