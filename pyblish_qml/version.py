"""Single source of the package version (read by the build backend too)."""

__version__ = "2.0.0"
version = __version__
version_info = tuple(int(part) for part in __version__.split("."))
