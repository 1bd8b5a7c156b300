"""Deterministic corpus of realistic Chinese township-government documents for search benchmarks.

Sentences come from the seed disclosure reports in /work/shared/seeds (or SEARCH_SEED_DIR)
mixed with template sentences built from the government vocabulary (search/data), so the
text has the length, vocabulary and repetition of real 政务公开 pages. The same seed
always yields the same documents.

    from benchmarks.search.corpus import generate
    docs = list(generate(1000, seed=42))
"""

from __future__ import annotations

import datetime
import os
import random
import re
from collections.abc import Iterator
from pathlib import Path

from search.documents import SearchDocument
from search.text import GOV_DICT_PATH, SYNONYMS_PATH

SEED_DIR = Path(os.environ.get("SEARCH_SEED_DIR", "/work/shared/seeds"))
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}

TYPES = [
    ("disclosure_item", 0.45),
    ("service_guide", 0.15),
    ("village_notice", 0.2),
    ("policy_document", 0.1),
    ("interpretation", 0.05),
    ("annual_report", 0.05),
]
PUBLISHERS = [
    "明光镇人民政府",
    "明光镇党政综合办公室",
    "明光镇社会事务办公室",
    "明光镇农业农村办公室",
    "明光镇财政所",
    "明光镇自然资源所",
    "明光镇社会保障服务中心",
    "明光镇退役军人服务站",
    "明光镇应急管理办公室",
    "明光镇综合行政执法队",
]
VILLAGES = ["东山村", "西河村", "南岭村", "北坡村", "龙潭村", "凤鸣村", "桃源村", "清水村", "石门村", "新庄村"]
CATALOG = {
    "社会救助": ["最低生活保障", "特困人员救助供养", "临时救助", "医疗救助"],
    "社会保障": ["医疗保险", "养老保险", "残疾人", "高龄津贴"],
    "农业农村": ["惠农补贴", "农田水利", "宅基地", "土地流转"],
    "财政资金": ["预决算", "政府采购", "专项资金"],
    "市场监管": ["登记注册", "食品安全"],
    "安全生产": ["隐患排查", "应急管理"],
    "村务公开": ["党务", "村务", "财务"],
}
ACTIONS = ["发放情况", "资金分配", "申报工作", "审核结果", "实施方案", "工作安排", "办理流程", "名单", "检查情况"]
DOC_KINDS = {
    "disclosure_item": ["公示", "公告", "通知"],
    "service_guide": ["办事指南", "服务指南"],
    "village_notice": ["村务公开", "财务公开", "公示"],
    "policy_document": ["实施细则", "管理办法", "通知"],
    "interpretation": ["政策解读", "解读"],
    "annual_report": ["年度报告"],
}
TEMPLATES = [
    "{village}共有{term}对象{n}户{m}人，本期发放资金{amount}万元。",
    "根据上级有关规定，镇{office}对{term}申请进行了入户调查和民主评议。",
    "群众可到镇便民服务中心或{village}便民服务站咨询{term}办理事宜，咨询电话0874-{phone}。",
    "{year}年，全镇{term}工作坚持公开、公平、公正原则，接受群众监督。",
    "对不符合{term}条件的{n}户予以清退，并在村务公开栏公示七天。",
    "本通知自印发之日起施行，{term}相关政策以上级最新文件为准。",
    "申请人须提交居民身份证、户口簿以及{term}申请表等材料。",
]


def _sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted(SEED_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="ignore")
        for piece in re.split(r"(?<=[。！？；])|\n", text):
            piece = piece.strip(" \t•|")
            if 12 <= len(piece) <= 200 and "|" not in piece:
                sentences.append(piece)
    return sentences or ["本镇认真贯彻落实政府信息公开条例，及时主动公开政府信息。"]


def _terms() -> list[str]:
    terms = [line.split()[0] for line in GOV_DICT_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    for line in SYNONYMS_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            terms.extend(t.strip() for t in line.split(","))
    return sorted(set(terms))


def generate(count: int, seed: int = 42) -> Iterator[SearchDocument]:
    rng = random.Random(seed)
    sentences, terms = _sentences(), _terms()
    type_names, weights = zip(*TYPES, strict=True)
    catalog = [(top, sub) for top, subs in CATALOG.items() for sub in subs]
    start = datetime.date(2016, 1, 1)
    for pk in range(1, count + 1):
        kind = rng.choices(type_names, weights)[0]
        term = rng.choice(terms)
        year = rng.randint(2016, 2025)
        date = start + datetime.timedelta(days=(year - 2016) * 365 + rng.randint(0, 364))
        village = rng.choice(VILLAGES) if kind == "village_notice" or rng.random() < 0.2 else ""
        title = f"{village or '明光镇'}关于{year}年{term}{rng.choice(ACTIONS)}的{rng.choice(DOC_KINDS[kind])}"
        body = []
        for _ in range(rng.randint(8, 30)):
            if rng.random() < 0.55:
                body.append(rng.choice(sentences))
            else:
                body.append(
                    rng.choice(TEMPLATES).format(
                        village=village or rng.choice(VILLAGES),
                        term=rng.choice([term, term, rng.choice(terms)]),
                        office=rng.choice(PUBLISHERS)[3:],
                        n=rng.randint(2, 90),
                        m=rng.randint(3, 240),
                        amount=round(rng.uniform(0.5, 120), 2),
                        phone=rng.randint(1000000, 9999999),
                        year=year,
                    )
                )
        top, sub = rng.choice(catalog)
        yield SearchDocument(
            id=f"bench.Document:{pk}",
            type=kind,
            title=title,
            text="".join(body),
            fields={
                "validity": rng.choice(["现行有效", "现行有效", "已废止", "已失效"]),
                "index_number": f"01526095-6-/{year}-{pk:07d}",
            },
            publisher=rng.choice(PUBLISHERS),
            catalog_path=[top, sub],
            village=village,
            date=date,
            url=f"https://mingguang.example.gov.cn/bench/{pk}/",
        )
