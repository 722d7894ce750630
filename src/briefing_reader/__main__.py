"""`python -m briefing_reader`, the same as the `briefing` command."""

import gc
import sys

collecting = gc.isenabled()
gc.disable()  # the imports make many objects and no garbage: collecting meanwhile is lost time

from .cli import main  # noqa: E402

if collecting:
    gc.enable()

sys.exit(main())
