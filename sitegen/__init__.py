"""sitegen: static archive sites from text dumps of Chinese newspaper pages."""

__version__ = "0.1.0"
