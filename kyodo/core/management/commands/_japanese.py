"""``kyodo COMMAND --help`` in Japanese for Kyodo's own commands.

Django builds every command's parser with argparse, whose frame is English: 「usage:」, the
titles 「positional arguments」 and 「options」, the help of the options every command has
(``--verbosity``, ``--settings``, ``--traceback`` …) and the errors of a mistyped command line
(「the following arguments are required」). ``JapaneseHelp``, put before ``BaseCommand``, gives
them in Japanese; each command writes its own ``help`` and its arguments' help in Japanese.
Django's built-in commands (``migrate``, ``collectstatic``, ``createsuperuser`` …) keep their
English help.

Not a command itself: Django skips the modules of ``commands/`` whose names begin with ``_``.
"""

from __future__ import annotations

import argparse
import re
import sys

from django.core.management.base import DjangoHelpFormatter

# The options Django gives every command (BaseCommand.create_parser), and argparse's --help.
BASE_OPTIONS = {
    "help": "この説明を表示して終了します。",
    "version": "Kyodo のバージョンを表示して終了します。",
    "verbosity": "表示の詳しさ：0=最小、1=通常、2=詳しく、3=とても詳しく",
    "settings": (
        "設定モジュールの Python のパス（既定：kyodo.settings、環境変数 DJANGO_SETTINGS_MODULE）"
    ),
    "pythonpath": "Python のモジュールを探すディレクトリを加えます。",
    "traceback": "エラーのとき、Python のトレースバックを表示します（開発者向け）。",
    "no_color": "出力に色を付けません。",
    "force_color": "端末でなくても出力に色を付けます。",
    "skip_checks": "開始前のシステムチェックを省きます。",
}

BASE_METAVARS = {"settings": "モジュール", "pythonpath": "ディレクトリ"}

# argparse's errors (Python 3.12–3.14), as patterns over its English, and their Japanese.
ERRORS = [
    (r"the following arguments are required: (.+)", r"次の引数を指定してください：\1"),
    (r"unrecognized arguments: (.+)", r"使えない引数があります：\1"),
    (
        r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)",
        r"\1 に \2 は指定できません（指定できるのは \3）",
    ),
    (r"argument (.+?): invalid (int|float) value: (.+)", r"\1 には数字を指定してください（\3）"),
    (r"argument (.+?): invalid \w+ value: (.+)", r"\1 の値 \2 は読めません"),
    (r"argument (.+?): expected one argument", r"\1 には値を1つ指定してください"),
    (r"argument (.+?): expected at least one argument", r"\1 には値を1つ以上指定してください"),
    (r"argument (.+?): ignored explicit argument (.+)", r"\1 は値をとりません（\2）"),
    (r"argument (.+?): not allowed with argument (.+)", r"\1 と \2 は一緒に使えません"),
    (r"ambiguous option: (.+?) could match (.+)", r"\1 は \2 のどれか分かりません"),
]


def japanese_error(message: str) -> str:
    for pattern, replacement in ERRORS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class JapaneseHelpFormatter(DjangoHelpFormatter):
    """「使い方: kyodo backup …」 instead of 「usage: …」."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "使い方：" if prefix is None else prefix)


def japanese_parser(parser: argparse.ArgumentParser) -> None:
    """The frame of ``parser`` and of its subcommands' parsers in Japanese, in place."""
    parser.formatter_class = JapaneseHelpFormatter
    parser._positionals.title = "引数"
    parser._optionals.title = "オプション"
    for action in parser._actions:
        if action.option_strings and action.dest in BASE_OPTIONS:
            action.help = BASE_OPTIONS[action.dest]
            action.metavar = BASE_METAVARS.get(action.dest, action.metavar)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                japanese_parser(sub)
    original = parser.error

    def error(message: str):
        if not getattr(parser, "called_from_command_line", True):
            return original(message)  # call_command(): Django's CommandError
        # As argparse's own error(): the usage, then one line, exit status 2.
        parser.print_usage(sys.stderr)
        return parser.exit(2, f"{parser.prog}: エラー：{japanese_error(message)}\n")

    parser.error = error


class JapaneseHelp:
    """Before ``BaseCommand`` in a command's bases: its ``--help`` and command-line errors in
    Japanese (the command's own ``help`` texts are Japanese already), and a failure
    (``CommandError``) printed as its Japanese message alone, without Django's English
    「CommandError: 」 in front; the exit status stays non-zero, ``--traceback`` shows the
    traceback."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", JapaneseHelpFormatter)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        japanese_parser(parser)
        return parser

    def run_from_argv(self, argv):
        from django.core.exceptions import ImproperlyConfigured
        from django.core.management.base import CommandError, handle_default_options
        from django.db import connections

        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        options = parser.parse_args(argv[2:])
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        handle_default_options(options)
        try:
            self.execute(*args, **cmd_options)
        except CommandError as error:
            if options.traceback:
                raise
            self.stderr.write(str(error), lambda text: text)
            sys.exit(error.returncode)
        finally:
            try:
                connections.close_all()
            except ImproperlyConfigured:
                pass  # the settings did not load: `kyodo` says why
