"""Interface strings. The i18n branch (issue 11) replaces this with its gettext catalog."""


def _(message: str) -> str:
    return message


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark for extraction, translate later"
    return message
