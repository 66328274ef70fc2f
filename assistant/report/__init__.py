"""The board pack: one-page HTML, Markdown brief, Excel workbook and key-insights JSON (intent `report`).

Importing this package is cheap; the writers import matplotlib and openpyxl when they run.
"""
from assistant.report.pack import BoardPack, build_board_pack
from assistant.report.write import write_board_pack

__all__ = ["BoardPack", "build_board_pack", "write_board_pack"]
