"""Print the lowest versions pyproject.toml allows for this Python, as pip constraints.

scripts/floor_venv.sh installs them into .venv-floor, where scripts/test runs the window and
host tests, so the declared floors stay true.
"""

import re
import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

try:
    import tomllib
except ImportError:  # Python 3.10
    from pip._vendor import tomli as tomllib


def floors(pyproject: Path) -> list[str]:
    dependencies = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    pins = []
    for line in dependencies:
        requirement = Requirement(line)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        lows = [spec.version for spec in requirement.specifier if spec.operator in (">=", "==", "~=")]
        if not lows:
            sys.exit("floor_requirements: %r has no lower bound; give it one in pyproject.toml" % line)
        low = max(lows, key=Version)
        excluded = {Version(spec.version) for spec in requirement.specifier if spec.operator == "!="}
        if Version(low) in excluded:
            sys.exit("floor_requirements: the floor of %r is excluded" % line)
        pins.append("%s==%s" % (re.sub(r"[-_.]+", "-", requirement.name).lower(), low))
    return pins


if __name__ == "__main__":
    print("\n".join(floors(Path(__file__).resolve().parent.parent / "pyproject.toml")))
