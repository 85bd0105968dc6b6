"""Errors in what the user typed: one line, in English here and translated by the window."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input from the user.

    `template` is an English sentence with {named} fields and `values` fills them, so the command
    line prints str(error) and the window shows tr(template).format(**values) in its language.
    scripts/translation_strings.py collects every literal template passed to InputError.
    """

    def __init__(self, template: str, **values: object) -> None:
        self.template = template
        self.values = values
        super().__init__(template.format(**values))
