"""`python -m briefing_reader`, the same as the `briefing` command."""

import sys

from .cli import main

sys.exit(main())
