"""scan tables

Revision ID: 0002_scan
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002_scan'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('scan_runs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('settings', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scan_runs'))
    )
    op.create_table('scan_cache',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('engine', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('words', sa.Text(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('rotation', sa.Integer(), nullable=False),
    sa.Column('skew', sa.Float(), nullable=False),
    sa.Column('dpi', sa.Float(), nullable=False),
    sa.Column('layer', sa.LargeBinary(), nullable=False),
    sa.Column('seconds', sa.Float(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['scan_runs.id'], name=op.f('fk_scan_cache_run_id_scan_runs')),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_scan_cache'))
    )
    op.create_table('scan_files',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('format', sa.String(length=16), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('signed', sa.Boolean(), nullable=False),
    sa.Column('min_dpi', sa.Float(), nullable=True),
    sa.Column('low_dpi', sa.Boolean(), nullable=False),
    sa.Column('engine', sa.String(length=200), nullable=False),
    sa.Column('output_pdf', sa.Text(), nullable=False),
    sa.Column('output_text', sa.Text(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['scan_runs.id'], name=op.f('fk_scan_files_run_id_scan_runs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scan_files')),
    sa.UniqueConstraint('sha256', name=op.f('uq_scan_files_sha256'))
    )
    op.create_table('scan_pages',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('page_no', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('dpi', sa.Float(), nullable=True),
    sa.Column('low_dpi', sa.Boolean(), nullable=False),
    sa.Column('rotation', sa.Integer(), nullable=False),
    sa.Column('cache_key', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['scan_files.id'], name=op.f('fk_scan_pages_file_id_scan_files'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scan_pages')),
    sa.UniqueConstraint('file_id', 'page_no', name=op.f('uq_scan_pages_file_id_page_no'))
    )
    op.create_table('scan_results',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=100), nullable=False),
    sa.Column('number', sa.String(length=64), nullable=False),
    sa.Column('number_key', sa.String(length=64), nullable=False),
    sa.Column('issued', sa.Date(), nullable=True),
    sa.Column('issuer', sa.String(length=200), nullable=False),
    sa.Column('signer', sa.String(length=100), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('holder_name', sa.String(length=100), nullable=False),
    sa.Column('holder_key', sa.String(length=100), nullable=False),
    sa.Column('holder_id', sa.String(length=12), nullable=False),
    sa.Column('dossier_code', sa.String(length=64), nullable=False),
    sa.Column('result_code', sa.String(length=40), nullable=False),
    sa.Column('procedure_code', sa.String(length=40), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['scan_files.id'], name=op.f('fk_scan_results_file_id_scan_files'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scan_results')),
    sa.UniqueConstraint('file_id', name=op.f('uq_scan_results_file_id'))
    )
    with op.batch_alter_table('scan_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scan_results_holder_id'), ['holder_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_scan_results_holder_key'), ['holder_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_scan_results_number_key'), ['number_key'], unique=False)

    op.create_table('scan_fields',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('result_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('extracted', sa.Text(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('page_no', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('reviewed_by', sa.String(length=64), nullable=False),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['result_id'], ['scan_results.id'], name=op.f('fk_scan_fields_result_id_scan_results'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scan_fields')),
    sa.UniqueConstraint('result_id', 'name', name=op.f('uq_scan_fields_result_id_name'))
    )



def downgrade() -> None:

    op.drop_table('scan_fields')
    with op.batch_alter_table('scan_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scan_results_number_key'))
        batch_op.drop_index(batch_op.f('ix_scan_results_holder_key'))
        batch_op.drop_index(batch_op.f('ix_scan_results_holder_id'))

    op.drop_table('scan_results')
    op.drop_table('scan_pages')
    op.drop_table('scan_files')
    op.drop_table('scan_cache')
    op.drop_table('scan_runs')

