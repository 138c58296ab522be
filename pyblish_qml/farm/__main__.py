"""``python -m pyblish_qml.farm ...``: the farm's command line (:mod:`.cli`), as workers call it."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
