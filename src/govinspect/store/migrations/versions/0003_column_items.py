"""column items: each crawl's columns and their items, so the next crawl can see what changed

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 02:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "column_items",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("crawl_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("column_url", sa.Text(), nullable=False),
        sa.Column("column_name", sa.Text(), nullable=False),
        sa.Column("item_url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("displayed_date", sa.Date(), nullable=True),
        sa.Column("first_seen_crawl_id", sa.Integer(), nullable=False),
        sa.Column("first_seen_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["crawl_id"], ["crawls.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("column_items", schema=None) as batch_op:
        batch_op.create_index("ix_column_items_crawl", ["crawl_id"], unique=False)
        batch_op.create_index("ix_column_items_site", ["site_id", "crawl_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("column_items", schema=None) as batch_op:
        batch_op.drop_index("ix_column_items_site")
        batch_op.drop_index("ix_column_items_crawl")
    op.drop_table("column_items")
