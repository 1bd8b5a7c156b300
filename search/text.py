"""Chinese text handling shared by every backend: normalisation, segmentation, synonyms.

* `normalize` folds full-width to half-width forms (Unicode NFKC, character by character),
  traditional to simplified characters (the OpenCC character table) and latin to lower
  case, so ``醫保`` finds ``医保`` and ``ＡＢＣ`` finds ``abc``. Every character maps on its
  own, which keeps snippets able to point back into the original text.
* `document_tokens` / `query_tokens` segment with jieba (precise mode, no HMM, so queries
  and documents split the same way) plus a government-vocabulary dictionary
  (data/gov_dict.txt). Documents also get every dictionary word contained in a longer
  word — jieba's "search mode", extended to all lengths — so 医疗保险 finds
  城乡居民基本医疗保险.
* Synonyms (data/synonyms.txt, one group of equivalent terms per line) are expanded at
  query time, so editing them needs no reindex.

jieba loads its dictionary lazily, once per process (about 0.7 s; see `jieba_load_seconds`).
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
GOV_DICT_PATH = DATA_DIR / "gov_dict.txt"
SYNONYMS_PATH = DATA_DIR / "synonyms.txt"

STOPWORDS = frozenset(
    "的 了 和 与 及 或 在 是 等 对 为 也 就 都 而 之 其 以 并 把 被 从 向 于 由 将 着 吗 呢 啊 吧 呀 "
    "及其 以及 或者 并且 我 你 他 她 它 我们 你们 他们 这 那 这个 那个 怎么 怎样 如何 什么 哪里 哪些 "
    "请问 一下 a an the of and or to in on for".split()
)
MAX_SUBWORD_SOURCE = 16
MAX_TOKEN_CHARS = 64
_WORD_RE = re.compile(r"[^\W_]+")
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPACES_RE = re.compile(r"\s+")


# --- normalisation ---------------------------------------------------------------------


@cache
def _fold_table() -> dict[int, str]:
    """Per-character map: NFKC (full-width → half-width), traditional → simplified, lower case."""
    t2s = _traditional_to_simplified()
    table: dict[int, str] = {}
    for code in range(0x20, 0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        folded = "".join(t2s.get(c, c) for c in folded).lower()
        if folded != char and folded:
            table[code] = folded
    for source, target in t2s.items():
        if ord(source) >= 0x10000:
            table[ord(source)] = target
    return table


def _traditional_to_simplified() -> dict[str, str]:
    import opencc

    path = Path(opencc.__file__).resolve().parent / "dictionary" / "TSCharacters.txt"
    mapping: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(target) == 1 and source != target:
            mapping[source] = target
    return mapping


def normalize(text: str) -> str:
    """Fold width, script and case; the same function runs on documents and queries."""
    return text.translate(_fold_table())


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """`normalize`, plus for each output character the index of the input character it came from."""
    table = _fold_table()
    normalized = text.translate(table)
    if len(normalized) == len(text):  # every character mapped to exactly one: offsets are the identity
        return normalized, list(range(len(text)))
    parts: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = table.get(ord(char), char)
        parts.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(parts), offsets


def compact(text: str) -> str:
    """Normalised text with whitespace runs collapsed: the form phrases are compared in."""
    return _SPACES_RE.sub(" ", normalize(text)).strip()


def is_cjk(token: str) -> bool:
    return bool(_CJK_RE.search(token))


# --- segmentation ----------------------------------------------------------------------

_lock = threading.Lock()
_tokenizer = None
_load_seconds: float | None = None


def _get_tokenizer():
    """The process-wide jieba tokenizer, built on first use (thread-safe)."""
    global _tokenizer, _load_seconds
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            started = time.perf_counter()
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            for word in _dictionary_words():
                tokenizer.add_word(word)
            _load_seconds = time.perf_counter() - started
            logger.info("jieba dictionary loaded in %.3f s", _load_seconds)
            _tokenizer = tokenizer
    return _tokenizer


def jieba_load_seconds() -> float:
    """Seconds the one-time jieba initialisation took in this process (initialises if needed)."""
    _get_tokenizer()
    return _load_seconds or 0.0


def _dictionary_words() -> list[str]:
    words = [normalize(line.split()[0]) for line in _data_lines(GOV_DICT_PATH)]
    for group in parse_synonyms(_data_lines(SYNONYMS_PATH)):
        words.extend(term for term in group if " " not in term)
    return list(dict.fromkeys(w for w in words if len(w) > 1))


def _data_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def segment(normalized: str) -> list[str]:
    """jieba precise-mode words of already normalised text, punctuation and spaces dropped."""
    words: list[str] = []
    for piece in _get_tokenizer().cut(normalized, HMM=False):
        words.extend(w for w in _WORD_RE.findall(piece) if len(w) <= MAX_TOKEN_CHARS)
    return words


def _subwords(word: str, freq: dict[str, int]) -> list[str]:
    """Dictionary words strictly inside `word` (what jieba's search mode adds, any length)."""
    found: list[str] = []
    size = len(word)
    for length in range(size - 1, 1, -1):
        for start in range(0, size - length + 1):
            piece = word[start : start + length]
            if freq.get(piece):
                found.append(piece)
    return found


def document_tokens(text: str) -> list[str]:
    """Index terms of a text: words in order, each followed by the dictionary words inside it."""
    freq = _get_tokenizer().FREQ
    tokens: list[str] = []
    for word in segment(normalize(text)):
        if word in STOPWORDS:
            continue
        tokens.append(word)
        if 2 < len(word) <= MAX_SUBWORD_SOURCE and is_cjk(word):
            tokens.extend(_subwords(word, freq))
    return tokens


def title_tokens(title: str) -> list[str]:
    """Title terms: the document tokens plus each Chinese character once (one-character queries)."""
    tokens = document_tokens(title)
    present = set(tokens) | STOPWORDS
    chars = dict.fromkeys(c for c in normalize(title) if _CJK_RE.match(c) and c not in present)
    return tokens + list(chars)


def split_compound(word: str) -> list[str]:
    """Greedy longest-first split into shorter dictionary words; [] unless every part has 2+ chars."""
    freq = _get_tokenizer().FREQ
    parts: list[str] = []
    start = 0
    while start < len(word):
        for end in range(len(word) if start else len(word) - 1, start + 1, -1):
            if freq.get(word[start:end]):
                parts.append(word[start:end])
                start = end
                break
        else:
            return []
    return parts


def query_tokens(text: str) -> list[str]:
    """Distinct query words in order; stopwords and lone characters go when better words exist."""
    segmented = list(dict.fromkeys(segment(normalize(text))))
    words = [w for w in segmented if w not in STOPWORDS] or segmented
    meaningful = [w for w in words if len(w) > 1 or not is_cjk(w)]
    return meaningful or words


# --- synonyms and vocabulary -----------------------------------------------------------


def parse_synonyms(lines: Iterable[str]) -> list[list[str]]:
    """Groups of normalised equivalent terms from ``a,b,c`` lines (，、 also separate terms)."""
    groups: list[list[str]] = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        terms = [compact(t) for t in re.split(r"[,，、]", line)]
        terms = list(dict.fromkeys(t for t in terms if t))
        if len(terms) > 1:
            groups.append(terms)
    return groups


class SynonymMap:
    """Term → equivalent terms, built from synonym groups; a term in two groups gets both."""

    def __init__(self, groups: list[list[str]]):
        self.groups = groups
        self._map: dict[str, list[str]] = {}
        for group in groups:
            for term in group:
                known = self._map.setdefault(term, [])
                known.extend(t for t in group if t != term and t not in known)
        self.max_term_length = max((len(t) for t in self._map), default=0)

    def __contains__(self, term: str) -> bool:
        return term in self._map

    def expand(self, term: str) -> list[str]:
        return list(self._map.get(term, ()))

    def lines(self) -> list[str]:
        """The groups as ``a, b, c`` lines (the Elasticsearch synonym rule format)."""
        return [", ".join(group) for group in self.groups]


_synonym_override: list[str] | None = None


@cache
def _file_synonyms() -> SynonymMap:
    return SynonymMap(parse_synonyms(_data_lines(SYNONYMS_PATH)))


def get_synonyms() -> SynonymMap:
    if _synonym_override is not None:
        return SynonymMap(parse_synonyms(_synonym_override))
    return _file_synonyms()


def set_synonym_lines(lines: list[str] | None) -> None:
    """Replace the synonym list (editors' snippet, tests); ``None`` goes back to the seed file."""
    global _synonym_override
    _synonym_override = list(lines) if lines is not None else None
    vocabulary.cache_clear()


@cache
def vocabulary() -> tuple[str, ...]:
    """Known government terms (dictionary + synonyms), for "did you mean" suggestions."""
    terms = [normalize(line.split()[0]) for line in _data_lines(GOV_DICT_PATH)]
    for group in get_synonyms().groups:
        terms.extend(group)
    return tuple(dict.fromkeys(terms))
