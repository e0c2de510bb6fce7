"""Chinese government wording for the demo pages: titles, body paragraphs, messages, service guides.

All text is written for the demo from phrase banks, drawn with a seeded
random generator so that an estate is the same for the same seed. Every
character is in GBK, so the same text can be served by the GBK site. The
banks hold no personal data (no names, identity or mobile numbers) and no
misspelt terms: checks for those must stay silent unless a problem is planted.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

ContentKind = Literal["news", "notice", "policy", "interpretation", "personnel", "plan"]

TOPICS = (
    "安全生产", "防汛抗旱", "优化营商环境", "乡村振兴", "城市更新", "大气污染防治", "稳就业",
    "养老服务", "义务教育", "医疗保障", "森林防灭火", "燃气安全", "消防安全", "食品安全",
    "招商引资", "科技创新", "数字政府建设", "政务公开", "耕地保护", "河湖长制", "林长制",
    "文明城市创建", "农村人居环境整治", "秋粮收购", "农田水利建设", "民生实事", "社会救助",
    "老旧小区改造", "公共文化服务", "生态环境保护", "质量强市", "统计调查", "防范化解债务风险",
)  # fmt: skip

_NEWS_TITLES = (
    "{place}召开{topic}工作推进会",
    "{place}部署{topic}重点工作",
    "{place}{topic}工作取得阶段性成效",
    "{place}举办{topic}专题培训班",
    "{place}开展{topic}专项督查",
    "{place}专题研究{topic}等工作",
    "{place}召开{topic}工作调度会",
    "{place}{topic}现场观摩活动举行",
    "{place}赴基层督查{topic}工作",
    "{place}扎实推进{topic}工作",
)
_NOTICE_TITLES = (
    "关于做好{year}年{topic}工作的通知",
    "关于开展{topic}专项行动的通知",
    "关于{topic}有关事项的公告",
    "关于征求《{place}{topic}工作方案（征求意见稿）》意见的公告",
    "{place}{year}年{topic}项目公示",
    "关于调整{topic}有关工作安排的通知",
)
_POLICY_TITLES = (
    "{issuer}关于印发{topic}实施方案的通知",
    "{office}关于进一步加强{topic}工作的意见",
    "{issuer}关于印发{topic}三年行动计划（{year}—{year2}年）的通知",
    "{office}关于印发{topic}若干措施的通知",
)
_PERSONNEL_TITLES = (
    "{place}{year}年公开招聘事业单位工作人员公告",
    "{place}{year}年度考试录用公务员拟录用人员公示",
    "{place}{year}年公开遴选公务员公告",
    "关于{place}{year}年人才引进工作的公告",
)
_PLAN_TITLES = (
    "{place}{year}年{topic}工作要点",
    "{place}{topic}“十五五”规划",
    "{place}{year}年{topic}工作计划",
    "{place}{year}年政府信息公开工作要点",
)
_SOURCES = ("{office}", "{place}新闻中心", "{place}政务公开办公室")

_OPENINGS = (
    "近日，{place}召开专题会议，研究部署{topic}工作。",
    "为深入贯彻落实党中央、国务院决策部署，扎实推进{topic}工作，{place}结合实际制定具体措施。",
    "{date}，{place}组织召开{topic}工作会议，总结前一阶段工作，安排部署下一步任务。",
    "根据上级有关工作要求，{place}近期集中开展{topic}工作。",
)
_MIDDLES = (
    "会议指出，{topic}事关人民群众切身利益，各地各部门要提高政治站位，切实增强责任感和紧迫感。",
    "会议强调，要坚持问题导向，聚焦重点领域和关键环节，确保各项任务落地见效。",
    "各有关单位要加强统筹协调，明确责任分工，建立工作台账，定期调度工作进展。",
    "要强化督促检查，对工作推进不力的单位及时通报，确保按时保质完成目标任务。",
    "要坚持以人民为中心的发展思想，把群众满意作为检验工作成效的根本标准。",
    "今年以来，{place}累计投入资金{money}万元，完成重点项目{count}个，惠及群众{people}万人。",
    "下一步，{place}将持续深化{topic}工作，健全长效机制，巩固提升工作成果。",
    "要加强宣传引导，及时回应社会关切，营造全社会共同参与的良好氛围。",
    "各地各部门要严格落实属地责任和行业监管责任，形成工作合力。",
)
_CLOSINGS = (
    "会上，有关部门负责同志作了交流发言。",
    "本通知自印发之日起施行。",
    "特此公告。",
    "联系人及联系方式详见附件。",
    "各有关单位要按照要求认真抓好贯彻落实。",
)

_POLICY_BODY = (
    "为深入贯彻落实党中央、国务院关于{topic}的决策部署，进一步推动{topic}工作高质量发展，结合{place}实际，制定本方案。",
    "一、总体要求。坚持以习近平新时代中国特色社会主义思想为指导，坚持稳中求进工作总基调，"
    "到{year2}年，{topic}工作体系更加完善，重点任务全面完成。",
    "二、主要任务。（一）健全工作机制，明确部门职责分工。（二）加大投入力度，统筹用好各类资金。"
    "（三）强化数字赋能，提升{topic}信息化水平。（四）加强监督管理，依法查处违法违规行为。",
    "三、保障措施。各地各部门要加强组织领导，将{topic}工作纳入年度目标考核，强化督促检查和评估问效。",
    "四、本方案自印发之日起施行，有效期至{year2}年12月31日。",
)
_MESSAGE_ISSUES = (
    "小区停车难", "冬季供暖时间", "学区划分", "路灯长期不亮", "夜间施工噪音扰民", "公交线路调整",
    "医保异地就医备案", "公积金提取", "城乡居民养老保险缴费", "燃气管道改造", "农村道路破损",
    "二手房过户办理", "电动自行车充电设施", "老旧小区加装电梯",
)  # fmt: skip
_ASKER_SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴")
_PORTAL_REPLIERS = (
    "住房和城乡建设局",
    "人力资源和社会保障局",
    "交通运输局",
    "教育局",
    "城市管理局",
    "医疗保障局",
)
_DEPARTMENT_REPLIERS = ("办公厅", "政策法规司", "规划财务司", "人事司")

GUIDE_ELEMENTS = (
    "事项名称",
    "设定依据",
    "申请条件",
    "办理材料",
    "办理地点",
    "办理时间",
    "联系电话",
    "办理流程",
)
GUIDE_SERVICES = (
    "居民身份证换领", "不动产登记", "个体工商户设立登记", "城乡居民基本养老保险参保登记",
    "最低生活保障申请", "建设工程规划许可证核发", "食品经营许可", "残疾人证办理", "生育登记服务",
    "临时救助申请",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Message:
    title: str
    asker: str  # masked, as boards publish it: 王**
    question: str
    replier: str
    answer: str


class Writer:
    """Writes the texts of one site in its own voice.

    ``place`` is how the site names its government or body (合肥市, 民政部),
    ``issuer`` the body that signs its documents (合肥市人民政府, 民政部) and
    ``office`` its general office (合肥市人民政府办公室, 民政部办公厅).
    """

    def __init__(self, rng: random.Random, *, place: str, issuer: str, office: str, department: bool) -> None:
        self._rng = rng
        self._place = place
        self._issuer = issuer
        self._office = office
        self._department = department

    def topic(self) -> str:
        return self._rng.choice(TOPICS)

    def title(self, kind: ContentKind, topic: str, year: int) -> str:
        """A title for an item of ``kind`` about ``topic``, published in ``year``."""
        bank = {
            "news": _NEWS_TITLES,
            "notice": _NOTICE_TITLES,
            "policy": _POLICY_TITLES,
            "interpretation": _POLICY_TITLES,
            "personnel": _PERSONNEL_TITLES,
            "plan": _PLAN_TITLES,
        }[kind]
        return self._rng.choice(bank).format(
            place=self._place,
            issuer=self._issuer,
            office=self._office,
            topic=topic,
            year=year,
            year2=year + 2,
        )

    def source(self) -> str:
        return self._rng.choice(_SOURCES).format(place=self._place, office=self._office)

    def policy_paragraphs(self, topic: str, year: int) -> tuple[str, ...]:
        """The body of a policy document (方案) about ``topic``."""
        return tuple(part.format(place=self._place, topic=topic, year2=year + 2) for part in _POLICY_BODY)

    def paragraphs(self, topic: str, when: str, count: int) -> tuple[str, ...]:
        """``count`` paragraphs (at least two) about ``topic``; ``when`` is a date in words (11月20日)."""
        fill = {
            "place": self._place,
            "topic": topic,
            "date": when,
            "money": str(self._rng.randrange(200, 9000)),
            "count": str(self._rng.randrange(3, 60)),
            "people": str(self._rng.randrange(1, 40)),
        }
        middles = self._rng.sample(_MIDDLES, k=min(len(_MIDDLES), max(count - 2, 0) * 2))
        body = [self._rng.choice(_OPENINGS).format(**fill)]
        for index in range(0, len(middles), 2):
            body.append("".join(part.format(**fill) for part in middles[index : index + 2]))
        body.append(self._rng.choice(_CLOSINGS))
        return tuple(body)

    def message(self) -> Message:
        issue = self._rng.choice(_MESSAGE_ISSUES)
        repliers = _DEPARTMENT_REPLIERS if self._department else _PORTAL_REPLIERS
        who = "一名关注此事的群众" if self._department else f"{self._place}居民"
        return Message(
            title=f"关于{issue}问题的咨询",
            asker=self._rng.choice(_ASKER_SURNAMES) + "**",
            question=f"您好！我是{who}，想咨询{issue}的有关情况，希望有关部门尽快答复，谢谢！",
            replier=self._place + self._rng.choice(repliers),
            answer=(
                f"您好！您反映的{issue}问题已收悉。经了解，我单位已安排专人核实，"
                "将按照有关规定依法依规办理，感谢您对我们工作的关心和支持。"
            ),
        )

    def guide_values(self, service: str, phone: str, address: str) -> dict[str, str]:
        """The text of every element of a service guide (办事指南) for ``service``."""
        basis = self._rng.choice(("中华人民共和国行政许可法", "社会救助暂行办法", "不动产登记暂行条例"))
        return {
            "事项名称": service,
            "设定依据": f"《{basis}》",
            "申请条件": f"符合国家和{self._place}有关规定的申请人均可申请。",
            "办理材料": "1. 申请表（原件1份）；2. 申请人有效身份证件（原件核验）；3. 其他相关证明材料。",
            "办理地点": f"{address}政务服务大厅综合窗口",
            "办理时间": "工作日上午9:00—12:00，下午13:30—17:00（法定节假日除外）",
            "联系电话": phone,
            "办理流程": "申请—受理—审查—决定—送达",
            "收费标准": "不收费",
            "承诺时限": f"{self._rng.randrange(1, 15)}个工作日",
        }
