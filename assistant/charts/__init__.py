"""Charts: `draw` (one function per chart), `style` (the house look) and `requests` (which chart goes
with which answer — the one chart table every surface uses). Importing this package never imports
matplotlib."""
from assistant.charts.draw import *  # noqa: F403 - the chart functions are this package's API
from assistant.charts.draw import __all__  # noqa: F401
