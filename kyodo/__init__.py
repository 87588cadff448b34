"""Kyodo (協働): an operations platform for Japanese civic collaboration centers."""

__version__ = "0.1.0"
