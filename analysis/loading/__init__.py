"""Reading a user's file into a Dataset: the table (read), its columns' roles (columns), values and
dates (values), geo panels (panel), and the whole load with its refusals and warnings (load)."""
from analysis.loading.load import LoadOptions, load_csv

__all__ = ["LoadOptions", "load_csv"]
