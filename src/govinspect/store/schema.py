"""Tables of the store. Portable SQL: what runs on SQLite runs on PostgreSQL.

A crawl is a stored snapshot: every response (``fetches``, with its WARC record),
every parsed page (``pages``), the frontier that makes it resumable, and the
findings the checks drew from it.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from govinspect.store.types import RowId, UtcDateTime

metadata = MetaData()

sites = Table(
    "sites",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "key", String(512), nullable=False, unique=True
    ),  # site identity: www/bare and scheme twins share it
    Column("url", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("site_code", String(16)),
    Column("registry", JSON, nullable=False),  # the registry row as last seen
    Column("created_at", UtcDateTime(), nullable=False),
)

crawls = Table(
    "crawls",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("site_id", Integer, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("state", String(16), nullable=False),  # running | finished
    Column("seed_url", Text, nullable=False),
    Column("started_at", UtcDateTime(), nullable=False),
    Column("finished_at", UtcDateTime()),
    Column("stopped_by", String(16)),  # complete | max-pages | time-budget | error
    Column("warc_path", Text, nullable=False),
    Column("warc_committed_bytes", BigInteger, nullable=False, default=0),
    Column("settings", JSON, nullable=False),
    Column("notes", JSON, nullable=False),
    Index("ix_crawls_site_state", "site_id", "state"),
)

frontier = Table(
    "frontier",
    metadata,
    Column("id", RowId, primary_key=True),
    Column("crawl_id", Integer, ForeignKey("crawls.id", ondelete="CASCADE"), nullable=False),
    Column("url", Text, nullable=False),
    Column("depth", Integer, nullable=False),
    Column("role", String(8), nullable=False),  # page (fetched, parsed, followed) | target (checked only)
    Column("done", Boolean, nullable=False, default=False),
    UniqueConstraint("crawl_id", "url", name="uq_frontier_crawl_url"),
    Index("ix_frontier_pending", "crawl_id", "done"),
)

fetches = Table(
    "fetches",
    metadata,
    Column("id", RowId, primary_key=True),
    Column("crawl_id", Integer, ForeignKey("crawls.id", ondelete="CASCADE"), nullable=False),
    Column("url", Text, nullable=False),
    Column("role", String(8), nullable=False),
    Column("method", String(8), nullable=False),
    Column("final_url", Text, nullable=False),
    Column("status", Integer),
    Column("error", String(16)),
    Column("error_detail", Text, nullable=False, default=""),
    Column("content_type", Text),
    Column("kind", String(16)),  # sniffed: html, pdf, image, office, archive, text, script-style, binary
    Column("redirects", JSON, nullable=False),  # [[url, status], ...]
    Column("title", Text),
    Column("text_length", Integer),
    Column("says_not_found", Boolean, nullable=False, default=False),
    Column("elapsed_ms", Integer, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("fetched_at", UtcDateTime(), nullable=False),
    Column("warc_path", Text),  # a shared check may point into another crawl's archive
    Column("record_id", String(64)),
    Column("warc_offset", BigInteger),
    Column("warc_length", BigInteger),
    UniqueConstraint("crawl_id", "url", name="uq_fetches_crawl_url"),
)

pages = Table(
    "pages",
    metadata,
    Column("id", RowId, primary_key=True),
    Column("crawl_id", Integer, ForeignKey("crawls.id", ondelete="CASCADE"), nullable=False),
    Column("url", Text, nullable=False),
    Column("depth", Integer, nullable=False),
    Column("record_id", String(64)),
    Column("parsed", LargeBinary, nullable=False),  # zlib-compressed JSON of model.Page
    UniqueConstraint("crawl_id", "url", name="uq_pages_crawl_url"),
)

host_probes = Table(
    "host_probes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("crawl_id", Integer, ForeignKey("crawls.id", ondelete="CASCADE"), nullable=False),
    Column("origin", Text, nullable=False),
    Column("probe_url", Text, nullable=False),
    Column("status", Integer),
    Column("final_url", Text),
    Column("title", Text),
    Column("text_length", Integer),
    Column("record_id", String(64)),
    UniqueConstraint("crawl_id", "origin", name="uq_host_probes_crawl_origin"),
)

findings = Table(
    "findings",
    metadata,
    Column("id", RowId, primary_key=True),
    Column("crawl_id", Integer, ForeignKey("crawls.id", ondelete="CASCADE"), nullable=False),
    Column("check_name", String(64), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("url", Text, nullable=False),
    Column("target", Text),
    Column("message", Text, nullable=False),
    Column("detail", JSON, nullable=False),
    Column("record_id", String(64)),
    Column("excerpt", Text),
    Column("fingerprint", String(64), nullable=False),
    Index("ix_findings_crawl", "crawl_id"),
    Index("ix_findings_fingerprint", "fingerprint"),
)

check_runs = Table(
    "check_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("crawl_id", Integer, ForeignKey("crawls.id", ondelete="CASCADE"), nullable=False),
    Column("check_name", String(64), nullable=False),
    Column("examined", Integer, nullable=False),
    Column("failed", Integer, nullable=False),
    Column("unverified", Integer, nullable=False),
    Column("review", Integer, nullable=False),
    Column("error", Text),
    Column("ran_at", UtcDateTime(), nullable=False),
    Column("seconds", Float, nullable=False),
    UniqueConstraint("crawl_id", "check_name", name="uq_check_runs_crawl_check"),
)

availability_probes = Table(
    "availability_probes",
    metadata,
    Column("id", RowId, primary_key=True),
    Column("site_id", Integer, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("slot_start", UtcDateTime(), nullable=False),  # UTC; one row per (site, slot)
    Column("slot_seconds", Float, nullable=False),  # interval of the schedule the slot belongs to
    Column("url", Text, nullable=False),  # the homepage visited
    Column("outcome", String(16), nullable=False),  # ok | failed | unverified | missed
    Column("started_at", UtcDateTime()),  # UTC; null for a missed slot
    Column("elapsed_ms", Integer),
    Column("status", Integer),
    Column("error", String(16)),  # dns, connect, tls, timeout, http, protocol, redirect-loop, forbidden
    Column("error_detail", Text, nullable=False, default=""),
    Column("final_url", Text),
    UniqueConstraint("site_id", "slot_start", name="uq_availability_probes_site_slot"),
)

column_items = Table(
    "column_items",
    metadata,
    Column("id", RowId, primary_key=True),
    Column("crawl_id", Integer, ForeignKey("crawls.id", ondelete="CASCADE"), nullable=False),
    Column("site_id", Integer, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("column_url", Text, nullable=False),
    Column("column_name", Text, nullable=False),
    Column("item_url", Text),  # null: the column listed nothing (kept so its vanishing can be seen)
    Column("title", Text, nullable=False),
    Column("displayed_date", Date),  # null: the item shows no date
    # the crawl that first listed the item, and its day (no foreign key: retention may delete that crawl)
    Column("first_seen_crawl_id", Integer, nullable=False),
    Column("first_seen_on", Date, nullable=False),
    Index("ix_column_items_crawl", "crawl_id"),
    Index("ix_column_items_site", "site_id", "crawl_id"),
)

campaigns = Table(
    "campaigns",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("as_of", Date, nullable=False),  # the monitoring point T of every site of the campaign
    Column("framework", Text, nullable=False),  # id of a built-in framework, or the path of a file
    Column("framework_version", String(64), nullable=False),
    Column("plan", JSON, nullable=False),  # seed, rate or count, strata: enough to redraw the sample
    Column("registry", Text, nullable=False),  # the registry file the sample was drawn from
    Column("eligible", Integer, nullable=False),  # registry rows the sample was drawn from
    Column("deadline_days", Integer, nullable=False),  # rectification deadline, counted from T
)

campaign_sites = Table(
    "campaign_sites",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    Column("site_id", Integer, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("stratum", Text, nullable=False),
    Column("state", String(16), nullable=False),  # pending | done
    Column("crawl_id", Integer, ForeignKey("crawls.id", ondelete="SET NULL")),
    Column("verdict", String(16)),  # qualified | unqualified | unverified (not inspected)
    Column("vetoes", JSON),
    Column("score", Float),
    Column("summary", JSON),  # fail findings per check, indicators not assessed, notes
    Column("finished_at", UtcDateTime()),
    UniqueConstraint("campaign_id", "site_id", name="uq_campaign_sites_site"),
    Index("ix_campaign_sites_state", "campaign_id", "state"),
)

rectification_items = Table(
    "rectification_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    Column("site_id", Integer, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("fingerprint", String(64), nullable=False),  # the problem, as every run names it
    Column("check_name", String(64), nullable=False),
    Column("indicator", String(64)),
    Column("url", Text, nullable=False),
    Column("target", Text),
    Column("message", Text, nullable=False),
    Column("organizer", Text),  # who must fix it (the site's 主办单位)
    Column("opened_on", Date, nullable=False),
    Column("deadline", Date, nullable=False),
    Column("state", String(16), nullable=False),  # open | claimed | fixed | reopened
    Column("history", JSON, nullable=False),  # [{on, state, by, note, crawl_id}], oldest first
    UniqueConstraint("campaign_id", "site_id", "fingerprint", name="uq_rectification_problem"),
    Index("ix_rectification_state", "campaign_id", "state"),
)

# New media (政务新媒体): the registered accounts, each collection of one account (kept: history), and the
# posts a collection read.
accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(255), nullable=False, unique=True),  # platform:account_id
    Column("row", JSON, nullable=False),  # the registry row as last stored (every Account field)
)

account_collections = Table(
    "account_collections",
    metadata,
    Column("id", RowId, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("collected_at", UtcDateTime(), nullable=False),
    Column("source", String(16), nullable=False),  # rss | json | html | api
    Column("error", Text),  # why nothing could be read
    Column("comments_open", Boolean),
    Column("channels", JSON, nullable=False),  # [{name, url, items, interactive}]
    Index("ix_account_collections_account", "account_id", "collected_at"),
)

posts = Table(
    "posts",
    metadata,
    Column("id", RowId, primary_key=True),
    Column("collection_id", RowId, ForeignKey("account_collections.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),  # order in the collection, as the source listed it
    Column("url", Text),
    Column("published", UtcDateTime()),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("original", Boolean),
    Column("comments", Integer),
    Column("likes", Integer),
    Column("shares", Integer),
    Column("reads", Integer),
    Index("ix_posts_collection", "collection_id", "position"),
)
