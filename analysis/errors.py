"""Domain errors: each message names the problem and the fix, so the CLI can print it as one line."""


class MMMError(Exception):
    """Base class for every error the user should see as a one-line message (exit code 2)."""


class DataError(MMMError):
    """The input file cannot be used as given; the message says why and how to fix it."""


class ModelError(MMMError):
    """The data loaded but the model cannot be estimated from it (e.g. constant sales)."""


class InfeasibleError(MMMError):
    """A scenario or budget request cannot be met under the stated constraints."""


class NotFittedError(ValueError, AttributeError):
    """A result was asked of a model that has not been fitted yet."""
