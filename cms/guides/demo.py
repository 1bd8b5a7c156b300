"""Demo data: the township's 办事指南 section with 53 guides, published through Wagtail revisions."""

from __future__ import annotations

from cms.guides.cells import parse_materials, parse_steps
from cms.guides.demo_data import GUIDES, IMPLEMENTERS
from cms.guides.models import GuideMaterial, GuideStep, ServiceGuideIndexPage, ServiceGuidePage

TOPIC_CODES = {
    "social_assistance": "SHJZ",
    "social_security": "SHBZ",
    "household": "HJ",
    "agriculture": "NY",
    "housing": "JF",
    "market": "SCJG",
    "employment": "JY",
    "civil_affairs": "MZ",
    "family": "SY",
    "health": "WS",
    "disability": "CJ",
    "veterans": "TY",
    "education": "JYU",
    "forestry": "LY",
    "other": "QT",
}


def build_guides_demo(ctx) -> None:
    """办事指南 under the demo township: every guide complete and published by the admin."""
    township = ctx.township
    if ServiceGuideIndexPage.objects.child_of(township).exists():
        ctx.log("办事指南：已存在，跳过")
        return
    admin = ctx.users.get("admin")
    index = ServiceGuideIndexPage(
        title="办事指南",
        slug="bszn",
        intro="<p>个人办事和企业办事的全部事项：办理材料、流程、地点、时限和联系电话，可打印，可扫码在手机上查看。</p>",
    )
    township.add_child(instance=index)
    index.save_revision(user=admin).publish(user=admin)
    counters: dict[str, int] = {}
    for number, entry in enumerate(GUIDES, start=1):
        title, topic, audience, item_type, who, basis, conditions, materials, steps, legal, promised, visits = entry
        prefix = TOPIC_CODES.get(topic, "QT")
        counters[prefix] = counters.get(prefix, 0) + 1
        code = f"530581-MG-{prefix}-{counters[prefix]:03d}"
        guide = ServiceGuidePage(
            title=title,
            slug=code.lower(),
            code=code,
            item_type=item_type,
            implementer=IMPLEMENTERS[who],
            for_personal="p" in audience,
            for_enterprise="e" in audience,
            topic=topic,
            legal_basis=basis,
            conditions=conditions,
            location="明光镇便民服务中心（明光镇政府大院一楼）",
            window=f"{(number % 6) + 1}号综合窗口",
            office_hours="周一至周五 上午9:00-12:00，下午14:30-17:30（法定节假日除外）",
            phone=f"0875-55512{number % 90 + 10:02d}（演示）",
            complaint_phone="0875-12345（演示）",
            legal_time_limit=legal,
            promised_time_limit=promised,
            fees="不收费",
            visits=visits,
            delivery="窗口领取" if visits else "网上推送电子结果，或邮寄送达",
        )
        guide.materials = [
            GuideMaterial(
                sort_order=position, name=m.name, original_or_copy=m.original_or_copy, copies=m.copies, source=m.source
            )
            for position, m in enumerate(parse_materials("\n".join(materials)))
        ]
        guide.steps = [
            GuideStep(sort_order=position, name=s.name, description=s.description, time_limit=s.time_limit)
            for position, s in enumerate(parse_steps(steps))
        ]
        index.add_child(instance=guide)
        guide.save_revision(user=admin).publish(user=admin)
    personal = ServiceGuidePage.objects.child_of(index).filter(for_personal=True).count()
    enterprise = ServiceGuidePage.objects.child_of(index).filter(for_enterprise=True).count()
    ctx.log(f"办事指南：{len(GUIDES)} 项（个人 {personal}，企业 {enterprise}）")
