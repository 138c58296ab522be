"""The model tests (no window): app_helpers from every feature folder below."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
