"""``python -m handbook``: see handbook/cli/main.py."""

import sys

from handbook.cli.main import main

sys.exit(main())
