"""Turns what a resident typed into term groups and phrases — and nothing a database could execute.

The result is pure data: no fragment of the input ever reaches a query language as syntax.
Terms are jieba words made of letters and digits only; FTS operators (" * : ( ) NEAR AND
OR -), SQL fragments, emoji and punctuation are separators. Backends render the data
with their own quoting.

* Each query word becomes a `TermGroup`: the word itself, its synonyms and — for a long
  dictionary word — its parts (宅基地审批 → 宅基地 + 审批). A group matches when any one
  alternative matches; an alternative matches when all its tokens do.
* Text in straight or Chinese quotes ("…", “…”, 「…」, 『…』) is a `Phrase`: its tokens must
  match and its normalised text must occur verbatim in the title or the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from search import text as search_text

MAX_GROUPS = 12
MAX_ALTERNATIVES = 12
_QUOTES = str.maketrans({c: '"' for c in "“”„‟「」『』〝〞＂"})
_PHRASE_RE = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class TermGroup:
    """One query word and its equivalent forms; alternatives[0] is the word itself.

    Only the typed word is split into parts; synonyms are used whole, so an expansion never
    loosens into common words (低保 → 最低生活保障, not 最低 + 生活 + 保障).
    """

    term: str
    alternatives: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Phrase:
    """Quoted text that must occur as written (after normalisation)."""

    text: str
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class ParsedQuery:
    """The structured form of a query string."""

    raw: str
    plain_text: str = ""
    groups: tuple[TermGroup, ...] = ()
    phrases: tuple[Phrase, ...] = ()
    notices: list[str] = field(default_factory=list)

    @property
    def is_blank(self) -> bool:
        return not self.raw.strip()

    @property
    def has_terms(self) -> bool:
        return bool(self.groups or self.phrases)

    @property
    def can_relax(self) -> bool:
        """OR fallback needs two or more groups, and words: lone characters (宅/急/地) stay ANDed."""
        return len(self.groups) > 1 and any(len(g.term) > 1 or not search_text.is_cjk(g.term) for g in self.groups)

    def terms(self) -> list[str]:
        return [g.term for g in self.groups]

    def minimal(self) -> ParsedQuery:
        """The same matches with fewer alternatives: one needing a superset of another's tokens is dropped.

        (政府 AND 信息公开) OR 信息公开 matches exactly what 信息公开 matches, but makes the index
        walk every document holding 政府. Scores would differ (BM25 counts each alternative), so
        this is for passes that do not rank by BM25 (broad queries).
        """
        groups = []
        for group in self.groups:
            sets = [set(alternative) for alternative in group.alternatives]
            kept = tuple(
                alternative
                for alternative, tokens in zip(group.alternatives, sets, strict=True)
                if not any(other < tokens for other in sets)
            )
            groups.append(TermGroup(term=group.term, alternatives=kept))
        return replace(self, groups=tuple(groups))

    def highlight_terms(self) -> list[str]:
        """Normalised strings to mark in snippets, longest first."""
        terms = {token for group in self.groups for alt in group.alternatives for token in alt}
        terms |= {p.text for p in self.phrases}
        terms |= {token for p in self.phrases for token in p.tokens}
        return sorted(terms, key=lambda t: (-len(t), t))


def parse_query(raw: str) -> ParsedQuery:
    raw = raw or ""
    text = search_text.normalize(raw.translate(_QUOTES))
    phrases: list[Phrase] = []
    for match in _PHRASE_RE.finditer(text):
        phrase_text = search_text.compact(match.group(1))
        if search_text.segment(phrase_text):
            phrases.append(Phrase(phrase_text, _phrase_tokens(phrase_text)))
    rest = _PHRASE_RE.sub(" ", text).replace('"', " ")
    tokens = search_text.query_tokens(rest)
    groups = _groups(tokens)[:MAX_GROUPS]
    plain = "".join(search_text.segment(rest))
    return ParsedQuery(raw=raw, plain_text=plain, groups=tuple(groups), phrases=tuple(dict.fromkeys(phrases)))


def _phrase_tokens(phrase_text: str) -> tuple[str, ...]:
    words = [w for w in search_text.segment(phrase_text) if w not in search_text.STOPWORDS]
    return tuple(dict.fromkeys(w for w in words if len(w) > 1 or not search_text.is_cjk(w)))


def _groups(tokens: list[str]) -> list[TermGroup]:
    """Group tokens, joining consecutive tokens that together form a synonym (城乡居民+医保)."""
    synonyms = search_text.get_synonyms()
    groups: list[TermGroup] = []
    index = 0
    while index < len(tokens):
        taken = 1
        for span in range(min(len(tokens) - index, 4), 1, -1):
            joined = "".join(tokens[index : index + span])
            if len(joined) <= synonyms.max_term_length and joined in synonyms:
                taken = span
                break
        own = tuple(tokens[index : index + taken])
        groups.append(_group("".join(own), own))
        index += taken
    return groups


def _group(term: str, own: tuple[str, ...]) -> TermGroup:
    alternatives: list[tuple[str, ...]] = [own]
    if len(own) == 1:
        alternatives.extend(_decompositions(own[0]))
    for synonym in search_text.get_synonyms().expand(term):
        tokens = tuple(search_text.query_tokens(synonym))
        if tokens:
            alternatives.append(tokens)
    unique = list(dict.fromkeys(alternatives))
    return TermGroup(term=term, alternatives=tuple(unique[:MAX_ALTERNATIVES]))


def _decompositions(word: str) -> list[tuple[str, ...]]:
    """A long word split into dictionary words of two or more characters, if it splits cleanly."""
    if len(word) < 4 or not search_text.is_cjk(word):
        return []
    parts = search_text.split_compound(word)
    return [tuple(parts)] if len(parts) > 1 else []
