"""Which township an import writes into: by id, by slug, or the only one there is."""

from __future__ import annotations

from cms.core.imports.resources import ImportAbort
from cms.core.models import TownshipPage


def resolve_township(value: str | int | None) -> TownshipPage:
    """The township named by ``value`` (id or slug); with no value, the single township.

    Raises ImportAbort with a Chinese message when it cannot tell which one is meant.
    """
    townships = TownshipPage.objects.all()
    if value in (None, ""):
        found = list(townships[:2])
        if len(found) == 1:
            return found[0]
        if not found:
            raise ImportAbort("系统中还没有乡镇首页，请先创建乡镇站点。")
        names = "、".join(f"{t.slug}（{t.title}）" for t in townships)
        raise ImportAbort(f"系统中有多个乡镇，请用 --township 指定：{names}")
    text = str(value).strip()
    township = None
    if text.isdigit():
        township = townships.filter(pk=int(text)).first()
    if township is None:
        township = townships.filter(slug=text).first()
    if township is None:
        raise ImportAbort(f"找不到乡镇「{text}」（可填写乡镇首页的 ID 或 slug）。")
    return township
