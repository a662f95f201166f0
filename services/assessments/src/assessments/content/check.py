"""The content check of questions and answer options (P16): a word list, whole words only."""

import re
import unicodedata
from functools import cache
from pathlib import Path

_WORD = re.compile(r"\w+")


def folded(word: str) -> str:
    """Case and diacritics removed: ``Tõbras`` → ``tobras``, ``ŠURKA`` → ``surka``."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text))


class WordList:
    """Listed words and phrases, matched on whole words after folding."""

    def __init__(self, entries: list[str]) -> None:
        self._phrases: set[tuple[str, ...]] = set()
        for entry in entries:
            words = tuple(folded(word) for word in _words(entry))
            if words:
                self._phrases.add(words)
        self._longest = max((len(phrase) for phrase in self._phrases), default=0)

    @classmethod
    def from_file(cls, path: Path) -> "WordList":
        lines = path.read_text(encoding="utf-8").splitlines()
        return cls([line for line in lines if line.strip() and not line.lstrip().startswith("#")])

    def offending(self, text: str) -> str | None:
        """The first listed word or phrase in ``text``, as written there; None when clean."""
        words = _words(text)
        keys = [folded(word) for word in words]
        for start in range(len(words)):
            for length in range(1, min(self._longest, len(words) - start) + 1):
                if tuple(keys[start : start + length]) in self._phrases:
                    return " ".join(words[start : start + length])
        return None


@cache
def word_list(path: Path) -> WordList:
    return WordList.from_file(path)


class RefusedContentError(Exception):
    def __init__(self, *, field: str, word: str) -> None:
        super().__init__(f"{field} contains “{word}”, which questions may not contain.")
        self.field = field
        self.word = word


def check_content(words: WordList, fields: dict[str, str | None]) -> None:
    """Raises :class:`RefusedContentError` for the first field with a listed word."""
    for field, text in fields.items():
        if text is None:
            continue
        word = words.offending(text)
        if word is not None:
            raise RefusedContentError(field=field, word=word)
