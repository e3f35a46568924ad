"""Errors that reach people as plain Dutch sentences."""


class ApplicationError(Exception):
    """A business rule said no. ``message`` is a translated, plain-language sentence.

    Services raise it; the API turns it into a 400 (or ``status``) with ``{"code", "detail"}``,
    pages show it as a form error, commands print it and exit with code 2.
    """

    def __init__(self, message: str, *, code: str = "invalid", status: int = 400, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.extra = extra or {}
