"""newsreader: a terminal news reader that understands the text it shows."""

__version__ = "0.1.0"
