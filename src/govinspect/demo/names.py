"""The real government websites the demo estate imitates.

Names, host names and administrative division codes are public facts taken
from the site lists in ``cn-gov-site-lists`` (GovWebCrawler's ``gov_urls.csv``
for county and city portals, Policy-Transparency-China's lists for the
provincial portal and the national ministries). The lists carry no 网站标识码,
so the site codes here follow the official format — the 6-digit division
code and a 4-digit serial for portals, ``bm`` and 8 digits for department
sites — and the filing numbers follow the provinces' formats; none of these
numbers is claimed to be the real one. The pages are served on loopback
under the real host names; nothing is fetched from the real sites.
"""

from __future__ import annotations

from dataclasses import dataclass

from govinspect.model.site import Level, SiteType

NATIONAL_PORTAL_CODE = "bm01000001"  # 中国政府网, the supervising portal of the province and the ministries


@dataclass(frozen=True, slots=True)
class RealSite:
    """Identity of one real site: what its registry row and its footer show."""

    key: str  # short id used by the blueprint
    name: str  # 网站名称
    host: str  # registered host, from the corpus URL
    organizer: str  # 主办单位
    site_type: SiteType
    level: Level
    region_code: str  # 行政区划代码
    region: str
    site_code: str  # 网站标识码
    parent_key: str | None  # key of the supervising portal in this estate; None: 中国政府网
    place: str  # how the site's own texts name the government or body ("合肥市", "民政部")
    doc_prefix: str  # 发文字号 prefix, e.g. 合政 in 合政〔2026〕12号
    area_code: str  # telephone area code
    icp: str  # ICP filing number
    psb: str  # public-security filing number (digits)
    psb_prefix: str  # 皖公网安备 / 京公网安备
    address: str


REAL_SITES: tuple[RealSite, ...] = (
    RealSite(
        "ah", "安徽省人民政府", "www.ah.gov.cn", "安徽省人民政府办公厅", "portal", "province",
        "340000", "安徽省", "3400000001", None, "安徽省", "皖政", "0551",
        "皖ICP备05001235号", "34010402000561", "皖公网安备", "合肥市包河区中山路1号",
    ),
    RealSite(
        "hefei", "合肥市人民政府", "www.hefei.gov.cn", "合肥市人民政府办公室", "portal", "city",
        "340100", "安徽省合肥市", "3401000001", "ah", "合肥市", "合政", "0551",
        "皖ICP备05001568号", "34010402000817", "皖公网安备", "合肥市东流路100号",
    ),
    RealSite(
        "wuhu", "芜湖市人民政府", "www.wuhu.gov.cn", "芜湖市人民政府办公室", "portal", "city",
        "340200", "安徽省芜湖市", "3402000001", "ah", "芜湖市", "芜政", "0553",
        "皖ICP备05003216号", "34020202000142", "皖公网安备", "芜湖市鸠江区瑞祥路88号",
    ),
    RealSite(
        "anqing", "安庆市人民政府", "www.anqing.gov.cn", "安庆市人民政府办公室", "portal", "city",
        "340800", "安徽省安庆市", "3408000001", "ah", "安庆市", "宜政", "0556",
        "皖ICP备05004427号", "34080202000231", "皖公网安备", "安庆市宜秀区菱湖南路",
    ),
    RealSite(
        "feixi", "肥西县人民政府", "www.ahfeixi.gov.cn", "肥西县人民政府办公室", "portal", "county",
        "340123", "安徽省合肥市肥西县", "3401230001", "hefei", "肥西县", "肥政", "0551",
        "皖ICP备05009876号", "34012302000105", "皖公网安备", "肥西县上派镇金寨南路",
    ),
    RealSite(
        "chaohu", "巢湖市人民政府", "www.chaohu.gov.cn", "巢湖市人民政府办公室", "portal", "county",
        "340181", "安徽省合肥市巢湖市", "3401810001", "hefei", "巢湖市", "巢政", "0551",
        "皖ICP备05011207号", "34018102000088", "皖公网安备", "巢湖市健康东路",
    ),
    RealSite(
        "jjq", "芜湖市鸠江区人民政府", "www.jjq.gov.cn", "鸠江区人民政府办公室", "portal", "county",
        "340207", "安徽省芜湖市鸠江区", "3402070001", "wuhu", "鸠江区", "鸠政", "0553",
        "皖ICP备05012954号", "34020702000163", "皖公网安备", "芜湖市鸠江区万春东路",
    ),
    RealSite(
        "huaining", "怀宁县人民政府", "www.ahhn.gov.cn", "怀宁县人民政府办公室", "portal", "county",
        "340822", "安徽省安庆市怀宁县", "3408220001", "anqing", "怀宁县", "怀政", "0556",
        "皖ICP备05013370号", "34082202000047", "皖公网安备", "怀宁县高河镇府前路",
    ),
    RealSite(
        "yuexi", "岳西县人民政府", "www.yuexi.gov.cn", "岳西县人民政府办公室", "portal", "county",
        "340828", "安徽省安庆市岳西县", "3408280001", "anqing", "岳西县", "岳政", "0556",
        "皖ICP备05014102号", "34082802000019", "皖公网安备", "岳西县天堂镇天峡路",
    ),
    RealSite(
        "mca", "中华人民共和国民政部", "www.mca.gov.cn", "中华人民共和国民政部", "department", "national",
        "100000", "全国", "bm14000001", None, "民政部", "民发", "010",
        "京ICP备05063210号", "11010202000120", "京公网安备", "北京市东城区北河沿大街147号",
    ),
    RealSite(
        "mwr", "中华人民共和国水利部", "www.mwr.gov.cn", "中华人民共和国水利部", "department", "national",
        "100000", "全国", "bm19000001", None, "水利部", "水规计", "010",
        "京ICP备05003425号", "11010202000315", "京公网安备", "北京市西城区白广路二条2号",
    ),
    RealSite(
        "stats", "国家统计局", "www.stats.gov.cn", "国家统计局", "department", "national",
        "100000", "全国", "bm36000001", None, "国家统计局", "国统字", "010",
        "京ICP备05034670号", "11040102700068", "京公网安备", "北京市西城区月坛南街57号",
    ),
)  # fmt: skip


def real_site(key: str) -> RealSite:
    """The site with this blueprint key."""
    for site in REAL_SITES:
        if site.key == key:
            return site
    raise KeyError(key)
