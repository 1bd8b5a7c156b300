"""Content of the demo township (腾冲市明光镇): plain data, no database access.

Every name, phone number and address below is demo material. The township and its
organisation code come from the seed report 000 (索引号 01526095-6-/2018-0102001,
发布机构 腾冲市明光镇); the phone numbers use the real area code 0875 with a made-up
555xxxx number and say "演示" so nobody mistakes them for the real office.
"""

from __future__ import annotations

from dataclasses import dataclass

# -- the township ---------------------------------------------------------------------

TOWNSHIP = {
    "title": "明光镇",
    "slug": "mingguang",
    "organisation_code": "01526095-6",
    # The seed's 索引号 style: organisation code / year - 7-digit sequence.
    "index_number_pattern": "{org_code}/{year}-{seq:07d}",
    "intro": (
        "<p>明光镇位于云南省保山市腾冲市北部，地处高黎贡山西麓，与缅甸接壤。"
        "本站为乡镇政务公开平台演示站点，所载信息均为演示数据。</p>"
    ),
    "office_name": "明光镇党政综合办公室（政务公开办公室）",
    "office_address": "云南省保山市腾冲市明光镇明光社区集镇街1号（演示地址）",
    "office_hours": "周一至周五 上午9:00—12:00，下午14:30—18:00（法定节假日除外）",
    "office_phone": "0875-5551234（演示）",
    "office_fax": "0875-5551235（演示）",
    "office_email": "mgz-zwgk@example.org",
    "office_postcode": "679100",
}

SITE_NAME = "腾冲市明光镇政务公开（演示）"
SITE_HOSTNAME = "127.0.0.1"
SITE_PORT = 8000

CATALOG_INDEX = {
    "title": "政府信息公开",
    "slug": "xxgk",
    "intro": "<p>按照基层政务公开标准化规范化要求，分26个领域公开政府信息。</p>",
}

# -- users ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUser:
    """A demo login; the password is printed by demo_banner and in the README."""

    username: str
    password: str
    group: str
    last_name: str
    first_name: str
    is_superuser: bool = False


USERS = [
    DemoUser("admin", "admin123456", "管理员", "管", "理员", is_superuser=True),
    DemoUser("editor", "editor123456", "编辑", "李", "编辑"),
    DemoUser("reviewer", "reviewer123456", "审核员", "王", "审核"),
]

# -- organisations (key → name, short name, 发文字号前缀) ------------------------------

ORGANISATIONS = {
    "gov": ("明光镇人民政府", "镇政府", "明政发"),
    "office": ("明光镇党政综合办公室", "党政办", "明政办发"),
    "finance": ("明光镇财政所", "财政所", "明财发"),
    "agri": ("明光镇农业农村服务中心", "农服中心", "明农发"),
    "social": ("明光镇社会事务办公室", "社会事务办", "明社发"),
    "emergency": ("明光镇应急管理办公室", "应急办", "明应急发"),
    "planning": ("明光镇村镇规划建设服务中心", "规建中心", "明规建发"),
    "culture": ("明光镇文化和旅游广播电视体育服务中心", "文广中心", ""),
    "enforcement": ("明光镇综合行政执法队", "执法队", "明执法发"),
    "health": ("明光镇卫生院", "卫生院", ""),
    "school": ("明光镇中心学校", "中心学校", ""),
    "police": ("腾冲市公安局明光派出所", "明光派出所", ""),
}

# Publishers of the seed reports that are not the demo township itself.
SEED_ORGANISATIONS = {
    "seed_wulanhaote": ("乌兰浩特市人民政府", "", ""),
    "seed_yushan": ("华容县禹山镇人民政府", "禹山镇", ""),
    "seed_fuyuan": ("富源县人民政府办公室", "", ""),
    "seed_huangjinbu": ("余干县黄金埠镇人民政府", "黄金埠镇", ""),
}

# -- the catalog: the 26 standard areas -----------------------------------------------
#
# Source: the 26 pilot areas of 国务院办公厅《开展基层政务公开标准化规范化试点工作方案》
# (国办发〔2017〕42号), for which the State Council departments issued the 26 基层政务公开
# 标准指引 in 2019–2020 and which 《关于全面推进基层政务公开标准化规范化工作的指导意见》
# (国办发〔2019〕54号) extends to every county and township. 环境保护 appears as 生态环境
# in the later 标准指引; we use the later name. The order is ours, not official.


@dataclass(frozen=True)
class Area:
    """One standard area (一级目录) with its level-2 matters and their level-3 directories."""

    name: str
    basis: str
    subject: str  # key into ORGANISATIONS
    channels: tuple[str, ...]
    # (level-2 title, 公开内容(要素), level-3 titles)
    matters: tuple[tuple[str, str, tuple[str, ...]], ...]
    audience: str = "全社会"


_WEB = ("政府网站", "两微一端", "公开查阅点")
_VILLAGE = ("政府网站", "社区/企事业单位/村公示栏(电子屏)", "便民服务站")
_SERVICE = ("政府网站", "政务服务中心", "便民服务站", "精准推送")

AREAS: tuple[Area, ...] = (
    Area(
        "安全生产",
        "《中华人民共和国安全生产法》《中华人民共和国政府信息公开条例》",
        "emergency",
        _WEB,
        (
            ("安全生产政策法规", "法律法规、规范性文件、政策解读", ("法律法规", "规范性文件")),
            ("安全生产监管执法", "年度监督检查计划、检查结果、执法处罚结果", ("监督检查计划", "执法结果")),
            ("生产安全事故", "事故信息、调查处理结果", ()),
        ),
    ),
    Area(
        "税收管理",
        "《中华人民共和国税收征收管理法》《中华人民共和国政府信息公开条例》",
        "finance",
        _SERVICE,
        (
            ("税收政策", "税收法律法规、税收优惠政策及解读", ("税收优惠政策",)),
            ("纳税服务", "办税指南、代办涉税事项流程", ()),
        ),
    ),
    Area(
        "征地补偿",
        "《中华人民共和国土地管理法》《中华人民共和国土地管理法实施条例》",
        "planning",
        _VILLAGE,
        (
            ("征地批复与公告", "征收土地预公告、征收土地公告", ("征收土地公告",)),
            ("征地补偿安置", "补偿安置方案、补偿标准、补偿费用发放情况", ("补偿安置方案", "补偿标准")),
        ),
        audience="特定群体",
    ),
    Area(
        "国有土地上房屋征收与补偿",
        "《国有土地上房屋征收与补偿条例》",
        "planning",
        _VILLAGE,
        (
            ("房屋征收决定", "征收决定、征收范围、社会稳定风险评估结论", ()),
            ("征收补偿", "补偿方案、分户补偿结果", ("补偿方案", "补偿结果")),
        ),
    ),
    Area(
        "重大建设项目",
        "《政府投资条例》《国务院办公厅关于推进重大建设项目批准和实施领域政府信息公开的意见》",
        "planning",
        _WEB,
        (
            ("项目批准服务", "审批、核准、备案结果", ()),
            ("项目实施", "招标投标、征收土地、施工有关信息、竣工验收", ("施工信息", "竣工验收")),
        ),
    ),
    Area(
        "公共文化服务",
        "《中华人民共和国公共文化服务保障法》",
        "culture",
        ("政府网站", "两微一端", "广播电视", "社区/企事业单位/村公示栏(电子屏)"),
        (
            ("公共文化设施", "场馆名称、地址、开放时间、免费项目", ("场馆开放",)),
            ("群众文化活动", "活动预告、活动安排", ("文化活动", "非遗保护")),
        ),
    ),
    Area(
        "扶贫",
        "《中共中央 国务院关于实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接的意见》",
        "agri",
        _VILLAGE,
        (
            ("扶贫政策", "政策文件及解读", ()),
            ("扶贫资金", "资金分配结果、资金使用情况", ("资金分配", "资金使用")),
            ("扶贫项目", "项目库、项目实施情况", ("项目库", "项目实施")),
        ),
    ),
    Area(
        "救灾",
        "《自然灾害救助条例》",
        "emergency",
        ("政府网站", "广播电视", "精准推送", "社区/企事业单位/村公示栏(电子屏)"),
        (
            ("灾害预警", "预警信息、防范措施", ()),
            ("救灾资金物资", "资金物资来源、数量、发放对象", ("资金物资发放",)),
            ("灾后恢复重建", "重建规划、进度", ()),
        ),
    ),
    Area(
        "社会救助",
        "《社会救助暂行办法》《最低生活保障审核确认办法》",
        "social",
        _VILLAGE,
        (
            ("最低生活保障", "政策文件、办理流程、保障对象公示", ("政策文件", "保障对象公示")),
            ("特困人员救助供养", "供养标准、供养对象公示", ("供养对象公示",)),
            ("临时救助", "救助标准、救助结果", ("救助结果",)),
        ),
        audience="特定群体",
    ),
    Area(
        "养老服务",
        "《中华人民共和国老年人权益保障法》",
        "social",
        _VILLAGE,
        (
            ("养老政策", "高龄津贴、养老服务补贴政策", ("高龄津贴",)),
            ("养老服务机构", "机构名称、地址、服务内容、收费标准", ()),
        ),
    ),
    Area(
        "户籍管理",
        "《中华人民共和国户口登记条例》",
        "police",
        _SERVICE,
        (
            ("户籍办理", "办事指南、办理时限、联系方式", ("办事指南",)),
            ("户籍政策", "落户政策、政策解读", ()),
        ),
    ),
    Area(
        "涉农补贴",
        "《财政部 农业农村部关于印发〈农业相关转移支付资金管理办法〉的通知》",
        "agri",
        _VILLAGE,
        (
            ("补贴政策", "补贴项目、标准、申报条件", ("耕地地力保护补贴", "农机购置补贴", "产业扶持补助")),
            ("补贴发放", "发放对象、发放金额", ("发放结果公示",)),
        ),
    ),
    Area(
        "食品药品监管",
        "《中华人民共和国食品安全法》",
        "enforcement",
        _WEB,
        (
            ("监督检查", "检查计划、抽检结果", ("抽检结果",)),
            ("食品安全宣传", "风险提示、科普宣传", ()),
        ),
    ),
    Area(
        "城乡规划",
        "《中华人民共和国城乡规划法》",
        "planning",
        _VILLAGE,
        (
            ("规划编制", "村庄规划批前公示、批后公布", ("村庄规划",)),
            ("规划许可", "乡村建设规划许可证核发情况", ("乡村建设规划许可",)),
        ),
    ),
    Area(
        "生态环境",
        "《中华人民共和国环境保护法》《中华人民共和国森林法》",
        "agri",
        _WEB,
        (
            ("生态环境政策", "政策文件及解读", ()),
            ("环境监管", "河（湖）长制、环境信访处理", ("河湖长制",)),
            ("生态保护", "森林草原防灭火、生态修复", ("森林防灭火",)),
        ),
    ),
    Area(
        "公共法律服务",
        "《中华人民共和国法律援助法》《中华人民共和国人民调解法》",
        "office",
        _SERVICE,
        (
            ("法律援助", "申请条件、办理流程", ()),
            ("人民调解", "调解组织、人员名单", ("调解组织",)),
            ("普法宣传", "普法计划、活动安排", ()),
        ),
    ),
    Area(
        "财政预决算",
        "《中华人民共和国预算法》《地方预决算公开操作规程》",
        "finance",
        ("政府网站", "公开查阅点"),
        (
            ("预算", "年度预算、“三公”经费预算", ("年度预算", "三公经费预算")),
            ("决算", "年度决算、“三公”经费决算", ("年度决算",)),
        ),
    ),
    Area(
        "就业",
        "《中华人民共和国就业促进法》",
        "social",
        _SERVICE,
        (
            ("就业政策", "就业创业扶持政策", ("创业担保贷款",)),
            ("就业服务", "招聘信息、职业培训", ("招聘信息", "职业培训")),
        ),
    ),
    Area(
        "医疗卫生",
        "《中华人民共和国基本医疗卫生与健康促进法》",
        "health",
        _SERVICE,
        (
            ("基本公共卫生服务", "服务项目、服务对象", ()),
            ("医疗保障", "城乡居民医保参保缴费", ("城乡居民医保",)),
        ),
    ),
    Area(
        "市政服务",
        "《城镇供水条例》《城市市容和环境卫生管理条例》",
        "planning",
        ("政府网站", "两微一端", "精准推送"),
        (
            ("供水", "停水检修通知、水质信息", ()),
            ("环境卫生", "垃圾收运、公厕信息", ()),
        ),
    ),
    Area(
        "农村危房改造",
        "《住房和城乡建设部 财政部 民政部 国务院扶贫办关于决战决胜脱贫攻坚进一步做好农村危房改造工作的通知》",
        "planning",
        _VILLAGE,
        (
            ("政策与标准", "补助标准、申请条件", ()),
            ("对象认定", "改造对象公示", ("对象公示",)),
            ("补助资金", "资金发放公示", ()),
        ),
        audience="特定群体",
    ),
    Area(
        "义务教育",
        "《中华人民共和国义务教育法》",
        "school",
        _SERVICE,
        (
            ("学校信息", "学校名称、地址、联系方式", ()),
            ("招生入学", "招生方案、划片范围", ()),
            ("学生资助", "资助政策、受助学生名单", ("受助名单",)),
        ),
    ),
    Area(
        "公共资源交易",
        "《中华人民共和国招标投标法》《公共资源交易平台管理暂行办法》",
        "finance",
        _WEB,
        (
            ("交易公告", "招标公告、采购公告", ()),
            ("交易结果", "中标候选人公示、中标结果", ()),
            ("农村集体产权交易", "交易公告、交易结果", ()),
        ),
    ),
    Area(
        "卫生计生",
        "《中华人民共和国人口与计划生育法》",
        "health",
        _VILLAGE,
        (
            ("计划生育奖励扶助", "扶助标准、扶助对象公示", ("扶助对象公示",)),
            ("妇幼健康", "妇幼健康服务项目", ()),
        ),
        audience="特定群体",
    ),
    Area(
        "保障性住房",
        "《公共租赁住房管理办法》",
        "planning",
        _WEB,
        (
            ("保障政策", "申请条件、保障标准", ()),
            ("分配管理", "分配对象、分配结果", ()),
        ),
    ),
    Area(
        "城市综合执法",
        "《中华人民共和国行政处罚法》《中华人民共和国行政强制法》",
        "enforcement",
        _WEB,
        (
            ("执法依据", "权责清单、执法依据", ()),
            ("执法公示", "行政处罚结果、行政检查结果", ("行政处罚结果",)),
        ),
    ),
)

# The annual reports live outside the 26 areas, as on every township site.
ANNUAL_REPORT_DIRECTORY = ("政府信息公开年报", "nb", "政府信息公开工作年度报告（条例第四十九条、第五十条）")

# -- the negative list ----------------------------------------------------------------

NEGATIVE_LIST = [
    (
        "森林草原防灭火扑救力量部署及边境管控部署",
        "涉及扑救力量调度、边境管控点位，属国家秘密或工作秘密。",
        "《中华人民共和国保守国家秘密法》第二条、第十三条；《中华人民共和国政府信息公开条例》第十四条",
        "生态环境",
    ),
    (
        "社会救助对象的身份证号码、银行账号、联系电话及家庭详细住址",
        "公示救助对象时只公开姓名、所在村（组）、救助类别和金额。",
        "《中华人民共和国政府信息公开条例》第十五条；《中华人民共和国个人信息保护法》第十三条、第二十八条",
        "社会救助",
    ),
    (
        "尚在讨论研究中的内部请示、会议纪要等过程性信息",
        "属于行政机关内部事务信息和过程性信息，可以不予公开。",
        "《中华人民共和国政府信息公开条例》第十六条",
        "",
    ),
    (
        "行政执法案卷材料",
        "执法案卷可不予公开；行政处罚结果按规定另行公示。",
        "《中华人民共和国政府信息公开条例》第十六条第二款",
        "城市综合执法",
    ),
]

# -- disclosed items ------------------------------------------------------------------


@dataclass(frozen=True)
class DemoItem:
    """One demo DisclosureItemPage: where it is filed, who issued it and how it is dated.

    ``days_ago`` is when it was written (成文日期) relative to the day the demo loads;
    ``lag`` is how many calendar days later it was disclosed (LATE makes it late).
    Titles and summaries may say {y} (the year written), {py}/{ny} (the year before/after),
    {y4} (four years on) and {m} (the month written), so the demo stays current.
    """

    path: str  # "一级/二级[/三级]"
    title: str
    publisher: str  # key into ORGANISATIONS
    days_ago: int
    lag: int = 3
    numbered: bool = False  # carries a 文号 from the publisher's prefix
    normative: bool = False
    repealed_days_ago: int | None = None  # 已废止 since that many days ago
    keywords: str = ""
    summary: str = ""


LATE = 45  # calendar days: always more than 20 working days

PUBLISHED_ITEMS: tuple[DemoItem, ...] = (
    DemoItem("安全生产/安全生产政策法规/规范性文件", "明光镇{y}年安全生产工作要点", "office", 290, numbered=True),
    DemoItem(
        "安全生产/安全生产监管执法/监督检查计划",
        "明光镇关于开展森林草原防火期安全生产大检查的通知",
        "gov",
        250,
        numbered=True,
    ),
    DemoItem("安全生产/安全生产监管执法/执法结果", "明光镇{py}年第四季度安全生产监督检查情况通报", "emergency", 310),
    DemoItem("税收管理/税收政策/税收优惠政策", "关于小规模纳税人减免增值税政策的宣传提示", "finance", 200),
    DemoItem("税收管理/纳税服务", "明光镇便民服务中心代办涉税事项办事指南", "finance", 420, lag=LATE),
    DemoItem("征地补偿/征地批复与公告/征收土地公告", "关于明光镇自治村集体土地征收的预公告", "gov", 150, numbered=True),
    DemoItem("征地补偿/征地补偿安置/补偿安置方案", "明光镇东营村片区征地补偿安置方案公告", "gov", 120, numbered=True),
    DemoItem(
        "国有土地上房屋征收与补偿/征收补偿/补偿方案",
        "明光集镇道路改造项目国有土地上房屋征收补偿方案（征求意见稿）",
        "gov",
        380,
    ),
    DemoItem("重大建设项目/项目实施/竣工验收", "明光镇农村饮水安全巩固提升工程竣工验收信息", "planning", 340),
    DemoItem("重大建设项目/项目实施/施工信息", "明光镇{y}年高标准农田建设项目施工信息公示", "agri", 95),
    DemoItem("公共文化服务/公共文化设施/场馆开放", "明光镇综合文化站{y}年免费开放公告", "culture", 320),
    DemoItem("公共文化服务/群众文化活动/文化活动", "明光镇{y}年“村晚”群众文化活动安排", "culture", 300),
    DemoItem("扶贫/扶贫项目/项目库", "明光镇{y}年巩固拓展脱贫攻坚成果项目库公示", "agri", 330, lag=LATE),
    DemoItem("扶贫/扶贫资金/资金分配", "明光镇{py}年衔接推进乡村振兴补助资金分配结果公告", "agri", 360, numbered=True),
    DemoItem("扶贫/扶贫资金/资金使用", "明光镇{py}年脱贫人口小额信贷贴息资金发放情况公示", "finance", 280),
    DemoItem("救灾/灾害预警", "明光镇关于做好{y}年主汛期地质灾害防范工作的通知", "gov", 170, numbered=True),
    DemoItem("救灾/救灾资金物资/资金物资发放", "明光镇{py}—{y}年度冬春救助资金发放公示", "social", 260),
    DemoItem("社会救助/最低生活保障/保障对象公示", "明光镇{y}年第一季度城乡最低生活保障对象公示", "social", 235),
    DemoItem("社会救助/最低生活保障/保障对象公示", "明光镇{y}年第二季度城乡最低生活保障对象公示", "social", 140),
    DemoItem("社会救助/特困人员救助供养/供养对象公示", "明光镇{py}年第四季度特困人员救助供养对象公示", "social", 330),
    DemoItem("社会救助/临时救助/救助结果", "明光镇{y}年{m}月临时救助结果公示", "social", 225, lag=LATE),
    DemoItem(
        "社会救助/最低生活保障/政策文件",
        "明光镇最低生活保障审核确认实施细则",
        "gov",
        210,
        numbered=True,
        normative=True,
        keywords="低保 审核确认",
    ),
    DemoItem(
        "社会救助/最低生活保障/政策文件",
        "明光镇最低生活保障审核确认实施细则（2019年版）",
        "gov",
        520,
        numbered=True,
        normative=True,
        repealed_days_ago=210,
        keywords="低保 审核确认",
    ),
    DemoItem("养老服务/养老政策/高龄津贴", "明光镇{y}年高龄津贴发放对象公示", "social", 180),
    DemoItem("养老服务/养老服务机构", "明光镇敬老院基本信息", "social", 400),
    DemoItem("户籍管理/户籍办理/办事指南", "明光派出所户口迁移办事指南", "police", 350),
    DemoItem("户籍管理/户籍政策", "关于户籍窗口周末延时服务的公告", "police", 60),
    DemoItem("涉农补贴/补贴发放/发放结果公示", "明光镇{y}年耕地地力保护补贴发放结果公示", "agri", 130),
    DemoItem("涉农补贴/补贴发放/发放结果公示", "明光镇{py}年农机购置与应用补贴受益对象公示", "agri", 390),
    DemoItem(
        "涉农补贴/补贴政策/产业扶持补助",
        "明光镇{y}年草果、茶叶产业扶持补助实施办法",
        "gov",
        270,
        numbered=True,
        normative=True,
        keywords="草果 茶叶 产业扶持",
    ),
    DemoItem(
        "食品药品监管/监督检查",
        "明光镇{y}年春季学校及周边食品安全专项整治工作方案",
        "office",
        255,
        numbered=True,
    ),
    DemoItem("食品药品监管/监督检查/抽检结果", "明光镇农村集体聚餐食品安全指导情况通报", "enforcement", 110),
    DemoItem("城乡规划/规划编制/村庄规划", "明光镇东营村村庄规划（2021—2035年）批前公示", "planning", 440),
    DemoItem("城乡规划/规划许可/乡村建设规划许可", "明光镇{py}年乡村建设规划许可证核发情况公示", "planning", 300),
    DemoItem(
        "城乡规划/规划许可/乡村建设规划许可",
        "明光镇农村宅基地审批管理暂行办法",
        "gov",
        530,
        numbered=True,
        normative=True,
        repealed_days_ago=90,
    ),
    DemoItem("生态环境/生态保护/森林防灭火", "明光镇{y}年森林草原防灭火工作方案", "gov", 365, numbered=True),
    DemoItem("生态环境/环境监管/河湖长制", "明光镇河（湖）长制工作{py}年度总结", "agri", 305),
    DemoItem("生态环境/生态保护/森林防灭火", "明光镇人民政府关于禁止野外用火的通告", "gov", 345, numbered=True),
    DemoItem("公共法律服务/法律援助", "明光镇公共法律服务工作站服务指南", "office", 410),
    DemoItem("公共法律服务/普法宣传", "明光镇{y}年“八五”普法工作要点", "office", 265, numbered=True),
    DemoItem("公共法律服务/人民调解/调解组织", "明光镇人民调解委员会组成人员名单", "office", 160),
    DemoItem("财政预决算/预算/年度预算", "明光镇{y}年部门预算公开", "finance", 245),
    DemoItem("财政预决算/决算/年度决算", "明光镇{py}年部门决算公开", "finance", 75),
    DemoItem("财政预决算/预算/三公经费预算", "明光镇{y}年“三公”经费预算情况说明", "finance", 244, lag=LATE),
    DemoItem("就业/就业服务/招聘信息", "明光镇{y}年“春风行动”专场招聘会公告", "social", 285),
    DemoItem("就业/就业服务/职业培训", "明光镇{y}年农村劳动力转移就业技能培训计划", "social", 215),
    DemoItem("就业/就业政策/创业担保贷款", "明光镇创业担保贷款政策问答", "social", 100),
    DemoItem("医疗卫生/医疗保障/城乡居民医保", "明光镇{ny}年度城乡居民基本医疗保险参保缴费公告", "health", 50),
    DemoItem("医疗卫生/基本公共卫生服务", "明光镇卫生院{y}年基本公共卫生服务项目公示", "health", 230),
    DemoItem("市政服务/供水", "明光集镇供水管网检修停水通知", "planning", 40),
    DemoItem("市政服务/环境卫生", "明光镇集镇生活垃圾收运时间调整公告", "planning", 190),
    DemoItem("农村危房改造/对象认定/对象公示", "明光镇{y}年农村危房改造对象公示", "planning", 220),
    DemoItem("农村危房改造/补助资金", "明光镇{py}年农村危房改造补助资金发放公示", "finance", 350),
    DemoItem("义务教育/招生入学", "明光镇中心学校{y}年秋季学期一年级招生方案", "school", 170),
    DemoItem("义务教育/学生资助/受助名单", "明光镇{y}年春季学期义务教育学生资助名单公示", "school", 240),
    DemoItem("公共资源交易/交易公告", "明光镇麻栎村村内道路硬化项目招标公告", "finance", 160),
    DemoItem("公共资源交易/交易结果", "明光镇麻栎村村内道路硬化项目中标候选人公示", "finance", 135),
    DemoItem("公共资源交易/农村集体产权交易", "明光镇自治村集体林地经营权流转交易结果公告", "agri", 205),
    DemoItem(
        "卫生计生/计划生育奖励扶助/扶助对象公示", "明光镇{y}年农村部分计划生育家庭奖励扶助对象公示", "health", 250
    ),
    DemoItem("卫生计生/妇幼健康", "明光镇{y}年孕产妇免费产前筛查服务公告", "health", 150),
    DemoItem("保障性住房/分配管理", "明光镇公共租赁住房分配结果公示", "planning", 470),
    DemoItem("城市综合执法/执法依据", "明光镇综合行政执法事项清单", "gov", 430, numbered=True, normative=True),
    DemoItem("城市综合执法/执法公示/行政处罚结果", "明光镇{py}年下半年行政处罚结果公示", "enforcement", 290),
)

# Submitted for review by the editor (审核中): recent, not yet disclosed.
PENDING_ITEMS: tuple[DemoItem, ...] = (
    DemoItem("社会救助/最低生活保障/保障对象公示", "明光镇{y}年第四季度城乡最低生活保障对象公示", "social", 6),
    DemoItem("社会救助/临时救助/救助结果", "明光镇{y}年{m}月临时救助结果公示", "social", 3),
    DemoItem("财政预决算/预算", "明光镇{y}年前三季度财政收支情况", "finance", 10),
    DemoItem("生态环境/生态保护/森林防灭火", "明光镇{y}—{ny}年度冬春森林草原防灭火工作方案", "gov", 8, numbered=True),
    DemoItem("涉农补贴/补贴发放/发放结果公示", "明光镇{y}年秋冬种农业生产补贴对象公示", "agri", 5),
    DemoItem("城乡规划/规划编制/村庄规划", "明光镇顺河村村庄规划修编批前公示", "planning", 4),
)

# Saved but never submitted (草稿).
DRAFT_ITEMS: tuple[DemoItem, ...] = (
    DemoItem("安全生产/安全生产监管执法/监督检查计划", "明光镇{y}年冬季安全生产大检查方案", "emergency", 2),
    DemoItem("养老服务/养老政策/高龄津贴", "明光镇{y}年高龄津贴增发对象名单", "social", 1),
    DemoItem("城市综合执法/执法依据", "明光镇集镇停车秩序整治通告", "enforcement", 1),
)

# A policy document and its interpretation (政策文件 + 政策解读), both published.
POLICY = DemoItem(
    "生态环境/生态环境政策",
    "明光镇人民政府关于印发《明光镇农村人居环境整治提升五年行动实施方案（{y}—{y4}年）》的通知",
    "gov",
    70,
    numbered=True,
    keywords="农村人居环境 整治提升",
    summary="明确{y}—{y4}年全镇农村生活垃圾、生活污水治理和村容村貌提升的目标任务、责任分工和保障措施。",
)
INTERPRETATION = DemoItem(
    "生态环境/生态环境政策",
    "《明光镇农村人居环境整治提升五年行动实施方案（{y}—{y4}年）》政策解读",
    "office",
    68,
    keywords="农村人居环境 政策解读",
    summary="从起草背景、主要目标、重点任务和保障措施四个方面解读实施方案。",
)
INTERPRETATION_BODY = (
    "一、起草背景：为贯彻落实上级关于农村人居环境整治提升的部署，结合我镇实际，制定本方案。",
    "二、主要目标：到{y4}年，全镇农村生活垃圾收运处置体系实现全覆盖，卫生户厕普及率稳步提高。",
    "三、重点任务：推进农村厕所革命、生活污水治理、生活垃圾治理和村容村貌提升。",
    "四、保障措施：加强组织领导，落实资金保障，发挥村民主体作用，强化督促考核。",
    "五、联系方式：明光镇农业农村服务中心，联系电话 0875-5551236（演示）。",
)


# -- the five seed reports ------------------------------------------------------------


@dataclass(frozen=True)
class SeedReport:
    """A real report from seeds/, republished as an annual_report item of the demo."""

    filename: str
    title: str
    publisher: str  # key into ORGANISATIONS or SEED_ORGANISATIONS
    created_on: str
    disclosed_on: str
    summary: str


SEED_REPORTS: tuple[SeedReport, ...] = (
    SeedReport(
        "2017_mingguang_annual_report.txt",
        "明光镇2017年政府信息公开工作年度报告",
        "gov",
        "2018-01-02",
        "2018-01-02",
        "原索引号 01526095-6-/2018-0102001。",
    ),
    SeedReport(
        "2018_wulanhaote_pilot_exchange.txt",
        "乌兰浩特市基层政务公开标准化规范化试点工作交流材料",
        "seed_wulanhaote",
        "2018-05-03",
        "2018-05-03",
        "参考资料（转载）：试点城市的目录梳理与负面清单经验。",
    ),
    SeedReport(
        "2017_yushan_annual_report.txt",
        "华容县禹山镇人民政府2017年政府信息公开工作年度报告",
        "seed_yushan",
        "2018-03-15",
        "2018-03-15",
        "参考资料（转载），原索引号 006382986K/2018-1309079。",
    ),
    # The page header says 2018-01-22 but the report is signed 2018-12-20 and cites
    # events of July 2018: the signature date is the true 成文日期.
    SeedReport(
        "2017_fuyuan_annual_report.txt",
        "富源县2017年度政府信息公开年度报告",
        "seed_fuyuan",
        "2018-12-20",
        "2018-12-20",
        "参考资料（转载），原索引号 015158708/2023-08603。",
    ),
    SeedReport(
        "2022_huangjinbu_standardisation.txt",
        "【余干县黄金埠镇】“三步走”扎实推进基层政务公开标准化规范化工作",
        "seed_huangjinbu",
        "2022-09-22",
        "2022-09-22",
        "参考资料（转载）：目录修编、平台建设与35个网格的经验。",
    ),
)
