"""The one exception the CLI turns into a single line on stderr."""


class TutorError(Exception):
    """A problem the user can fix; its message is shown as one line, never a traceback."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
