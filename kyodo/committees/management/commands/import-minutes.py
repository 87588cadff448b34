"""``kyodo import-minutes``: the same command as ``import_minutes``, spelt as issue #6 names it.

Django finds a command by its file name, and a file name with a hyphen is a valid command name
(it is never imported with an ``import`` statement).
"""

from kyodo.committees.management.commands.import_minutes import Command

__all__ = ["Command"]
