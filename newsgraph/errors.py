"""Named errors. Each message says what went wrong and, where it can, how to fix it.

The batch runner catches `NewsgraphError` per item and records it; only
`cli.py` turns it into an exit status.
"""


class NewsgraphError(Exception):
    """Base class: a failure the user can understand and act on."""


class InputError(NewsgraphError):
    """An input item cannot be read or holds no usable article."""


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class EncodingInputError(InputError):
    pass


class TooLargeInputError(InputError):
    pass


class NoArticleError(InputError):
    pass


class LanguageError(InputError):
    pass


class RecordError(InputError):
    """A JSON/JSONL record that is not JSON or lacks text."""


class ModelNotFoundError(NewsgraphError):
    pass


class WorkerError(NewsgraphError):
    """Worker processes cannot start (each one failed while loading the pipeline)."""


class ItemTimeout(BaseException):
    """An item ran past its time limit (raised by `deadline.ItemClock`).

    A BaseException, like KeyboardInterrupt, so that the `except Exception` blocks inside
    libraries (trafilatura has many) cannot swallow it; the pipeline catches it per item.
    """


class StoreError(NewsgraphError):
    pass


class DataFileError(NewsgraphError):
    """A shipped or user-supplied data file is malformed."""


class EvalDataError(NewsgraphError):
    """Gold data for `newsgraph eval` is missing or not in the expected layout."""


class OutputError(NewsgraphError):
    """An output path that cannot be written as asked (`export --out`)."""
