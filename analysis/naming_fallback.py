"""Temporary until analysis/naming.py lands."""
def title_from_column(column: str) -> str:
    base = column.removesuffix("_spend")
    return base.upper() if len(base) <= 3 else base.replace("_", " ").title()
