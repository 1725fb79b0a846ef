"""The one exception type the CLI turns into a single error line and a non-zero exit."""


class PolicykgError(Exception):
    """A problem with the user's input or environment, stated in one line."""


class LoadError(PolicykgError):
    """A file that cannot be read as a notice."""
